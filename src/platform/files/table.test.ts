// Finding the table, and stopping the reader whatever the importer does with it (item 10: nothing left open).
import { describe, expect, it } from 'vitest';
import type { SheetRow } from './spreadsheet.ts';
import { HEADER_SCAN_ROWS, locateTable } from './table.ts';
import { readRows } from '../../modules/enterprises/enterprises.import.ts';

/** A source that records whether its reader was stopped (its `finally` ran, as the file streams' do). */
function source(rows: SheetRow[]) {
  const state = { stopped: false, read: 0 };
  const gen = (async function* () {
    try {
      for (const r of rows) {
        state.read++;
        yield r;
      }
    } finally {
      state.stopped = true;
    }
  })();
  return { gen, state };
}
const isHeader = (cells: string[]) => cells.includes('H');

describe('locateTable', () => {
  it('finds the header below a title on the first sheet that has one, and stops at the end of that sheet', async () => {
    const { gen, state } = source([
      { row: 1, cells: ['notes'], sheet: 'A' },
      { row: 1, cells: ['Title'], sheet: 'B' },
      { row: 3, cells: ['H', 'x'], sheet: 'B' },
      { row: 4, cells: ['1'], sheet: 'B', hidden: true },
      { row: 9, cells: ['2'], sheet: 'B' },
      { row: 1, cells: ['H'], sheet: 'C' },
    ]);
    const t = await locateTable(gen, { isHeader });
    const rows = [];
    for await (const r of t.rows) rows.push(r.row);
    expect(rows).toEqual([4, 9]);
    expect(t.info).toMatchObject({ sheet: 'B', headerRow: 3, hiddenRows: 1 });
    expect(state).toEqual({ stopped: true, read: 6 });
  });

  it(`looks no further than ${HEADER_SCAN_ROWS} non-empty rows of a sheet`, async () => {
    const rows: SheetRow[] = Array.from({ length: HEADER_SCAN_ROWS }, (_, i) => ({
      row: i + 1,
      cells: ['t'],
    }));
    rows.push({ row: 11, cells: ['H'] });
    const t = await locateTable(source(rows).gen, { isHeader });
    expect(t.info.headerRow).toBe(1);
  });

  it('stops the reader when the importer refuses the header before reading a row', async () => {
    const { gen, state } = source([
      { row: 1, cells: ['统一社会信用代码', '企业名称'] },
      { row: 2, cells: ['91500107MA5U00011B', 'x'] },
    ]);
    await expect(readRows(gen)).rejects.toMatchObject({ code: 'IMPORT_INVALID' });
    expect(state.stopped).toBe(true);
    expect(state.read).toBe(1);
  });
});

// Finding the table in an uploaded workbook: the sheet and the header row, as an office worker's file has them.
import { AppError } from '../http/errors.ts';
import type { SheetRow, SpreadsheetSource } from './spreadsheet.ts';
import type { CsvEncoding } from './spreadsheet.ts';

/** Rows above the header that may hold a title, notes or nothing: the header is looked for in the first ten. */
export const HEADER_SCAN_ROWS = 10;

export interface TableOptions {
  /** Whether a row is the importer's header (e.g. it names at least two of the template's columns). */
  isHeader: (cells: string[]) => boolean;
  /** Sheets named like the template's are tried first. */
  preferSheet?: (name: string) => boolean;
}

/** What the preview says about where the data was read. */
export interface TableInfo {
  format: string;
  /** The sheet read; null for a .csv. */
  sheet: string | null;
  /** The header's row number in the sheet (1 = the first). */
  headerRow: number;
  /** Data rows the office program hides: imported like the others, counted for the preview. */
  hiddenRows: number;
  encoding: CsvEncoding | null;
}

export interface Table {
  header: SheetRow;
  /** The data rows below the header, on the same sheet. */
  rows: AsyncGenerator<SheetRow>;
  info: TableInfo;
  /**
   * Stops the reader (its streams and file descriptors closed). The importer calls it in `finally`: an import that
   * fails before it iterates `rows` (a header missing a column) would otherwise leave the file's streams open.
   */
  close(): Promise<void>;
}

const isSource = (s: AsyncIterable<SheetRow>): s is SpreadsheetSource =>
  typeof (s as Partial<SpreadsheetSource>).rows === 'function' && 'info' in s;

const blank = (r: SheetRow) => r.cells.every((c) => c.trim() === '');

/**
 * The first sheet (preferred ones first) with a header in its first HEADER_SCAN_ROWS rows, and its rows below it.
 * Without one anywhere, the first non-empty row of the file stands as the header, so that the importer names the
 * columns it misses; a file with no non-empty row is "文件中没有数据".
 */
export async function locateTable(source: AsyncIterable<SheetRow>, opts: TableOptions): Promise<Table> {
  const it = (isSource(source) ? source.rows(opts.preferSheet) : source)[Symbol.asyncIterator]();
  let sheet: string | undefined;
  let seen = 0;
  let fallback: SheetRow | undefined;
  let header: SheetRow | undefined;
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    const r = next.value;
    if (r.sheet !== sheet || seen === 0) {
      if (r.sheet !== sheet) seen = 0;
      sheet = r.sheet;
    }
    if (seen >= HEADER_SCAN_ROWS) continue;
    if (blank(r)) continue;
    seen++;
    fallback ??= r;
    if (opts.isHeader(r.cells)) {
      header = r;
      break;
    }
  }
  const format = isSource(source) ? source.info.format : 'xlsx';
  const encoding = isSource(source) ? source.info.encoding : null;
  if (!header && !fallback) {
    await it.return?.();
    throw new AppError('VALIDATION', '文件中没有数据', [{ path: 'file', message: '文件为空' }]);
  }
  const found = header ?? fallback!;
  const info: TableInfo = {
    format,
    sheet: format === 'csv' ? null : (found.sheet ?? null),
    headerRow: found.row,
    hiddenRows: 0,
    encoding,
  };
  const close = async () => {
    await it.return?.();
  };
  if (!header) {
    await close();
    return { header: found, rows: (async function* () {})(), info, close };
  }
  const rows = (async function* () {
    try {
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        // The table ends with its sheet: the reader stops there (the rest of the file is not read).
        if (next.value.sheet !== found.sheet) return;
        if (next.value.hidden && !blank(next.value)) info.hiddenRows++;
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  })();
  return { header: found, rows, info, close };
}

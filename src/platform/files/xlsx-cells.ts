// The xlsx cell reader: parts of a workbook (already bounded by spreadsheet.ts) → rows of cell text. Swap this file to change the parser.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.ts';
import { dateOfUtcMidnight } from '../time/date.ts';

/** What a part is for: the reader says, the caller bounds it accordingly. Absent parts are null. */
export type PartKind = 'meta' | 'strings' | 'sheet';
export type PartOpener = (name: string, kind: PartKind) => Promise<Readable | null>;
export interface XlsxRow {
  /** The row's number in the sheet (1 = the first). */
  row: number;
  /** Cell text by column, from column A; missing cells are ''. */
  cells: string[];
}

/**
 * Text of a cell as a person would read it: dates as YYYY-MM-DD, numbers without float noise, and an integer
 * beyond double precision (an 18-digit USCC typed as a number) marked rather than silently rounded.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateOfUtcMidnight(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value))
      return Number.isSafeInteger(value) ? String(value) : `#LOSTPRECISION:${value}`;
    return String(Number(value.toFixed(6)));
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

// ExcelJS's streaming reader, driven part by part: it would otherwise unzip the upload itself, with no bound on what
// it inflates. These are its own parsing steps (exceljs 4.x), fed with streams that are already bounded.
interface ExcelJsWorkbookReader {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string; id: number; name: string }[] };
  sharedStrings?: unknown[];
  _parseRels(s: Readable): Promise<void>;
  _parseWorkbook(s: Readable): Promise<void>;
  _parseStyles(s: Readable): Promise<void>;
  _parseSharedStrings(s: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(s: Readable, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

const unreadable = () => new AppError('UNSUPPORTED_MEDIA_TYPE', '无法读取该 .xlsx 文件');

/** Rows of the workbook's first sheet (in the workbook's order), streamed. */
export async function* xlsxRows(open: PartOpener): AsyncGenerator<XlsxRow> {
  const Reader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
    input: null,
    options: object,
  ) => ExcelJsWorkbookReader;
  const reader = new Reader(null, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  try {
    const rels = await open('xl/_rels/workbook.xml.rels', 'meta');
    const book = await open('xl/workbook.xml', 'meta');
    if (!rels || !book) throw unreadable();
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const styles = await open('xl/styles.xml', 'meta');
    if (styles) await reader._parseStyles(styles);
    const strings = await open('xl/sharedStrings.xml', 'strings');
    if (strings) for await (const _ of reader._parseSharedStrings(strings));
    else reader.sharedStrings = [];
    const first = reader.model?.sheets?.[0];
    const target = reader.workbookRels?.find((r) => r.Id === first?.rId)?.Target;
    const sheetNo = target && /sheet(\d+)\.xml$/.exec(target)?.[1];
    if (!target || !sheetNo) throw unreadable();
    const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const stream = await open(sheetPath, 'sheet');
    if (!stream) throw unreadable();
    const [event] = [...reader._parseWorksheet(stream, sheetNo)];
    for await (const row of event!.value) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
      yield { row: row.number, cells };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable();
  }
}

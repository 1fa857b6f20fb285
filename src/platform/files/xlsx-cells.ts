// The xlsx cell reader: parts of a workbook (already bounded by spreadsheet.ts) → rows of cell text, by its own
// streaming scan of the sheet XML. Every cached value is read as written — 0 included — and an error value or a
// formula without a result is reported on its cell. (ExcelJS dropped a cached 0: docs/imports.md, bench/imports.ts.)
import type { Readable } from 'node:stream';
import { AppError } from '../http/errors.ts';
import { dateOfDayNumber } from '../time/date.ts';
import { attr, decodeXml, scanXml, xmlScanner } from './xml-scan.ts';

/** What a part is for: the reader says, the caller bounds it accordingly. Absent parts are null. */
export type PartKind = 'meta' | 'strings' | 'sheet';
export type PartOpener = (name: string, kind: PartKind) => Promise<Readable | null>;

/** A cell that has no usable value, and why (its text is ''). */
export interface CellProblem {
  /** 0-based column. */
  col: number;
  reason: string;
}
export interface XlsxRow {
  /** The row's number in the sheet, as the file states it (1 = the first). */
  row: number;
  /** Cell text by column, from column A; missing cells are ''. */
  cells: string[];
  /** The sheet's name. */
  sheet?: string;
  /** Hidden in the office program (the row is still imported; the preview says so). */
  hidden?: boolean;
  problems?: CellProblem[];
}

export const NO_CACHED_RESULT = '公式没有计算结果，请在 Excel 中重新计算并保存';
export const errorValueReason = (v: string) => `单元格为错误值 ${v}，请修正公式`;

/** Days from 1970-01-01 back to the serial's epoch: serial 25569 is 1970-01-01 (1900 system, after 1900-03-01). */
const SERIAL_1970 = 25569;
/** A date serial as YYYY-MM-DD (time of day dropped). */
export function serialDate(serial: number, date1904 = false): string {
  return dateOfDayNumber(Math.floor(serial) + (date1904 ? 1462 : 0) - SERIAL_1970);
}

/** Number text as a person reads it: no float noise; an integer beyond double precision marked, not rounded. */
export function numberText(value: number): string {
  if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : `#LOSTPRECISION:${value}`;
  return String(Number(value.toFixed(6)));
}

const builtinDateFormats = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);
/** Whether a number format shows a date or time: y, m, d, h or s outside quotes, escapes and [colour]s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  return /[ymdhs年月日]/.test(
    bare
      .toLowerCase()
      .replace(/general/g, '')
      .replace(/e[+-]/g, ''),
  );
}

const colOf = (ref: string | undefined): number => {
  if (!ref) return -1;
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
};

const unreadable = () => new AppError('UNSUPPORTED_MEDIA_TYPE', '无法读取该 .xlsx 文件');

export interface WorkbookSheet {
  name: string;
  path: string;
  hidden: boolean;
}

/** The workbook's sheets in its order, and whether its dates count from 1904. */
export async function workbookSheets(
  open: PartOpener,
): Promise<{ sheets: WorkbookSheet[]; date1904: boolean }> {
  const rels = await open('xl/_rels/workbook.xml.rels', 'meta');
  const book = await open('xl/workbook.xml', 'meta');
  if (!rels || !book) throw unreadable();
  const targets = new Map<string, string>();
  await scanXml(rels, {
    open(name, a) {
      if (name !== 'Relationship') return;
      const id = attr(a, 'Id');
      const target = attr(a, 'Target');
      if (id && target) targets.set(id, target);
    },
    close() {},
    text() {},
  });
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  await scanXml(book, {
    open(name, a) {
      if (name === 'workbookPr') {
        const v = attr(a, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
      if (name !== 'sheet') return;
      const target = targets.get(attr(a, 'id') ?? '');
      if (!target) return;
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      const state = attr(a, 'state');
      sheets.push({
        name: attr(a, 'name') ?? '',
        path,
        hidden: state === 'hidden' || state === 'veryHidden',
      });
    },
    close() {},
    text() {},
  });
  return { sheets, date1904 };
}

/** The styles that show dates: the index of every cell format (`s`) whose number format is a date. */
export async function dateStyles(open: PartOpener): Promise<Set<number>> {
  const styles = await open('xl/styles.xml', 'meta');
  const dates = new Set<number>();
  if (!styles) return dates;
  const custom = new Map<number, string>();
  let inXfs = false;
  let xf = 0;
  await scanXml(styles, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(attr(a, 'numFmtId')), attr(a, 'formatCode') ?? '');
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(attr(a, 'numFmtId') ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : builtinDateFormats.has(id)) dates.add(xf);
        xf++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
    text() {},
  });
  return dates;
}

/** The shared strings, in order: `<si>` text from `<t>` and rich runs, phonetic guides (`<rPh>`) left out. */
export async function sharedStrings(open: PartOpener): Promise<string[]> {
  const stream = await open('xl/sharedStrings.xml', 'strings');
  const out: string[] = [];
  if (!stream) return out;
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  await scanXml(stream, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && current && !phonetic) inT = true;
    },
    close(name) {
      if (name === 'si' && current) {
        out.push(current.join(''));
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(raw, cdata) {
      if (inT && current) current.push(cdata ? raw : decodeXml(raw));
    },
  });
  return out;
}

export interface SheetContext {
  strings: string[];
  dates: Set<number>;
  date1904: boolean;
  name: string;
}

/** One sheet's rows as they stream; rows without any cell are not emitted (as the file omits empty rows). */
export async function* sheetRows(stream: Readable, ctx: SheetContext): AsyncGenerator<XlsxRow> {
  let ready: XlsxRow[] = [];
  let rowNo = 0;
  let row: XlsxRow | null = null;
  let col = -1;
  let cell: { t: string; s: number; f: boolean; v: string[] | null; is: string[] | null } | null = null;
  let inV = false;
  let inIsT = false;
  let phonetic = 0;
  const finishCell = () => {
    if (!row || !cell) return;
    const v = cell.v === null ? null : cell.v.join('');
    let text = '';
    let problem: string | null = null;
    switch (cell.t) {
      case 's':
        text = v === null ? '' : (ctx.strings[Number(v)] ?? '');
        break;
      case 'inlineStr':
        text = (cell.is ?? []).join('');
        break;
      case 'str':
        if (v === null && cell.f) problem = NO_CACHED_RESULT;
        else text = v ?? '';
        break;
      case 'b':
        text = v === null ? '' : v === '1' || v === 'true' ? 'true' : 'false';
        break;
      case 'e':
        problem = errorValueReason(v ?? '#N/A');
        break;
      case 'd':
        text = v ? v.slice(0, 10) : '';
        break;
      default: {
        if (v === null || v.trim() === '') {
          if (cell.f) problem = NO_CACHED_RESULT;
          break;
        }
        const n = Number(v);
        if (!Number.isFinite(n)) text = v;
        else text = ctx.dates.has(cell.s) ? serialDate(n, ctx.date1904) : numberText(n);
      }
    }
    while (row.cells.length < col) row.cells.push('');
    row.cells[col] = text;
    if (problem) (row.problems ??= []).push({ col, reason: problem });
    cell = null;
  };
  const scanner = xmlScanner({
    open(name, a) {
      if (name === 'row') {
        const r = Number(attr(a, 'r'));
        rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
        const hidden = attr(a, 'hidden');
        row = { row: rowNo, cells: [], sheet: ctx.name };
        if (hidden === '1' || hidden === 'true') row.hidden = true;
        col = -1;
      } else if (name === 'c' && row) {
        const c = colOf(attr(a, 'r'));
        col = c >= 0 ? c : col + 1;
        cell = { t: attr(a, 't') ?? 'n', s: Number(attr(a, 's') ?? 0), f: false, v: null, is: null };
      } else if (cell) {
        if (name === 'v') {
          inV = true;
          cell.v = [];
        } else if (name === 'f') cell.f = true;
        else if (name === 'is') cell.is = [];
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && cell.is && !phonetic) inIsT = true;
      }
    },
    close(name) {
      if (name === 'v') inV = false;
      else if (name === 't') inIsT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c') finishCell();
      else if (name === 'row' && row) {
        if (row.cells.length) ready.push(row);
        row = null;
      }
    },
    text(raw, cdata) {
      if (!cell) return;
      if (inV) cell.v!.push(cdata ? raw : decodeXml(raw));
      else if (inIsT) cell.is!.push(cdata ? raw : decodeXml(raw));
    },
  });
  try {
    for await (const chunk of stream) {
      scanner.write(chunk as Buffer);
      // Rows go out chunk by chunk: memory holds one chunk's rows, and the part is read at the consumer's pace.
      if (ready.length) {
        const out = ready;
        ready = [];
        yield* out;
      }
    }
    scanner.end();
    yield* ready;
  } catch (e) {
    throw e instanceof AppError ? e : unreadable();
  } finally {
    stream.destroy();
  }
}

// The one reader of uploaded spreadsheets (.xlsx, .csv) for every import: streamed, with every size bounded before it is parsed.
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../http/errors.ts';
import { ZipArchive } from './zip.ts';
import {
  dateStyles,
  sharedStrings,
  sheetRows,
  workbookSheets,
  type PartKind,
  type PartOpener,
  type XlsxRow,
} from './xlsx-cells.ts';
import { officeRows } from './office.ts';

const MiB = 1024 * 1024;
/** What every import may inflate in total; also what the zip's directory may declare. */
export const MAX_INFLATED_BYTES = 256 * MiB;
/** Shared strings are held in memory while the sheet is read: their part gets a smaller share. */
export const MAX_SHARED_STRINGS_BYTES = 64 * MiB;
/** Workbook, relationships, styles. */
export const MAX_META_BYTES = 16 * MiB;
export const MAX_ZIP_ENTRIES = 1000;
/** Deflate reaches ~1000:1 on repeated cells; real sheets stay far below 100:1. */
export const MAX_COMPRESSION_RATIO = 100;
/** Columns of an .xlsx sheet (XFD). */
export const MAX_CELLS_PER_ROW = 16_384;
export const MAX_CELLS = 6_000_000;
/** No cell text or tag is longer than this (Excel's own cell limit is 32,767 characters). */
export const MAX_RUN_BYTES = 256 * 1024;

export interface SheetLimits {
  /** Data rows, the header row not counted. */
  maxRows: number;
  maxCells?: number;
}
export type SheetRow = XlsxRow;

const tooLarge = (message: string) => new AppError('PAYLOAD_TOO_LARGE', message);
const rowsMessage = (max: number) => `一次最多导入 ${max} 行`;

const isSpace = (b: number | undefined) =>
  b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * Counts `<row>` and `<c>` elements (or `<si>` in the shared strings) in the raw XML as it flows to the parser, and
 * stops it at a limit — so a sheet of a million rows or of one row of a million cells never reaches the parser's
 * memory. Also refuses any run of bytes without a tag longer than MAX_RUN_BYTES (a single giant cell).
 */
function xmlGuard(kind: PartKind, limits: SheetLimits): Transform {
  const maxCells = limits.maxCells ?? MAX_CELLS;
  let rows = 0;
  let cells = 0;
  let rowCells = 0;
  let run = 0;
  let carry = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      carry = Buffer.alloc(0);
      let i = 0;
      for (;;) {
        const lt = buf.indexOf(0x3c, i);
        if (lt < 0) {
          run += buf.length - i;
          break;
        }
        run += lt - i;
        if (run > MAX_RUN_BYTES) return done(tooLarge('单元格内容过长（超过 256 KiB）'));
        if (lt + 5 > buf.length) {
          carry = Buffer.from(buf.subarray(lt));
          break;
        }
        run = 0;
        const b1 = buf[lt + 1];
        if (kind === 'sheet') {
          if (b1 === 0x63 && isSpace(buf[lt + 2])) {
            cells++;
            rowCells++;
            if (rowCells > MAX_CELLS_PER_ROW) {
              return done(tooLarge(`一行最多 ${MAX_CELLS_PER_ROW} 个单元格`));
            }
            if (cells > maxCells) return done(tooLarge(`一个文件最多 ${maxCells} 个单元格`));
          } else if (b1 === 0x72 && buf[lt + 2] === 0x6f && buf[lt + 3] === 0x77 && isSpace(buf[lt + 4])) {
            rows++;
            rowCells = 0;
            if (rows > limits.maxRows + 1) return done(tooLarge(rowsMessage(limits.maxRows)));
          }
        } else if (kind === 'strings' && b1 === 0x73 && buf[lt + 2] === 0x69 && isSpace(buf[lt + 3])) {
          cells++;
          if (cells > maxCells) return done(tooLarge(`一个文件最多 ${maxCells} 个单元格`));
        }
        i = lt + 1;
      }
      if (run > MAX_RUN_BYTES) return done(tooLarge('单元格内容过长（超过 256 KiB）'));
      done(null, chunk);
    },
  });
}

/** Which sheets are read first: those the importer prefers (named like its template), then the workbook's order. */
export type SheetPreference = (name: string) => boolean;

function ordered<T extends { name: string; hidden?: boolean }>(sheets: T[], prefer?: SheetPreference): T[] {
  const rank = (s: T) => (prefer?.(s.name) ? 0 : s.hidden ? 2 : 1);
  return sheets
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map((x) => x.s);
}

async function openZip(path: string) {
  return ZipArchive.open(path, {
    maxInflatedBytes: MAX_INFLATED_BYTES,
    maxEntries: MAX_ZIP_ENTRIES,
    maxRatio: MAX_COMPRESSION_RATIO,
    ratioFloorBytes: MiB,
  });
}

async function* xlsxFile(
  path: string,
  limits: SheetLimits,
  info: SheetInfo,
  prefer?: SheetPreference,
): AsyncGenerator<SheetRow> {
  const zip = await openZip(path);
  // First a counting pass over every sheet and the shared strings, nothing parsed: a file over any bound is refused
  // before a single row reaches the import (inflating twice costs less than validating rows in vain).
  for (const name of zip.entries.keys()) {
    const kind: PartKind | null = /^xl\/worksheets\/[^/]+\.xml$/.test(name)
      ? 'sheet'
      : name === 'xl/sharedStrings.xml'
        ? 'strings'
        : null;
    if (!kind) continue;
    const raw = await zip.open(name, kind === 'sheet' ? MAX_INFLATED_BYTES : MAX_SHARED_STRINGS_BYTES);
    const guard = xmlGuard(kind, limits);
    raw.on('error', (e) => guard.destroy(e));
    try {
      for await (const _ of raw.pipe(guard));
    } finally {
      raw.destroy();
      guard.destroy();
    }
  }
  const opened: Readable[] = [];
  const open: PartOpener = async (name, kind) => {
    if (!zip.entries.has(name)) return null;
    const cap =
      kind === 'sheet' ? MAX_INFLATED_BYTES : kind === 'strings' ? MAX_SHARED_STRINGS_BYTES : MAX_META_BYTES;
    const raw = await zip.open(name, cap);
    const guard = xmlGuard(kind, limits);
    raw.on('error', (e) => guard.destroy(e));
    guard.on('close', () => raw.destroy());
    opened.push(raw, guard);
    return raw.pipe(guard);
  };
  try {
    const book = await workbookSheets(open);
    const dates = await dateStyles(open);
    const strings = await sharedStrings(open);
    info.sheets = book.sheets.map((s) => s.name);
    for (const sheet of ordered(book.sheets, prefer)) {
      const stream = await open(sheet.path, 'sheet');
      if (!stream) continue;
      yield* sheetRows(stream, { strings, dates, date1904: book.date1904, name: sheet.name });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '无法读取该 .xlsx 文件');
  } finally {
    for (const s of opened) s.destroy();
    opened.length = 0;
  }
}

/** What a .csv was read as: what the preview says. */
export type CsvEncoding = 'UTF-8' | 'UTF-8 BOM' | 'GB18030';

/**
 * One pass over a .csv's bytes before it is parsed: its records counted (newlines outside quotes — in GB18030 no
 * trail byte is a quote or a newline, so counting bytes is right for both), and its encoding found: UTF-8 when
 * every byte decodes as UTF-8 (with or without a BOM), else GB18030 (what Chinese Excel writes for "CSV (逗号分隔)",
 * a superset of GBK and GB2312) when every byte decodes as that.
 */
async function csvScan(path: string, stopAbove: number): Promise<{ records: number; encoding: CsvEncoding }> {
  let quoted = false;
  let records = 0;
  let last = 0x0a;
  let utf8: InstanceType<typeof TextDecoder> | null = new TextDecoder('utf-8', { fatal: true });
  const gb = new TextDecoder('gb18030', { fatal: true });
  let gbOk = true;
  let bom = false;
  let first = true;
  const notText = () =>
    new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'CSV 文件的编码无法识别：请另存为“CSV UTF-8（逗号分隔）”或 GB18030/GBK 编码的 CSV',
    );
  for await (const chunk of fs.createReadStream(path)) {
    const buf = chunk as Buffer;
    if (first) {
      bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
      if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) throw notText();
      first = false;
    }
    if (buf.includes(0)) throw notText();
    if (utf8) {
      try {
        utf8.decode(buf, { stream: true });
      } catch {
        utf8 = null;
      }
    }
    if (gbOk) {
      try {
        gb.decode(buf, { stream: true });
      } catch {
        gbOk = false;
      }
    }
    if (!utf8 && !gbOk) throw notText();
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === 0x22) quoted = !quoted;
      else if (b === 0x0a && !quoted) {
        records++;
        if (records > stopAbove) return { records, encoding: 'UTF-8' };
      }
      last = b;
    }
  }
  try {
    utf8?.decode();
  } catch {
    utf8 = null;
  }
  try {
    gb.decode();
  } catch {
    gbOk = false;
  }
  if (!utf8 && !gbOk) throw notText();
  return {
    records: last === 0x0a ? records : records + 1,
    encoding: utf8 ? (bom ? 'UTF-8 BOM' : 'UTF-8') : 'GB18030',
  };
}

/** RFC 4180 records of a .csv in the encoding found, streamed: quoted fields, doubled quotes, CRLF or LF. */
async function* csvFile(path: string, encoding: CsvEncoding): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder(encoding === 'GB18030' ? 'gb18030' : 'utf-8', { fatal: true });
  const notText = () => new AppError('UNSUPPORTED_MEDIA_TYPE', `CSV 文件不是有效的 ${encoding} 文本`);
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let row = 0;
  let first = true;
  let pending: SheetRow[] = [];
  const endRecord = () => {
    record.push(field);
    field = '';
    row++;
    pending.push({ row, cells: record, sheet: '' });
    record = [];
  };
  const eat = (text: string) => {
    if (text.includes('\u0000')) throw notText();
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += ch;
        continue;
      }
      if (ch === '"' && field === '' && !afterQuote) quoted = true;
      else if (ch === ',') {
        record.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\n') {
        endRecord();
        afterQuote = false;
      } else if (ch === '\r') continue;
      else field += ch;
    }
  };
  const stream = fs.createReadStream(path);
  try {
    for await (const chunk of stream) {
      try {
        eat(decoder.decode(chunk as Buffer, { stream: true }));
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw notText();
      }
      yield* pending;
      pending = [];
    }
    try {
      eat(decoder.decode());
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw notText();
    }
    if (field !== '' || record.length) endRecord();
    yield* pending;
  } finally {
    stream.destroy();
  }
}

/** What was read, for the preview: the format, and for a .csv the encoding found. */
export interface SheetInfo {
  format: 'xlsx' | 'xls' | 'ods' | 'csv';
  encoding: CsvEncoding | null;
  /** The workbook's sheet names, in its order (empty for a .csv). */
  sheets: string[];
}

const magicOf = async (path: string) => {
  const fd = await fs.promises.open(path, 'r');
  const magic = Buffer.alloc(8);
  try {
    await fd.read(magic, 0, 8, 0);
  } finally {
    await fd.close();
  }
  return magic;
};
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const SUPPORTED = '只支持 .xlsx、.xls、.ods 或 .csv 文件';

/**
 * An uploaded spreadsheet on disk, read lazily as a stream of rows: every sheet of a workbook (.xlsx, .xls, .ods),
 * preferred sheets first, or the records of a .csv (UTF-8 or GB18030). Every bound (decompressed bytes, zip entries
 * and ratio, rows per sheet, cells) is enforced here with 413 PAYLOAD_TOO_LARGE, a file that is not what its name
 * says with 415. `info` is filled as the file is read.
 */
export class SpreadsheetSource implements AsyncIterable<SheetRow> {
  readonly info: SheetInfo;
  constructor(
    private readonly file: { path: string; filename: string },
    private readonly limits: SheetLimits,
  ) {
    const ext = /\.([a-z]+)$/.exec(file.filename.toLowerCase())?.[1] ?? '';
    this.info = {
      format: ext === 'csv' || ext === 'xls' || ext === 'ods' ? ext : 'xlsx',
      encoding: null,
      sheets: [],
    };
  }

  [Symbol.asyncIterator](): AsyncIterator<SheetRow> {
    return this.rows()[Symbol.asyncIterator]();
  }

  async *rows(prefer?: SheetPreference): AsyncGenerator<SheetRow> {
    const { path, filename } = this.file;
    const limits = this.limits;
    const lower = filename.toLowerCase();
    const magic = await magicOf(path);
    const isZip = magic.readUInt32LE(0) === 0x04034b50;
    const isCfb = magic.equals(CFB_MAGIC);
    let source: AsyncGenerator<SheetRow>;
    if (lower.endsWith('.xlsx') || (lower.endsWith('.xls') && isZip)) {
      if (!isZip) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件不是有效的 .xlsx 表格');
      this.info.format = 'xlsx';
      source = xlsxFile(path, limits, this.info, prefer);
    } else if (lower.endsWith('.xls')) {
      if (!isCfb) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件不是有效的 .xls 表格（Excel 97-2003）');
      source = officeRows({ path, kind: 'xls' }, limits, this.info, prefer);
    } else if (lower.endsWith('.ods')) {
      if (!isZip) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件不是有效的 .ods 表格');
      source = officeRows({ path, kind: 'ods', zip: await openZip(path) }, limits, this.info, prefer);
    } else if (lower.endsWith('.csv')) {
      if (isZip || isCfb)
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'CSV 文件应为文本：这是一个表格文件，请以 .xlsx 上传');
      const scan = await csvScan(path, limits.maxRows + 1);
      if (scan.records > limits.maxRows + 1) throw tooLarge(rowsMessage(limits.maxRows));
      this.info.encoding = scan.encoding;
      source = csvFile(path, scan.encoding);
    } else throw new AppError('UNSUPPORTED_MEDIA_TYPE', SUPPORTED);
    const maxCells = limits.maxCells ?? MAX_CELLS;
    let sheet: string | undefined;
    let rows = 0;
    let cells = 0;
    // The xlsx guard has counted these already on the raw XML; counting again covers the other readers.
    for await (const r of source) {
      if (r.sheet !== sheet) {
        sheet = r.sheet;
        rows = 0;
      }
      rows++;
      cells += r.cells.length;
      if (rows > limits.maxRows + 1) throw tooLarge(rowsMessage(limits.maxRows));
      if (r.cells.length > MAX_CELLS_PER_ROW) throw tooLarge(`一行最多 ${MAX_CELLS_PER_ROW} 个单元格`);
      if (cells > maxCells) throw tooLarge(`一个文件最多 ${maxCells} 个单元格`);
      yield r;
    }
  }
}

/** An uploaded spreadsheet as a source of rows (nothing is read until it is iterated). */
export function readSpreadsheet(
  file: { path: string; filename: string },
  limits: SheetLimits,
): SpreadsheetSource {
  return new SpreadsheetSource(file, limits);
}

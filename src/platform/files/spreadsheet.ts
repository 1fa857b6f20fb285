// The one reader of uploaded spreadsheets (.xlsx, .csv) for every import: streamed, with every size bounded before it is parsed.
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../http/errors.ts';
import { ZipArchive } from './zip.ts';
import { xlsxRows, type PartKind, type XlsxRow } from './xlsx-cells.ts';

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

async function* xlsxFile(path: string, limits: SheetLimits): AsyncGenerator<SheetRow> {
  const zip = await ZipArchive.open(path, {
    maxInflatedBytes: MAX_INFLATED_BYTES,
    maxEntries: MAX_ZIP_ENTRIES,
    maxRatio: MAX_COMPRESSION_RATIO,
    ratioFloorBytes: MiB,
  });
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
  try {
    yield* xlsxRows(async (name, kind) => {
      if (!zip.entries.has(name)) return null;
      const cap =
        kind === 'sheet'
          ? MAX_INFLATED_BYTES
          : kind === 'strings'
            ? MAX_SHARED_STRINGS_BYTES
            : MAX_META_BYTES;
      const raw = await zip.open(name, cap);
      const guard = xmlGuard(kind, limits);
      raw.on('error', (e) => guard.destroy(e));
      guard.on('close', () => raw.destroy());
      opened.push(raw, guard);
      return raw.pipe(guard);
    });
  } finally {
    for (const s of opened) s.destroy();
  }
}

/** RFC 4180 records of a UTF-8 .csv, streamed: quoted fields, doubled quotes, CRLF or LF. */
/** Counts a .csv's records (newlines outside quotes) without decoding it, to refuse too many before parsing. */
async function csvRecordCount(path: string, stopAbove: number): Promise<number> {
  let quoted = false;
  let records = 0;
  let last = 0x0a;
  for await (const chunk of fs.createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === 0x22) quoted = !quoted;
      else if (b === 0x0a && !quoted) {
        records++;
        if (records > stopAbove) return records;
      }
      last = b;
    }
  }
  return last === 0x0a ? records : records + 1;
}

async function* csvFile(path: string): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const notText = () => new AppError('UNSUPPORTED_MEDIA_TYPE', 'CSV 文件须为 UTF-8 编码的文本');
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
    pending.push({ row, cells: record });
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

/**
 * Rows of an uploaded spreadsheet on disk, read as a stream: the first sheet of an .xlsx, or a UTF-8 .csv. Every
 * bound (decompressed bytes, zip entries and ratio, rows, cells) is enforced here with 413 PAYLOAD_TOO_LARGE, a
 * file that is not what its name says with 415.
 */
export async function* readSpreadsheet(
  file: { path: string; filename: string },
  limits: SheetLimits,
): AsyncGenerator<SheetRow> {
  const lower = file.filename.toLowerCase();
  const fd = await fs.promises.open(file.path, 'r');
  const magic = Buffer.alloc(4);
  try {
    await fd.read(magic, 0, 4, 0);
  } finally {
    await fd.close();
  }
  const isZip = magic.readUInt32LE(0) === 0x04034b50;
  let source: AsyncGenerator<SheetRow>;
  if (lower.endsWith('.xlsx')) {
    if (!isZip) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件不是有效的 .xlsx 表格');
    source = xlsxFile(file.path, limits);
  } else if (lower.endsWith('.csv')) {
    if (isZip) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'CSV 文件须为 UTF-8 编码的文本');
    if ((await csvRecordCount(file.path, limits.maxRows + 1)) > limits.maxRows + 1) {
      throw tooLarge(rowsMessage(limits.maxRows));
    }
    source = csvFile(file.path);
  } else throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只支持 .xlsx 或 .csv 文件');
  const maxCells = limits.maxCells ?? MAX_CELLS;
  let rows = 0;
  let cells = 0;
  // The xlsx guard has counted these already on the raw XML; counting again covers .csv and any other reader.
  for await (const r of source) {
    rows++;
    cells += r.cells.length;
    if (rows > limits.maxRows + 1) throw tooLarge(rowsMessage(limits.maxRows));
    if (r.cells.length > MAX_CELLS_PER_ROW) throw tooLarge(`一行最多 ${MAX_CELLS_PER_ROW} 个单元格`);
    if (cells > maxCells) throw tooLarge(`一个文件最多 ${maxCells} 个单元格`);
    yield r;
  }
}

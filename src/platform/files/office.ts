// .xls (Excel 97-2003) and .ods (LibreOffice, WPS) through SheetJS (@e965/xlsx): read whole, so bounded before.
// An .xls is not compressed (the upload limit bounds it); an .ods is a zip, inflated here through ZipArchive's
// counted streams and handed to SheetJS re-packed without compression, so SheetJS never inflates a byte itself.
import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import { AppError } from '../http/errors.ts';
import type { ZipArchive } from './zip.ts';
import type { SheetInfo, SheetLimits, SheetPreference } from './spreadsheet.ts';
import { errorValueReason, NO_CACHED_RESULT, numberText, serialDate, type XlsxRow } from './xlsx-cells.ts';
import { dateOfUtcMidnight } from '../time/date.ts';

const MiB = 1024 * 1024;
/** What an .ods may inflate to: SheetJS holds the whole document, so less than the streamed .xlsx's budget. */
export const MAX_OFFICE_INFLATED_BYTES = 64 * MiB;

/** A zip of stored (uncompressed) entries. */
function storedZip(entries: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, e.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

async function inflatedOds(zip: ZipArchive): Promise<Buffer> {
  const entries: { name: string; data: Buffer }[] = [];
  let total = 0;
  for (const name of zip.entries.keys()) {
    // SheetJS reads these; pictures and thumbnails are left in the upload.
    if (!/^(mimetype|content\.xml|styles\.xml|meta\.xml|settings\.xml|META-INF\/manifest\.xml)$/.test(name))
      continue;
    const chunks: Buffer[] = [];
    for await (const c of await zip.open(name, MAX_OFFICE_INFLATED_BYTES)) {
      total += (c as Buffer).length;
      if (total > MAX_OFFICE_INFLATED_BYTES)
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `.ods 文件解压后超过 ${MAX_OFFICE_INFLATED_BYTES / MiB} MiB 的上限`,
        );
      chunks.push(c as Buffer);
    }
    entries.push({ name, data: Buffer.concat(chunks) });
  }
  return storedZip(entries);
}

interface SheetJsCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string;
  f?: string;
}

/** Rows of an .xls or .ods, each sheet in turn (preferred ones first), as the .xlsx reader gives them. */
export async function* officeRows(
  file: { path: string; kind: 'xls' | 'ods'; zip?: ZipArchive },
  limits: SheetLimits,
  info: SheetInfo,
  prefer?: SheetPreference,
): AsyncGenerator<XlsxRow> {
  const XLSX = await import('@e965/xlsx');
  const data = file.kind === 'ods' ? await inflatedOds(file.zip!) : await fs.promises.readFile(file.path);
  const label = file.kind === 'xls' ? '.xls' : '.ods';
  let wb: ReturnType<typeof XLSX.read>;
  try {
    wb = XLSX.read(data, {
      type: 'buffer',
      dense: true,
      cellStyles: true,
      cellNF: true,
      cellDates: false,
      sheetRows: limits.maxRows + 2,
    });
  } catch {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `无法读取该 ${label} 文件，请另存为 .xlsx 后导入（Excel / WPS：文件 → 另存为 → Excel 工作簿 (*.xlsx)；LibreOffice：文件 → 另存为 → Excel 2007-365 (.xlsx)）`,
    );
  }
  info.format = file.kind;
  info.sheets = [...wb.SheetNames];
  const hiddenSheet = new Set(
    (wb.Workbook?.Sheets ?? []).flatMap((s, i) => (s.Hidden ? [wb.SheetNames[i]!] : [])),
  );
  const order = wb.SheetNames.map((name, i) => ({
    name,
    i,
    rank: prefer?.(name) ? 0 : hiddenSheet.has(name) ? 2 : 1,
  }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((s) => s.name);
  for (const name of order) {
    const ws = wb.Sheets[name]!;
    const full = ws['!fullref'] ?? ws['!ref'];
    if (full && XLSX.utils.decode_range(full).e.r + 1 > limits.maxRows + 1) {
      throw new AppError('PAYLOAD_TOO_LARGE', `一次最多导入 ${limits.maxRows} 行`);
    }
    const dense = (ws as unknown as { '!data'?: (SheetJsCell | null | undefined)[][] })['!data'] ?? [];
    const rowProps = ws['!rows'] ?? [];
    for (let r = 0; r < dense.length; r++) {
      const line = dense[r];
      if (!line || !line.some(Boolean)) continue;
      const out: XlsxRow = { row: r + 1, cells: [], sheet: name };
      if (rowProps[r]?.hidden) out.hidden = true;
      for (let c = 0; c < line.length; c++) {
        const cell = line[c];
        let text = '';
        if (cell) {
          if (cell.t === 'e')
            (out.problems ??= []).push({ col: c, reason: errorValueReason(cell.w ?? '#N/A') });
          else if (cell.v === undefined || cell.v === null) {
            if (cell.f) (out.problems ??= []).push({ col: c, reason: NO_CACHED_RESULT });
          } else if (cell.t === 'n' && typeof cell.v === 'number') {
            text =
              cell.z && XLSX.SSF.is_date(cell.z)
                ? serialDate(cell.v, !!wb.Workbook?.WBProps?.date1904)
                : numberText(cell.v);
          } else if (cell.t === 'd') {
            text = cell.v instanceof Date ? dateOfUtcMidnight(cell.v) : String(cell.v).slice(0, 10);
          } else if (cell.t === 'b') text = cell.v ? 'true' : 'false';
          else text = String(cell.v);
        }
        out.cells.push(text);
      }
      yield out;
    }
  }
}

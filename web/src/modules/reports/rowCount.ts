// Estimates how many data rows an import file holds, so the processing bar can show a percentage: newlines in a
// .csv; for an .xlsx, the first worksheet's <dimension> (or, failing that, its <row> elements), read straight out
// of the zip with the browser's DecompressionStream — nothing is uploaded twice, nothing waits for it.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

async function bytes(file: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await file.slice(start, end).arrayBuffer());
}

/** The zip's central directory (the end-of-central-directory record sits in the last 64 KiB). */
async function zipEntries(file: Blob): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, file.size - 65_557);
  const tail = await bytes(file, tailStart, file.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = tail.getUint16(eocd + 10, true);
  const size = tail.getUint32(eocd + 12, true);
  const offset = tail.getUint32(eocd + 16, true);
  const dir = await bytes(file, offset, offset + size);
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= dir.byteLength; i++) {
    if (dir.getUint32(p, true) !== CENTRAL) break;
    const nameLength = dir.getUint16(p + 28, true);
    const extraLength = dir.getUint16(p + 30, true);
    const commentLength = dir.getUint16(p + 32, true);
    entries.push({
      method: dir.getUint16(p + 10, true),
      compressedSize: dir.getUint32(p + 20, true),
      localOffset: dir.getUint32(p + 42, true),
      name: names.decode(new Uint8Array(dir.buffer, dir.byteOffset + p + 46, nameLength)),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed text of one entry as a stream of strings. */
async function entryText(file: Blob, e: ZipEntry): Promise<ReadableStream<string> | null> {
  const local = await bytes(file, e.localOffset, e.localOffset + 30);
  if (local.getUint32(0, true) !== LOCAL) return null;
  const start = e.localOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  // sizes come from the central directory: streaming writers leave them 0 in the local header
  const raw = file.slice(start, start + e.compressedSize).stream();
  if (e.method === 0) return raw.pipeThrough(new TextDecoderStream());
  if (e.method === 8)
    return raw.pipeThrough(new DecompressionStream('deflate-raw')).pipeThrough(new TextDecoderStream());
  return null;
}

const sheetNumber = (name: string) => Number(/sheet(\d+)\.xml$/.exec(name)?.[1] ?? Number.MAX_SAFE_INTEGER);

async function xlsxDataRows(file: Blob): Promise<number | null> {
  const sheets = (await zipEntries(file))
    .filter((e) => /^xl\/worksheets\/sheet\d*\.xml$/.test(e.name))
    .sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  const first = sheets[0];
  if (!first) return null;
  const stream = await entryText(file, first);
  if (!stream) return null;
  const reader = stream.getReader();
  let head = '';
  let tail = '';
  let rows = 0;
  let lookedForDimension = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!lookedForDimension) {
        head += value;
        const dim = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
        if (dim?.[1]) return Math.max(0, Number(dim[1]) - 1);
        // the dimension comes before <sheetData>; once that has begun, count rows instead
        if (head.includes('<sheetData') || head.length > 8192) lookedForDimension = true;
      }
      // a match is 5 characters, so the 4 kept from the last chunk complete a tag split across chunks without
      // ever matching twice
      const text = tail + value;
      rows += text.match(/<row[\s>]/g)?.length ?? 0;
      tail = text.slice(-4);
    }
    return Math.max(0, rows - 1);
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

async function csvDataRows(file: Blob): Promise<number> {
  const reader = file.stream().getReader();
  let lines = 0;
  let last = 10;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const b of value) if (b === 10) lines++;
    if (value.length) last = value[value.length - 1] ?? 10;
  }
  if (last !== 10) lines++;
  return Math.max(0, lines - 1);
}

/** Data rows (header excluded) the file appears to hold, or null when it cannot tell. Never throws. */
export async function estimateDataRows(file: File): Promise<number | null> {
  try {
    const name = file.name.toLowerCase();
    if (name.endsWith('.csv')) return await csvDataRows(file);
    if (name.endsWith('.xlsx') && typeof DecompressionStream !== 'undefined') return await xlsxDataRows(file);
  } catch {
    // an estimate only: the bar falls back to counting rows without a percentage
  }
  return null;
}

// Builds .xlsx files byte by byte for tests: honest ones of any size, zip bombs, and ones whose directory lies.
import { crc32, createDeflateRaw } from 'node:zlib';

export interface Entry {
  name: string;
  /** The entry's content, as chunks: a bomb is a generator, never held whole. */
  chunks: () => Iterable<Buffer>;
  /** Declare this uncompressed size in the headers instead of the true one (a lying directory). */
  declaredSize?: number;
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);

/** The parts every workbook needs, around one sheet given as chunks of `<sheetData>` content. */
export function workbookEntries(sheetData: () => Iterable<Buffer>, declaredSize?: number): Entry[] {
  const once = (b: Buffer) => () => [b];
  return [
    {
      name: '[Content_Types].xml',
      chunks: once(
        xml(
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
            '</Types>',
        ),
      ),
    },
    {
      name: '_rels/.rels',
      chunks: once(
        xml(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
            '</Relationships>',
        ),
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: once(
        xml(
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: once(
        xml(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
            '</Relationships>',
        ),
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: function* () {
        yield xml('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
        yield* sheetData();
        yield Buffer.from('</sheetData></worksheet>');
      },
      ...(declaredSize !== undefined ? { declaredSize } : {}),
    },
  ];
}

const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;

const colName = (i: number): string =>
  (i < 26 ? '' : colName(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));

/** `<row>` elements for rows of text, as inline strings. */
export function rowsXml(rows: string[][]): () => Iterable<Buffer> {
  return function* () {
    let r = 0;
    for (const cells of rows) {
      r++;
      const c = cells.map((t, i) => inline(`${colName(i)}${r}`, t)).join('');
      yield Buffer.from(`<row r="${r}">${c}</row>`);
    }
  };
}

/** A bomb: one header row, then `mib` MiB of one repeated row of cells. */
export function bombSheet(mib: number): () => Iterable<Buffer> {
  return function* () {
    // Every column both imports require, so that neither stops at the header before the bomb goes off.
    const header = [
      '统一社会信用代码',
      '企业名称',
      '注册日期',
      '所属镇街',
      '从业人员（人）',
      '核心软信人才（人）',
      '营业收入（元）',
      '软件业务收入（元）',
      '软件产品收入（元）',
      '研发投入（元）',
      '使用面积（平方米）',
    ];
    yield Buffer.from(`<row r="1">${header.map((h, i) => inline(`${colName(i)}1`, h)).join('')}</row>`);
    const cell = inline('A2', '91500107MA5UXXXXXX');
    const block = Buffer.from(cell.repeat(Math.ceil((1024 * 1024) / cell.length)).slice(0, 1024 * 1024));
    yield Buffer.from('<row r="2">');
    for (let i = 0; i < mib; i++) yield block;
    yield Buffer.from('</row>');
  };
}

async function deflateChunks(chunks: Iterable<Buffer>): Promise<{ data: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), size, crc };
}

/** A zip archive of the entries, deflated, with a central directory that says what each entry declares. */
export async function buildZip(entries: Entry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { data, size, crc } = await deflateChunks(e.chunks());
    const declared = e.declaredSize ?? size;
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, eocd]);
}

export const xlsxOf = (rows: string[][]) => buildZip(workbookEntries(rowsXml(rows)));

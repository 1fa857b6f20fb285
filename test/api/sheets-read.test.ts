// Spreadsheets as offices write them (issue 17, items 1–3, 8, 9), through both import routes, preview and commit:
// formulas' cached values (0 included) and their errors, the file's own row numbers, hidden rows, GB18030 CSV,
// .xls and .ods — with the fixture files of test/fixtures/sheets/ (make.ts writes them).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signedIn, startPlatform, upload, type Client, type Platform } from '../harness.ts';
import { buildZip } from '../xlsx-build.ts';
import { firm, FIXTURE_PERIOD } from '../fixtures/sheets/firms.ts';
import { NO_CACHED_RESULT } from '../../src/platform/files/xlsx-cells.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sheets', name));
const REPORTS = `/api/reports/import?period=${FIXTURE_PERIOD}`;
const ENTERPRISES = '/api/enterprises/import';

let p: Platform;
let admin: Client;

const send = (url: string, name: string, preview: boolean, content: Buffer = fixture(name)) =>
  upload(p.app, admin, `${url}${url.includes('?') ? '&' : '?'}preview=${preview}`, name, content);

const stored = async (n: number) =>
  (
    (await p.db.execute(
      `SELECT r.core_talents::int AS core, r.software_product_revenue::text AS product,
        r.rd_expense::text AS rd, r.version::int AS version
      FROM reports r JOIN enterprises e ON e.id = r.enterprise_id
      WHERE e.uscc = '${firm(n).uscc}' AND r.period = '${FIXTURE_PERIOD}-01' AND r.is_current` as never,
    )) as unknown as {
      rows: { core: number; product: string; rd: string; version: number }[];
    }
  ).rows;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 0, now: () => new Date('2026-11-20T00:00:00Z') });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  // The firms the report fixtures name (1–6), from a file as LibreOffice writes it.
  const res = await send(ENTERPRISES, 'enterprises-lo.xlsx', false);
  expect(res.statusCode).toBe(200);
  expect(res.json().created).toBe(6);
}, 120_000);
afterAll(() => p?.close());

describe('1. formulas: the cached value whatever it is', () => {
  it('reads cached zeros (=J2*10000 of nothing, =SUM of zeros) as 0, in preview and commit', async () => {
    const preview = await send(REPORTS, 'reports-formulas-zero.xlsx', true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ preview: true, rows: 1, created: 1 });
    const res = await send(REPORTS, 'reports-formulas-zero.xlsx', false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ preview: false, rows: 1, created: 1 });
    expect(await stored(1)).toEqual([{ core: 0, product: '0', rd: '0', version: 1 }]);
  });

  it('reports an error value and a formula without a cached value on their cells, once each', async () => {
    for (const preview of [true, false]) {
      const res = await send(REPORTS, 'reports-formulas-errors.xlsx', preview);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { row: 2, column: '软件产品收入（万元）', reason: '单元格为错误值 #DIV/0!，请修正公式' },
        { row: 3, column: '研发投入（万元）', reason: NO_CACHED_RESULT },
      ]);
    }
    expect(NO_CACHED_RESULT).toBe('公式没有计算结果，请在 Excel 中重新计算并保存');
  });
});

describe('2. row numbers as the file states them', () => {
  it('reports the bad row as row 7 when LibreOffice left rows 4–6 out of the file', async () => {
    for (const preview of [true, false]) {
      const res = await send(REPORTS, 'reports-empty-rows.xlsx', preview);
      expect(res.statusCode).toBe(422);
      const errors = res.json().errors as { row: number; column: string }[];
      expect(errors.map((e) => [e.row, e.column])).toEqual([[7, '核心软信人才（人）']]);
    }
  });
});

describe('3. hidden rows', () => {
  it('imports hidden rows and says how many, on both imports', async () => {
    const reports = await send(REPORTS, 'reports-hidden-row.xlsx', true);
    expect(reports.statusCode).toBe(200);
    expect(reports.json()).toMatchObject({ rows: 3, file: { hiddenRows: 1, format: 'xlsx', headerRow: 1 } });
    const reg = await send(ENTERPRISES, 'enterprises-hidden-row.xlsx', true);
    expect(reg.statusCode).toBe(200);
    expect(reg.json()).toMatchObject({ created: 2, file: { hiddenRows: 1, sheet: '企业名录' } });
    const committed = await send(ENTERPRISES, 'enterprises-hidden-row.xlsx', false);
    expect(committed.json()).toMatchObject({ created: 2, preview: false, file: { hiddenRows: 1 } });
  });
});

describe('8. CSV encodings', () => {
  it('decodes GB18030 (Chinese Excel’s CSV) and UTF-8 with or without BOM, and says which', async () => {
    for (const [name, encoding] of [
      ['reports-gb18030.csv', 'GB18030'],
      ['reports-utf8-bom.csv', 'UTF-8 BOM'],
      ['reports-utf8.csv', 'UTF-8'],
    ] as const) {
      const res = await send(REPORTS, name, true);
      expect(res.statusCode, name).toBe(200);
      expect(res.json()).toMatchObject({ rows: 1, file: { format: 'csv', encoding, sheet: null } });
    }
    const reg = await send(ENTERPRISES, 'enterprises-gb18030.csv', false);
    expect(reg.statusCode).toBe(200);
    expect(reg.json()).toMatchObject({ created: 1, file: { encoding: 'GB18030' } });
    const list = await admin.get(`/api/enterprises?q=${encodeURIComponent(firm(14).uscc)}`);
    expect(list.json().items.map((e: { name: string }) => e.name)).toEqual(['重庆样表14号软件有限公司']);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, naming both', async () => {
    const res = await send(REPORTS, 'bad.csv', true, Buffer.from([0x81, 0x20, 0x0a]));
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain('GB18030');
  });
});

describe('9. .xls and .ods', () => {
  it('imports the registry and a month from .xls (Excel 97-2003) and .ods, a formula’s cached 0 included', async () => {
    for (const name of ['enterprises.xls', 'enterprises.ods']) {
      const preview = await send(ENTERPRISES, name, true);
      expect(preview.json(), name).toMatchObject({ created: 1, file: { format: name.slice(-3) } });
      const res = await send(ENTERPRISES, name, false);
      expect(res.statusCode, name).toBe(200);
      expect(res.json()).toMatchObject({ created: 1, preview: false });
    }
    // The .xls gives 注册日期 as a date cell (serial 43845, date format): read as the date.
    for (const n of [15, 1]) {
      const found = await admin.get(`/api/enterprises?q=${firm(n).uscc}`);
      expect(found.json().items[0].registrationDate).toBe(firm(n).registrationDate);
    }
    const xls = await send(REPORTS, 'reports.xls', true);
    expect(xls.json()).toMatchObject({ rows: 1, file: { format: 'xls', headerRow: 1 } });
    const ods = await send(REPORTS, 'reports.ods', false);
    expect(ods.statusCode).toBe(200);
    // Firm 1's report was filed by item 1's test (rd 0, product 0): this one changes the product to 10 万元.
    expect(ods.json()).toMatchObject({ rows: 1, revised: 1, file: { format: 'ods' } });
    expect(await stored(1)).toEqual([{ core: 5, product: '100000', rd: '0', version: 2 }]);
  });

  it('refuses an .ods zip bomb by its decompressed size, like an .xlsx', async () => {
    const block = Buffer.alloc(1024 * 1024, '<table:table-cell/>');
    const content = function* () {
      for (let i = 0; i < 300; i++) yield block;
    };
    const bomb = await buildZip([
      { name: 'mimetype', chunks: () => [Buffer.from('application/vnd.oasis.opendocument.spreadsheet')] },
      { name: 'content.xml', chunks: content },
    ]);
    const liar = await buildZip([
      { name: 'mimetype', chunks: () => [Buffer.from('application/vnd.oasis.opendocument.spreadsheet')] },
      { name: 'content.xml', chunks: content, declaredSize: 64 * 1024 },
    ]);
    for (const [name, file] of [
      ['bomb.ods', bomb],
      ['liar.ods', liar],
    ] as const) {
      const res = await send(REPORTS, name, true, file);
      expect(res.statusCode, name).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('refuses a file named .xls that is not one, and other extensions, naming what is accepted', async () => {
    const fake = await send(ENTERPRISES, 'fake.xls', true, Buffer.from('not a workbook'));
    expect(fake.statusCode).toBe(415);
    // A real .xls container SheetJS cannot read: the message names the menu path to re-save it as .xlsx.
    const broken = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(600),
    ]);
    const bad = await send(ENTERPRISES, 'broken.xls', true, broken);
    expect(bad.statusCode).toBe(415);
    expect(bad.json().message).toContain('文件 → 另存为 → Excel 工作簿 (*.xlsx)');
    const other = await send(ENTERPRISES, 'list.numbers', true, Buffer.from('x'));
    expect(other.statusCode).toBe(415);
    expect(other.json().message).toBe('只支持 .xlsx、.xls、.ods 或 .csv 文件');
  });
});

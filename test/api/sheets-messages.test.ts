// Files that were refused with a misleading message (issue 17, items 4–7), through both import routes: each check
// says its own reason, a date serial is a date, the data is found on another sheet and below a title row.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signedIn, startPlatform, upload, type Client, type Platform } from '../harness.ts';
import { firm, FIXTURE_PERIOD } from '../fixtures/sheets/firms.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sheets', name));
const REPORTS = `/api/reports/import?period=${FIXTURE_PERIOD}`;
const ENTERPRISES = '/api/enterprises/import';

let p: Platform;
let admin: Client;

const send = (url: string, name: string, preview: boolean, content: Buffer = fixture(name)) =>
  upload(p.app, admin, `${url}${url.includes('?') ? '&' : '?'}preview=${preview}`, name, content);

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 0, now: () => new Date('2026-11-20T00:00:00Z') });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const res = await send(ENTERPRISES, 'enterprises-lo.xlsx', false);
  expect(res.json().created).toBe(6);
}, 120_000);
afterAll(() => p?.close());

type RowError = { row: number; column: string; reason: string };

describe('4–5. each check its own message; dates as dates', () => {
  it('gives a bad full-width phone the phone message, a serial date no error, a bad date one error', async () => {
    for (const preview of [true, false]) {
      const res = await send(ENTERPRISES, 'enterprises-formats.xlsx', preview);
      expect(res.statusCode).toBe(422);
      const errors = res.json().errors as RowError[];
      // Row 2: the phone (０２３－６８０) only. Row 3 (44365, 44366): nothing. Row 4: the date's format only —
      // not also "入驻日期不能早于注册日期" from comparing against an unreadable date.
      expect(errors.map((e) => [e.row, e.column])).toEqual([
        [2, '联系电话'],
        [4, '注册日期'],
      ]);
      expect(errors[0]!.reason).toBe('电话号码格式不正确：手机号11位，固话如 023-68000000');
      expect(errors[1]!.reason).toContain('日期格式应为 YYYY-MM-DD');
      expect(res.json().errorCount ?? errors.length).toBe(2);
    }
  });

  it('stores a serial date as the date it is and compares it as a date', async () => {
    const f = firm(10);
    const csv = `统一社会信用代码,企业名称,注册日期,所属镇街,入驻日期\n${f.uscc},${f.name},44365,石桥铺街道,2021-06-19\n`;
    const res = await send(ENTERPRISES, 'serial.csv', false, Buffer.from(csv));
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(1);
    const list = await admin.get(`/api/enterprises?q=${f.uscc}`);
    const id = list.json().items[0].id as string;
    const e = (await admin.get(`/api/enterprises/${id}`)).json();
    expect([e.registrationDate, e.settledOn]).toEqual(['2021-06-18', '2021-06-19']);
  });
});

describe('6. the sheet with the data', () => {
  it('reads the sheet named like the template when the first is blank, and says which', async () => {
    const res = await send(ENTERPRISES, 'enterprises-second-sheet.xlsx', true);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, file: { sheet: '企业名录', headerRow: 1 } });
    const committed = await send(ENTERPRISES, 'enterprises-second-sheet.xlsx', false);
    expect(committed.json()).toMatchObject({ created: 1, preview: false });
  });

  it('reads the first sheet with a recognisable header, after a sheet of notes', async () => {
    for (const preview of [true, false]) {
      const res = await send(REPORTS, 'reports-second-sheet.xlsx', preview);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ rows: 1, file: { sheet: '数据', headerRow: 1 } });
    }
  });
});

describe('7. a title row above the header', () => {
  it('finds the header below a merged title and an empty row, and says which row it was', async () => {
    const reg = await send(ENTERPRISES, 'enterprises-title-row.xlsx', true);
    expect(reg.statusCode).toBe(200);
    expect(reg.json()).toMatchObject({ created: 1, file: { headerRow: 3 } });
    const committed = await send(ENTERPRISES, 'enterprises-title-row.xlsx', false);
    expect(committed.json()).toMatchObject({ created: 1, preview: false, rowChanges: [{ row: 4 }] });
    for (const preview of [true, false]) {
      const res = await send(REPORTS, 'reports-title-row.xlsx', preview);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ rows: 1, file: { headerRow: 3 } });
    }
  });

  it('names the missing column on the header row it found', async () => {
    const csv = `九龙坡区企业名录\n统一社会信用代码,企业名称,注册日期\n${firm(20).uscc},x,2020-01-01\n`;
    const res = await send(ENTERPRISES, 'title.csv', true, Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ row: 2, column: '所属镇街', reason: '缺少此列' }]);
  });

  it('still says the file has no data when no sheet has any', async () => {
    const res = await send(REPORTS, 'empty.csv', true, Buffer.from('\n\n'));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('文件中没有数据');
  });
});

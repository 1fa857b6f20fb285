// Report imports: a bad file writes nothing and lists row, column and reason; units in headers; progress lines.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  multipartFile,
  signedIn,
  startPlatform,
  upload,
  type Client,
  type Platform,
} from '../harness.ts';
import type { EnterpriseListItem } from '../../src/modules/enterprises/enterprises.contract.ts';
import { makeOrgCode, makeUscc } from '../../src/modules/enterprises/uscc.ts';

let p: Platform;
let admin: Client;
let firms: EnterpriseListItem[];
const header = [
  '统一社会信用代码',
  '从业人员（人）',
  '核心软信人才（人）',
  '营业收入（元）',
  '软件业务收入（元）',
  '软件产品收入（元）',
  '研发投入（元）',
  '使用面积（平方米）',
];

async function xlsx(rows: (string | number)[][], head = header): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2026-09');
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 80, now: () => new Date('2026-11-20T00:00:00Z') });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const page = (await admin.get('/api/enterprises?pageSize=200&status=active')).json<{
    items: EnterpriseListItem[];
  }>();
  firms = page.items.filter((e) => e.registrationDate < '2026-01-01');
});
afterAll(() => p?.close());

const count = async () =>
  (await p.db.execute(`SELECT count(*)::int AS n FROM reports` as never)) as unknown as {
    rows: { n: number }[];
  };

describe('report import', () => {
  it('writes nothing when any row is bad, and says row, column and reason for each', async () => {
    const before = (await count()).rows[0]!.n;
    const file = await xlsx([
      [firms[0]!.uscc, 30, 5, 1_000_000, 800_000, 100_000, 50_000, 300],
      [firms[1]!.uscc, 30, 40, 1_000_000, 800_000, 100_000, 50_000, 300],
      [firms[2]!.uscc, -3, 1, 1_000_000, 1_200_000, 100_000, 50_000, 300],
      ['91500107MA00000000', 10, 1, 100, 50, 10, 0, 10],
      [firms[0]!.uscc, 30, 5, 1_000_000, 800_000, 100_000, 50_000, 300],
    ]);
    const res = await upload(p.app, admin, '/api/reports/import?period=2026-09', 'bad.xlsx', file);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; column: string; reason: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => e.column);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['核心软信人才（人）']);
    expect(at(4).sort()).toEqual(['从业人员（人）']);
    expect(at(5)).toEqual(['统一社会信用代码']);
    expect((await count()).rows[0]!.n).toBe(before);
  });

  it('reports set-level errors too: unknown USCC, duplicates, out of scope', async () => {
    const street = await signedIn(p.app, 'street', DEMO_PASSWORD);
    const me = (await street.get('/api/auth/me')).json().user;
    const own = firms.find((f) => f.subdistrict.id === me.unitId)!;
    const other = firms.find((f) => f.subdistrict.id !== me.unitId)!;
    const file = await xlsx([
      [own.uscc, 10, 1, 100_000, 80_000, 10_000, 0, 50],
      [other.uscc, 10, 1, 100_000, 80_000, 10_000, 0, 50],
      [own.uscc, 11, 1, 100_000, 80_000, 10_000, 0, 50],
    ]);
    const otherBefore = (await admin.get(`/api/enterprises/${other.id}/reports`)).json().items;
    const res = await upload(p.app, street, '/api/reports/import?period=2026-09', 'scope.xlsx', file);
    expect(res.statusCode).toBe(422);
    const reasons = Object.fromEntries(
      (res.json().errors as { row: number; reason: string }[]).map((e) => [e.row, e.reason]),
    );
    // Another subdistrict's enterprise reads as a single edit would (404): no hint that it exists.
    expect(reasons[3]).toBe('无权修改该企业或企业不存在');
    expect(reasons[4]).toContain('第 2 行');
    expect((await admin.get(`/api/enterprises/${other.id}/reports`)).json().items).toEqual(otherBefore);
  });

  it("answers an unknown USCC and another subdistrict's enterprise alike, and writes nothing for either", async () => {
    const street = await signedIn(p.app, 'street', DEMO_PASSWORD);
    const me = (await street.get('/api/auth/me')).json().user;
    const other = firms.find((f) => f.subdistrict.id !== me.unitId)!;
    const before = (await count()).rows[0]!.n;
    const otherBefore = (await admin.get(`/api/enterprises/${other.id}/reports`)).json().items;
    const res = await upload(
      p.app,
      street,
      '/api/reports/import?period=2026-08',
      'other.xlsx',
      await xlsx([
        [other.uscc, 10, 1, 100_000, 80_000, 10_000, 0, 50],
        [makeUscc(`91500107${makeOrgCode('MA999999')}`), 10, 1, 100, 50, 10, 0, 10],
      ]),
    );
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; reason: string }[];
    expect(errors.find((e) => e.row === 2)!.reason).toBe('无权修改该企业或企业不存在');
    expect(errors.find((e) => e.row === 3)!.reason).toBe('无权修改该企业或企业不存在');
    expect((await count()).rows[0]!.n).toBe(before);
    expect((await admin.get(`/api/enterprises/${other.id}/reports`)).json().items).toEqual(otherBefore);
  });

  it('refuses money columns without a unit', async () => {
    const head = [...header];
    head[3] = '营业收入';
    const res = await upload(
      p.app,
      admin,
      '/api/reports/import?period=2026-09',
      'nounit.xlsx',
      await xlsx([], head),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ row: 1, column: '营业收入' });
  });

  it('previews a clean file: counts what it would create, correct and leave, and writes nothing', async () => {
    const rows = firms
      .slice(40, 50)
      .map((f, i) => [f.uscc, 30 + i, 3, 600_000, 500_000, 100_000, 30_000, 150]);
    const file = await xlsx(rows);
    const before = (await count()).rows[0]!.n;
    const preview = await upload(
      p.app,
      admin,
      '/api/reports/import?period=2026-09&preview=true',
      'p.xlsx',
      file,
    );
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ preview: true, batchId: null, period: '2026-09', rows: 10 });
    expect(body.created + body.revised + body.unchanged).toBe(10);
    expect((await count()).rows[0]!.n).toBe(before);
    // Confirmed: the same counts, written.
    const real = await upload(p.app, admin, '/api/reports/import?period=2026-09', 'p.xlsx', file);
    expect(real.json()).toMatchObject({ preview: false, created: body.created, revised: body.revised });
    expect(real.json().batchId).toEqual(expect.any(String));
    expect((await count()).rows[0]!.n).toBe(before + body.created + body.revised);
  });

  it('streams progress lines and the result when asked for NDJSON', async () => {
    const rows = firms
      .slice(0, 40)
      .map((f, i) => [f.uscc, 10 + i, 2, 500_000, 400_000, 100_000, 20_000, 120]);
    const { payload, headers } = multipartFile('ok.xlsx', await xlsx(rows));
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/reports/import?period=2026-09',
      payload,
      headers: { ...headers, cookie: admin.cookie!, accept: 'application/x-ndjson' },
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-2)).toEqual({ type: 'progress', rows: 40 });
    const done = lines.at(-1);
    expect(done).toMatchObject({ type: 'done', result: { rows: 40 } });
    // The demo district already reported September: these rows are corrections (new versions) or new reports.
    expect(done.result.created + done.result.revised + done.result.unchanged).toBe(40);
    expect(done.result.unchanged).toBe(0);
  });

  it('refuses a month that has not ended', async () => {
    const res = await admin.request('POST', `/api/enterprises/${firms[0]!.id}/reports`, {
      period: '2026-11',
      employees: 1,
      coreTalents: 0,
      operatingRevenue: 0,
      softwareRevenue: 0,
      softwareProductRevenue: 0,
      rdExpense: 0,
      usedArea: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('period');
  });
});

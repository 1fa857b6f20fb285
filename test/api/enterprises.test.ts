// The enterprise registry through the API: search and filters, create and edit with validation, import all-or-nothing, audit.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  upload,
  type Client,
  type Platform,
} from '../harness.ts';
import { makeOrgCode, makeUscc } from '../../src/modules/enterprises/uscc.ts';
import type { Enterprise, EnterpriseListItem } from '../../src/modules/enterprises/enterprises.contract.ts';
import type { Unit } from '../../src/modules/units/units.contract.ts';

let p: Platform;
let admin: Client;
let subdistricts: Unit[];
const byName = (name: string) => subdistricts.find((s) => s.name === name)!;
type Page = { items: EnterpriseListItem[]; total: number; page: number; pageSize: number };

/** A valid USCC for a new test enterprise, distinct per n. */
const usccFor = (n: number) => makeUscc(`91500107${makeOrgCode(`MA${String(n).padStart(6, '0')}`)}`);

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 300 });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  subdistricts = (await admin.get('/api/units?kind=subdistrict')).json<{ items: Unit[] }>().items;
});
afterAll(() => p?.close());

const validInput = (n: number, over: Record<string, unknown> = {}) => ({
  uscc: usccFor(n),
  name: `重庆测试软件第${n}科技有限公司`,
  registrationDate: '2026-03-02',
  subdistrictId: byName('石桥铺街道').id,
  fields: ['aiAgents'],
  ...over,
});

describe('search', () => {
  it('pages through the demo registry with a total', async () => {
    const page = (await admin.get('/api/enterprises?pageSize=50&page=2')).json<Page>();
    expect(page.total).toBe(300);
    expect(page.items).toHaveLength(50);
    expect(page.page).toBe(2);
  });

  it('filters by subdistrict, field and above-scale, and every row matches', async () => {
    const sub = byName('石桥铺街道');
    const page = (await admin.get(`/api/enterprises?subdistrictId=${sub.id}&pageSize=200`)).json<Page>();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((e) => e.subdistrict.id === sub.id)).toBe(true);
    const ai = (
      await admin.get('/api/enterprises?field=aiAgents&aboveScale=false&pageSize=200')
    ).json<Page>();
    expect(ai.items.every((e) => e.fields.includes('aiAgents') && !e.aboveScale)).toBe(true);
  });

  it('finds by a part of the name or USCC, and sorts by name', async () => {
    const all = (await admin.get('/api/enterprises?pageSize=200&sort=name')).json<Page>();
    const names = all.items.map((e) => e.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const target = all.items[7]!;
    const byUscc = (await admin.get(`/api/enterprises?q=${target.uscc.slice(4, 14)}`)).json<Page>();
    expect(byUscc.items.map((e) => e.id)).toContain(target.id);
    const byNamePart = (
      await admin.get(`/api/enterprises?q=${encodeURIComponent(target.name.slice(2, 6))}`)
    ).json<Page>();
    expect(byNamePart.items.map((e) => e.id)).toContain(target.id);
  });

  it('treats % and _ in the search text literally', async () => {
    const page = (await admin.get('/api/enterprises?q=%25')).json<Page>();
    expect(page.total).toBe(0);
  });
});

describe('create and edit', () => {
  it('creates an enterprise and records who did it in the audit trail', async () => {
    const res = await admin.request(
      'POST',
      '/api/enterprises',
      validInput(1, { honours: [{ kind: 'qimingxing', awardedOn: '2026-05-01', source: '市经济信息委' }] }),
    );
    expect(res.statusCode).toBe(201);
    const e = res.json<Enterprise>();
    expect(e.honours).toHaveLength(1);
    const trail = (await admin.get(`/api/audit?entity=enterprise&entityId=${e.id}`)).json();
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({ action: 'create', actorLabel: expect.stringContaining('admin') });
    expect(trail.items[0].after.uscc).toBe(e.uscc);
  });

  it('rejects a USCC with a wrong check character with 400 naming the field, and writes nothing', async () => {
    const good = usccFor(2);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await admin.request('POST', '/api/enterprises', validInput(2, { uscc: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().fields.map((f: { path: string }) => f.path)).toContain('uscc');
    expect((await admin.get(`/api/enterprises?q=${good.slice(0, 17)}`)).json<Page>().total).toBe(0);
  });

  it('rejects a USCC of the wrong length with 400', async () => {
    const res = await admin.request('POST', '/api/enterprises', validInput(3, { uscc: '91500107MA12345' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('uscc');
  });

  it('rejects a duplicate USCC with 409', async () => {
    const res = await admin.request('POST', '/api/enterprises', validInput(1, { name: '另一家公司名称' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'uscc' }] });
  });

  it('rejects a subdistrict id that is not a 镇街', async () => {
    const dept = (await admin.get('/api/units?kind=department')).json<{ items: Unit[] }>().items[0]!;
    const res = await admin.request('POST', '/api/enterprises', validInput(4, { subdistrictId: dept.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('subdistrictId');
  });

  it('edits and keeps before and after in the audit trail', async () => {
    const created = (await admin.request('POST', '/api/enterprises', validInput(5))).json<Enterprise>();
    const res = await admin.request(
      'PUT',
      `/api/enterprises/${created.id}`,
      validInput(5, { aboveScale: true, address: '科园一路 8 号' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json<Enterprise>().aboveScale).toBe(true);
    const trail = (await admin.get(`/api/audit?entity=enterprise&entityId=${created.id}`)).json().items;
    expect(trail.map((t: { action: string }) => t.action)).toEqual(['create', 'update']);
    expect(trail[1].before.aboveScale).toBe(false);
    expect(trail[1].after.aboveScale).toBe(true);
  });
});

describe('who sees and edits what', () => {
  it('a subdistrict user sees only its own subdistrict, and cannot register elsewhere', async () => {
    const street = await signedIn(p.app, 'street', DEMO_PASSWORD);
    const me = (await street.get('/api/auth/me')).json().user;
    const page = (await street.get('/api/enterprises?pageSize=200')).json<Page>();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((e) => e.subdistrict.id === me.unitId)).toBe(true);
    const elsewhere = await street.request(
      'POST',
      '/api/enterprises',
      validInput(6, { subdistrictId: byName('西彭镇').id }),
    );
    expect(elsewhere.statusCode).toBe(403);
  });

  it('an enterprise user sees only its own record; another enterprise is 404', async () => {
    const firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
    const me = (await firm.get('/api/auth/me')).json().user;
    const page = (await firm.get('/api/enterprises')).json<Page>();
    expect(page.items.map((e) => e.id)).toEqual([me.enterpriseId]);
    const other = (await admin.get('/api/enterprises?pageSize=5'))
      .json<Page>()
      .items.find((e) => e.id !== me.enterpriseId)!;
    expect((await firm.get(`/api/enterprises/${other.id}`)).statusCode).toBe(404);
    expect((await firm.request('PUT', `/api/enterprises/${other.id}`, validInput(7))).statusCode).toBe(404);
  });

  it('an enterprise user may change its contact details but not its scale or honours', async () => {
    const firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
    const me = (await firm.get('/api/auth/me')).json().user;
    const own = (await firm.get(`/api/enterprises/${me.enterpriseId}`)).json<Enterprise>();
    const input = {
      uscc: own.uscc,
      name: own.name,
      registrationDate: own.registrationDate,
      subdistrictId: own.subdistrict.id,
      buildingId: own.building?.id ?? null,
      address: own.address,
      fields: own.fields,
      aboveScale: own.aboveScale,
      status: own.status,
      settledOn: own.settledOn,
      leftOn: own.leftOn,
      contactPerson: '李四',
      contactPhone: '023-61234567',
      honours: own.honours,
    };
    const ok = await firm.request('PUT', `/api/enterprises/${own.id}`, input);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Enterprise>().contactPerson).toBe('李四');
    const grab = await firm.request('PUT', `/api/enterprises/${own.id}`, {
      ...input,
      aboveScale: !own.aboveScale,
    });
    expect(grab.statusCode).toBe(403);
    expect(grab.json().fields[0].path).toBe('aboveScale');
  });
});

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(['统一社会信用代码*', '企业名称*', '注册日期*', '所属镇街*', '重点领域', '规上企业']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import', () => {
  it('offers a template in xlsx and csv', async () => {
    const x = await admin.get('/api/enterprises/import/template?format=xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('统一社会信用代码*');
    const c = await admin.get('/api/enterprises/import/template?format=csv');
    expect(c.body).toContain('企业名称*');
  });

  it('lands a clean file whole: new rows created, known USCCs updated, each audited', async () => {
    const known = usccFor(1);
    const file = await sheet([
      [usccFor(101), '重庆导入一号科技有限公司', '2026-01-05', '石桥铺街道', 'AI智能体、工业软件', '否'],
      [usccFor(102), '重庆导入二号科技有限公司', '2025-12-30', '渝州路街道', '', '是'],
      [known, '重庆测试软件第1科技有限公司（更名）', '2026-03-02', '石桥铺街道', 'AI智能体', '否'],
    ]);
    const res = await upload(p.app, admin, '/api/enterprises/import', 'ok.xlsx', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 1, unchanged: 0, rows: 3, preview: false });
    const found = (await admin.get(`/api/enterprises?q=${usccFor(101)}`)).json<Page>().items[0]!;
    expect(found.fields).toEqual(['aiAgents', 'industrialSoftware']);
    const trail = (await admin.get(`/api/audit?entity=enterprise&entityId=${found.id}`)).json().items;
    expect(trail[0]).toMatchObject({ action: 'create', note: 'import' });
  });

  it('writes nothing when some rows are bad, and reports row, column and reason for each', async () => {
    const before = (await admin.get('/api/enterprises?pageSize=1')).json<Page>().total;
    const bad = usccFor(201).slice(0, 17) + (usccFor(201)[17] === 'A' ? 'B' : 'A');
    const file = await sheet([
      [usccFor(200), '重庆好行科技有限公司', '2026-01-05', '石桥铺街道', '', '否'],
      [bad, '重庆坏行一科技有限公司', '2026-01-05', '石桥铺街道', '', '否'],
      [usccFor(202), '重庆坏行二科技有限公司', '2026-13-45', '不存在街道', '火星软件', '也许'],
      [usccFor(200), '重庆重复科技有限公司', '2026-01-05', '石桥铺街道', '', '否'],
    ]);
    const res = await upload(p.app, admin, '/api/enterprises/import', 'bad.xlsx', file);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_INVALID');
    const at = (row: number) =>
      body.errors
        .filter((e: { row: number }) => e.row === row)
        .map((e: { column: string }) => e.column)
        .sort();
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['统一社会信用代码']);
    expect(at(4)).toEqual(['所属镇街', '注册日期', '规上企业', '重点领域'].sort());
    expect(at(5)).toEqual(['统一社会信用代码']);
    expect(body.errors.find((e: { row: number }) => e.row === 5).reason).toContain('第 2 行');
    expect((await admin.get('/api/enterprises?pageSize=1')).json<Page>().total).toBe(before);
  });

  it('reads a UTF-8 csv and keeps an all-digit USCC exact', async () => {
    const digits = makeUscc(`91500107${makeOrgCode('12345678')}`);
    const csv = `\uFEFF统一社会信用代码,企业名称,注册日期,所属镇街\n${digits},重庆数字代码科技有限公司,2024-02-29,二郎街道\n`;
    const res = await upload(p.app, admin, '/api/enterprises/import', 'digits.csv', csv);
    expect(res.statusCode).toBe(200);
    expect((await admin.get(`/api/enterprises?q=${digits}`)).json<Page>().items[0]!.uscc).toBe(digits);
  });

  it('refuses a file that is not a spreadsheet with 415, a missing column with 422, and an oversized one with 413', async () => {
    expect(
      (
        await upload(
          p.app,
          admin,
          '/api/enterprises/import',
          'photo.png',
          Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        )
      ).statusCode,
    ).toBe(415);
    expect((await upload(p.app, admin, '/api/enterprises/import', 'fake.xlsx', 'not a zip')).statusCode).toBe(
      415,
    );
    const missing = await upload(p.app, admin, '/api/enterprises/import', 'm.csv', '企业名称\n某公司\n');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { column: string }) => e.column)).toContain('统一社会信用代码');
    const huge = await upload(
      p.app,
      admin,
      '/api/enterprises/import',
      'huge.csv',
      Buffer.alloc(21 * 1024 * 1024, 0x41),
    );
    expect(huge.statusCode).toBe(413);
  });

  it('refuses, row by row, a subdistrict user taking over or moving an enterprise outside its scope, and changes nothing', async () => {
    const street = await signedIn(p.app, 'street', DEMO_PASSWORD);
    const me = (await street.get('/api/auth/me')).json().user;
    const mine = subdistricts.find((s) => s.id === me.unitId)!;
    const elsewhere = subdistricts.find((s) => s.id !== me.unitId)!;
    const all = (await admin.get('/api/enterprises?pageSize=200')).json<Page>().items;
    const victim = all.find((e) => e.subdistrict.id !== me.unitId)!;
    const own = all.find((e) => e.subdistrict.id === me.unitId)!;
    const ownBefore = (await admin.get(`/api/enterprises/${own.id}`)).json<Enterprise>();
    const total = (await admin.get('/api/enterprises?pageSize=1')).json<Page>().total;
    const file = await sheet([
      // The takeover from the issue: another subdistrict's USCC, naming the importer's own subdistrict.
      [victim.uscc, '被接管的企业', '2020-01-01', mine.name, '', '否'],
      // A new enterprise registered into another subdistrict.
      [usccFor(301), '重庆越界新建科技有限公司', '2026-01-05', elsewhere.name, '', '否'],
      // The importer's own enterprise moved out of its scope.
      [own.uscc, own.name, ownBefore.registrationDate, elsewhere.name, '', '否'],
    ]);
    const res = await upload(p.app, street, '/api/enterprises/import', 'takeover.xlsx', file);
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; column: string; reason: string }[];
    expect(errors).toContainEqual({
      row: 2,
      column: '统一社会信用代码',
      reason: '无权修改该企业或企业不存在',
    });
    // The refusal says no more than a single edit would: not where the enterprise is.
    expect(JSON.stringify(errors.filter((e) => e.row === 2))).not.toContain(victim.subdistrict.name);
    expect(errors.filter((e) => e.row === 3).map((e) => e.column)).toEqual(['所属镇街']);
    expect(errors.filter((e) => e.row === 4).map((e) => e.column)).toEqual(['所属镇街']);
    const after = (await admin.get(`/api/enterprises/${victim.id}`)).json<Enterprise>();
    expect(after.subdistrict.id).toBe(victim.subdistrict.id);
    expect(after.name).toBe(victim.name);
    expect((await admin.get(`/api/enterprises/${own.id}`)).json<Enterprise>().subdistrict.id).toBe(me.unitId);
    expect((await admin.get('/api/enterprises?pageSize=1')).json<Page>().total).toBe(total);

    // What is in scope still imports: an update of its own enterprise and a new one in its subdistrict.
    const fine = await sheet([
      [own.uscc, `${own.name}（更名）`, ownBefore.registrationDate, mine.name, '', '否'],
      [usccFor(302), '重庆本街新建科技有限公司', '2026-01-05', mine.name, '', '否'],
    ]);
    const ok = await upload(p.app, street, '/api/enterprises/import', 'fine.xlsx', fine);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ created: 1, updated: 1, rows: 2 });
  });

  it('is not open to department or enterprise users', async () => {
    const dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
    expect((await upload(p.app, dept, '/api/enterprises/import', 'x.csv', 'a')).statusCode).toBe(403);
  });
});

describe('export', () => {
  it('exports the filtered list as xlsx', async () => {
    const sub = byName('石桥铺街道');
    const res = await admin.get(`/api/enterprises/export?subdistrictId=${sub.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const total = (await admin.get(`/api/enterprises?subdistrictId=${sub.id}&pageSize=1`)).json<Page>().total;
    expect(ws.actualRowCount - 1).toBe(total);
    expect(ws.getRow(2).getCell(4).value).toBe('石桥铺街道');
  });
});

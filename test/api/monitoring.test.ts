// Effectiveness monitoring on a hand-checked fixture district: every formula kind, and the edge cases — an
// enterprise that moves out, one that closes, one that stops reporting, a new one, a late report, a corrected past
// month, a report in 万元, a department's manual value. Expected values are worked out by hand in the comments.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotifications, signedIn, upload, type Client, type Platform } from '../harness.ts';
import type { Unit } from '../../src/modules/units/units.contract.ts';
import type { Overview, TargetDetail } from '../../src/modules/monitoring/monitoring.contract.ts';
import {
  fileReport,
  months,
  onTime,
  registerFirms,
  series,
  startFixtureDistrict,
  usccMaker,
} from '../fixture-district.ts';

let clock = new Date('2025-02-01T00:00:00Z');
let p: Platform;
let admin: Client;
const ids: Record<string, string> = {};
const uscc = usccMaker('FX');

/** Reports are filed on the 5th of the next month (on time) unless `at` says otherwise. */
async function report(
  who: string,
  period: string,
  employees: number,
  softwareRevenue: number,
  product = 0,
  at?: string,
) {
  clock = at ? new Date(at) : onTime(period);
  return fileReport(admin, ids, who, period, {
    employees,
    coreTalents: Math.floor(employees / 5),
    operatingRevenue: softwareRevenue * 1.25,
    softwareRevenue,
    softwareProductRevenue: product,
    rdExpense: 0,
    usedArea: 100,
  });
}

const near = (a: number | null | undefined, b: number) => expect(a).toBeCloseTo(b, 6);

beforeAll(async () => {
  const district = await startFixtureDistrict(() => clock);
  ({ p, admin } = district);
  const { east, west } = district;
  clock = new Date('2026-04-01T00:00:00Z');
  const firms = [
    { key: 'A', n: 1, sub: east, registrationDate: '2020-01-01' },
    { key: 'B', n: 2, sub: east, registrationDate: '2020-01-01', status: 'movedOut', leftOn: '2026-02-15' },
    { key: 'C', n: 3, sub: west, registrationDate: '2026-01-10' },
    { key: 'D', n: 4, sub: west, registrationDate: '2019-01-01' },
    { key: 'E', n: 5, sub: east, registrationDate: '2020-01-01' },
    { key: 'F', n: 6, sub: west, registrationDate: '2020-01-01', status: 'closed', leftOn: '2026-01-20' },
  ];
  await registerFirms(admin, firms, uscc, '测试企业', ids);
  for (const m of months('2025-01', '2026-03')) {
    // A: 50 people through 2025, then 55, 60, 60; 80万 software revenue a month, 20万 of it products.
    await report('A', m, m < '2026-01' ? 50 : m === '2026-01' ? 55 : 60, 800_000, 200_000);
    // E: 90 people, 40万 software revenue (10万 products); January first filed as 95 (corrected later);
    // March is filed late, by import, in 万元.
    if (m < '2026-03')
      await report('E', m, m < '2026-01' ? 90 : m === '2026-01' ? 95 : 101, 400_000, 100_000);
  }
  // B: 120 people, 50万 a month, reports through January, moved out on 15 February.
  for (const m of months('2025-01', '2026-01')) await report('B', m, 120, 500_000);
  // C: new in January 2026: 10 then 12 people, 10万 a month; no March report.
  await report('C', '2026-01', 10, 100_000);
  await report('C', '2026-02', 12, 100_000);
  // D: 30 people, 30万 a month, stops reporting after October 2025 (carried forward to January, then missing).
  for (const m of months('2025-01', '2025-10')) await report('D', m, 30, 300_000);
  // F: 40 people, 20万 a month through December 2025, closed on 20 January.
  for (const m of months('2025-01', '2025-12')) await report('F', m, 40, 200_000);
  clock = new Date('2026-03-01T00:00:00Z');
  const cluster = await admin.request('POST', '/api/monitoring/targets/clusters/manual-values', {
    asOf: '2026-02-20',
    value: 1,
    source: '区经信局认定文件',
  });
  expect(cluster.statusCode).toBe(201);
});
afterAll(() => p?.close());

describe('the first evaluation of March 2026 (recomputed on 5 April)', () => {
  let first: Awaited<ReturnType<typeof admin.request>>;
  beforeAll(async () => {
    clock = new Date('2026-04-05T03:00:00Z');
    first = await admin.request('POST', '/api/monitoring/recompute');
  });

  it('evaluates the baseline month to the last closed month', () => {
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ from: '2025-12', to: '2026-03' });
  });

  it('shows February, the newest month past its deadline, and says March is still being filed', async () => {
    // On 5 April March's reports are due by 10 April: the pages evaluate February (as policies and grants do) and
    // name March as open; March is computed and can be picked, marked as picked.
    const o = (await admin.get('/api/monitoring/overview')).json<Overview>();
    const expected = {
      month: '2026-02',
      reason: 'closed',
      closed: '2026-02',
      open: '2026-03',
      openDeadline: '2026-04-10',
    };
    expect(o.month).toBe('2026-02');
    expect(o.evaluationMonth).toEqual(expected);
    expect(o.targets.every((t) => t.evaluation === null || t.evaluation.period === '2026-02')).toBe(true);
    expect(o.reporting?.period).toBe('2026-02');
    const d = (await admin.get('/api/monitoring/targets/newEmployees')).json<TargetDetail>();
    expect(d.month).toBe('2026-02');
    expect(d.evaluationMonth).toEqual(expected);
    const pub = (await p.app.inject({ method: 'GET', url: '/api/public/overview' })).json<Overview>();
    expect(pub.evaluationMonth).toEqual(expected);
    const picked = (
      await admin.get('/api/monitoring/targets/newEmployees?month=2026-03')
    ).json<TargetDetail>();
    expect(picked.evaluation?.period).toBe('2026-03');
    expect(picked.evaluationMonth).toMatchObject({ month: '2026-03', reason: 'picked', open: '2026-03' });
  });

  it('counts employee growth with carry-forward, a move-out and a closure', async () => {
    const o = (await admin.get('/api/monitoring/overview')).json<Overview>();
    // A stock is a month-end position: a firm gone by the month's end counts its loss in that month.
    // Jan: A +5, B 0, C +10 (new), D 0 (carried), E +5 (95−90), F −40 (closed on the 20th) = −20
    // Feb: A +10, B −120 (moved out on the 15th), C +12, D 0 (missing: excluded), E +11, F −40 = −127
    // Mar: A +10, B −120, C +12 (carried), D 0, E +11 (Feb carried), F −40 = −127
    expect(series(o, 'newEmployees')).toEqual({
      '2025-12': 0,
      '2026-01': -20,
      '2026-02': -127,
      '2026-03': -127,
    });
  });
});

describe('after a correction of January and a late March report in 万元 (recomputed on 20 April)', () => {
  let o: Overview;
  let summary: { snapshots: { published: number; revised: number }; worsened: { code: string }[] };
  beforeAll(async () => {
    await report('E', '2026-01', 97, 400_000, 100_000, '2026-04-06T02:00:00Z');
    clock = new Date('2026-04-15T02:00:00Z');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2026-03');
    ws.addRow([
      '统一社会信用代码',
      '企业名称',
      '从业人员（人）',
      '核心软信人才（人）',
      '营业收入（万元）',
      '软件业务收入（万元）',
      '软件产品收入（万元）',
      '研发投入（万元）',
      '使用面积（平方米）',
    ]);
    ws.addRow([uscc(5), '测试企业E科技有限公司', 103, 20, 50, 40, 10, 0, 100]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(p.app, admin, '/api/reports/import?period=2026-03', 'march.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, created: 1, revised: 0, unchanged: 0 });
    // Importing the same file again changes nothing: no new version.
    const again = await upload(p.app, admin, '/api/reports/import?period=2026-03', 'march.xlsx', file);
    expect(again.json()).toMatchObject({ rows: 1, created: 0, revised: 0, unchanged: 1 });
    clock = new Date('2026-04-20T03:00:00Z');
    summary = (await admin.request('POST', '/api/monitoring/recompute')).json();
    o = (await admin.get('/api/monitoring/overview')).json<Overview>();
  });

  it('employees: January −18 (E 97−90), March −125 (E +13 from its own report)', () => {
    expect(series(o, 'newEmployees')).toEqual({
      '2025-12': 0,
      '2026-01': -18,
      '2026-02': -127,
      '2026-03': -125,
    });
  });

  it('new enterprises count only C, from January; exits (F in January, B in February) are beside it', async () => {
    expect(series(o, 'newEnterprises')).toEqual({ '2025-12': 0, '2026-01': 1, '2026-02': 1, '2026-03': 1 });
    const d = (await admin.get('/api/monitoring/targets/newEnterprises')).json<TargetDetail>();
    // Stock at month end: Dec A B D E F = 5; Jan +C −F = 5; Feb −B = 4; Mar 4. Net = stock − 5.
    expect(d.enterpriseChanges!.map((c) => [c.month, c.entries, c.exits, c.net, c.stock])).toEqual([
      ['2025-12', 0, 0, 0, 5],
      ['2026-01', 1, 1, 0, 5],
      ['2026-02', 1, 2, -1, 4],
      ['2026-03', 1, 2, -1, 4],
    ]);
    // The overview's card reads the evaluated month's changes beside the entries.
    expect(o.targets.find((t) => t.code === 'newEnterprises')!.changes).toEqual({
      month: '2026-03',
      entries: 1,
      exits: 2,
      net: -1,
      stock: 4,
    });
  });

  it('new Shangxing count E from February (101 > 100); B met the rule already at the baseline', () => {
    expect(series(o, 'newShangxing')).toEqual({ '2025-12': 0, '2026-01': 0, '2026-02': 1, '2026-03': 1 });
  });

  it('beside new Shangxing: B leaving the district is an exit, so the stock stays 1 (net 0), not +1', async () => {
    // Members at month end: Dec B (120 people) = 1; Jan B (E 97 is not > 100) = 1; Feb E (101) — B moved out on
    // the 15th — = 1; Mar E (February carried) = 1. Entries: E from Feb; exits: B from Feb.
    const d = (await admin.get('/api/monitoring/targets/newShangxing')).json<TargetDetail>();
    expect(d.enterpriseChanges!.map((c) => [c.month, c.entries, c.exits, c.net, c.stock])).toEqual([
      ['2025-12', 0, 0, 0, 1],
      ['2026-01', 0, 0, 0, 1],
      ['2026-02', 1, 1, 0, 1],
      ['2026-03', 1, 1, 0, 1],
    ]);
    const card = o.targets.find((t) => t.code === 'newShangxing')!;
    expect(card.changes).toEqual({ month: '2026-03', entries: 1, exits: 1, net: 0, stock: 1 });
    // Other targets have none.
    expect(o.targets.find((t) => t.code === 'newEmployees')!.changes).toBeNull();
  });

  it('software revenue is the trailing 12 months in 亿元; carried months add nothing', () => {
    const s = series(o, 'softwareRevenue');
    // Dec: A 9.6M + B 6.0M + D 3.0M + E 4.8M + F 2.4M = 25.8M
    near(s['2025-12'], 0.258);
    // Jan: A 9.6 + B 6.0 + C 0.1 + D 2.7 + E 4.8 + F 2.2 = 25.4M
    near(s['2026-01'], 0.254);
    // Feb: A 9.6 + B 5.5 + C 0.2 + D 2.4 + E 4.8 + F 2.0 = 24.5M
    near(s['2026-02'], 0.245);
    // Mar: A 9.6 + B 5.0 + C 0.2 + D 2.1 + E 4.8 (March 40万 from the 万元 import) + F 1.8 = 23.5M
    near(s['2026-03'], 0.235);
  });

  it('software product share is product ÷ software revenue over the same 12 months, in %', () => {
    const s = series(o, 'softwareProductShare');
    near(s['2025-12'], (3.6 / 25.8) * 100);
    near(s['2026-03'], (3.6 / 23.5) * 100);
  });

  it("takes a department's manual value from the month it is dated", () => {
    expect(series(o, 'clusters')).toEqual({ '2025-12': null, '2026-01': null, '2026-02': 1, '2026-03': 1 });
  });

  it('a milestone (the cluster: built or not) is achieved, with no trend, pace or projection, and takes only 0 or 1', async () => {
    const t = o.targets.find((x) => x.code === 'clusters')!;
    expect(t.milestone).toBe(true);
    expect(t.evaluation).toMatchObject({
      value: 1,
      status: 'achieved',
      projection: null,
      recentMonthlyPace: null,
      requiredMonthlyPace: null,
    });
    expect(o.targets.find((x) => x.code === 'newEmployees')!.milestone).toBe(false);
    const half = await admin.request('POST', '/api/monitoring/targets/clusters/manual-values', {
      asOf: '2026-03-20',
      value: 0.5,
      source: '区经信局认定文件',
    });
    expect(half.statusCode).toBe(400);
    expect(half.json()).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'value' }] });
  });

  it('judges status by pace: new enterprises fall from on track in February to seriously behind in March', () => {
    const t = o.targets.find((x) => x.code === 'newEnterprises')!;
    // Feb: progress 1/6, elapsed 2/12 → pace 1.0; Mar: progress 1/6, elapsed 3/12 → pace 0.67 < 0.75
    expect(t.series.map((x) => x.status)).toEqual([null, 'ahead', 'onTrack', 'seriouslyBehind']);
    expect(t.evaluation).toMatchObject({ period: '2026-03', status: 'seriouslyBehind', monthsRemaining: 9 });
    near(t.evaluation!.requiredMonthlyPace, 5 / 9);
    expect(summary.worsened.map((w) => w.code)).toContain('newEnterprises');
  });

  it('keeps what was first published: January and March show as revised, not rewritten', async () => {
    expect(summary.snapshots.revised).toBeGreaterThanOrEqual(2);
    const d = (await admin.get('/api/monitoring/targets/newEmployees')).json<TargetDetail>();
    const rev = Object.fromEntries(d.revisions.map((r) => [r.month, r]));
    expect(rev['2026-01']).toMatchObject({ first: -20, current: -18, revisions: 2 });
    expect(rev['2026-03']).toMatchObject({ first: -127, current: -125, revisions: 2 });
    expect(rev['2026-02']).toMatchObject({ first: -127, current: -127, revisions: 1 });
  });

  it('breaks March down by subdistrict and drills down to the enterprises', async () => {
    const d = (await admin.get('/api/monitoring/targets/newEmployees?month=2026-03')).json<TargetDetail>();
    const bySub = Object.fromEntries(d.breakdowns.subdistrict.map((b) => [b.label, b.value]));
    // 东街道: A +10, B −120, E +13 = −97; 西镇: C +12, D 0, F −40 = −28
    expect(bySub).toEqual({ 东街道: -97, 西镇: -28 });
    const drill = (await admin.get('/api/monitoring/targets/newEmployees/contributors?month=2026-03')).json();
    expect(drill.items.map((i: { name: string; value: number }) => [i.name.slice(4, 5), i.value])).toEqual([
      ['E', 13],
      ['C', 12],
      ['A', 10],
      ['F', -40],
      ['B', -120],
    ]);
  });

  it('tracks who has not reported March, and who reported late', async () => {
    const cov = (await admin.get('/api/reports/coverage?period=2026-03')).json();
    // Expected: A, C, D, E (B and F had left); reported: A and E; on time (by 10 April): A only.
    expect(cov.district).toEqual({ expected: 4, reported: 2, onTime: 1 });
    // The overview shows the same, as stored by the recompute.
    expect(o.reporting).toEqual({
      period: '2026-03',
      expected: 4,
      reported: 2,
      onTime: 1,
      deadline: '2026-04-10',
    });
    const missing = (await admin.get('/api/reports/missing?period=2026-03')).json();
    expect(missing.items.map((i: { name: string }) => i.name.slice(4, 5)).sort()).toEqual(['C', 'D']);
    expect(missing.items.find((i: { name: string }) => i.name.includes('D'))!.lastReported).toBe('2025-10');
  });

  it('keeps every version of a corrected month, and audits the correction', async () => {
    const detail = (await admin.get(`/api/enterprises/${ids.E}/reports/2026-01`)).json();
    expect(
      detail.versions.map((v: { version: number; employees: number }) => [v.version, v.employees]),
    ).toEqual([
      [2, 97],
      [1, 95],
    ]);
    const trail = (await admin.get(`/api/audit?entity=report&entityId=${ids.E}:2026-01`)).json().items;
    expect(trail.at(-1)).toMatchObject({
      action: 'update',
      before: { employees: 95 },
      after: { employees: 97 },
    });
  });

  it('shows the public district figures without login, and withholds groups of fewer than 3 enterprises', async () => {
    // 东街道 has three contributing enterprises (A, B, E); 西镇 only two in March (C and F; D has no data). 东街道
    // is withheld too: beside the total of −125 its −97 would give 西镇's −28.
    const anon = await p.app.inject({ method: 'GET', url: '/api/public/targets/newEmployees?month=2026-03' });
    expect(anon.statusCode).toBe(200);
    const d = anon.json<TargetDetail>();
    expect(d.evaluation!.value).toBe(-125);
    const bySub = Object.fromEntries(
      d.breakdowns.subdistrict.map((b) => [b.label, [b.suppressed, b.value, b.contributors]]),
    );
    expect(bySub).toEqual({ 东街道: [true, null, null], 西镇: [true, null, null] });
    expect(
      (
        await p.app.inject({
          method: 'GET',
          url: '/api/monitoring/targets/newEmployees/contributors?month=2026-03',
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('exports of the lists (as of the 20 April recompute)', () => {
  /** The rows of an .xlsx answer's sheet, header first. */
  async function sheetRows(url: string, sheet = 1) {
    const res = await admin.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const out: unknown[][] = [];
    wb.worksheets[sheet - 1]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  }
  const letter = (name: unknown) => String(name).slice(4, 5);

  it("a drill-down's contributors: the whole list, largest first, with status", async () => {
    const rows = await sheetRows('/api/monitoring/targets/newEmployees/contributors/export?month=2026-03');
    expect(rows[0]).toEqual(['统一社会信用代码', '企业名称', '镇街', '贡献值（人）', '企业状态']);
    expect(rows.slice(1).map((r) => [letter(r[1]), r[2], r[3], r[4]])).toEqual([
      ['E', '东街道', 13, '在营'],
      ['C', '西镇', 12, '在营'],
      ['A', '东街道', 10, '在营'],
      ['F', '西镇', -40, '注销'],
      ['B', '东街道', -120, '迁出'],
    ]);
  });

  it('money in exact 元: software revenue over the 12 months to March', async () => {
    // A 12 × 80万; B Apr–Jan 10 × 50万; E 12 × 40万; D Apr–Oct 7 × 30万; F Apr–Dec 9 × 20万; C Jan–Feb 2 × 10万
    const rows = await sheetRows('/api/monitoring/targets/softwareRevenue/contributors/export?month=2026-03');
    expect(rows[0]![3]).toBe('贡献值（元）');
    expect(rows.slice(1).map((r) => [letter(r[1]), r[3]])).toEqual([
      ['A', 9_600_000],
      ['B', 5_000_000],
      ['E', 4_800_000],
      ['D', 2_100_000],
      ['F', 1_800_000],
      ['C', 200_000],
    ]);
  });

  it('breakdown tables, one sheet per dimension', async () => {
    const people = await sheetRows('/api/monitoring/targets/newEmployees/breakdowns/export?month=2026-03');
    // 东街道: A +10, B −120, E +13 = −97 (A, B, E contribute); 西镇: C +12, D 0, F −40 = −28 (C, F)
    expect(people).toEqual([
      ['镇街', '新增从业人员（人）', '有数据企业数'],
      ['西镇', -28, 2],
      ['东街道', -97, 3],
    ]);
    const revenue = await sheetRows(
      '/api/monitoring/targets/softwareRevenue/breakdowns/export?month=2026-03',
    );
    // 东街道 A + B + E = 19.4M; 西镇 C + D + F = 4.1M
    expect(revenue.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['东街道', 19_400_000],
      ['西镇', 4_100_000],
    ]);
    expect(revenue[0]![1]).toMatch(/（元）$/);
    const bySize = await sheetRows('/api/monitoring/targets/newEmployees/breakdowns/export?month=2026-03', 3);
    expect(bySize[0]![0]).toBe('规模');
  });

  it('the non-reporters with contacts and last month reported; the download is audited', async () => {
    const rows = await sheetRows('/api/reports/missing/export?period=2026-03');
    expect(rows[0]).toEqual(['统一社会信用代码', '企业名称', '镇街', '联系人', '联系电话', '最近报送月份']);
    expect(rows.slice(1).map((r) => [letter(r[1]), r[2], r[5]])).toEqual([
      ['C', '西镇', '2026-02'],
      ['D', '西镇', '2025-10'],
    ]);
    const trail = (await admin.get('/api/audit?entity=export&entityId=missingReports')).json().items;
    expect(trail.at(-1)).toMatchObject({
      action: 'export',
      after: { filter: { period: '2026-03' }, rows: 2 },
    });
  });
});

describe('feedback', () => {
  it("alerts the owner unit and the plan office when a target's status worsens", async () => {
    const units = (await admin.get('/api/units')).json<{ items: Unit[] }>().items;
    const bureau = units.find((u) => u.name === '区经信局')!;
    const made = await admin.request('POST', '/api/users', {
      username: 'bureau-user',
      displayName: '经信局用户',
      password: 'bureau-password-1',
      role: 'department',
      unitId: bureau.id,
    });
    expect(made.statusCode).toBe(201);
    const dept = await signedIn(p.app, 'bureau-user', 'bureau-password-1');
    const inbox = (await dept.get('/api/inbox')).json();
    const alert = inbox.items.find((n: { title: string }) => n.title.includes('新增企业'));
    expect(alert).toMatchObject({ category: 'alert', link: '/monitoring/targets/newEnterprises' });
    expect(alert.title).toContain('严重滞后');
    const office = (await admin.get('/api/inbox')).json();
    // 西镇: February 1 of 2 reported (C; D had stopped), March 0 of 2 — a drop of 50 points, over the 10-point threshold.
    expect(
      office.items.some((n: { title: string }) => n.title.includes('西镇') && n.title.includes('填报率')),
    ).toBe(true);
    // 东街道 stood at 1 of 2 (50 %) on 5 April, before the deadline (10 April): E was still to file, and did (late),
    // so no rate alert was raised while the month was open, nor after it, when 东街道 had 2 of 2.
    expect(
      office.items.some((n: { title: string }) => n.title.includes('东街道') && n.title.includes('填报率')),
    ).toBe(false);
    expect(office.items.some((n: { title: string }) => n.title.includes('新增企业'))).toBe(true);
    // Recomputing again does not alert twice.
    await admin.request('POST', '/api/monitoring/recompute');
    const again = (await dept.get('/api/inbox')).json();
    expect(again.items.filter((n: { title: string }) => n.title.includes('新增企业'))).toHaveLength(1);
  });

  it('reminds the enterprises that have not reported, once, after the deadline', async () => {
    const { sendReminders } = await import('../../src/modules/monitoring/monitoring.feedback.ts');
    const sent: string[] = [];
    const delivery = {
      adapters: [{ channel: 'sms' as const, send: async (m: { to: string }) => void sent.push(m.to) }],
      contactsOf: async () => [{ channel: 'sms' as const, to: '13800000000' }],
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    // Before the deadline (10 April) nobody is reminded about March.
    expect(await sendReminders(p.db, p.districtId, new Date('2026-04-08T02:00:00Z'))).toBe(0);
    await deliverNotifications(p.db, delivery);
    expect(await sendReminders(p.db, p.districtId, new Date('2026-04-20T02:00:00Z'))).toBe(2);
    await deliverNotifications(p.db, delivery);
    expect(await sendReminders(p.db, p.districtId, new Date('2026-04-21T02:00:00Z'))).toBe(0);
    await deliverNotifications(p.db, delivery);
    expect(sent).toHaveLength(2);
  });
});

describe('an enterprise report history', () => {
  it('counts versions and judges on time per month', async () => {
    const history = (await admin.get(`/api/enterprises/${ids.E}/reports`)).json().items as {
      period: string;
      versions: number;
      onTime: boolean;
    }[];
    const byMonth = Object.fromEntries(history.map((h) => [h.period, [h.versions, h.onTime]]));
    // January: filed on 5 February (on time), corrected in April — still on time, two versions. March: late, one.
    expect(byMonth['2026-01']).toEqual([2, true]);
    expect(byMonth['2026-03']).toEqual([1, false]);
    expect(byMonth['2025-06']).toEqual([1, true]);
  });
});

describe('official figures beside computed ones', () => {
  it("keeps a department's figure for a computed target without changing the computed value", async () => {
    const res = await admin.request('POST', '/api/monitoring/targets/softwareRevenue/manual-values', {
      asOf: '2026-03-31',
      value: 0.24,
      source: '区统计局 2026年一季度统计快报',
    });
    expect(res.statusCode).toBe(201);
    const list = (await admin.get('/api/monitoring/targets/softwareRevenue/manual-values')).json().items;
    expect(list[0]).toMatchObject({ value: 0.24, source: '区统计局 2026年一季度统计快报' });
    clock = new Date('2026-04-21T03:00:00Z');
    await admin.request('POST', '/api/monitoring/recompute');
    const o = (await admin.get('/api/monitoring/overview')).json<Overview>();
    near(series(o, 'softwareRevenue')['2026-03'], 0.235);
  });
});

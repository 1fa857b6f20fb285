// The annual assessment through the API: the example scheme from the plan, a unit's month scored from real records
// (work items and reports through the supervision API, a target from the demo data) against a hand-computed
// expectation, the breakdown naming the records, ties in the ranking, closing a year and a later revision, who sees
// which scorecard, bad scheme input, and the monthly bulletin (the month's figures, identical when regenerated).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  type Client,
  type Platform,
} from '../harness.ts';
import { toCenti, pointsText } from '../../src/modules/assessment/assessment.ts';
import type { ScorecardView } from '../../src/modules/assessment/assessment.contract.ts';

let p: Platform;
let admin: Client;
let dept: Client;
let street: Client;
let firm: Client;
const clock = { now: new Date('2026-06-02T02:00:00Z') };
const setDate = (date: string) => (clock.now = new Date(`${date}T02:00:00Z`));
let deptUnit: string;
let streetUnit: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 40, now: () => clock.now });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  deptUnit = (await dept.get('/api/auth/me')).json().user.unitId;
  streetUnit = (await street.get('/api/auth/me')).json().user.unitId;
});
afterAll(() => p?.close());

const ok = async <R extends { statusCode: number; body: string }>(
  res: Promise<R>,
  status = 200,
): Promise<R> => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
};

/** The hand-computed scheme of 2026: task 3's items, software revenue, overdue items, reports, bonus items. */
const scheme2026 = {
  title: '2026年度考核方案（测试）',
  example: false,
  reportDeadlineDay: 5,
  indicators: [
    {
      code: 'task.3',
      name: '重点任务3推进情况',
      points: 10,
      method: { kind: 'targetScoring', below: 'proportional' },
      feed: { kind: 'itemCompletion', taskNumber: 3 },
      appliesTo: 'lead',
    },
    {
      code: 'target.softwareRevenue',
      name: '软件业务收入完成情况',
      points: 10,
      method: { kind: 'targetScoring', below: 'proportional' },
      feed: { kind: 'targetResult', targetCode: 'softwareRevenue' },
      appliesTo: 'lead',
    },
    {
      code: 'deduct.overdue',
      name: '逾期未完成工作举措',
      points: 0,
      method: { kind: 'deduction', per: 1, cap: 5 },
      feed: { kind: 'overdueItems' },
      appliesTo: 'all',
      noun: '逾期举措',
      unit: '项',
    },
    {
      code: 'deduct.reports',
      name: '进展报送不及时或被退回',
      points: 0,
      method: { kind: 'deduction', per: 0.5, cap: 3 },
      feed: { kind: 'lateReports' },
      appliesTo: 'all',
      noun: '迟报或退回的进展',
      unit: '次',
    },
    {
      code: 'deduct.notices',
      name: '逾期督办单',
      points: 0,
      method: { kind: 'deduction', per: 1, cap: 5 },
      feed: { kind: 'supervisionNotices' },
      appliesTo: 'all',
    },
    {
      code: 'bonus',
      name: '加分事项',
      points: 0,
      method: { kind: 'bonus', per: 1, cap: 5 },
      feed: { kind: 'bonusItems' },
      appliesTo: 'all',
      noun: '加分事项',
      unit: '项',
    },
  ],
};

describe('the scheme', () => {
  it('generates the example scheme from the plan: a line per target and per task, clearly an example', async () => {
    const res = await ok(admin.request('POST', '/api/assessment/schemes/2027/default'), 201);
    const s = res.json<{
      title: string;
      example: boolean;
      indicators: { code: string; feed: { kind: string } }[];
    }>();
    expect(s.example).toBe(true);
    expect(s.title).toContain('示例方案');
    const plan = (await admin.get('/api/plan')).json<{ targets: { code: string }[] }>();
    const targets = s.indicators.filter((i) => i.feed.kind === 'targetResult').map((i) => i.code);
    expect(targets).toEqual(plan.targets.map((t) => `target.${t.code}`));
    expect(s.indicators.filter((i) => i.code.startsWith('task.'))).toHaveLength(22);
    expect(s.indicators.map((i) => i.feed.kind)).toEqual(
      expect.arrayContaining(['overdueItems', 'lateReports', 'supervisionNotices', 'bonusItems']),
    );
    // Generating it again is refused: the year has a scheme.
    await ok(admin.request('POST', '/api/assessment/schemes/2027/default'), 409);
    // Every staff user reads it; enterprises do not.
    await ok(street.get('/api/assessment/schemes/2027'));
    await ok(firm.get('/api/assessment/schemes/2027'), 403);
  });

  it('refuses a bad scheme with the field: negative points, an unknown method, a target the plan lacks', async () => {
    const bad = (over: Record<string, unknown>) => ({
      ...scheme2026,
      indicators: [{ ...scheme2026.indicators[0], ...over }],
    });
    const neg = await ok(admin.request('PUT', '/api/assessment/schemes/2026', bad({ points: -1 })), 400);
    expect(neg.json<{ fields: { path: string }[] }>().fields.map((f) => f.path)).toContain(
      'indicators.0.points',
    );
    const method = await ok(
      admin.request('PUT', '/api/assessment/schemes/2026', bad({ method: { kind: 'lottery' } })),
      400,
    );
    expect(method.json<{ fields: { path: string }[] }>().fields[0]!.path).toMatch(/^indicators\.0\.method/);
    const mismatch = await ok(
      admin.request(
        'PUT',
        '/api/assessment/schemes/2026',
        bad({ method: { kind: 'deduction', per: 1, cap: 2 } }),
      ),
      400,
    );
    expect(mismatch.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe('indicators.0.method');
    const target = await ok(
      admin.request(
        'PUT',
        '/api/assessment/schemes/2026',
        bad({ feed: { kind: 'targetResult', targetCode: 'noSuchTarget' } }),
      ),
      400,
    );
    expect(target.json<{ fields: { path: string }[] }>().fields[0]!.path).toBe(
      'indicators.0.feed.targetCode',
    );
    await ok(dept.request('PUT', '/api/assessment/schemes/2026', scheme2026), 403);
    await ok(admin.request('GET', '/api/assessment/schemes/2026'), 404);
    await ok(admin.request('PUT', '/api/assessment/schemes/2026', scheme2026));
  });
});

describe('a month scored from the records', () => {
  it('sets up two items of task 3, reports (one returned, one late) and a bonus item', async () => {
    setDate('2026-06-02');
    const item = async (title: string, dueDate: string) => {
      const res = await ok(
        admin.request('POST', '/api/supervision/items', {
          taskNumber: 3,
          title,
          ownerUnitId: deptUnit,
          startDate: '2026-01-01',
          dueDate,
          kind: 'milestone',
        }),
        201,
      );
      return res.json<{ item: { id: string } }>().item.id;
    };
    ids.a = await item('建设软件名城展示中心', '2026-12-31');
    ids.b = await item('出台软信产业专项政策', '2026-05-31');
    const report = async (item: string, period: string, percent: number) =>
      (
        await ok(
          dept.request('POST', `/api/supervision/items/${item}/reports`, {
            period,
            progress: `完成 ${percent}%`,
            percent,
          }),
          201,
        )
      ).json<{ reports: { id: string }[] }>().reports[0]!.id;
    ids.returned = await report(ids.a, '2026-05', 20);
    await ok(
      admin.request('POST', `/api/supervision/reports/${ids.returned}/return`, { reason: '缺少佐证材料' }),
    );
    setDate('2026-06-20');
    ids.late = await report(ids.b, '2026-05', 60);
    // B is past due: the plan office issues a 督办单 by hand (blue), counted in June.
    ids.notice = (
      await ok(
        admin.request('POST', `/api/supervision/items/${ids.b}/notices`, { reason: '逾期未完成' }),
        201,
      )
    ).json<{ notice: { id: string } }>().notice.id;
    setDate('2026-06-30');
    await report(ids.a, '2026-06', 40);
    setDate('2026-07-10');
    await ok(admin.request('POST', '/api/monitoring/recompute'));
    const bonus = await ok(
      admin.request('POST', '/api/assessment/bonuses', {
        unitId: deptUnit,
        indicatorCode: 'bonus',
        month: '2026-06',
        title: '软信产业经验获市级推广',
      }),
      201,
    );
    ids.bonus = bonus.json<{ id: string }>().id;
  });

  it("scores 区经济信息委's June as computed by hand, each line naming its records", async () => {
    const res = await ok(dept.get(`/api/assessment/scorecards/${deptUnit}?period=2026-06`));
    const { card, state } = res.json<{ card: ScorecardView; state: string }>();
    expect(state).toBe('live');
    const line = (code: string) => card.lines.find((l) => l.code === code)!;
    // On 2026-06-30: A expects 180/364 = 49 %, reported 40 (its June report stands; May's was returned);
    // B is past due: 100 % expected, 60 reported. Weighted: expected round(74.5) = 75, reported 50 → 66.7 % of 10.
    expect(line('task.3')).toMatchObject({ centi: 667, maxCenti: 1000 });
    expect(line('task.3').reason).toBe(
      '完成 66.7%（目标 75，完成 50），按完成比例得 6.67 分（满分 10.00 分）',
    );
    expect(
      line('task.3')
        .records.map((r) => r.id)
        .sort(),
    ).toEqual([ids.a, ids.b].sort());
    expect(line('task.3').records.map((r) => r.label)).toContain('2. 出台软信产业专项政策');
    // The target from the demo data: June's snapshot against the goal of 480 亿元.
    const target = (await admin.get('/api/monitoring/targets/softwareRevenue?month=2026-06')).json<{
      evaluation: { value: number };
    }>();
    // Scored as published: two decimals in 亿元.
    const value = Math.round(target.evaluation.value * 100) / 100;
    const targetCenti = value >= 480 ? 1000 : toCenti((10 * value) / 480);
    expect(line('target.softwareRevenue').centi).toBe(targetCenti);
    expect(line('target.softwareRevenue').records[0]).toMatchObject({
      kind: 'target',
      id: 'softwareRevenue',
    });
    expect(line('target.softwareRevenue').records[0]!.value).toContain('2026-06 快照');
    // B is overdue: −1.
    expect(line('deduct.overdue')).toMatchObject({ centi: -100 });
    expect(line('deduct.overdue').records.map((r) => r.id)).toEqual([ids.b]);
    // B's May report came on 20 June (due 5 June), A's May report was returned: 2 × 0.5.
    expect(line('deduct.reports')).toMatchObject({ centi: -100 });
    expect(line('deduct.reports').records.map((r) => [r.id, r.value?.slice(0, 2)])).toEqual(
      expect.arrayContaining([
        [ids.late, '迟报'],
        [ids.returned, '被计'],
      ]),
    );
    // B's blue 督办单 of 20 June: −1.
    expect(line('deduct.notices')).toMatchObject({ centi: -100 });
    expect(line('deduct.notices').records).toEqual([
      expect.objectContaining({ kind: 'notice', id: ids.notice, value: '2026-06-20' }),
    ]);
    expect(line('deduct.notices').records[0]!.label).toContain('蓝色督办单');
    expect(line('bonus')).toMatchObject({ centi: 100 });
    expect(line('bonus').records).toEqual([
      expect.objectContaining({ id: ids.bonus, label: '软信产业经验获市级推广' }),
    ]);
    expect(card.totalCenti).toBe(667 + targetCenti - 100 - 100 - 100 + 100);
    expect(card.total).toBe(pointsText(card.totalCenti));
  });

  it('ranks units with ties sharing a place, and subdistricts apart', async () => {
    const units = (await ok(admin.get('/api/assessment/ranking?period=2026-06&group=units'))).json<{
      rows: { place: number; unit: { id: string }; totalCenti: number }[];
    }>().rows;
    expect(units[0]!.unit.id).toBe(deptUnit);
    expect(units[0]!.place).toBe(1);
    // Every other unit has only the (zero) deductions and bonus lines: all tied in second place.
    expect(units.length).toBeGreaterThan(10);
    for (const r of units.slice(1)) expect(r).toMatchObject({ place: 2, totalCenti: 0 });
    const subs = (await ok(street.get('/api/assessment/ranking?period=2026-06&group=subdistricts'))).json<{
      rows: { place: number; unit: { id: string } }[];
    }>().rows;
    expect(subs.map((r) => r.unit.id)).toContain(streetUnit);
    expect(subs.every((r) => r.place === 1)).toBe(true);
  });

  it('shows a unit only its own scorecard; departments and the office read all; enterprises nothing', async () => {
    await ok(street.get(`/api/assessment/scorecards/${deptUnit}?period=2026-06`), 404);
    await ok(street.get(`/api/assessment/scorecards/${streetUnit}?period=2026-06`));
    const mine = (await ok(street.get('/api/assessment/scorecards?period=2026-06'))).json<{
      items: ScorecardView[];
    }>();
    expect(mine.items.map((c) => c.unit.id)).toEqual([streetUnit]);
    const all = (await ok(dept.get('/api/assessment/scorecards?period=2026-06'))).json<{
      items: ScorecardView[];
    }>();
    expect(all.items.length).toBeGreaterThan(20);
    await ok(firm.get(`/api/assessment/scorecards/${deptUnit}?period=2026-06`), 403);
    await ok(street.get('/api/assessment/export?period=2026-06'), 403);
  });

  it('exports the scorecards as .xlsx with every line and its records', async () => {
    const res = await ok(admin.get('/api/assessment/export?period=2026-06'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const lines = wb.getWorksheet('得分明细')!;
    const rows: string[] = [];
    lines.eachRow((r) => rows.push(String(r.getCell(6).value ?? '')));
    expect(rows).toContain('完成 66.7%（目标 75，完成 50），按完成比例得 6.67 分（满分 10.00 分）');
  });
});

describe('closing a year', () => {
  it('freezes the scores; a later change recomputed is a revision beside them', async () => {
    setDate('2027-01-10');
    const live = (await ok(admin.get(`/api/assessment/scorecards/${deptUnit}?period=2026`))).json<{
      card: ScorecardView;
    }>().card;
    const closed = await ok(admin.request('POST', '/api/assessment/years/2026/close'));
    expect(closed.json()).toMatchObject({ year: 2026, revision: 1, stored: true });
    await ok(admin.request('POST', '/api/assessment/years/2026/close'), 409);
    // Nothing changed: no revision.
    const same = await ok(admin.request('POST', '/api/assessment/years/2026/recompute', { reason: '复核' }));
    expect(same.json()).toMatchObject({ revision: 1, stored: false });
    // A bonus item entered late for December, then the recompute.
    await ok(
      admin.request('POST', '/api/assessment/bonuses', {
        unitId: deptUnit,
        indicatorCode: 'bonus',
        month: '2026-12',
        title: '补录：获评市级示范',
      }),
      201,
    );
    const rev = await ok(
      admin.request('POST', '/api/assessment/years/2026/recompute', { reason: '补录加分事项' }),
    );
    expect(rev.json()).toMatchObject({ revision: 2, stored: true });
    const answer = (await ok(dept.get(`/api/assessment/scorecards/${deptUnit}?period=2026`))).json<{
      state: string;
      card: ScorecardView;
      revisions: { revision: number; reason: string; card: ScorecardView }[];
    }>();
    expect(answer.state).toBe('frozen');
    expect(answer.card.totalCenti).toBe(live.totalCenti);
    expect(answer.revisions).toHaveLength(1);
    expect(answer.revisions[0]).toMatchObject({ revision: 2, reason: '补录加分事项' });
    expect(answer.revisions[0]!.card.totalCenti).toBe(live.totalCenti + 100);
    const ranking = (await ok(admin.get('/api/assessment/ranking?period=2026&group=units'))).json<{
      state: string;
      rows: { unit: { id: string }; total: string; revised: { revision: number; total: string } | null }[];
    }>();
    expect(ranking.state).toBe('frozen');
    const row = ranking.rows.find((r) => r.unit.id === deptUnit)!;
    expect(row.total).toBe(live.total);
    expect(row.revised).toEqual({ revision: 2, total: pointsText(live.totalCenti + 100), place: 1 });
  });
});

async function documentText(payload: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(payload);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:p[ >][^]*?<\/w:p>/g, (para) => `${para.replace(/<[^>]+>/g, '')}\n`)
    .replace(/<[^>]+>/g, '');
}

describe('the monthly bulletin', () => {
  it("holds the month's figures and is identical when regenerated", async () => {
    const first = await ok(admin.get('/api/assessment/bulletin?month=2026-06'));
    expect(first.headers['content-type']).toContain('wordprocessingml');
    const text = await documentText(first.rawPayload);
    expect(text).toContain('关于2026年6月“满天星”行动计划推进情况的通报');
    for (const h of [
      '一、主要指标完成情况',
      '二、重点任务推进情况',
      '三、督办情况',
      '四、考核排名',
      '五、下步工作',
    ])
      expect(text).toContain(h);
    expect(text).toContain('软件业务收入');
    expect(text).toContain('出台软信产业专项政策');
    expect(text).toContain('区经济信息委');
    const again = await ok(dept.get('/api/assessment/bulletin?month=2026-06'));
    expect(await documentText(again.rawPayload)).toBe(text);
    await ok(street.get('/api/assessment/bulletin?month=2026-06'), 403);
    await ok(admin.get('/api/assessment/bulletin?month=2026-13'), 400);
  });
});

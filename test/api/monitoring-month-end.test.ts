// Month-end stocks, gross entries beside exits and net change, and size bands at month end, on a hand-checked
// fixture district of seven enterprises. Expected values are worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Platform } from '../harness.ts';
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
const uscc = usccMaker('ME');

/** A report filed on the 5th of the next month (on time). */
async function report(who: string, period: string, employees: number, softwareRevenue: number) {
  clock = onTime(period);
  await fileReport(admin, ids, who, period, {
    employees,
    coreTalents: Math.floor(employees / 5),
    operatingRevenue: softwareRevenue * 1.25,
    softwareRevenue,
    softwareProductRevenue: 0,
    rdExpense: 0,
    usedArea: 100,
  });
}
const bands = (d: TargetDetail) => Object.fromEntries(d.breakdowns.sizeBand.map((b) => [b.key, b.value]));
const letter = (name: string) => name.slice(4, 5);

beforeAll(async () => {
  const district = await startFixtureDistrict(() => clock);
  ({ p, admin } = district);
  const { east, west } = district;
  clock = new Date('2026-04-01T00:00:00Z');
  const firms = [
    { key: 'P', n: 1, sub: east, registrationDate: '2020-01-01' },
    { key: 'L', n: 2, sub: east, registrationDate: '2020-01-01', status: 'movedOut', leftOn: '2026-02-15' },
    { key: 'R', n: 3, sub: west, registrationDate: '2026-01-10', status: 'closed', leftOn: '2026-02-20' },
    { key: 'N', n: 4, sub: west, registrationDate: '2026-02-01' },
    { key: 'S', n: 5, sub: west, registrationDate: '2020-01-01' },
    { key: 'M', n: 6, sub: east, registrationDate: '2020-01-01' },
    { key: 'T', n: 7, sub: east, registrationDate: '2020-01-01', status: 'closed', leftOn: '2026-03-10' },
  ];
  await registerFirms(admin, firms, uscc, '月末企业', ids);
  for (const m of months('2025-01', '2026-03')) {
    // P: 50 people, 10万 a month, all along.
    await report('P', m, 50, 100_000);
    // S: 95 people to January 2026, then 105 (small band → medium band); 30万 a month.
    await report('S', m, m < '2026-02' ? 95 : 105, 300_000);
  }
  // L: 120 people, 50万 a month, reports through January 2026, moved out on 15 February.
  for (const m of months('2025-01', '2026-01')) await report('L', m, 120, 500_000);
  // R: settled 10 January 2026, 5 people and 1万 in January, closed on 20 February (no February report).
  await report('R', '2026-01', 5, 10_000);
  // N: settled 1 February 2026, 8 people, 2万 a month.
  await report('N', '2026-02', 8, 20_000);
  await report('N', '2026-03', 8, 20_000);
  // M: 20 people, 20万 a month, January–June 2025 only: carried to September, no data from October.
  for (const m of months('2025-01', '2025-06')) await report('M', m, 20, 200_000);
  // T: 90 people to December 2025, 110 in January and February 2026 (new 上星), no revenue; closed 10 March.
  for (const m of months('2025-01', '2026-02')) await report('T', m, m < '2026-01' ? 90 : 110, 0);
  clock = new Date('2026-04-20T03:00:00Z');
  const run = await admin.request('POST', '/api/monitoring/recompute');
  expect(run.statusCode, run.body).toBe(200);
});
afterAll(() => p?.close());

describe('a stock is a month-end position', () => {
  it('takes a firm that leaves during a month out of that month, with its loss', async () => {
    const o = (await admin.get('/api/monitoring/overview')).json<Overview>();
    // Baselines (Dec): P 50, L 120, S 95, T 90; M in the district without data (no baseline figure, adds nothing).
    // Jan: R +5 (new), T +20 = 25
    // Feb: L −120 (gone on the 15th), R gone on the 20th (came after the baseline: adds nothing), N +8, S +10,
    //      T +20 = −82
    // Mar: L −120, N +8, S +10, T −90 (closed on the 10th) = −192
    expect(series(o, 'newEmployees')).toEqual({
      '2025-12': 0,
      '2026-01': 25,
      '2026-02': -82,
      '2026-03': -192,
    });
  });

  it("drills February down to the firms: the leaver's loss shows, the entrant that left is gone", async () => {
    const drill = (await admin.get('/api/monitoring/targets/newEmployees/contributors?month=2026-02')).json<{
      items: { name: string; value: number }[];
    }>();
    expect(drill.items.map((i) => [letter(i.name), i.value])).toEqual([
      ['T', 20],
      ['S', 10],
      ['N', 8],
      ['P', 0],
      ['L', -120],
    ]);
  });

  it('counts a new 上星 that closes during a month out of that month', async () => {
    const o = (await admin.get('/api/monitoring/overview')).json<Overview>();
    // L was a member at the baseline. Jan: T (110); Feb: T and S (105); Mar: S (T closed on the 10th).
    expect(series(o, 'newShangxing')).toEqual({ '2025-12': 0, '2026-01': 1, '2026-02': 2, '2026-03': 1 });
  });
});

describe('新增企业: gross entries since the baseline, with exits and net change beside', () => {
  it('counts an entrant that left again among the entries', async () => {
    const o = (await admin.get('/api/monitoring/overview')).json<Overview>();
    // Entries after 31 Dec: R (10 Jan), N (1 Feb).
    expect(series(o, 'newEnterprises')).toEqual({ '2025-12': 0, '2026-01': 1, '2026-02': 2, '2026-03': 2 });
  });

  it('shows exits and net change beside the gross count, month by month', async () => {
    const d = (await admin.get('/api/monitoring/targets/newEnterprises?month=2026-03')).json<TargetDetail>();
    // In the district at the end of Dec: P L S M T (5); Jan: + R (6); Feb: − L − R + N (5); Mar: − T (4).
    // The stock is that count: 5, 6, 5, 4; net = stock − 5.
    expect(d.enterpriseChanges).toEqual([
      { month: '2025-12', entries: 0, exits: 0, net: 0, stock: 5 },
      { month: '2026-01', entries: 1, exits: 0, net: 1, stock: 6 },
      { month: '2026-02', entries: 2, exits: 2, net: 0, stock: 5 },
      { month: '2026-03', entries: 2, exits: 3, net: -1, stock: 4 },
    ]);
    expect(d.evaluation!.value).toBe(2);
    const pub = await p.app.inject({
      method: 'GET',
      url: '/api/public/targets/newEnterprises?month=2026-03',
    });
    expect(pub.json<TargetDetail>().enterpriseChanges?.at(-1)).toEqual({
      month: '2026-03',
      entries: 2,
      exits: 3,
      net: -1,
      stock: 4,
    });
    const other = (await admin.get('/api/monitoring/targets/newEmployees')).json<TargetDetail>();
    expect(other.enterpriseChanges).toBeNull();
  });
});

describe('size bands at month end', () => {
  it("puts each firm's whole 12-month flow in its band at the month's end; no data is no band", async () => {
    const jan = (
      await admin.get('/api/monitoring/targets/softwareRevenue?month=2026-01')
    ).json<TargetDetail>();
    // 12 months to January, bands at the end of January:
    // micro: R 1万; small: P 120万 + S 360万 (95 people) = 480万; medium: L 600万, T 0;
    // unknown: M 100万 (Feb–Jun 2025; no data in force in January).
    expect(bands(jan)).toEqual({ small: 0.048, medium: 0.06, unknown: 0.01, micro: 0.0001 });
    expect(jan.evaluation!.value).toBeCloseTo(0.1181, 10);
    const mar = (
      await admin.get('/api/monitoring/targets/softwareRevenue?month=2026-03')
    ).json<TargetDetail>();
    // 12 months to March: S all 360万 in medium (105 people at the end of March), not split 300/60;
    // unknown: L 500万 and R 1万 (gone), M 60万 (no data), T 0 (gone) = 561万; small P 120万; micro N 4万.
    expect(bands(mar)).toEqual({ unknown: 0.0561, medium: 0.036, small: 0.012, micro: 0.0004 });
    // The bands, the unknown group with them, sum to the total.
    expect(mar.evaluation!.value).toBeCloseTo(0.1045, 10);
    const sum = mar.breakdowns.sizeBand.reduce((s, b) => s + (b.value ?? 0), 0);
    expect(sum).toBeCloseTo(mar.evaluation!.value!, 10);
    expect(mar.breakdowns.sizeBand.find((b) => b.key === 'unknown')).toMatchObject({
      label: '未知（月末无数据）',
    });
  });

  it('drills the unknown band down to the firms in it', async () => {
    const drill = (
      await admin.get(
        '/api/monitoring/targets/softwareRevenue/contributors?month=2026-03&dimension=sizeBand&group=unknown',
      )
    ).json<{ items: { name: string }[] }>();
    expect(drill.items.map((i) => letter(i.name))).toEqual(['L', 'M', 'R', 'T']);
  });

  it('puts a stock with no data at month end in no band, not the smallest', async () => {
    const feb = (await admin.get('/api/monitoring/targets/newEmployees?month=2026-02')).json<TargetDetail>();
    // micro: N +8; small: P 0; medium: L −120 (a loss sits in its baseline band), S +10, T +20; unknown: M 0.
    expect(bands(feb)).toEqual({ micro: 8, small: 0, unknown: 0, medium: -90 });
  });
});

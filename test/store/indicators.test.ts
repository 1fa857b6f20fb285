// The indicator SQL on a tiny district whose every value is computed by hand: a firm that leaves mid-month, a
// missing month carried forward (or not), a corrected report, a new entrant and tier entrants.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aggregateContributionsSql,
  contributionsSql,
  enterpriseChangesSql,
  flowResultsSql,
  rebuildFactsSql,
  type Window,
} from '../../src/modules/monitoring/indicators.sql.ts';
import type { Formula } from '../../src/modules/plan/plan-file.ts';
import { storeWorld, type StoreWorld } from './factories.ts';

interface Row {
  month: string;
  dimension: string;
  group_key: string;
  value: string | number | null;
  contributors: number;
}

/*
 * Baseline 2025-12, evaluated 2025-12 … 2026-03. Two subdistricts A and B.
 *   e1 (A, since 2020): employees 20 (Dec), 30 (Jan), no report in Feb, 40 in Mar corrected to 45;
 *                       revenue 100 (Dec), 100 (Jan), 100 in Mar corrected to 300.
 *   e2 (B, since 2025-06, left 2026-02-15): employees 100 (Dec), 110 (Jan); revenue 1000 (Dec), 1000 (Jan).
 *   e3 (A, settled 2026-01-20): employees 5, 7, 9 (Jan–Mar); revenue 10 a month.
 */
let w: StoreWorld;
let A: string;
let B: string;
let e1: string;
let e2: string;
let e3: string;
let win: Window;

beforeAll(async () => {
  w = await storeWorld();
  A = await w.unit({ code: 'a' });
  B = await w.unit({ code: 'b' });
  e1 = await w.enterprise({ subdistrictId: A, settledOn: '2020-01-01', fields: ['games'] });
  e2 = await w.enterprise({ subdistrictId: B, settledOn: '2025-06-01', leftOn: '2026-02-15' });
  e3 = await w.enterprise({ subdistrictId: A, settledOn: '2026-01-20', fields: ['games'] });
  await w.report(e1, '2025-12', { employees: 20, operatingRevenue: 100 });
  await w.report(e1, '2026-01', { employees: 30, operatingRevenue: 100 });
  await w.report(e1, '2026-03', { employees: 40, operatingRevenue: 100 });
  await w.report(e1, '2026-03', { employees: 45, operatingRevenue: 300 }); // the correction
  await w.report(e2, '2025-12', { employees: 100, operatingRevenue: 1000 });
  await w.report(e2, '2026-01', { employees: 110, operatingRevenue: 1000 });
  for (const [p, n] of [
    ['2026-01', 5],
    ['2026-02', 7],
    ['2026-03', 9],
  ] as const)
    await w.report(e3, p, { employees: n, operatingRevenue: 10 });
  win = { districtId: w.districtId, baseline: '2025-12', from: '2025-12', to: '2026-03' };
});
afterAll(() => w?.close());

async function rebuild(carry: number) {
  for (const q of rebuildFactsSql(w.districtId, '2025-01', '2026-03', carry)) await w.db.execute(q);
}

async function results(formula: Formula): Promise<Row[]> {
  const contrib = contributionsSql(formula, win);
  const q = contrib ? aggregateContributionsSql(w.districtId, contrib, 1) : flowResultsSql(formula, win, 1)!;
  return w.query<Row>(q);
}

/** One enterprise's fact rows, month by month. */
const factsOf = (id: string) =>
  sql`SELECT to_char(month, 'YYYY-MM') AS month, has_data, carried, employees, operating_revenue::text AS rev
      FROM monitoring_facts WHERE district_id = ${w.districtId} AND enterprise_id = ${id} ORDER BY month`;

const series = (rs: Row[], dimension = 'total', group = '') =>
  Object.fromEntries(
    rs
      .filter((r) => r.dimension === dimension && r.group_key === group)
      .sort((a, b) => a.month.localeCompare(b.month))
      .map((r) => [r.month, Number(r.value)]),
  );
const cell = (rs: Row[], month: string, dimension: string, group: string) =>
  rs.find((r) => r.month === month && r.dimension === dimension && r.group_key === group);

describe('monthly facts', () => {
  it('carry a missing month forward as a stock with no flow, and read the corrected report', async () => {
    await rebuild(3);
    const facts = await w.query<{
      month: string;
      has_data: boolean;
      carried: boolean;
      employees: number;
      rev: string;
    }>(factsOf(e1));
    const byMonth = Object.fromEntries(facts.map((f) => [f.month, f]));
    expect(byMonth['2026-02']).toMatchObject({ has_data: true, carried: true, employees: 30 });
    expect(Number(byMonth['2026-02']!.rev)).toBe(0);
    expect(byMonth['2026-03']).toMatchObject({ has_data: true, carried: false, employees: 45 });
    expect(Number(byMonth['2026-03']!.rev)).toBe(300);
  });

  it('keep a firm from the month it settled to the month it left', async () => {
    const present = async (id: string) => (await w.query<{ month: string }>(factsOf(id))).map((f) => f.month);
    expect(await present(e2)).toEqual([
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(await present(e3)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

describe('stock growth (employees since the baseline)', () => {
  it('counts a firm gone by the end of its leaving month as the loss of its baseline figure', async () => {
    await rebuild(3);
    const rs = await results({ kind: 'stockGrowth', measure: 'employees' });
    // Dec: 0 · Jan: e1 +10, e2 +10, e3 +5 · Feb: e1 +10 (carried), e2 −100 (left on the 15th), e3 +7
    // Mar: e1 +25 (corrected 45, not 40), e2 −100, e3 +9.
    expect(series(rs)).toEqual({ '2025-12': 0, '2026-01': 25, '2026-02': -83, '2026-03': -66 });
    expect(series(rs, 'subdistrict', A)).toEqual({
      '2025-12': 0,
      '2026-01': 15,
      '2026-02': 17,
      '2026-03': 34,
    });
    expect(series(rs, 'subdistrict', B)['2026-03']).toBe(-100);
    // Size bands at March's end: e1 (45) small, e3 (9) micro, e2's loss in the band of its baseline headcount.
    expect(Number(cell(rs, '2026-03', 'sizeBand', 'small')?.value)).toBe(25);
    expect(Number(cell(rs, '2026-03', 'sizeBand', 'micro')?.value)).toBe(9);
    expect(Number(cell(rs, '2026-03', 'sizeBand', 'medium')?.value)).toBe(-100);
    // Fields: e1 and e3 are in games.
    expect(Number(cell(rs, '2026-03', 'field', 'games')?.value)).toBe(34);
  });

  it('treats a missing month as no data once it is past the carry-forward', async () => {
    await rebuild(0);
    const rs = await results({ kind: 'stockGrowth', measure: 'employees' });
    // Feb: e1 has no data (0, not its January growth), e2 −100, e3 +7.
    expect(series(rs)['2026-02']).toBe(-93);
    expect(cell(rs, '2026-02', 'total', '')?.contributors).toBe(2);
    expect(Number(cell(rs, '2026-02', 'sizeBand', 'unknown')?.value)).toBe(0);
  });
});

describe('trailing-12-month flow (operating revenue)', () => {
  it('counts a leaver up to its last month, a carried month as no revenue and the corrected figure', async () => {
    await rebuild(3);
    const rs = await results({ kind: 'flowTtm', measure: 'operatingRevenue' });
    // Dec: 100 + 1000 · Jan: 200 + 2000 + 10 · Feb: 200 + 2000 + 20 · Mar: (100 + 100 + 0 + 300) + 2000 + 30.
    expect(series(rs)).toEqual({ '2025-12': 1100, '2026-01': 2210, '2026-02': 2220, '2026-03': 2530 });
    expect(series(rs, 'subdistrict', A)['2026-03']).toBe(530);
    expect(series(rs, 'subdistrict', B)['2026-03']).toBe(2000);
    // e2 is gone in March: its flow has no band then.
    expect(Number(cell(rs, '2026-03', 'sizeBand', 'unknown')?.value)).toBe(2000);
  });
});

describe('enterprise counts', () => {
  it('counts gross entries after the baseline, and exits beside them', async () => {
    await rebuild(3);
    expect(series(await results({ kind: 'newEnterprises' }))).toEqual({
      '2026-01': 1,
      '2026-02': 1,
      '2026-03': 1,
    });
    const changes = await w.query<{ month: string; entries: number; exits: number; stock: number }>(
      enterpriseChangesSql(win),
    );
    // Entries and exits since the baseline; the stock at each month's end: Dec e1 e2 · Jan + e3 · Feb − e2 (left
    // 02-15) · Mar the same.
    expect(changes).toEqual([
      { month: '2025-12', entries: 0, exits: 0, stock: 2 },
      { month: '2026-01', entries: 1, exits: 0, stock: 3 },
      { month: '2026-02', entries: 1, exits: 1, stock: 2 },
      { month: '2026-03', entries: 1, exits: 1, stock: 2 },
    ]);
  });

  it('counts tier entrants: members now that were not at the baseline, still in the district', async () => {
    await w.tierMonth(e1, 'star', '2025-12');
    await w.tierMonth(e1, 'star', '2026-03');
    await w.tierMonth(e2, 'star', '2026-01');
    await w.tierMonth(e3, 'star', '2026-02');
    await w.tierMonth(e3, 'star', '2026-03');
    await rebuild(3);
    // Jan: e2 · Feb: e3 (e2 has left by the end of February and is not a member then) · Mar: e3 (e1 was at baseline).
    expect(series(await results({ kind: 'tierEntrants', tier: 'star' }))).toEqual({
      '2026-01': 1,
      '2026-02': 1,
      '2026-03': 1,
    });
  });
});

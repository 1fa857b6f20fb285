// Rule figures checked by hand on a tiny district: a half-yuan amount rounded half away from zero, year-on-year
// growth over like-for-like months with a minimum coverage, a report that is stale after the plan's carry-forward for
// tiers and rules alike, and the near-miss gap at a strict threshold. Each expected value is worked out in a comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, Platform } from '../harness.ts';
import { rows, sql } from '../../src/platform/db/db.ts';
import type { Explanation, Policy, ResultItem } from '../../src/modules/policies/policies.contract.ts';
import type { GrantBatchDetail } from '../../src/modules/grants/grants.contract.ts';
import type { Compare, PolicyDefinitionInput } from '../../src/modules/policies/rules.ts';
import {
  fileReport,
  months,
  onTime,
  registerFirms,
  startFixtureDistrict,
  usccMaker,
} from '../fixture-district.ts';

let clock = new Date('2024-01-01T00:00:00Z');
let p: Platform;
let admin: Client;
const ids: Record<string, string> = {};
const uscc = usccMaker('PF');

/** A report filed on the 5th of the next month. */
async function report(
  who: string,
  period: string,
  f: { employees?: number; operatingRevenue?: number; usedArea?: number } = {},
) {
  clock = onTime(period);
  await fileReport(admin, ids, who, period, {
    employees: f.employees ?? 10,
    coreTalents: 1,
    operatingRevenue: f.operatingRevenue ?? 100_000,
    softwareRevenue: 0,
    softwareProductRevenue: 0,
    rdExpense: 0,
    usedArea: f.usedArea ?? 100,
  });
}

/** A policy whose eligibility is one comparison. */
const comparing = (
  name: string,
  measure: Compare['measure'],
  op: Compare['op'],
  value: number,
  unit: string,
): PolicyDefinitionInput => ({ name, eligibility: { kind: 'compare', measure, op, value, unit } });

async function createPolicy(code: string, definition: PolicyDefinitionInput): Promise<Policy> {
  const r = await admin.request('POST', '/api/policies', { code, definition, status: 'active' });
  if (r.statusCode !== 200) throw new Error(r.body);
  return r.json<Policy>();
}

async function results(policyId: string, filter: string) {
  return (await admin.get(`/api/policies/${policyId}/results?filter=${filter}&pageSize=200`)).json<{
    items: ResultItem[];
    period: string;
  }>();
}

const explanation = async (policyId: string, who: string) =>
  (await admin.get(`/api/policies/${policyId}/explain/${ids[who]}`)).json<Explanation>();

let rent: Policy;
let growth: Policy;
let staff: Policy;
let over50: Policy;

beforeAll(async () => {
  const district = await startFixtureDistrict(() => clock);
  ({ p, admin } = district);
  const { east } = district;
  clock = new Date('2026-06-01T00:00:00Z');
  const firms = [
    { key: 'R', n: 1, registrationDate: '2020-01-01' }, // rent: 2101.81 m²
    { key: 'Y', n: 2, registrationDate: '2020-01-01' }, // growth on 3 base months
    { key: 'Z', n: 3, registrationDate: '2020-01-01' }, // growth on 10 like-for-like months
    { key: 'G', n: 4, registrationDate: '2026-01-05' }, // new, 120 people in January 2026, then silent
    { key: 'H', n: 5, registrationDate: '2020-01-01' }, // exactly 50 people
  ];
  await registerFirms(
    admin,
    firms.map((f) => ({ ...f, sub: east })),
    uscc,
    '规则测试',
    ids,
  );
  await report('R', '2026-05', { usedArea: 2101.81 });
  // Y: 100万 a month for the last 12 months, but only March–May 2025 a year before them.
  for (const m of months('2025-03', '2025-05')) await report('Y', m, { operatingRevenue: 1_000_000 });
  for (const m of months('2025-06', '2026-05')) await report('Y', m, { operatingRevenue: 1_000_000 });
  // Z: 100万 a month from June 2024 to March 2025 (10 months), then 120万 a month from June 2025 to May 2026.
  for (const m of months('2024-06', '2025-03')) await report('Z', m, { operatingRevenue: 1_000_000 });
  for (const m of months('2025-06', '2026-05')) await report('Z', m, { operatingRevenue: 1_200_000 });
  await report('G', '2026-01', { employees: 120 });
  await report('H', '2026-05', { employees: 50 });

  clock = new Date('2026-06-15T03:00:00Z');
  // 2101.81 m² × 50 元/m² = 105,090.5 元 exactly: half away from zero gives 105,091 (round on a double gave 105,090).
  rent = await createPolicy('halfYuanRent', {
    name: '半元测试租金补贴',
    eligibility: {
      kind: 'compare',
      measure: { figure: 'usedArea', agg: 'latest' },
      op: 'gt',
      value: 2000,
      unit: 'm²',
    },
    parameters: { rate: { label: '补贴标准', unit: '元/m²', values: [{ from: '2020-01-01', value: 50 }] } },
    benefit: {
      formula: {
        kind: 'mul',
        args: [
          { kind: 'measure', measure: { figure: 'usedArea', agg: 'latest' } },
          { kind: 'param', name: 'rate' },
        ],
      },
    },
  });
  const latestEmployees = { figure: 'employees', agg: 'latest' } as const;
  growth = await createPolicy(
    'growth20',
    comparing('营收同比增长20%', { figure: 'operatingRevenue', agg: 'yoy', months: 12 }, 'gte', 20, '%'),
  );
  staff = await createPolicy('staff100', comparing('百人企业', latestEmployees, 'gt', 100, '人'));
  over50 = await createPolicy('staff50', {
    ...comparing('五十人以上企业', latestEmployees, 'gt', 50, '人'),
    nearMissMargin: 0.2,
  });
  // Recompute: the monitoring facts and the tiers month by month, then the policies at May 2026.
  const r = await admin.request('POST', '/api/monitoring/recompute');
  if (r.statusCode !== 200) throw new Error(r.body);
  const e = await admin.request('POST', '/api/policies/evaluate');
  if (e.statusCode !== 200) throw new Error(e.body);
}, 120_000);
afterAll(() => p?.close());

describe('money', () => {
  it('rounds a half-yuan amount half away from zero, in the results and in a grant batch', async () => {
    const r = await results(rent.id, 'eligible');
    expect(r.period).toBe('2026-05');
    expect(r.items.map((i) => [i.name, i.amount])).toEqual([['规则测试R科技有限公司', 105_091]]);
    const b = await admin.request('POST', `/api/policies/${rent.id}/batches`, { note: '' });
    expect(b.statusCode).toBe(200);
    expect(b.json<GrantBatchDetail>().batch.totalAmount).toBe(105_091);
    expect((await explanation(rent.id, 'R')).summary).toBe(
      '符合「半元测试租金补贴」的条件，测算金额 10.51 万元。',
    );
  });
});

describe('year-on-year growth', () => {
  it('compares like-for-like months: Z grew 1200万 / 1000万 − 1 = 20% over its 10 common months', async () => {
    const x = await explanation(growth.id, 'Z');
    expect(x.eligible).toBe(true);
    // Summing the 12 months against whatever the year before had: 1440万 / 1000万 − 1 = 44%.
    expect(x.tree.value).toBe('20%');
    expect(x.tree.text).toContain('（同比按双方均有填报的 10 个月计算）');
  });

  it('does not let three months of base-year data qualify a firm: Y is unknown (3 of 12 < 9)', async () => {
    // Treating the missing base months as zero: 1200万 / 300万 − 1 = 300%, eligible.
    const eligible = (await results(growth.id, 'eligible')).items.map((i) => i.name);
    expect(eligible).toEqual(['规则测试Z科技有限公司']);
    const y = await explanation(growth.id, 'Y');
    expect(y.eligible).toBe(false);
    expect(y.tree.passed).toBeNull();
    expect(y.tree.text).toContain('双方均有填报的仅 3 个月，少于 9 个月，无法比较');
  });
});

describe('one staleness rule', () => {
  it('drops a firm that stopped reporting 4 months ago from the tier and from “latest” in the same month', async () => {
    // G's January report is in force January–April (carryForwardMonths: 3), not in May.
    const tierMonths = await rows<{ month: string }>(
      p.db,
      sql`SELECT to_char(month, 'YYYY-MM') AS month FROM tier_months
          WHERE district_id = ${p.districtId} AND tier = 'shangxing' AND enterprise_id = ${ids.G} ORDER BY month`,
    );
    expect(tierMonths.map((r) => r.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const o = (await admin.get('/api/monitoring/overview')).json<{
      targets: { code: string; series: { month: string; value: number | null }[] }[];
    }>();
    const entrants = Object.fromEntries(
      o.targets.find((t) => t.code === 'newShangxing')!.series.map((s) => [s.month, s.value]),
    );
    expect(entrants['2026-04']).toBe(1);
    expect(entrants['2026-05']).toBe(0);
    const g = await explanation(staff.id, 'G');
    expect(g.period).toBe('2026-05');
    expect(g.eligible).toBe(false);
    expect(g.tree.value).toBeNull();
    expect((await results(staff.id, 'eligible')).items).toEqual([]);
  });
});

describe('near misses at a strict threshold', () => {
  it('gives “> 50 人” at exactly 50 a gap of 1 人, 2 %, in the number and in the words', async () => {
    const near = (await results(over50.id, 'nearMiss')).items.find(
      (i) => i.name === '规则测试H科技有限公司',
    )!;
    expect(near.gap).toBeCloseTo(0.02, 12);
    expect(near.nearMiss).toBe('从业人员（最新月报）还差 1 人');
    const x = await explanation(over50.id, 'H');
    expect(x.nearMiss).toMatchObject({ text: '只差一项：从业人员（最新月报）还差 1 人' });
    expect(x.nearMiss!.gap).toBeCloseTo(0.02, 12);
  });
});

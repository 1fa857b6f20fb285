// Policies through the API: validation with paths, versions, set-at-a-time evaluation checked against the raw reports,
// explanations, near misses, preview, tiers and the monitoring targets counted from them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  type Client,
  type Platform,
} from '../harness.ts';
import { rows, sql } from '../../src/platform/db/db.ts';
import type {
  EnterprisePolicy,
  Explanation,
  Policy,
  PolicySummary,
  Preview,
  ResultItem,
  TierSummary,
} from '../../src/modules/policies/policies.contract.ts';
import type { PolicyDefinitionInput } from '../../src/modules/policies/rules.ts';

const NOW = new Date('2026-11-20T02:00:00Z');
const PERIOD = '2026-10';

let p: Platform;
let admin: Client;
let street: Client;
let firm: Client;
let policies: PolicySummary[];
const byCode = (code: string) => policies.find((x) => x.code === code)!;

/**
 * Every enterprise present in the period, with its latest report still in force (the plan's carryForwardMonths: 3,
 * so July–October) and its 12 months' revenue, read straight from the tables.
 */
async function rawFacts() {
  return rows<{
    id: string;
    above_scale: boolean;
    building_id: string | null;
    subdistrict_id: string;
    employees: number | null;
    used_area: string | null;
    op12: string | null;
  }>(
    p.db,
    sql`SELECT e.id::text, e.above_scale, e.building_id::text, e.subdistrict_id::text,
               (SELECT r.employees FROM reports r WHERE r.district_id = e.district_id AND r.enterprise_id = e.id AND r.is_current
                  AND r.period BETWEEN '2026-07-01' AND '2026-10-01' ORDER BY r.period DESC LIMIT 1) AS employees,
               (SELECT r.used_area::text FROM reports r WHERE r.district_id = e.district_id AND r.enterprise_id = e.id AND r.is_current
                  AND r.period BETWEEN '2026-07-01' AND '2026-10-01' ORDER BY r.period DESC LIMIT 1) AS used_area,
               (SELECT sum(r.operating_revenue)::text FROM reports r WHERE r.district_id = e.district_id AND r.enterprise_id = e.id
                  AND r.is_current AND r.period BETWEEN '2025-11-01' AND '2026-10-01') AS op12
        FROM enterprises e
        WHERE e.district_id = ${p.districtId} AND e.settled_on <= '2026-10-31' AND (e.left_on IS NULL OR e.left_on >= '2026-10-01')`,
  );
}

async function allResults(client: Client, policyId: string, filter: string, extra = '') {
  const out: ResultItem[] = [];
  for (let page = 1; ; page++) {
    const r = (
      await client.get(`/api/policies/${policyId}/results?filter=${filter}&pageSize=200&page=${page}${extra}`)
    ).json<{
      items: ResultItem[];
      total: number;
      period: string;
    }>();
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0)
      return { items: out, total: r.total, period: r.period };
  }
}

const employeesPolicy = (threshold: number): PolicyDefinitionInput => ({
  name: '百人企业奖励',
  summary: '从业人员超过门槛的企业给予奖励',
  eligibility: {
    kind: 'all',
    conditions: [
      {
        kind: 'compare',
        measure: { figure: 'employees', agg: 'latest' },
        op: 'gt',
        value: threshold,
        unit: '人',
      },
    ],
  },
  parameters: { reward: { label: '奖励金额', unit: '万元', values: [{ from: '2026-01-01', value: 10 }] } },
  benefit: { formula: { kind: 'param', name: 'reward' } },
  nearMissMargin: 0.3,
});

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 400, examplePolicies: true, now: () => NOW });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  // Tiers are evaluated by the monitoring recompute, which then evaluates the active policies.
  expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
  policies = (await admin.get('/api/policies')).json<PolicySummary[]>();
}, 120_000);
afterAll(() => p?.close());

describe('example policies', () => {
  it('ships the plan’s four support measures, marked as examples, active and evaluated at the last due month', () => {
    expect(policies.map((x) => x.code).sort()).toEqual(
      ['aboveScaleRent', 'agentComputeSupport', 'digitalProjectFund', 'startupFreeRent'].sort(),
    );
    for (const x of policies) {
      expect(x.example).toBe(true);
      expect(x.status).toBe('active');
      expect(x.evaluation?.period).toBe(PERIOD);
      expect(x.evaluation?.enterprises).toBeGreaterThan(300);
    }
  });

  it('finds exactly the enterprises the rent concession’s rule names, with amount min(area × 15 元 × 12, 50万)', async () => {
    const facts = await rawFacts();
    const expected = new Map(
      facts
        .filter((f) => f.above_scale && f.building_id && f.used_area !== null && Number(f.used_area) > 0)
        .map((f) => [f.id, Math.min(Math.round(Number(f.used_area) * 15 * 12), 500_000)]),
    );
    expect(expected.size).toBeGreaterThan(0);
    const got = await allResults(admin, byCode('aboveScaleRent').id, 'eligible');
    expect(got.period).toBe(PERIOD);
    expect(new Map(got.items.map((i) => [i.enterpriseId, i.amount]))).toEqual(expected);
    expect(byCode('aboveScaleRent').evaluation!.eligible).toBe(expected.size);
    expect(byCode('aboveScaleRent').evaluation!.totalAmount).toBe(
      [...expected.values()].reduce((a, b) => a + b, 0),
    );
  });

  it('shows a subdistrict user only the results of its own enterprises', async () => {
    const me = (await street.get('/api/auth/me')).json<{ user: { unitId: string } }>().user;
    const facts = await rawFacts();
    const mine = new Set(facts.filter((f) => f.subdistrict_id === me.unitId).map((f) => f.id));
    const got = await allResults(street, byCode('startupFreeRent').id, 'all');
    expect(got.items.length).toBe(mine.size);
    for (const i of got.items) expect(mine.has(i.enterpriseId)).toBe(true);
  });
});

describe('explanations', () => {
  it('explains an eligible enterprise condition by condition, with its value, the threshold and the amount', async () => {
    const policy = byCode('aboveScaleRent');
    const [one] = (await allResults(admin, policy.id, 'eligible')).items;
    const e = (
      await admin.get(`/api/policies/${policy.id}/explain/${one!.enterpriseId}`)
    ).json<Explanation>();
    expect(e.eligible).toBe(true);
    expect(e.amount).toBe(one!.amount);
    expect(e.summary).toContain('符合「规上软信企业租金优惠」');
    expect(e.summary).toContain('万元');
    expect(e.tree.kind).toBe('all');
    expect(e.tree.children.map((c) => c.passed)).toEqual([true, true, true]);
    expect(e.tree.children[0]!.text).toBe('是规上企业，要求是规上企业，满足');
    expect(e.tree.children[2]!.text).toMatch(/^使用面积（最新月报）为 [\d,.]+ m²，要求 > 0 m²，满足$/);
  });

  it('says which condition an ineligible enterprise fails, and never reports a met condition as failed', async () => {
    const policy = byCode('aboveScaleRent');
    const facts = await rawFacts();
    const notAbove = facts.find((f) => !f.above_scale && f.building_id)!;
    const e = (await admin.get(`/api/policies/${policy.id}/explain/${notAbove.id}`)).json<Explanation>();
    expect(e.eligible).toBe(false);
    expect(e.tree.children[0]!.passed).toBe(false);
    expect(e.tree.children[0]!.text).toBe('不是规上企业，要求是规上企业，不满足');
    expect(e.tree.children[1]!.passed).toBe(true);
    expect(e.summary).toMatch(/^暂不符合「规上软信企业租金优惠」：不是规上企业，要求是规上企业/);
  });

  it('gives an enterprise user, for every active policy, whether it qualifies and why — and nothing of other enterprises', async () => {
    const me = (await firm.get('/api/auth/me')).json<{ user: { enterpriseId: string } }>().user;
    const mine = (await firm.get(`/api/enterprises/${me.enterpriseId}/policies`)).json<EnterprisePolicy[]>();
    expect(mine).toHaveLength(4);
    for (const x of mine) {
      expect(x.explanation!.enterprise.id).toBe(me.enterpriseId);
      expect(x.explanation!.summary).toMatch(/^(符合|暂不符合)「/);
    }
    const other = (await rawFacts()).find((f) => f.id !== me.enterpriseId)!;
    expect((await firm.get(`/api/enterprises/${other.id}/policies`)).statusCode).toBe(404);
    expect(
      (await firm.get(`/api/policies/${byCode('aboveScaleRent').id}/explain/${other.id}`)).statusCode,
    ).toBe(404);
    expect((await firm.get('/api/policies')).statusCode).toBe(403);
  });
});

describe('validation', () => {
  const base = employeesPolicy(100);
  it('rejects a threshold in the wrong unit with the path to it', async () => {
    const bad = structuredClone(base);
    (bad.eligibility as { conditions: { unit: string }[] }).conditions[0]!.unit = '万元';
    const r = await admin.request('POST', '/api/policies', { code: 'wrongUnit', definition: bad });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION');
    expect(r.json().fields[0].path).toBe('definition.eligibility.conditions.0.unit');
  });

  it('rejects an unknown field and a wrong type with their paths', async () => {
    const unknown = { ...structuredClone(base), colour: 'red' };
    const r1 = await admin.request('POST', '/api/policies', { code: 'unknownField', definition: unknown });
    expect(r1.statusCode).toBe(400);
    expect(JSON.stringify(r1.json().fields)).toContain('definition');
    const wrongType = structuredClone(base) as unknown as {
      eligibility: { conditions: { value: unknown }[] };
    };
    wrongType.eligibility.conditions[0]!.value = 'many';
    const r2 = await admin.request('POST', '/api/policies', { code: 'wrongType', definition: wrongType });
    expect(r2.statusCode).toBe(400);
    expect(
      r2
        .json()
        .fields.some((f: { path: string }) => f.path.startsWith('definition.eligibility.conditions.0.value')),
    ).toBe(true);
  });

  it('rejects a benefit formula that can divide by zero, and one whose result is not money', async () => {
    const divide = structuredClone(base);
    divide.benefit = {
      formula: {
        kind: 'div',
        args: [
          { kind: 'param', name: 'reward' },
          { kind: 'measure', measure: { figure: 'employees', agg: 'latest' } },
        ],
      },
    };
    const r = await admin.request('POST', '/api/policies', { code: 'divideByZero', definition: divide });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0].path).toBe('definition.benefit.formula.args.1');
    const area = structuredClone(base);
    area.benefit = { formula: { kind: 'measure', measure: { figure: 'usedArea', agg: 'latest' } } };
    const r2 = await admin.request('POST', '/api/policies', { code: 'areaAsMoney', definition: area });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().fields[0].path).toBe('definition.benefit.formula');
  });

  it('rejects an unknown subdistrict code', async () => {
    const d = structuredClone(base);
    (d.eligibility as { conditions: unknown[] }).conditions.push({
      kind: 'subdistrict',
      op: 'in',
      values: ['nowhere'],
    });
    const r = await admin.request('POST', '/api/policies', { code: 'unknownPlace', definition: d });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0].path).toBe('definition.eligibility.conditions.1.values.0');
  });
});

describe('versions, preview and near misses', () => {
  let policy: Policy;
  it('creates a policy as version 1 and saves each edit as a new version, keeping the old ones', async () => {
    const r = await admin.request('POST', '/api/policies', {
      code: 'hundredStaff',
      definition: employeesPolicy(100),
      status: 'active',
    });
    expect(r.statusCode).toBe(200);
    policy = r.json<Policy>();
    expect(policy.version).toBe(1);
    const u = await admin.request('PUT', `/api/policies/${policy.id}`, {
      definition: employeesPolicy(60),
      note: '门槛降至60人',
    });
    expect(u.statusCode).toBe(200);
    expect(u.json<Policy>().version).toBe(2);
    expect(u.json<Policy>().versions.map((v) => v.version)).toEqual([2, 1]);
    const v1 = (await admin.get(`/api/policies/${policy.id}?version=1`)).json<Policy>();
    expect((v1.definition.eligibility as { conditions: { value: number }[] }).conditions[0]!.value).toBe(100);
    const trail = (await admin.get(`/api/audit?entity=policy&entityId=${policy.id}`)).json<{
      items: { action: string }[];
    }>();
    expect(trail.items.map((x) => x.action)).toEqual(expect.arrayContaining(['create', 'update']));
  });

  it('previews exactly what an evaluation then stores', async () => {
    const res = await admin.request('POST', '/api/policies/preview', { definition: employeesPolicy(60) });
    expect(res.statusCode).toBe(200);
    const preview = res.json<Preview>();
    expect((await admin.request('POST', '/api/policies/evaluate')).statusCode).toBe(200);
    const stored = (await admin.get(`/api/policies/${policy.id}`)).json<Policy>();
    expect(stored.evaluation!.version).toBe(2);
    expect(preview.eligible).toBe(stored.evaluation!.eligible);
    expect(preview.nearMisses).toBe(stored.evaluation!.nearMisses);
    expect(preview.totalAmount).toBe(stored.evaluation!.eligible * 100_000);
    expect(preview.leafPasses).toEqual([preview.eligible]);
    const facts = await rawFacts();
    expect(preview.eligible).toBe(facts.filter((f) => (f.employees ?? -1) > 60).length);
  });

  it('lists near misses with the gap to the threshold, within the margin, smallest gap first', async () => {
    const facts = new Map((await rawFacts()).map((f) => [f.id, f]));
    const near = await allResults(admin, policy.id, 'nearMiss');
    // "> 60 人" passes from 61: the gap is to 61, relative to the threshold 60, as the words say.
    const expected = [...facts.values()].filter(
      (f) => f.employees !== null && f.employees <= 60 && (61 - f.employees) / 60 <= 0.3,
    );
    expect(near.total).toBe(expected.length);
    expect(near.total).toBeGreaterThan(0);
    for (const i of near.items) {
      const f = facts.get(i.enterpriseId)!;
      expect(i.nearMiss).toBe(`从业人员（最新月报）还差 ${61 - f.employees!} 人`);
    }
    const gaps = near.items.map((i) => i.gap!);
    expect([...gaps].sort((a, b) => a - b)).toEqual(gaps);
    const narrow = await allResults(admin, policy.id, 'nearMiss', '&margin=0.05');
    expect(narrow.total).toBe(expected.filter((f) => (61 - f.employees!) / 60 <= 0.05).length);
    for (const i of near.items)
      expect(i.gap).toBeCloseTo((61 - facts.get(i.enterpriseId)!.employees!) / 60, 12);
  });
});

describe('tiers', () => {
  let tiers: TierSummary[];
  beforeAll(async () => {
    tiers = (await admin.get('/api/tiers')).json<TierSummary[]>();
  });

  it('evaluates every tier of the plan monthly, with its rule in words and its source', () => {
    expect(tiers.map((t) => t.code)).toEqual([
      'shangxing',
      'gazelle',
      'aboveScale',
      'littleGiant',
      'qimingxing',
      'beidouxing',
    ]);
    const s = tiers[0]!;
    expect(s.ruleText).toEqual([
      '满足任一：',
      '　从业人员（最新月报） > 100 人',
      '　近12个月营业收入合计 > 1 亿元',
    ]);
    expect(s.period).toBe(PERIOD);
    expect(s.series.at(-1)).toEqual({ month: PERIOD, members: s.members });
    expect(s.series[0]!.month).toBe('2024-12');
  });

  it('has as Shangxing members exactly the enterprises with more than 100 employees or over 1亿元 in 12 months', async () => {
    const facts = await rawFacts();
    const expected = facts.filter((f) => (f.employees ?? 0) > 100 || Number(f.op12 ?? 0) > 1e8).length;
    expect(tiers[0]!.members).toBe(expected);
    const above = facts.filter((f) => f.above_scale).length;
    expect(tiers.find((t) => t.code === 'aboveScale')!.members).toBe(above);
  });

  it('counts the new-Shangxing target from the tier’s entrants since the baseline', async () => {
    const overview = (await admin.get('/api/monitoring/overview')).json<{
      targets: { code: string; formulaKind: string; series: { month: string; value: number | null }[] }[];
    }>();
    const target = overview.targets.find(
      (t) => t.formulaKind === 'tierEntrants' && t.code.toLowerCase().includes('shangxing'),
    )!;
    expect(target.series.at(-1)).toEqual(
      expect.objectContaining({ month: PERIOD, value: tiers[0]!.entrantsSinceBaseline }),
    );
    const entrants = (await admin.get('/api/tiers/shangxing/members?filter=entrants&pageSize=200')).json<{
      total: number;
      items: { enteredOn: string; leftOn: string | null }[];
    }>();
    expect(entrants.total).toBe(tiers[0]!.entrantsSinceBaseline);
    for (const m of entrants.items) {
      expect(m.enteredOn > '2025-12').toBe(true);
      expect(m.leftOn).toBeNull();
    }
    for (const t of tiers) {
      const left = (await admin.get(`/api/tiers/${t.code}/members?filter=left&pageSize=1`)).json<{
        total: number;
      }>();
      const entered = (await admin.get(`/api/tiers/${t.code}/members?filter=entrants&pageSize=1`)).json<{
        total: number;
      }>();
      const current = (await admin.get(`/api/tiers/${t.code}/members?filter=current&pageSize=1`)).json<{
        total: number;
      }>();
      expect([t.code, left.total, entered.total, current.total]).toEqual([
        t.code,
        t.leftSinceBaseline,
        t.entrantsSinceBaseline,
        t.members,
      ]);
    }
  });

  it('gives each enterprise its spells in tiers with entry and exit months', async () => {
    const members = (await admin.get('/api/tiers/shangxing/members?filter=current&pageSize=5')).json<{
      items: { enterpriseId: string; enteredOn: string }[];
    }>();
    const one = members.items[0]!;
    const spells = (await admin.get(`/api/enterprises/${one.enterpriseId}/tiers`)).json<
      { tier: string; enteredOn: string; leftOn: string | null }[]
    >();
    expect(spells).toContainEqual(
      expect.objectContaining({ tier: 'shangxing', enteredOn: one.enteredOn, leftOn: null }),
    );
  });
});

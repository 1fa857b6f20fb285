// The rule compiler on a tiny district: rules compiled to SQL, and which enterprises qualify, computed by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MeasureSet,
  evaluationSelect,
  featuresSql,
  type CompileContext,
} from '../../src/modules/policies/rules.sql.ts';
import type { Condition, Expr } from '../../src/modules/policies/rules.ts';
import { months, storeWorld, type StoreWorld } from './factories.ts';

/*
 * Evaluated at 2026-03, reading the last 12 months (2025-04 … 2026-03) and, for growth, the 12 before them.
 *   r1 (A, building b1, games, above scale, 小巨人 since 2025-06): revenue 1000 a month, 800 a month the year before.
 *   r2 (B, no building, aiAgents, star tier in March): revenue 500 a month, nothing the year before.
 *   r3 (A, building b1): revenue 2000 a month but left on 2026-02-10, so not present in March at all.
 *   r4 (A, settled 2026-03-05): no reports.
 */
let w: StoreWorld;
let ctx: CompileContext;
const name = new Map<string, string>();
const year = months('2025-04', '2026-03');

beforeAll(async () => {
  w = await storeWorld();
  const A = await w.unit({ code: 'a' });
  const B = await w.unit({ code: 'b' });
  const b1 = await w.building({ subdistrictId: A, code: 'b1' });
  ctx = {
    subdistrictIds: new Map([
      ['a', A],
      ['b', B],
    ]),
    buildingIds: new Map([['b1', b1]]),
  };
  const add = async (label: string, o: Parameters<StoreWorld['enterprise']>[0]) => {
    const id = await w.enterprise(o);
    name.set(id, label);
    return id;
  };
  const r1 = await add('r1', { subdistrictId: A, buildingId: b1, fields: ['games'], aboveScale: true });
  const r2 = await add('r2', { subdistrictId: B, fields: ['aiAgents'] });
  const r3 = await add('r3', { subdistrictId: A, buildingId: b1, leftOn: '2026-02-10' });
  await add('r4', { subdistrictId: A, settledOn: '2026-03-05' });
  await w.reports(r1, year, { operatingRevenue: 1000 });
  await w.reports(r1, months('2024-04', '2025-03'), { operatingRevenue: 800 });
  await w.honour(r1, 'littleGiant', '2025-06-01');
  await w.reports(r2, year, { operatingRevenue: 500 });
  await w.tierMonth(r2, 'star', '2026-03');
  await w.reports(r3, months('2025-04', '2026-01'), { operatingRevenue: 2000 });
});
afterAll(() => w?.close());

interface Result {
  enterprise_id: string;
  eligible: boolean;
  amount: string | number | null;
  near_leaf: number | null;
  gap: number | null;
}

/** Compiles one rule and evaluates it at 2026-03: every present enterprise by name, sorted. */
async function evaluate(
  eligibility: Condition,
  opts: { benefit?: Expr; params?: Record<string, number> } = {},
) {
  const measures = new MeasureSet();
  measures.addCondition(eligibility);
  if (opts.benefit) measures.addExpr(opts.benefit);
  const select = evaluationSelect(
    { eligibility, benefit: opts.benefit ?? null, params: opts.params ?? {} },
    measures,
    ctx,
    featuresSql(w.districtId, '2026-03', measures, { carryForwardMonths: 3 }),
  );
  const rs = await w.query<Result>(select);
  return rs
    .map((r) => ({ ...r, name: name.get(r.enterprise_id)! }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
const eligible = async (c: Condition, params?: Record<string, number>) =>
  (await evaluate(c, params ? { params } : {})).filter((r) => r.eligible).map((r) => r.name);

const revenue12 = { figure: 'operatingRevenue', agg: 'sum', months: 12 } as const;

describe('the rule compiler', () => {
  it('reads only enterprises present in the month: a leaver is out, a newcomer without reports is in', async () => {
    const rs = await evaluate({ kind: 'aboveScale', value: false });
    expect(rs.map((r) => r.name)).toEqual(['r1', 'r2', 'r4']);
  });

  it('compares a 12-month sum with a threshold in 万元; no data is not eligible; a near miss has its gap', async () => {
    const rs = await evaluate({ kind: 'compare', measure: revenue12, op: 'gte', value: 1, unit: '万元' });
    expect(rs.filter((r) => r.eligible).map((r) => r.name)).toEqual(['r1']); // 12000 ≥ 10000
    const r2 = rs.find((r) => r.name === 'r2')!;
    expect(r2.near_leaf).toBe(0);
    expect(r2.gap).toBeCloseTo(0.4); // (10000 − 6000) / 10000
    expect(rs.find((r) => r.name === 'r4')!.near_leaf).toBeNull(); // unknown is no near miss
  });

  it('takes a threshold from a parameter in base units', async () => {
    const rule: Condition = {
      kind: 'compare',
      measure: revenue12,
      op: 'gt',
      value: { param: 'min' },
      unit: '元',
    };
    expect(await eligible(rule, { min: 5000 })).toEqual(['r1', 'r2']);
    expect(await eligible(rule, { min: 6000 })).toEqual(['r1']); // 6000 is not more than 6000
    expect(await eligible(rule, {})).toEqual([]); // no value in force: unknown
  });

  it('combines subdistricts, honours, buildings, fields and tiers with all / any / not', async () => {
    expect(
      await eligible({
        kind: 'any',
        conditions: [
          { kind: 'subdistrict', op: 'in', values: ['b'] },
          { kind: 'honour', op: 'anyOf', values: ['littleGiant'] },
        ],
      }),
    ).toEqual(['r1', 'r2']);
    expect(
      await eligible({
        kind: 'all',
        conditions: [
          { kind: 'building', op: 'in', values: ['b1'] },
          { kind: 'field', op: 'anyOf', values: ['games'] },
        ],
      }),
    ).toEqual(['r1']);
    expect(await eligible({ kind: 'not', condition: { kind: 'building', op: 'any', values: [] } })).toEqual([
      'r2',
      'r4',
    ]);
    expect(await eligible({ kind: 'tier', op: 'anyOf', values: ['star'] })).toEqual(['r2']);
    expect(await eligible({ kind: 'subdistrict', op: 'notIn', values: ['a'] })).toEqual(['r2']);
  });

  it('compares like for like in growth: months reported in both years only', async () => {
    const yoy: Condition = {
      kind: 'compare',
      measure: { figure: 'operatingRevenue', agg: 'yoy', months: 12 },
      op: 'gt',
      value: 20,
      unit: '%',
    };
    // r1: 12000 / 9600 − 1 = 25 % > 20 %; r2 has no year before, so its growth is unknown, not infinite.
    expect(await eligible(yoy)).toEqual(['r1']);
    expect(await eligible({ ...yoy, value: 25 } as Condition)).toEqual([]);
  });

  it('computes the benefit of eligible enterprises only, rounded half away from zero', async () => {
    const rs = await evaluate(
      { kind: 'compare', measure: revenue12, op: 'gte', value: 5000, unit: '元' },
      {
        benefit: {
          kind: 'min',
          args: [
            {
              kind: 'mul',
              args: [
                { kind: 'measure', measure: revenue12 },
                { kind: 'const', value: 0.000125 },
              ],
            },
            { kind: 'const', value: 1, unit: '万元' },
          ],
        },
      },
    );
    // r1: 12000 × 0.000125 = 1.5 → 2; r2: 6000 × 0.000125 = 0.75 → 1; r4 not eligible.
    expect(rs.map((r) => [r.name, r.amount === null ? null : Number(r.amount)])).toEqual([
      ['r1', 2],
      ['r2', 1],
      ['r4', null],
    ]);
  });
});

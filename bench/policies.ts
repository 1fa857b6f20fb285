// Policies at scale: 100 generated policies over N enterprises × 36 months. The full evaluation (stored explanations)
// beside a raw scan of the same reports and a plain INSERT … SELECT of as many rows; the same rules evaluated per
// enterprise in Node with json-logic-js; one enterprise's explanation beside the primary-key read it rests on.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { openDatabase, rows, sql, type Database, type Db } from '../src/platform/db/db.ts';
import type { SQL } from 'drizzle-orm';
import { ensureDemo, loadPlanFromFile } from '../src/bootstrap.ts';
import { repoRoot } from '../src/platform/config.ts';
import { systemActor } from '../src/platform/audit/audit.ts';
import { fields as fieldList, honourKinds } from '../src/modules/enterprises/fields.ts';
import { mulberry32, pick, type Rng } from '../src/modules/demo/prng.ts';
import { createPolicy } from '../src/modules/policies/policies.store.ts';
import { evaluatePolicies, policyPeriod } from '../src/modules/policies/evaluation.store.ts';
import { explain } from '../src/modules/policies/results.store.ts';
import { compileContext } from '../src/modules/policies/context.store.ts';
import { monitoringSettings } from '../src/modules/plan/plan.store.ts';
import {
  MeasureSet,
  evaluationSelect,
  featuresSql,
  monthEnd,
  monthStart,
  thresholdOf,
  type CompileContext,
} from '../src/modules/policies/rules.sql.ts';
import {
  leavesOf,
  measureKey,
  measureLookback,
  measureUnit,
  parametersOn,
  parseUnit,
  policyDefinitionSchema,
  type ComparisonOp,
  type Condition,
  type Expr,
  type FigureCode,
  type Leaf,
  type Measure,
  type Parameter,
  type PolicyDefinition,
  type PolicyDefinitionInput,
} from '../src/modules/policies/rules.ts';
import { ms, ratio, stats, withScratchPg } from './lib.ts';

const planFile = path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml');
const NOW = new Date('2026-11-20T00:00:00Z');
const SEED = 20_271_120;
const POLICIES = 100;
const EXPLAIN_SAMPLES = 300;
const EXPLAIN_WARMUP = 20;

const log = (msg: string) => console.log(`  [policies ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const n0 = (x: number) => Math.round(x).toLocaleString('en');
const secs = (msx: number) => `${(msx / 1000).toFixed(msx >= 10_000 ? 0 : 1)} s`;

// ---------------------------------------------------------------------------------------------------------------
// Setup: 36 months of reports that split the population (size, growth, mix, gaps), generated inside the database
// ---------------------------------------------------------------------------------------------------------------

/**
 * 36 months of reports (2023-11 … 2026-10) for every enterprise while it is in the district. Everything is drawn from
 * hashes of the USCC (deterministic for a seed): a heavy-tailed size, an annual growth between −30 % and +70 %,
 * revenue per head, software / product / R&D shares (30 % of firms sell no software products), seasonality, monthly
 * noise, ~3 % of months missing and ~2 % of firms that never report (their measures are unknown).
 */
export async function synthesizeReports(db: Db, districtId: string) {
  await db.execute(sql`
    INSERT INTO reports (district_id, enterprise_id, period, version, is_current, employees, core_talents, operating_revenue,
      software_revenue, software_product_revenue, rd_expense, used_area, source, submitted_at)
    SELECT ${districtId}, e.id, m::date, 1, true, x.emp, (x.emp * p.talent)::int, x.rev::bigint,
           (x.rev * p.sw)::bigint, (x.rev * p.sw * p.prod)::bigint, (x.rev * p.rd)::bigint,
           x.emp * p.area, 'demo', m + interval '1 month' + interval '5 days'
    FROM enterprises e
    CROSS JOIN LATERAL (SELECT
        3 + 1500 * power((abs(hashtext(e.uscc || ':size')) % 10000) / 10000.0, 4) AS emp0,
        -0.3 + power((abs(hashtext(e.uscc || ':growth')) % 10000) / 10000.0, 1.5) AS growth,
        8000 + (abs(hashtext(e.uscc || ':rpe')) % 50000) AS rpe,
        0.3 + (abs(hashtext(e.uscc || ':sw')) % 700) / 1000.0 AS sw,
        CASE WHEN abs(hashtext(e.uscc || ':prod')) % 10 < 3 THEN 0
             ELSE (abs(hashtext(e.uscc || ':prod2')) % 600) / 1000.0 END AS prod,
        0.005 + (abs(hashtext(e.uscc || ':rd')) % 245) / 1000.0 AS rd,
        0.05 + (abs(hashtext(e.uscc || ':talent')) % 450) / 1000.0 AS talent,
        6 + abs(hashtext(e.uscc || ':area')) % 15 AS area,
        abs(hashtext(e.uscc || ':silent')) % 100 < 2 AS silent) p
    CROSS JOIN generate_series('2023-11-01'::date, '2026-10-01'::date, interval '1 month') AS m
    CROSS JOIN LATERAL (SELECT (extract(year from age(m, '2023-11-01'::date)) * 12 + extract(month from age(m, '2023-11-01'::date)))::int AS t,
                               extract(month from m)::int AS mon,
                               (abs(hashtext(e.uscc || m::text)) % 1000) / 1000.0 AS noise) k
    CROSS JOIN LATERAL (SELECT greatest(1, round(p.emp0 * power(1 + p.growth / 2, k.t / 12.0)) + k.noise * 3)::int AS emp,
                               round(p.emp0 * p.rpe * power(1 + p.growth, k.t / 12.0)
                                     * CASE WHEN k.mon = 12 THEN 1.4 WHEN k.mon IN (1, 2) THEN 0.8 ELSE 1 END
                                     * (0.8 + 0.4 * k.noise)) AS rev) x
    WHERE e.district_id = ${districtId} AND e.settled_on <= m::date AND (e.left_on IS NULL OR e.left_on >= m::date)
      AND NOT p.silent AND abs(hashtext(e.uscc || m::text || ':gap')) % 100 >= 3`);
  const [n] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM reports`);
  return n!.n;
}

/** Honours held (by the end of 2026-10): the demo records them by revenue band; top up to ~3 % if it recorded fewer. */
export async function ensureHonours(db: Db, districtId: string) {
  const share = async () =>
    (
      await rows<{ with_: number; all_: number }>(
        db,
        sql`SELECT (SELECT count(DISTINCT enterprise_id) FROM enterprise_honours WHERE district_id = ${districtId}
                    AND awarded_on <= '2026-10-31')::int AS with_,
                   (SELECT count(*) FROM enterprises WHERE district_id = ${districtId})::int AS all_`,
      )
    )[0]!;
  let s = await share();
  if (s.with_ < 0.03 * s.all_) {
    const kinds = honourKinds.map((h) => `'${h.code}'`).join(',');
    await db.execute(sql`
      INSERT INTO enterprise_honours (district_id, enterprise_id, kind, awarded_on, source)
      SELECT ${districtId}, e.id, (ARRAY[${sql.raw(kinds)}])[1 + abs(hashtext(e.uscc || ':hk')) % ${honourKinds.length}],
             '2025-06-30'::date, 'benchmark'
      FROM enterprises e
      WHERE e.district_id = ${districtId} AND abs(hashtext(e.uscc || ':honour')) % 100 < 3
        AND NOT EXISTS (SELECT 1 FROM enterprise_honours h WHERE h.district_id = e.district_id AND h.enterprise_id = e.id)`);
    s = await share();
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// The population as the generator sees it: every candidate measure per enterprise, and the attributes
// ---------------------------------------------------------------------------------------------------------------

const flows: FigureCode[] = ['operatingRevenue', 'softwareRevenue', 'softwareProductRevenue', 'rdExpense'];
const stocks: FigureCode[] = ['employees', 'coreTalents', 'usedArea'];

/** Every measure a generated rule may read: each figure with latest / at / sum / avg / yoy / cagr, shares, age. */
function candidateMeasures(): Measure[] {
  const out: Measure[] = [];
  for (const f of [...flows, ...stocks]) {
    out.push({ figure: f, agg: 'latest' });
    out.push({ figure: f, agg: 'at', period: '2026-06' });
    out.push({ figure: f, agg: 'at', period: '2025-10' });
    out.push({ figure: f, agg: 'avg', months: 12 });
    out.push({ figure: f, agg: 'avg', months: 6 });
    out.push({ figure: f, agg: 'yoy', months: 12 });
    out.push({ figure: f, agg: 'cagr', years: 2, months: 12 });
  }
  for (const f of flows) {
    out.push({ figure: f, agg: 'sum', months: 12 });
    out.push({ figure: f, agg: 'sum', months: 6 });
    out.push({ figure: f, agg: 'sum', months: 3 });
    out.push({ figure: f, agg: 'yoy', months: 6 });
  }
  for (const [f, of, months] of [
    ['rdExpense', 'operatingRevenue', 12],
    ['rdExpense', 'operatingRevenue', 6],
    ['softwareRevenue', 'operatingRevenue', 12],
    ['softwareProductRevenue', 'softwareRevenue', 12],
    ['coreTalents', 'employees', 12],
    ['coreTalents', 'employees', 3],
  ] as const)
    out.push({ figure: f, agg: 'share', of, months });
  out.push({ figure: 'registrationAge', agg: 'attribute' });
  return out;
}

interface Population {
  n: number;
  /** measureKey → value per enterprise in base units (NaN = no data); sorted non-NaN copy for quantiles. */
  values: Map<string, Float64Array>;
  sorted: Map<string, Float64Array>;
  subdistrict: string[];
  fields: string[][];
  honours: string[][];
  building: (string | null)[];
  aboveScale: boolean[];
}

export async function population(db: Db, districtId: string, period: string): Promise<Population> {
  const set = new MeasureSet();
  const cands = candidateMeasures();
  for (const m of cands) set.add(m);
  const list = await rows<Record<string, unknown>>(
    db,
    featuresSql(districtId, period, set, await monitoringSettings(db, districtId)),
  );
  const values = new Map<string, Float64Array>();
  const sorted = new Map<string, Float64Array>();
  for (const m of cands) {
    const col = set.add(m);
    const a = new Float64Array(list.length);
    list.forEach((r, i) => (a[i] = r[col] === null ? NaN : Number(r[col])));
    values.set(measureKey(m), a);
    sorted.set(measureKey(m), a.filter((x) => !Number.isNaN(x)).sort());
  }
  return {
    n: list.length,
    values,
    sorted,
    subdistrict: list.map((r) => r.subdistrict_id as string),
    fields: list.map((r) => r.fields as string[]),
    honours: list.map((r) => r.honours as string[]),
    building: list.map((r) => (r.building_id as string | null) ?? null),
    aboveScale: list.map((r) => r.above_scale as boolean),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Generating 100 policies: rule trees over 2–8 leaves, thresholds at the population's quantiles
// ---------------------------------------------------------------------------------------------------------------

// Three-valued results per enterprise: 0 = not met, 1 = unknown, 2 = met (all = min, any = max, not = 2 − x).
type Tri = Uint8Array;

const cmp = (op: ComparisonOp, v: number, t: number) =>
  op === 'gt'
    ? v > t
    : op === 'gte'
      ? v >= t
      : op === 'lt'
        ? v < t
        : op === 'lte'
          ? v <= t
          : op === 'eq'
            ? v === t
            : v !== t;

interface GenContext {
  pop: Population;
  subdistrictCodes: string[];
  subdistrictIds: Map<string, string>;
  buildingCodes: string[];
  buildingIds: Map<string, string>;
}

function leafTri(leaf: Leaf, g: GenContext, params: Record<string, Parameter>): Tri {
  const { pop } = g;
  const out = new Uint8Array(pop.n);
  const set = (f: (i: number) => boolean) => {
    for (let i = 0; i < pop.n; i++) out[i] = f(i) ? 2 : 0;
  };
  switch (leaf.kind) {
    case 'compare': {
      const v = pop.values.get(measureKey(leaf.measure))!;
      const t = thresholdOf(leaf, parametersOn(params, '2026-10-31'));
      for (let i = 0; i < pop.n; i++)
        out[i] = Number.isNaN(v[i]!) || t === null ? 1 : cmp(leaf.op, v[i]!, t) ? 2 : 0;
      break;
    }
    case 'subdistrict': {
      const ids = new Set(leaf.values.map((c) => g.subdistrictIds.get(c)));
      set((i) => ids.has(pop.subdistrict[i]!) === (leaf.op === 'in'));
      break;
    }
    case 'field':
      set((i) => {
        const has = pop.fields[i]!;
        if (leaf.op === 'allOf') return leaf.values.every((v) => has.includes(v));
        const any = leaf.values.some((v) => has.includes(v));
        return leaf.op === 'anyOf' ? any : !any;
      });
      break;
    case 'honour':
      set((i) => leaf.values.some((v) => pop.honours[i]!.includes(v)) === (leaf.op === 'anyOf'));
      break;
    case 'aboveScale':
      set((i) => pop.aboveScale[i] === leaf.value);
      break;
    case 'building': {
      const ids = new Set(leaf.values.map((c) => g.buildingIds.get(c)));
      set((i) =>
        leaf.op === 'any'
          ? pop.building[i] !== null
          : leaf.op === 'none'
            ? pop.building[i] === null
            : pop.building[i] !== null && ids.has(pop.building[i]!),
      );
      break;
    }
    case 'tier':
      throw new Error('no tier leaves in the benchmark');
  }
  return out;
}

function treeTri(c: Condition, g: GenContext, params: Record<string, Parameter>): Tri {
  if (c.kind === 'all' || c.kind === 'any') {
    const parts = c.conditions.map((x) => treeTri(x, g, params));
    const out = new Uint8Array(parts[0]!);
    for (const p of parts.slice(1))
      for (let i = 0; i < out.length; i++)
        out[i] = c.kind === 'all' ? Math.min(out[i]!, p[i]!) : Math.max(out[i]!, p[i]!);
    return out;
  }
  if (c.kind === 'not') return treeTri(c.condition, g, params).map((x) => 2 - x);
  return leafTri(c, g, params);
}

const metShare = (t: Tri) => t.reduce((a, x) => a + (x === 2 ? 1 : 0), 0) / Math.max(1, t.length);

/** A threshold as a person would write it, in the leaf's unit: whole people, half years, two significant digits. */
function niceThreshold(base: number, unit: string): number {
  const x = base / parseUnit(unit)!.scale;
  if (unit === '人') return Math.max(0, Math.round(x));
  if (unit === '年') return Math.max(0.5, Math.round(x * 2) / 2);
  if (x === 0) return 0;
  return Number(x.toPrecision(2));
}

const fieldCodes = fieldList.map((f) => f.code);
const honourCodes = honourKinds.map((h) => h.code);

function sample<T>(rng: Rng, xs: readonly T[], k: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < k && pool.length) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  return out;
}

/** Measures weighted towards the ones policies name most: revenue and R&D over a year, head count, age. */
function pickMeasure(rng: Rng, cands: Measure[]): Measure {
  const favourite: Measure[] = [
    { figure: 'operatingRevenue', agg: 'sum', months: 12 },
    { figure: 'softwareRevenue', agg: 'sum', months: 12 },
    { figure: 'rdExpense', agg: 'sum', months: 12 },
    { figure: 'employees', agg: 'latest' },
    { figure: 'registrationAge', agg: 'attribute' },
    { figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 12 },
    { figure: 'operatingRevenue', agg: 'yoy', months: 12 },
  ];
  return rng() < 0.35 ? pick(rng, favourite) : pick(rng, cands);
}

interface Draft {
  params: Record<string, Parameter>;
  paramNo: number;
}

/** A comparison passed by about `target` of the population: the threshold is the matching quantile. */
function compareLeaf(rng: Rng, g: GenContext, target: number, draft: Draft, cands: Measure[]): Leaf {
  for (;;) {
    const m = pickMeasure(rng, cands);
    const key = measureKey(m);
    const sorted = g.pop.sorted.get(key)!;
    if (sorted.length < g.pop.n * 0.2) continue;
    const unit = measureUnit(m);
    // Firms selling no software products: "has product revenue" (≠ 0) or "has none" (= 0).
    if (m.figure === 'softwareProductRevenue' && m.agg === 'sum' && rng() < 0.3)
      return { kind: 'compare', measure: m, op: target > 0.5 ? 'ne' : 'eq', value: 0, unit };
    const growth = m.agg === 'yoy' || m.agg === 'cagr' || m.agg === 'share';
    const small =
      m.figure === 'registrationAge' ? rng() < 0.5 : !growth && m.figure !== 'rdExpense' && rng() < 0.25;
    const nn = sorted.length / g.pop.n;
    const p = Math.min(0.995, Math.max(0.005, target / nn));
    const q = small ? p : 1 - p;
    const base = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    const value = niceThreshold(base, unit);
    const op: ComparisonOp = small ? (rng() < 0.5 ? 'lt' : 'lte') : rng() < 0.7 ? 'gte' : 'gt';
    if (rng() < 0.1) {
      // A named parameter instead of a number, sometimes with a dated change.
      const name = `threshold${++draft.paramNo}`;
      const values =
        rng() < 0.3
          ? [
              { from: '2025-01-01', value: niceThreshold(base * 1.2, unit) },
              { from: '2026-07-01', value },
            ]
          : [{ from: '2026-01-01', value }];
      draft.params[name] = { label: `门槛${draft.paramNo}`, unit, values };
      return { kind: 'compare', measure: m, op, value: { param: name }, unit };
    }
    return { kind: 'compare', measure: m, op, value, unit };
  }
}

/** An attribute leaf (field, subdistrict, honour, scale, building) whose share is closest to `target` of a few drawn. */
function attributeLeaf(rng: Rng, g: GenContext, target: number): Leaf {
  let best: { leaf: Leaf; score: number } | null = null;
  for (let k = 0; k < 6; k++) {
    const r = rng();
    let leaf: Leaf;
    if (r < 0.3) {
      const op = pick(rng, ['anyOf', 'anyOf', 'allOf', 'noneOf'] as const);
      const values = sample(rng, fieldCodes, op === 'allOf' ? 2 : 1 + Math.floor(rng() * 4));
      leaf = { kind: 'field', op, values } as Leaf;
    } else if (r < 0.5) {
      const op = rng() < 0.7 ? 'in' : 'notIn';
      const k2 = 1 + Math.floor(rng() * (op === 'in' ? g.subdistrictCodes.length / 2 : 3));
      leaf = { kind: 'subdistrict', op, values: sample(rng, g.subdistrictCodes, k2) };
    } else if (r < 0.65) {
      const op = rng() < 0.6 ? 'anyOf' : 'noneOf';
      leaf = { kind: 'honour', op, values: sample(rng, honourCodes, 1 + Math.floor(rng() * 3)) } as Leaf;
    } else if (r < 0.8) {
      leaf = { kind: 'aboveScale', value: rng() < 0.5 };
    } else {
      const op = pick(rng, ['any', 'none', 'in'] as const);
      leaf = {
        kind: 'building',
        op,
        values: op === 'in' ? sample(rng, g.buildingCodes, 1 + Math.floor(rng() * 5)) : [],
      };
    }
    const share = metShare(leafTri(leaf, g, {}));
    const score = share <= 0 ? Infinity : Math.abs(Math.log(share / target));
    if (!best || score < best.score) best = { leaf, score };
  }
  return best!.leaf;
}

/** A condition passed by about `target`: all → each child t^(1/n), any → 1 − (1 − t)^(1/n), not → 1 − t. */
function genCondition(
  rng: Rng,
  g: GenContext,
  kind: 'all' | 'any',
  leaves: number,
  target: number,
  depth: number,
  draft: Draft,
  cands: Measure[],
): Condition {
  const parts: number[] = [];
  let left = leaves;
  if (depth === 0 && leaves >= 4 && rng() < 0.6) {
    const s = 2 + Math.floor(rng() * Math.min(3, leaves - 2));
    parts.push(s);
    left -= s;
  }
  while (left-- > 0) parts.push(1);
  const m = parts.length;
  const child = kind === 'all' ? Math.pow(target, 1 / m) : 1 - Math.pow(1 - target, 1 / m);
  const conditions: Condition[] = parts.map((size) => {
    const negate = rng() < (size > 1 ? 0.25 : 0.08);
    const t = Math.min(0.98, Math.max(0.02, (negate ? 1 - child : child) * (0.8 + 0.4 * rng())));
    const c =
      size > 1
        ? genCondition(rng, g, kind === 'all' ? 'any' : 'all', size, t, depth + 1, draft, cands)
        : rng() < 0.65
          ? compareLeaf(rng, g, t, draft, cands)
          : attributeLeaf(rng, g, t);
    return negate ? { kind: 'not', condition: c } : c;
  });
  return m === 1 ? conditions[0]! : { kind, conditions };
}

const policyNames = [
  '研发投入后补助',
  '软件产品首版次奖励',
  '规上培育奖励',
  '核心人才引进补贴',
  '载体租金补贴',
  '算力券',
  '上云用云补贴',
  '专精特新培育奖励',
  '高成长企业奖励',
  '稳岗扩岗补贴',
  '首次进规奖励',
  '数字化项目周转资金',
];

/** A benefit: min(measure × rate, cap), by revenue or R&D, floor area, or core talents. */
function genBenefit(rng: Rng, draft: Draft): Expr | null {
  const r = rng();
  if (r < 0.15) return null;
  const cap = 20 * (1 + Math.floor(rng() * 25));
  draft.params.cap = { label: '上限', unit: '万元', values: [{ from: '2026-01-01', value: cap }] };
  let measure: Measure;
  let rate: Parameter;
  const extra: Expr[] = [];
  if (r < 0.65) {
    measure = { figure: pick(rng, flows), agg: 'sum', months: 12 };
    rate = { label: '比例', unit: '%', values: [{ from: '2026-01-01', value: 5 + Math.floor(rng() * 26) }] };
    if (rng() < 0.25) rate.values.unshift({ from: '2025-01-01', value: 3 + Math.floor(rng() * 10) });
  } else if (r < 0.85) {
    measure = { figure: 'usedArea', agg: 'latest' };
    rate = {
      label: '租金补贴标准',
      unit: '元/m²/月',
      values: [{ from: '2026-01-01', value: 10 + Math.floor(rng() * 31) }],
    };
    extra.push({ kind: 'const', value: 12, unit: '月' });
  } else {
    measure = { figure: 'coreTalents', agg: 'latest' };
    rate = {
      label: '每人补贴',
      unit: '元/人',
      values: [{ from: '2026-01-01', value: 1000 * (2 + Math.floor(rng() * 19)) }],
    };
  }
  draft.params.rate = rate;
  return {
    kind: 'min',
    args: [
      { kind: 'mul', args: [{ kind: 'measure', measure }, { kind: 'param', name: 'rate' }, ...extra] },
      { kind: 'param', name: 'cap' },
    ],
  };
}

interface Generated {
  code: string;
  definition: PolicyDefinition;
  share: number;
}

export function generatePolicies(g: GenContext, count: number): Generated[] {
  const rng = mulberry32(SEED);
  const cands = candidateMeasures().filter((m) => g.pop.sorted.get(measureKey(m))!.length > 0);
  const out: Generated[] = [];
  for (let i = 1; i <= count; i++) {
    // Eligibility targets from ~1.5 % to 50 %, log-uniform; drafts outside 1 %–60 % are drawn again.
    const target = Math.exp(Math.log(0.015) + rng() * (Math.log(0.5) - Math.log(0.015)));
    for (let attempt = 0; ; attempt++) {
      const draft: Draft = { params: {}, paramNo: 0 };
      const leaves = 2 + Math.floor(rng() * 7);
      const kind = leaves <= 3 ? (rng() < 0.7 ? 'all' : 'any') : rng() < 0.75 ? 'all' : 'any';
      const eligibility = genCondition(rng, g, kind, leaves, target, 0, draft, cands);
      const formula = genBenefit(rng, draft);
      const input: PolicyDefinitionInput = {
        name: `${pick(rng, policyNames)}（合成第${i}号）`,
        nameEn: `Synthetic policy ${i}`,
        summary: '基准测试生成的政策。',
        source: 'bench/policies.ts',
        eligibility,
        parameters: draft.params,
        benefit: formula ? { formula } : null,
      };
      const definition = policyDefinitionSchema.parse(input);
      const share = metShare(treeTri(definition.eligibility, g, definition.parameters));
      if ((share >= 0.01 && share <= 0.6) || attempt > 500) {
        out.push({ code: `bench${String(i).padStart(3, '0')}`, definition, share });
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The same rules in JSON Logic
// ---------------------------------------------------------------------------------------------------------------

type JL = RulesLogic;
const jlOp = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '==', ne: '!=' } as const;
const negOp: Record<ComparisonOp, ComparisonOp> = {
  gt: 'lte',
  gte: 'lt',
  lt: 'gte',
  lte: 'gt',
  eq: 'ne',
  ne: 'eq',
};

/**
 * A leaf as JSON Logic over a features row. A comparison on a missing value is false, and so is its negation: the
 * `!= null` guard. `negate` gives the leaf's negation (used to push `not` down to the leaves).
 */
function leafJL(
  leaf: Leaf,
  m: MeasureSet,
  ctx: CompileContext,
  params: Record<string, number>,
  negate: boolean,
): JL {
  const not = (x: JL): JL => (negate ? { '!': x } : x);
  const some = (col: string, values: string[]): JL => ({
    some: [{ var: col }, { in: [{ var: '' }, values] }],
  });
  switch (leaf.kind) {
    case 'compare': {
      const t = thresholdOf(leaf, params);
      if (t === null) return false;
      const col = m.add(leaf.measure);
      const op = jlOp[negate ? negOp[leaf.op] : leaf.op];
      return { and: [{ '!=': [{ var: col }, null] }, { [op]: [{ var: col }, t] } as JL] };
    }
    case 'subdistrict': {
      const ids = leaf.values.map((c) => ctx.subdistrictIds.get(c)).filter((x): x is string => !!x);
      const inList: JL = { in: [{ var: 'subdistrict_id' }, ids] };
      return leaf.op === 'in' ? not(inList) : negate ? inList : { '!': inList };
    }
    case 'field': {
      if (leaf.op === 'allOf')
        return not({ and: leaf.values.map((v) => ({ in: [v, { var: 'fields' }] }) as JL) });
      const any = some('fields', leaf.values);
      return leaf.op === 'anyOf' ? not(any) : negate ? any : { '!': any };
    }
    case 'honour': {
      const any = some('honours', leaf.values);
      return leaf.op === 'anyOf' ? not(any) : negate ? any : { '!': any };
    }
    case 'aboveScale':
      return { '==': [{ var: 'above_scale' }, negate ? !leaf.value : leaf.value] };
    case 'building': {
      if (leaf.op === 'any') return { [negate ? '==' : '!=']: [{ var: 'building_id' }, null] } as JL;
      if (leaf.op === 'none') return { [negate ? '!=' : '==']: [{ var: 'building_id' }, null] } as JL;
      const ids = leaf.values.map((c) => ctx.buildingIds.get(c)).filter((x): x is string => !!x);
      return not({ in: [{ var: 'building_id' }, ids] });
    }
    case 'tier': {
      const any = some('tiers', leaf.values);
      return leaf.op === 'anyOf' ? not(any) : negate ? any : { '!': any };
    }
  }
}

/**
 * The rule tree as JSON Logic: all → and, any → or, and `not` pushed down to the leaves (negation normal form). With
 * comparisons on missing values false either way, this is exactly SQL's three-valued result coalesced to false.
 */
function ruleJL(
  c: Condition,
  m: MeasureSet,
  ctx: CompileContext,
  params: Record<string, number>,
  neg = false,
): JL {
  if (c.kind === 'all' || c.kind === 'any') {
    const parts = c.conditions.map((x) => ruleJL(x, m, ctx, params, neg));
    return (c.kind === 'all') !== neg ? { and: parts } : { or: parts };
  }
  if (c.kind === 'not') return ruleJL(c.condition, m, ctx, params, !neg);
  return leafJL(c, m, ctx, params, neg);
}

/** The literal translation (not → !), two-valued: a missing value fails its comparison, and `!` then passes it. */
function naiveJL(c: Condition, m: MeasureSet, ctx: CompileContext, params: Record<string, number>): JL {
  if (c.kind === 'all' || c.kind === 'any')
    return { [c.kind === 'all' ? 'and' : 'or']: c.conditions.map((x) => naiveJL(x, m, ctx, params)) } as JL;
  if (c.kind === 'not') return { '!': naiveJL(c.condition, m, ctx, params) };
  return leafJL(c, m, ctx, params, false);
}

/** One leaf's stored result: true / false, or null when its value is unknown (as the SQL stores it). */
function leafResultJL(leaf: Leaf, m: MeasureSet, ctx: CompileContext, params: Record<string, number>): JL {
  if (leaf.kind !== 'compare') return leafJL(leaf, m, ctx, params, false);
  const t = thresholdOf(leaf, params);
  if (t === null) return null;
  const col = m.add(leaf.measure);
  return { if: [{ '==': [{ var: col }, null] }, null, { [jlOp[leaf.op]]: [{ var: col }, t] } as JL] };
}

/** The benefit formula as JSON Logic; a missing figure counts as zero (as in SQL). */
function exprJL(e: Expr, m: MeasureSet, params: Record<string, number>): JL {
  switch (e.kind) {
    case 'const':
      return e.value * (e.unit ? (parseUnit(e.unit)?.scale ?? 1) : 1);
    case 'param':
      return params[e.name] ?? null;
    case 'measure': {
      const col = m.add(e.measure);
      return { if: [{ '==': [{ var: col }, null] }, 0, { var: col }] };
    }
    case 'add':
      return { '+': e.args.map((a) => exprJL(a, m, params)) };
    case 'mul':
      return { '*': e.args.map((a) => exprJL(a, m, params)) };
    case 'min':
      return { min: e.args.map((a) => exprJL(a, m, params)) };
    case 'max':
      return { max: e.args.map((a) => exprJL(a, m, params)) };
    case 'sub':
      return { '-': [exprJL(e.args[0], m, params), exprJL(e.args[1], m, params)] };
    case 'div':
      return { '/': [exprJL(e.args[0], m, params), exprJL(e.args[1], m, params)] };
  }
}

/** PostgreSQL's round(float8): ties to even (rint). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** The tree's three-valued result from the leaves' results, one leaf optionally forced true (near-miss test). */
function kleene(c: Condition, passed: (boolean | null)[], override: number): boolean | null {
  let i = 0;
  const walk = (x: Condition): boolean | null => {
    if (x.kind === 'all' || x.kind === 'any') {
      const r = x.conditions.map(walk);
      if (x.kind === 'all') return r.includes(false) ? false : r.includes(null) ? null : true;
      return r.includes(true) ? true : r.includes(null) ? null : false;
    }
    if (x.kind === 'not') {
      const r = walk(x.condition);
      return r === null ? null : !r;
    }
    const idx = i++;
    return idx === override ? true : (passed[idx] ?? null);
  };
  return walk(c);
}

interface Compiled {
  id: string;
  def: PolicyDefinition;
  params: Record<string, number>;
  rule: JL;
  naive: JL;
  leaves: { jl: JL; col: string | null; threshold: number | null; op: ComparisonOp | null }[];
  amount: JL | null;
}

function compile(
  list: { id: string; def: PolicyDefinition }[],
  m: MeasureSet,
  ctx: CompileContext,
  asOf: string,
): Compiled[] {
  return list.map(({ id, def }) => {
    const params = parametersOn(def.parameters, asOf);
    return {
      id,
      def,
      params,
      rule: ruleJL(def.eligibility, m, ctx, params),
      naive: naiveJL(def.eligibility, m, ctx, params),
      leaves: leavesOf(def.eligibility).map(({ leaf }) => ({
        jl: leafResultJL(leaf, m, ctx, params),
        col: leaf.kind === 'compare' ? m.add(leaf.measure) : null,
        threshold: leaf.kind === 'compare' ? thresholdOf(leaf, params) : null,
        op: leaf.kind === 'compare' ? leaf.op : null,
      })),
      amount: def.benefit ? exprJL(def.benefit.formula, m, params) : null,
    };
  });
}

const f8 = (x: number | null) => (x === null ? 'NULL' : String(x));

/** One policy_results row for one enterprise, as a COPY text line: the same columns the SQL evaluation stores. */
function resultLine(districtId: string, p: Compiled, row: Record<string, unknown>): [string, boolean] {
  const eligible = !!jsonLogic.truthy(jsonLogic.apply(p.rule, row));
  const passed: (boolean | null)[] = [];
  const values: (number | null)[] = [];
  for (const l of p.leaves) {
    const r = jsonLogic.apply(l.jl, row) as boolean | null;
    passed.push(r === null ? null : !!r);
    values.push(l.col === null ? null : ((row[l.col] as number | null) ?? null));
  }
  let amount: number | null = null;
  let near: number | null = null;
  let gap: number | null = null;
  if (eligible) {
    if (p.amount !== null) amount = Math.max(0, roundHalfEven(Number(jsonLogic.apply(p.amount, row))));
  } else {
    p.leaves.forEach((l, i) => {
      if (l.op === null || l.op === 'eq' || l.op === 'ne' || l.threshold === null || passed[i] !== false)
        return;
      if (kleene(p.def.eligibility, passed, i) !== true) return;
      const t = l.threshold;
      const v = values[i]!;
      const g = (l.op === 'gt' || l.op === 'gte' ? t - v : v - t) / (t === 0 ? 1 : Math.abs(t));
      if (gap === null || g < gap) {
        gap = g;
        near = i;
      }
    });
  }
  const line = `${districtId}\t${p.id}\t${row.enterprise_id as string}\t${eligible ? 't' : 'f'}\t{${passed
    .map((b) => (b === null ? 'NULL' : b ? 't' : 'f'))
    .join(',')}}\t{${values.map(f8).join(',')}}\t${amount ?? '\\N'}\t${near ?? '\\N'}\t${gap ?? '\\N'}\n`;
  return [line, eligible];
}

/** Writes COPY text into a table: a blob per chunk on PGlite, one streaming psql `\copy` on PostgreSQL. */
async function copyWriter(database: Database, table: string, dbUrl?: string) {
  if (database.pglite) {
    const lite = database.pglite;
    return {
      write: async (text: string) => {
        await lite.query(`COPY ${table} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
      },
      end: async () => undefined,
    };
  }
  const child = spawn('psql', [dbUrl!, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${table} FROM pstdin`], {
    stdio: ['pipe', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    write: async (text: string) => {
      if (!child.stdin.write(text)) await new Promise((r) => child.stdin.once('drain', r));
    },
    end: async () => {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`psql \\copy failed: ${stderr}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Plans (BENCH_POLICIES_PLANS=dir): the statements behind the figures, with EXPLAIN (ANALYZE, BUFFERS)
// ---------------------------------------------------------------------------------------------------------------

async function dumpPlans(
  db: Db,
  file: string,
  districtId: string,
  period: string,
  measures: MeasureSet,
  ctx: CompileContext,
  policy: { id: string; def: PolicyDefinition },
) {
  const out: string[] = [];
  const plan = async (tx: Parameters<Parameters<Db['transaction']>[0]>[0] | Db, title: string, q: SQL) => {
    const r = await rows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN (ANALYZE, BUFFERS) ${q}`);
    out.push(`## ${title}\n${r.map((x) => x['QUERY PLAN']).join('\n')}\n`);
  };
  await plan(
    db,
    'features (featuresSql, every measure)',
    featuresSql(districtId, period, measures, await monitoringSettings(db, districtId)),
  );
  await plan(
    db,
    'listBuildings (compileContext → explain, createPolicy)',
    sql`SELECT b.id::text, b.code, b.name, (SELECT count(*) FROM enterprises e WHERE e.district_id = b.district_id
          AND e.building_id = b.id)::int AS enterprise_count FROM buildings b WHERE b.district_id = ${districtId} ORDER BY b.name`,
  );
  try {
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`CREATE TEMP TABLE policy_features ON COMMIT DROP AS ${featuresSql(districtId, period, measures, await monitoringSettings(tx, districtId))}`,
      );
      await plan(
        tx,
        `DELETE of one policy's stored rows (${leavesOf(policy.def.eligibility).length} leaves)`,
        sql`DELETE FROM policy_results WHERE district_id = ${districtId} AND policy_id = ${policy.id}`,
      );
      const params = parametersOn(policy.def.parameters, monthEnd(period));
      const select = evaluationSelect(
        { eligibility: policy.def.eligibility, benefit: policy.def.benefit?.formula ?? null, params },
        measures,
        ctx,
        sql`SELECT * FROM policy_features`,
      );
      await plan(
        tx,
        'INSERT of one policy over the features table',
        sql`INSERT INTO policy_results (district_id, policy_id, enterprise_id, eligible, passed, values, amount, near_leaf, gap)
            SELECT ${districtId}, ${policy.id}::uuid, r.enterprise_id, r.eligible, r.passed, r.vals, r.amount, r.near_leaf, r.gap
            FROM (${select}) r`,
      );
      tx.rollback();
    });
  } catch (e) {
    if (!(e instanceof Error && e.message.toLowerCase().includes('rollback'))) throw e;
  }
  fs.writeFileSync(file, out.join('\n'));
  log(`plans written to ${file}`);
}

// ---------------------------------------------------------------------------------------------------------------
// One store
// ---------------------------------------------------------------------------------------------------------------

interface Result {
  label: string;
  loadMs: number;
  createMs: number;
  reports: number;
  enterprises: number;
  withHonours: number;
  leaves: number;
  measures: number;
  shares: number[];
  eligibleTotal: number;
  evalMs: number;
  featuresMs: number;
  resultRows: number;
  scanMs: number;
  insertMs: number;
  reevalMs: number;
  reevalFeaturesMs: number;
  fetchMs: number;
  genMs: number;
  waitMs: number;
  load: [number, number];
  jlMs: number;
  jlWriteMs: number;
  mismatchEligible: number;
  mismatchPolicies: number;
  mismatchRows: number;
  naiveMismatch: number;
  naivePolicies: number;
  explain: ReturnType<typeof stats>;
  pk: ReturnType<typeof stats>;
}

async function benchOn(
  database: Database,
  label: string,
  enterprises: number,
  dbUrl?: string,
): Promise<Result> {
  const db = database.db;
  log(`${label}: setup (${enterprises.toLocaleString('en')} enterprises)…`);
  const load0 = os.loadavg()[0]!;
  const t0 = performance.now();
  const plan = await loadPlanFromFile(db, planFile);
  const districtId = plan.districtId;
  await ensureDemo(db, districtId, { enterprises, reports: false, now: NOW });
  const reports = await synthesizeReports(db, districtId);
  const honours = await ensureHonours(db, districtId);
  await db.execute(sql`ANALYZE`);
  const loadMs = performance.now() - t0;
  log(
    `${label}: ${reports.toLocaleString('en')} reports, ${honours.with_} enterprises with honours, ${secs(loadMs)}`,
  );

  const period = await policyPeriod(db, districtId, NOW);
  const ctx = await compileContext(db, districtId);
  const t1 = performance.now();
  const pop = await population(db, districtId, period);
  const generated = generatePolicies(
    {
      pop,
      subdistrictCodes: [...ctx.names.subdistrictCodes].sort(),
      subdistrictIds: new Map(ctx.subdistrictIds),
      buildingCodes: [...ctx.names.buildingCodes].sort(),
      buildingIds: new Map(ctx.buildingIds),
    },
    POLICIES,
  );
  const actor = systemActor(districtId);
  const created: { id: string; def: PolicyDefinition }[] = [];
  for (const p of generated)
    created.push({
      id: await createPolicy(db, actor, {
        code: p.code,
        definition: p.definition,
        status: 'active',
        note: 'benchmark',
      }),
      def: p.definition,
    });
  const createMs = performance.now() - t1;
  const measures = new MeasureSet();
  for (const p of created) {
    measures.addCondition(p.def.eligibility);
    if (p.def.benefit) measures.addExpr(p.def.benefit.formula);
  }
  const leaves = created.reduce((a, p) => a + leavesOf(p.def.eligibility).length, 0);
  log(
    `${label}: ${created.length} policies, ${leaves} leaves, ${measures.byKey.size} measures, ${secs(createMs)}`,
  );

  // Floor 1: one scan of the same window of reports, grouped by enterprise (best of 3 after a warm-up). Index scans
  // are off for it: left alone, PGlite reads the 2.9 M rows through reports_current in enterprise order, one heap
  // page per row (24 s at 100,000 enterprises against 2.4 s for a sequential scan), which would flatter the ratios.
  const staleness = await monitoringSettings(db, districtId);
  const lookback = Math.max(
    11,
    ...[...measures.byKey.values()].map((x) => measureLookback(x.measure, period, staleness)),
  );
  const scan = sql`SELECT count(*), sum(s), sum(a) FROM (
      SELECT enterprise_id, sum(operating_revenue) AS s, avg(employees) AS a FROM reports
      WHERE district_id = ${districtId} AND is_current AND period >= ${monthStart(period, -lookback)}::date
        AND period <= ${monthStart(period)}::date GROUP BY enterprise_id) x`;
  const scanOnce = async () => {
    const t = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_indexscan = off`);
      await tx.execute(scan);
    });
    return performance.now() - t;
  };
  await scanOnce();
  let scanMs = Infinity;
  for (let i = 0; i < 3; i++) scanMs = Math.min(scanMs, await scanOnce());

  // The evaluation: all policies over all enterprises, explanations stored.
  log(`${label}: evaluatePolicies…`);
  const t2 = performance.now();
  const ev = await evaluatePolicies(db, districtId, period);
  const evalMs = performance.now() - t2;
  const [agg] = await rows<{ n: number; eligible: number; per_policy_ms: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM policy_results WHERE district_id = ${districtId})::int AS n,
               (SELECT count(*) FROM policy_results WHERE district_id = ${districtId} AND eligible)::int AS eligible,
               (SELECT sum(duration_ms) FROM policy_evaluations WHERE district_id = ${districtId})::int AS per_policy_ms`,
  );
  const resultRows = agg!.n;
  log(`${label}: ${resultRows.toLocaleString('en')} rows in ${secs(evalMs)} (${ev.enterprises} enterprises)`);
  if (process.env.BENCH_POLICIES_PLANS) {
    const biggest = [...created].sort(
      (a, b) => leavesOf(b.def.eligibility).length - leavesOf(a.def.eligibility).length,
    )[0]!;
    const file = path.join(process.env.BENCH_POLICIES_PLANS, `${label.split(' ')[0]!.toLowerCase()}.txt`);
    await dumpPlans(db, file, districtId, period, measures, ctx, biggest);
  }

  // Floor 2: a plain INSERT … SELECT of as many rows of the same shape and keys into a scratch table.
  await db.execute(
    sql`CREATE TABLE bench_floor_results (LIKE policy_results INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
  );
  const leafCount = created.map((p) => `('${p.id}'::uuid, ${leavesOf(p.def.eligibility).length})`).join(', ');
  const t3 = performance.now();
  await db.execute(sql`
    INSERT INTO bench_floor_results (district_id, policy_id, enterprise_id, eligible, passed, values, amount, near_leaf, gap)
    SELECT ${districtId}, p.id, e.enterprise_id, e.k % 7 = 0, array_fill(e.k % 3 = 0, ARRAY[p.n]),
           array_fill(e.k * 1.5::float8, ARRAY[p.n]), CASE WHEN e.k % 7 = 0 THEN e.k * 100 END,
           CASE WHEN e.k % 11 = 0 THEN 0 END, CASE WHEN e.k % 11 = 0 THEN 0.1 END
    FROM (VALUES ${sql.raw(leafCount)}) AS p(id, n)
    CROSS JOIN (SELECT enterprise_id, row_number() OVER () AS k FROM policy_results
                WHERE district_id = ${districtId} AND policy_id = ${created[0]!.id}) e`);
  const insertMs = performance.now() - t3;
  await db.execute(sql`DROP TABLE bench_floor_results`);
  log(`${label}: floor INSERT … SELECT in ${secs(insertMs)}, scan ${ms(scanMs)} ms`);

  // The same rules in Node: features fetched once, then json-logic per enterprise.
  const asOf = monthEnd(period);
  const compiled = compile(created, measures, ctx, asOf);
  const t4 = performance.now();
  const feats = await rows<Record<string, unknown>>(
    db,
    featuresSql(districtId, period, measures, await monitoringSettings(db, districtId)),
  );
  const fetchMs = performance.now() - t4;
  log(`${label}: fetched ${feats.length} feature rows in ${secs(fetchMs)}; json-logic…`);
  const t5 = performance.now();
  const counts = new Int32Array(compiled.length);
  for (const row of feats)
    for (let p = 0; p < compiled.length; p++)
      if (jsonLogic.truthy(jsonLogic.apply(compiled[p]!.rule, row))) counts[p]!++;
  const jlMs = performance.now() - t5;
  log(`${label}: json-logic evaluation only ${secs(jlMs)}; with writing…`);

  await db.execute(
    sql`CREATE TABLE bench_node_results (LIKE policy_results INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
  );
  const t6 = performance.now();
  const writer = await copyWriter(database, 'bench_node_results', dbUrl);
  const chunk = 500;
  let genMs = 0;
  let waitMs = 0;
  for (let i = 0; i < feats.length; i += chunk) {
    let text = '';
    const ta = performance.now();
    for (const row of feats.slice(i, i + chunk))
      for (const p of compiled) text += resultLine(districtId, p, row)[0];
    const tb = performance.now();
    await writer.write(text);
    genMs += tb - ta;
    waitMs += performance.now() - tb;
  }
  const tc = performance.now();
  await writer.end();
  waitMs += performance.now() - tc;
  const jlWriteMs = performance.now() - t6;
  log(
    `${label}: json-logic with writing ${secs(jlWriteMs)} (rows built ${secs(genMs)}, waiting on COPY ${secs(waitMs)})`,
  );

  // Agreement: eligible per policy (SQL vs json-logic), then every stored column row by row.
  const sqlCounts = new Map(
    (
      await rows<{ policy_id: string; n: number }>(
        db,
        sql`SELECT policy_id::text, count(*) FILTER (WHERE eligible)::int AS n FROM policy_results
            WHERE district_id = ${districtId} GROUP BY policy_id`,
      )
    ).map((r) => [r.policy_id, r.n]),
  );
  let mismatchEligible = 0;
  let mismatchPolicies = 0;
  compiled.forEach((p, i) => {
    const d = Math.abs((sqlCounts.get(p.id) ?? 0) - counts[i]!);
    mismatchEligible += d;
    if (d) mismatchPolicies++;
  });
  const [diff] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM policy_results p
        FULL JOIN bench_node_results s ON s.district_id = p.district_id AND s.policy_id = p.policy_id
          AND s.enterprise_id = p.enterprise_id
        WHERE (p.district_id IS NULL OR s.district_id IS NULL OR p.eligible IS DISTINCT FROM s.eligible
          OR p.passed IS DISTINCT FROM s.passed OR p.values IS DISTINCT FROM s.values OR p.amount IS DISTINCT FROM s.amount
          OR p.near_leaf IS DISTINCT FROM s.near_leaf OR p.gap IS DISTINCT FROM s.gap)
          AND coalesce(p.district_id, s.district_id) = ${districtId}`,
  );
  const mismatchRows = diff!.n;
  if (mismatchRows > 0) {
    const sample = await rows<Record<string, unknown>>(
      db,
      sql`SELECT p.policy_id, p.enterprise_id, p.eligible, s.eligible AS s_eligible, p.passed, s.passed AS s_passed,
                 p.values, s.values AS s_values, p.amount, s.amount AS s_amount, p.near_leaf, s.near_leaf AS s_near,
                 p.gap, s.gap AS s_gap
          FROM policy_results p JOIN bench_node_results s USING (district_id, policy_id, enterprise_id)
          WHERE p.eligible IS DISTINCT FROM s.eligible OR p.passed IS DISTINCT FROM s.passed
            OR p.values IS DISTINCT FROM s.values OR p.amount IS DISTINCT FROM s.amount
            OR p.near_leaf IS DISTINCT FROM s.near_leaf OR p.gap IS DISTINCT FROM s.gap LIMIT 5`,
    );
    log(`${label}: ${mismatchRows} differing rows, e.g. ${JSON.stringify(sample)}`);
  }
  await db.execute(sql`DROP TABLE bench_node_results`);
  // The literal translation (not → !) on the policies with a `not`: how often two-valued logic would disagree.
  let naiveMismatch = 0;
  let naivePolicies = 0;
  compiled.forEach((p, i) => {
    if (!JSON.stringify(p.def.eligibility).includes('"not"')) return;
    let n = 0;
    for (const row of feats) if (jsonLogic.truthy(jsonLogic.apply(p.naive, row))) n++;
    if (n !== counts[i]) naivePolicies++;
    naiveMismatch += Math.abs(n - counts[i]!);
  });
  log(
    `${label}: mismatches eligible ${mismatchEligible}, rows ${mismatchRows}; naive not→! ${naiveMismatch}`,
  );

  // One enterprise's explanation (random pairs), beside the primary-key read of policy_results it rests on.
  const rng = mulberry32(SEED + 1);
  const pairs = Array.from({ length: EXPLAIN_WARMUP + EXPLAIN_SAMPLES }, () => ({
    policyId: pick(rng, created).id,
    enterpriseId: pick(rng, feats).enterprise_id as string,
  }));
  const timed = async (fn: (p: (typeof pairs)[number]) => Promise<unknown>) => {
    const samples: number[] = [];
    for (const [i, p] of pairs.entries()) {
      const t = performance.now();
      await fn(p);
      if (i >= EXPLAIN_WARMUP) samples.push(performance.now() - t);
    }
    return stats(samples);
  };
  const explainStats = await timed((p) => explain(db, districtId, p.policyId, p.enterpriseId, { now: NOW }));
  const pkStats = await timed((p) =>
    rows(
      db,
      sql`SELECT eligible, passed, values, amount::text, near_leaf, gap FROM policy_results
          WHERE district_id = ${districtId} AND policy_id = ${p.policyId} AND enterprise_id = ${p.enterpriseId}`,
    ),
  );
  log(`${label}: explain p50 ${ms(explainStats.p50)} ms, PK read p50 ${ms(pkStats.p50)} ms`);

  // Re-evaluation: the nightly case, replacing every stored row.
  const t7 = performance.now();
  await evaluatePolicies(db, districtId, period);
  const reevalMs = performance.now() - t7;
  const [re] = await rows<{ ms: number }>(
    db,
    sql`SELECT sum(duration_ms)::int AS ms FROM policy_evaluations WHERE district_id = ${districtId}`,
  );
  log(`${label}: re-evaluation ${secs(reevalMs)}`);

  return {
    label,
    loadMs,
    createMs,
    reports,
    enterprises: ev.enterprises,
    withHonours: honours.with_,
    leaves,
    measures: measures.byKey.size,
    shares: generated.map((g) => g.share),
    eligibleTotal: agg!.eligible,
    evalMs,
    featuresMs: evalMs - agg!.per_policy_ms,
    resultRows,
    scanMs,
    insertMs,
    reevalMs,
    reevalFeaturesMs: reevalMs - re!.ms,
    fetchMs,
    genMs,
    waitMs,
    load: [load0, os.loadavg()[0]!],
    jlMs,
    jlWriteMs,
    mismatchEligible,
    mismatchPolicies,
    mismatchRows,
    naiveMismatch,
    naivePolicies,
    explain: explainStats,
    pk: pkStats,
  };
}

function table(r: Result): string {
  const rate = (msx: number) => n0(r.resultRows / (msx / 1000));
  const s = [...r.shares].sort((a, b) => a - b);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return `#### ${r.label}

Setup (not a result): ${r.enterprises.toLocaleString('en')} enterprises present in the month, ${r.reports.toLocaleString('en')} reports, ${r.withHonours.toLocaleString('en')} enterprises with honours — ${secs(r.loadMs)}; ${POLICIES} policies (${r.leaves} leaves, ${r.measures} distinct measures; eligible share min ${pct(s[0]!)}, median ${pct(s[Math.floor(s.length / 2)]!)}, max ${pct(s.at(-1)!)}) generated and created through \`createPolicy\` — ${secs(r.createMs)}. Load average (1 min) ${r.load[0].toFixed(1)} at the start, ${r.load[1].toFixed(1)} at the end (2 cores, shared).

| what | time | rows | rows/s | floor (same run) | floor time | ratio |
| --- | ---: | ---: | ---: | --- | ---: | ---: |
| full evaluation: \`evaluatePolicies\`, ${POLICIES} policies, explanations stored | ${secs(r.evalMs)} | ${n0(r.resultRows)} | ${rate(r.evalMs)} | one scan of the same reports window, grouped by enterprise | ${ms(r.scanMs)} ms | ${ratio(r.evalMs, r.scanMs)} |
| ″ | | | | plain \`INSERT … SELECT\` of ${n0(r.resultRows)} rows, same shape and keys | ${secs(r.insertMs)} | ${ratio(r.evalMs, r.insertMs)} |
| ″ of which everything before the per-policy statements (ANALYZE, the features table) | ${secs(r.featuresMs)} | ${n0(r.enterprises)} | | one scan of the same reports window | ${ms(r.scanMs)} ms | ${ratio(r.featuresMs, r.scanMs)} |
| re-evaluation (replaces every stored row; ${secs(r.reevalFeaturesMs)} before the per-policy statements) | ${secs(r.reevalMs)} | ${n0(r.resultRows)} | ${rate(r.reevalMs)} | first evaluation | ${secs(r.evalMs)} | ${ratio(r.reevalMs, r.evalMs)} |
| Node: fetch the features rows (\`featuresSql\`, all measures) | ${secs(r.fetchMs)} | ${n0(r.enterprises)} | | one scan of the same reports window | ${ms(r.scanMs)} ms | ${ratio(r.fetchMs, r.scanMs)} |
| Node: json-logic, ${POLICIES} rules × every enterprise, evaluation only | ${secs(r.jlMs)} | ${n0(r.resultRows)} | ${rate(r.jlMs)} | SQL full evaluation | ${secs(r.evalMs)} | ${ratio(r.jlMs, r.evalMs)} |
| Node: json-logic + the same rows written back (COPY; rows built in ${secs(r.genMs)}, ${secs(r.waitMs)} waiting on COPY) | ${secs(r.jlWriteMs)} | ${n0(r.resultRows)} | ${rate(r.jlWriteMs)} | SQL full evaluation | ${secs(r.evalMs)} | ${ratio(r.jlWriteMs, r.evalMs)} |
| agreement: eligible per policy, SQL vs json-logic | ${r.mismatchEligible} differ (${r.mismatchPolicies} policies) | ${n0(r.eligibleTotal)} eligible | | every stored column, row by row | ${r.mismatchRows} rows differ | |
| \`explain\` one (policy, enterprise), ${EXPLAIN_SAMPLES} random pairs — p50 / p99 | ${ms(r.explain.p50)} / ${ms(r.explain.p99)} ms | | | primary-key \`SELECT\` of the policy_results row | ${ms(r.pk.p50)} / ${ms(r.pk.p99)} ms | ${ratio(r.explain.p50, r.pk.p50)} |

The literal translation (\`not\` → \`!\`, a comparison on a missing value false) disagrees with SQL on ${n0(r.naiveMismatch)} results in ${r.naivePolicies} of the policies that use \`not\`.`;
}

export async function benchPolicies(opts: {
  enterprises: number;
  pgUrl: string | undefined;
  /** Which stores to run (default both). */
  stores?: ('pglite' | 'pg')[];
}): Promise<string> {
  const stores = opts.stores ?? ['pglite', 'pg'];
  const results: Result[] = [];
  if (stores.includes('pglite')) {
    // On disk in a temp dir: 100 × 100,000 stored rows (and two scratch copies) would not fit PGlite's memory.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-bench-policies-'));
    const lite = await openDatabase({ dataDir: dir });
    try {
      results.push(await benchOn(lite, 'PGlite (data directory on disk)', opts.enterprises));
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (opts.pgUrl && stores.includes('pg')) {
    await withScratchPg(opts.pgUrl, 'mtx_bench_pol', async (server, url) => {
      const [v] = await rows<{ v: string }>(server.db, sql`SELECT current_setting('server_version') AS v`);
      results.push(await benchOn(server, `PostgreSQL ${v!.v.split(' ')[0]}`, opts.enterprises, url));
    });
  }
  return `### 100 policies × ${opts.enterprises.toLocaleString('en')} enterprises (evaluation month 2026-10, 36 months of reports)

Each store gets the demo registry, 36 months of synthesized reports (per-firm size, growth, revenue mix and gaps drawn
from hashes, so rules split the population) and 100 policies generated from a seeded PRNG: trees of all / any / not
over 2–8 leaves — comparisons on every figure (latest, at, sum, avg, yoy, cagr, share, registration age), fields,
subdistricts, honours, above-scale, buildings — with thresholds at the population's quantiles, and most with a benefit
min(measure × rate, cap).

**Columns.** *time* is wall time of the whole step in the benchmark process; *rows* the policy_results rows written
(100 × enterprises) or, for the features, one row per enterprise; *rows/s* rows ÷ time. *Floor* is the cheapest
statement doing the unavoidable part of the same work in the same run on the same data: reading the reports window
once (one \`GROUP BY enterprise_id\` aggregate over a sequential scan, result not shipped), or writing as many rows of
the same shape into a table with the same primary key and index; for the Node rows the floor is the SQL evaluation
itself. *Ratio* is time ÷ floor time (for \`explain\`, p50 ÷ p50). The json-logic rules are the policies translated
per rule (all → and, any → or, \`not\` pushed to the leaves, comparisons as >, >=, <, <=, ==, != over
\`{var: "m<k>"}\`, fields / honours / subdistricts as \`in\` / \`some\`); "with writing" also computes each leaf's
result, the amount and the near miss, and streams the rows into a scratch copy of policy_results by COPY, which the
row-by-row agreement check compares.

${results.map(table).join('\n\n')}`;
}

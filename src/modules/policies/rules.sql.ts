// Compiles rules to SQL: one features row per enterprise (every measure the rules read), then each rule as expressions.
import { sql, type SQL } from 'drizzle-orm';
import { addMonths, lastDayOf, parsePeriod } from '../../platform/time/period.ts';
import { enterpriseRuleAttributesSql, honourKindsByEnterpriseSql } from '../enterprises/enterprises.sql.ts';
import { currentReportsSql } from '../reports/reports.sql.ts';
import {
  figures,
  displayStep,
  growthMinMonths,
  isGrowth,
  leavesOf,
  measureKey,
  measureLookback,
  measureStep,
  passingTarget,
  toBaseUnits,
  type Compare,
  type Condition,
  type Expr,
  type IndexedLeaf,
  type Leaf,
  type Measure,
  type Staleness,
  type RegistryFactCode,
} from './rules.ts';
import { registryFactSources, registryFactTables } from './registry-facts.sql.ts';

/** Codes the rules name, resolved to the ids stored on enterprises. */
export interface CompileContext {
  subdistrictIds: ReadonlyMap<string, string>;
  buildingIds: ReadonlyMap<string, string>;
}

/** 'YYYY-MM' plus n months, as 'YYYY-MM-01'. */
export function monthStart(period: string, plus = 0): string {
  return `${addMonths(parsePeriod(period), plus)}-01`;
}

/** The last day of a 'YYYY-MM'. */
export function monthEnd(period: string): string {
  return lastDayOf(parsePeriod(period));
}

/** The distinct measures a set of conditions and formulas read, each with its column name in the features table. */
export class MeasureSet {
  readonly byKey = new Map<string, { measure: Measure; column: string }>();
  add(m: Measure): string {
    const key = measureKey(m);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { measure: m, column: `m${this.byKey.size}` };
      this.byKey.set(key, entry);
    }
    return entry.column;
  }
  column(m: Measure): SQL {
    return sql.raw(`f.${this.add(m)}`);
  }
  addCondition(c: Condition) {
    for (const { leaf } of leavesOf(c)) if (leaf.kind === 'compare') this.add(leaf.measure);
  }
  addExpr(e: Expr) {
    if (e.kind === 'measure') this.add(e.measure);
    if ('args' in e) e.args.forEach((a) => this.addExpr(a));
  }
}

// Figures, thresholds and formulas are numeric, never float8: amounts are exact and round(numeric) rounds half away
// from zero (四舍五入), where round(float8) rounds a half-yuan tie to even.
const num = (n: number) => sql.raw(Number.isFinite(n) ? `(${String(n)}::numeric)` : 'NULL::numeric');
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const lit = (s: string) => sql.raw(quote(s));
const textArray = (xs: readonly string[]) => sql.raw(`ARRAY[${xs.map(quote).join(',')}]::text[]`);
const uuidArray = (xs: readonly string[]) => sql.raw(`ARRAY[${xs.map(quote).join(',')}]::uuid[]`);

/**
 * The features of every enterprise present in the district in `period`: its attributes, recorded honours and tiers
 * at the end of the month, and one numeric column per measure, aggregated from its current reports in one pass. A
 * growth measure also has `<column>_n`: the months reported in both periods it compares.
 */
export function featuresSql(
  districtId: string,
  period: string,
  measures: MeasureSet,
  staleness: Staleness,
): SQL {
  const A = monthStart(period);
  const end = monthEnd(period);
  const list = [...measures.byKey.values()];
  const lookback = Math.max(11, ...list.map((x) => measureLookback(x.measure, period, staleness)));
  const from = monthStart(period, -lookback);
  const sinceText = (n: number) =>
    `r.period >= '${monthStart(period, -(n - 1))}'::date AND r.period <= '${A}'::date`;
  const since = (n: number) => sql.raw(sinceText(n));
  const col = (f: keyof typeof figures, alias = 'r') => sql.raw(`${alias}.${figures[f].column}::numeric`);
  const aggOf = (f: keyof typeof figures) => (figures[f].kind === 'flow' ? 'sum' : 'avg');
  // Growth compares each month with the same month `years` before: one join per distance the rules use.
  const distances = [...new Set(list.flatMap((x) => (isGrowth(x.measure) ? [yearsOf(x.measure)] : [])))];
  const cols: SQL[] = [];
  const registry = new Set<RegistryFactCode>();
  let needsLatest = false;
  for (const { measure: m, column } of list) {
    const c = sql.raw(column);
    switch (m.agg) {
      case 'latest':
        needsLatest = true;
        cols.push(sql`lt.${sql.raw(figures[m.figure].column)}::numeric AS ${c}`);
        break;
      case 'registry':
        registry.add(m.figure);
        cols.push(sql`coalesce(${sql.raw(`rf_${m.figure}`)}.value, 0)::numeric AS ${c}`);
        break;
      case 'attribute':
        cols.push(
          sql`(extract(year from age(${lit(end)}::date, e.registration_date)) * 12 + extract(month from age(${lit(end)}::date, e.registration_date)))::numeric AS ${c}`,
        );
        break;
      default:
        cols.push(sql`ag.${c} AS ${c}`);
        if (isGrowth(m)) cols.push(sql`ag.${sql.raw(`${column}_n`)} AS ${sql.raw(`${column}_n`)}`);
    }
  }
  const aggCols: SQL[] = [];
  for (const { measure: m, column } of list) {
    const c = sql.raw(column);
    if (m.agg === 'attribute' || m.agg === 'latest' || m.agg === 'registry') continue;
    const fig = m.figure;
    switch (m.agg) {
      case 'at':
        aggCols.push(
          sql`max(${col(fig)}) FILTER (WHERE r.period = ${lit(monthStart(m.period))}::date) AS ${c}`,
        );
        break;
      case 'sum':
        aggCols.push(sql`sum(${col(fig)}) FILTER (WHERE ${since(m.months)}) AS ${c}`);
        break;
      case 'avg':
        aggCols.push(sql`avg(${col(fig)}) FILTER (WHERE ${since(m.months)}) AS ${c}`);
        break;
      case 'yoy':
      case 'cagr': {
        // Like for like: only months reported in both periods count (a flow's sum and a stock's average then give
        // the same ratio); too few such months and the growth is unknown, so a few base months never qualify a firm.
        const years = yearsOf(m);
        const b = `b${years}`;
        const paired = sql.raw(`${sinceText(m.months)} AND ${b}.enterprise_id IS NOT NULL`);
        const cur = sql`sum(${col(fig)}) FILTER (WHERE ${paired})`;
        const prev = sql`sum(${col(fig, b)}) FILTER (WHERE ${paired})`;
        const n = sql`count(*) FILTER (WHERE ${paired})`;
        const enough = sql`${n} >= ${sql.raw(String(growthMinMonths(m.months)))}`;
        aggCols.push(
          m.agg === 'yoy'
            ? sql`CASE WHEN ${enough} THEN ${cur} / NULLIF(${prev}, 0) - 1 END AS ${c}`
            : sql`CASE WHEN ${enough} AND ${prev} > 0 AND ${cur} >= 0 THEN power(${cur} / ${prev}, 1::numeric / ${sql.raw(String(years))}) - 1 END AS ${c}`,
        );
        aggCols.push(sql`${n}::int AS ${sql.raw(`${column}_n`)}`);
        break;
      }
      case 'share': {
        const a = sql.raw(aggOf(fig));
        aggCols.push(
          sql`${a}(${col(fig)}) FILTER (WHERE ${since(m.months)}) / NULLIF(${a}(${col(m.of)}) FILTER (WHERE ${since(m.months)}), 0) AS ${c}`,
        );
        break;
      }
    }
  }
  // The district's current reports (reports.sql.ts), read in the months the measures need.
  const current = sql`(${currentReportsSql(districtId)})`;
  const reportsWhere = sql`r.period >= ${lit(from)}::date AND r.period <= ${lit(A)}::date`;
  const pairJoins = distances.map((k) => {
    const b = sql.raw(`b${k}`);
    return sql`LEFT JOIN ${current} ${b} ON ${b}.enterprise_id = r.enterprise_id
                 AND ${b}.period = (r.period - ${sql.raw(`interval '${k} years'`)})::date`;
  });
  const figureCols = sql.raw(
    Object.values(figures)
      .map((f) => `r.${f.column}`)
      .join(', '),
  );
  // Each part is materialised and hash-joined: with stale statistics (PGlite has no autovacuum) the planner would
  // otherwise re-aggregate the reports once per enterprise.
  const parts: SQL[] = [];
  if (aggCols.length)
    parts.push(sql`ag AS MATERIALIZED (SELECT r.enterprise_id, ${sql.join(aggCols, sql`, `)} FROM ${current} r
                    ${sql.join(pairJoins, sql` `)}
                    WHERE ${reportsWhere} GROUP BY r.enterprise_id)`);
  // "Latest" is the last report still in force: no older than the carry-forward the monitoring facts use.
  if (needsLatest)
    parts.push(sql`lt AS MATERIALIZED (SELECT DISTINCT ON (r.enterprise_id) r.enterprise_id, ${figureCols} FROM ${current} r
                    WHERE ${reportsWhere} AND r.period >= ${lit(monthStart(period, -staleness.carryForwardMonths))}::date
                    ORDER BY r.enterprise_id, r.period DESC)`);
  parts.push(sql`ho AS MATERIALIZED (${honourKindsByEnterpriseSql(districtId, end)})`);
  parts.push(sql`tm AS MATERIALIZED (SELECT t.enterprise_id, array_agg(t.tier) AS tiers FROM tier_months t
                  WHERE t.district_id = ${districtId} AND t.month = ${lit(A)}::date GROUP BY t.enterprise_id)`);
  for (const code of registry)
    parts.push(sql`${sql.raw(`rf_${code}`)} AS MATERIALIZED (SELECT f.enterprise_id, sum(f.value) AS value
                    FROM (${registryFactSources[code](districtId, end)}) f GROUP BY f.enterprise_id)`);
  const registryJoins = [...registry].map((code) => {
    const t = sql.raw(`rf_${code}`);
    return sql`LEFT JOIN ${t} ON ${t}.enterprise_id = e.id`;
  });
  return sql`
    WITH ${sql.join(parts, sql`, `)}
    SELECT e.id AS enterprise_id, e.subdistrict_id, e.fields, e.building_id, e.above_scale, e.registration_date,
           coalesce(ho.kinds, '{}'::text[]) AS honours, coalesce(tm.tiers, '{}'::text[]) AS tiers
           ${cols.length ? sql`, ${sql.join(cols, sql`, `)}` : sql``}
    FROM (${enterpriseRuleAttributesSql(districtId, parsePeriod(period))}) e
    ${aggCols.length ? sql`LEFT JOIN ag ON ag.enterprise_id = e.id` : sql``}
    ${needsLatest ? sql`LEFT JOIN lt ON lt.enterprise_id = e.id` : sql``}
    LEFT JOIN ho ON ho.enterprise_id = e.id
    LEFT JOIN tm ON tm.enterprise_id = e.id
    ${sql.join(registryJoins, sql` `)}`;
}

/** How many years back a growth measure compares with. */
const yearsOf = (m: Extract<Measure, { agg: 'yoy' | 'cagr' }>) => (m.agg === 'yoy' ? 1 : m.years);

/** Fresh planner statistics for the tables rules read (PGlite has no autovacuum; bulk loads leave them stale). */
export const analyzeRuleInputs = sql.raw(
  `ANALYZE ${['reports', 'enterprises', 'enterprise_honours', 'tier_months', ...registryFactTables].join(', ')}`,
);

/** A threshold in base units: the number times its unit's scale, or the parameter's value in force. */
export function thresholdOf(leaf: Compare, params: Record<string, number>): number | null {
  if (typeof leaf.value === 'object') return params[leaf.value.param] ?? null;
  return toBaseUnits(leaf.value, leaf.unit) ?? leaf.value;
}

/** gapAmount (rules.ts) in SQL over the value `v`, so the stored gap and the explanation's words agree. */
function gapAmountSql(leaf: Compare, t: number, v: SQL): SQL {
  const more = leaf.op === 'gt' || leaf.op === 'gte';
  const step = measureStep(leaf.measure);
  if (step !== null) {
    const target = num(passingTarget(leaf.op, t, step));
    return more ? sql`(${target} - ${v})` : sql`(${v} - ${target})`;
  }
  const diff = more ? sql`(${num(t)} - ${v})` : sql`(${v} - ${num(t)})`;
  if (leaf.op === 'gte' || leaf.op === 'lte') return diff;
  const d = num(displayStep(leaf.unit));
  return sql`(GREATEST(1, ceil(${diff} / ${d})) * ${d})`;
}

const opSql = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=', ne: '<>' } as const;

function leafSql(leaf: Leaf, m: MeasureSet, ctx: CompileContext, params: Record<string, number>): SQL {
  switch (leaf.kind) {
    case 'compare': {
      const t = thresholdOf(leaf, params);
      if (t === null) return sql`NULL::boolean`;
      return sql`(${m.column(leaf.measure)} ${sql.raw(opSql[leaf.op])} ${num(t)})`;
    }
    case 'subdistrict': {
      const ids = leaf.values.map((c) => ctx.subdistrictIds.get(c)).filter((x): x is string => !!x);
      const inList = ids.length ? sql`(f.subdistrict_id = ANY(${uuidArray(ids)}))` : sql`false`;
      return leaf.op === 'in' ? inList : sql`(NOT ${inList})`;
    }
    case 'field':
      if (leaf.op === 'anyOf') return sql`(f.fields && ${textArray(leaf.values)})`;
      if (leaf.op === 'allOf') return sql`(f.fields @> ${textArray(leaf.values)})`;
      return sql`(NOT (f.fields && ${textArray(leaf.values)}))`;
    case 'honour':
      return leaf.op === 'anyOf'
        ? sql`(f.honours && ${textArray(leaf.values)})`
        : sql`(NOT (f.honours && ${textArray(leaf.values)}))`;
    case 'aboveScale':
      return sql`(f.above_scale = ${sql.raw(leaf.value ? 'true' : 'false')})`;
    case 'building': {
      if (leaf.op === 'any') return sql`(f.building_id IS NOT NULL)`;
      if (leaf.op === 'none') return sql`(f.building_id IS NULL)`;
      const ids = leaf.values.map((c) => ctx.buildingIds.get(c)).filter((x): x is string => !!x);
      return ids.length ? sql`coalesce(f.building_id = ANY(${uuidArray(ids)}), false)` : sql`false`;
    }
    case 'tier':
      return leaf.op === 'anyOf'
        ? sql`(f.tiers && ${textArray(leaf.values)})`
        : sql`(NOT (f.tiers && ${textArray(leaf.values)}))`;
  }
}

/** The condition as a three-valued SQL boolean over the leaves' columns `l0`, `l1` … (overrides replace a leaf). */
function treeSql(c: Condition, leaves: IndexedLeaf[], override?: number): SQL {
  let i = 0;
  const walk = (x: Condition): SQL => {
    if (x.kind === 'all' || x.kind === 'any') {
      const parts = x.conditions.map(walk);
      return sql`(${sql.join(parts, sql.raw(x.kind === 'all' ? ' AND ' : ' OR '))})`;
    }
    if (x.kind === 'not') return sql`(NOT ${walk(x.condition)})`;
    const idx = leaves[i++]!.index;
    return idx === override ? sql`true` : sql.raw(`x.l${idx}`);
  };
  return walk(c);
}

/** A formula over the features row; a missing figure counts as zero. */
export function exprSql(e: Expr, m: MeasureSet, params: Record<string, number>): SQL {
  switch (e.kind) {
    case 'const':
      return num(e.unit ? (toBaseUnits(e.value, e.unit) ?? e.value) : e.value);
    case 'param':
      return num(params[e.name] ?? NaN);
    case 'measure':
      return sql`coalesce(${m.column(e.measure)}, 0)`;
    case 'add':
    case 'mul':
      return sql`(${sql.join(
        e.args.map((a) => exprSql(a, m, params)),
        sql.raw(e.kind === 'add' ? ' + ' : ' * '),
      )})`;
    case 'min':
    case 'max':
      return sql`${sql.raw(e.kind === 'min' ? 'LEAST' : 'GREATEST')}(${sql.join(
        e.args.map((a) => exprSql(a, m, params)),
        sql`, `,
      )})`;
    case 'sub':
      return sql`(${exprSql(e.args[0], m, params)} - ${exprSql(e.args[1], m, params)})`;
    case 'div':
      return sql`(${exprSql(e.args[0], m, params)} / NULLIF(${exprSql(e.args[1], m, params)}, 0))`;
  }
}

export interface RuleToCompile {
  eligibility: Condition;
  benefit: Expr | null;
  /** Parameter values in base units, in force at the evaluation. */
  params: Record<string, number>;
}

/**
 * A SELECT over the features table `f` giving, per enterprise: eligible, the leaves' results and values, the amount
 * (eligible only), and for a near miss the one failed comparison whose fixing would make it eligible, with the
 * relative gap to its threshold (the smallest such gap when several would).
 */
export function evaluationSelect(
  rule: RuleToCompile,
  m: MeasureSet,
  ctx: CompileContext,
  features: SQL,
): SQL {
  const leaves = leavesOf(rule.eligibility);
  const leafCols = leaves.map(
    (l) => sql`${leafSql(l.leaf, m, ctx, rule.params)} AS ${sql.raw(`l${l.index}`)}`,
  );
  const valueCols = leaves.map((l) =>
    l.leaf.kind === 'compare'
      ? sql`${m.column(l.leaf.measure)} AS ${sql.raw(`v${l.index}`)}`
      : sql`NULL::numeric AS ${sql.raw(`v${l.index}`)}`,
  );
  const coverageCols = leaves.map((l) =>
    l.leaf.kind === 'compare' && isGrowth(l.leaf.measure)
      ? sql`${sql.raw(`f.${m.add(l.leaf.measure)}_n`)} AS ${sql.raw(`n${l.index}`)}`
      : sql`NULL::int AS ${sql.raw(`n${l.index}`)}`,
  );
  // round(numeric): half away from zero, on the exact amount.
  const amount = rule.benefit
    ? sql`GREATEST(0, round(${exprSql(rule.benefit, m, rule.params)}))::bigint`
    : sql`NULL::bigint`;
  const eligible = treeSql(rule.eligibility, leaves);
  const gaps = leaves.flatMap((l) => {
    if (l.leaf.kind !== 'compare' || l.leaf.op === 'eq' || l.leaf.op === 'ne') return [];
    const t = thresholdOf(l.leaf, rule.params);
    if (t === null) return [];
    const v = sql.raw(`x.v${l.index}`);
    const rel = sql`${gapAmountSql(l.leaf, t, v)} / ${num(t === 0 ? 1 : Math.abs(t))}`;
    return [
      {
        index: l.index,
        gap: sql`CASE WHEN x.${sql.raw(`l${l.index}`)} IS FALSE AND coalesce(${treeSql(rule.eligibility, leaves, l.index)}, false) THEN ${rel} END`,
      },
    ];
  });
  const gapCols = gaps.map((x) => sql`${x.gap} AS ${sql.raw(`g${x.index}`)}`);
  const gList = gaps.map((x) => `y.g${x.index}`).join(', ');
  const least = gaps.length ? sql.raw(`LEAST(${gList})`) : sql`NULL::float8`;
  const which = gaps.length
    ? sql.raw(`CASE ${gaps.map((x) => `WHEN y.g${x.index} = LEAST(${gList}) THEN ${x.index}`).join(' ')} END`)
    : sql`NULL::int`;
  const passedArr = leaves.length
    ? sql.raw(`ARRAY[${leaves.map((l) => `y.l${l.index}`).join(', ')}]::boolean[]`)
    : sql`'{}'::boolean[]`;
  const valuesArr = leaves.length
    ? sql.raw(`ARRAY[${leaves.map((l) => `y.v${l.index}::float8`).join(', ')}]::float8[]`)
    : sql`'{}'::float8[]`;
  const coverageArr = leaves.length
    ? sql.raw(`ARRAY[${leaves.map((l) => `y.n${l.index}`).join(', ')}]::smallint[]`)
    : sql`'{}'::smallint[]`;
  return sql`
    SELECT y.enterprise_id, y.eligible, ${passedArr} AS passed, ${valuesArr} AS vals, ${coverageArr} AS coverage,
           CASE WHEN y.eligible THEN y.amount END AS amount,
           CASE WHEN NOT y.eligible THEN (${which})::smallint END AS near_leaf,
           CASE WHEN NOT y.eligible THEN ${least}::float8 END AS gap
    FROM (
      SELECT x.*, coalesce(${eligible}, false) AS eligible${gapCols.length ? sql`, ${sql.join(gapCols, sql`, `)}` : sql``}
      FROM (SELECT f.enterprise_id, ${sql.join([...leafCols, ...valueCols, ...coverageCols], sql`, `)}, ${amount} AS amount FROM (${features}) f) x
    ) y`;
}

/** A condition as one SQL boolean over the features row `f` (null = unknown). */
export function conditionSql(
  c: Condition,
  m: MeasureSet,
  ctx: CompileContext,
  params: Record<string, number>,
): SQL {
  if (c.kind === 'all' || c.kind === 'any')
    return sql`(${sql.join(
      c.conditions.map((x) => conditionSql(x, m, ctx, params)),
      sql.raw(c.kind === 'all' ? ' AND ' : ' OR '),
    )})`;
  if (c.kind === 'not') return sql`(NOT ${conditionSql(c.condition, m, ctx, params)})`;
  return leafSql(c, m, ctx, params);
}

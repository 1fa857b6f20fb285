// The only SQL about policies: versions, set-at-a-time evaluation into stored explanations, preview, results, tiers.
import { and, desc, eq, sql } from 'drizzle-orm';
import { rows, type Db, type Queryable } from '../../platform/db/db.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { monitoringSettings, currentPlan } from '../plan/plan.store.ts';
import type { TierRule } from '../plan/plan-file.ts';
import type {
  EnterprisePolicy,
  Explanation,
  PolicySummary,
  Policy,
  Preview,
  ResultItem,
  TierSummary,
} from './policies.contract.ts';
import { policies, policyEvaluations, policyVersions } from './policies.schema.ts';
import {
  checkDefinition,
  leavesOf,
  parametersOn,
  policyDefinitionSchema,
  type Condition,
  type Parameter,
  type PolicyDefinition,
  type Staleness,
} from './rules.ts';
import {
  MeasureSet,
  analyzeRuleInputs,
  evaluationSelect,
  featuresSql,
  monthEnd,
  monthStart,
  thresholdOf,
} from './rules.sql.ts';
import { conditionLines, explainTree, summaryOf, type EnterpriseFacts } from './explain.ts';
import { lastDuePeriod } from '../../platform/time/deadline.ts';
import { compileContext, spellsSql, tierCounts, tierRun, tierSeries, type Names } from './tiers.store.ts';

/** The month policies are evaluated at: the last month whose reports are past due (platform/time's deadline). */
export function evaluationPeriod(now: Date, deadlineDay: number): string {
  return lastDuePeriod(now, deadlineDay);
}

export async function policyPeriod(db: Queryable, districtId: string, now: Date): Promise<string> {
  const settings = await monitoringSettings(db, districtId);
  return evaluationPeriod(now, settings.reportDeadlineDay);
}

/** Validates a definition against the district (units, codes, tiers); throws a 400 with the path of every fault. */
export async function checkPolicyDefinition(
  db: Queryable,
  districtId: string,
  def: PolicyDefinition,
  prefix = 'definition',
): Promise<void> {
  const [ctx, settings] = await Promise.all([
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  const errors = checkDefinition(def, {
    subdistrictCodes: ctx.names.subdistrictCodes,
    buildingCodes: ctx.names.buildingCodes,
    tierCodes: new Set(Object.keys(settings.tiers)),
    allowTiers: true,
  });
  if (errors.length)
    throw new AppError(
      'VALIDATION',
      errors[0]!.message,
      errors.map((e) => ({ path: prefix ? `${prefix}.${e.path}` : e.path, message: e.message })),
    );
}

interface PolicyRow {
  id: string;
  code: string;
  status: string;
  version: number;
  updated_at: string;
  definition: unknown;
  ev_version: number | null;
  ev_period: string | null;
  evaluated_at: string | null;
  enterprises: number | null;
  eligible: number | null;
  near_misses: number | null;
  total_amount: string | null;
  duration_ms: number | null;
}

const policyRowsSql = (districtId: string, where = sql``) => sql`
  SELECT p.id::text, p.code, p.status, p.version, p.updated_at::text, v.definition,
         e.version AS ev_version, to_char(e.period, 'YYYY-MM') AS ev_period, e.evaluated_at::text,
         e.enterprises, e.eligible, e.near_misses, e.total_amount::text, e.duration_ms
  FROM policies p
  JOIN policy_versions v ON v.district_id = p.district_id AND v.policy_id = p.id AND v.version = p.version
  LEFT JOIN policy_evaluations e ON e.district_id = p.district_id AND e.policy_id = p.id
  WHERE p.district_id = ${districtId} ${where}
  ORDER BY p.created_at, p.code`;

const definitionOf = (raw: unknown): PolicyDefinition => policyDefinitionSchema.parse(raw);

function summaryOfRow(r: PolicyRow): PolicySummary {
  const d = definitionOf(r.definition);
  return {
    id: r.id,
    code: r.code,
    status: r.status as PolicySummary['status'],
    version: r.version,
    name: d.name,
    nameEn: d.nameEn,
    summary: d.summary,
    source: d.source,
    example: d.example,
    hasBenefit: d.benefit !== null,
    updatedAt: r.updated_at,
    evaluation:
      r.ev_version === null
        ? null
        : {
            version: r.ev_version,
            period: r.ev_period!,
            evaluatedAt: r.evaluated_at!,
            enterprises: r.enterprises!,
            eligible: r.eligible!,
            nearMisses: r.near_misses!,
            totalAmount: Number(r.total_amount),
            durationMs: r.duration_ms!,
          },
  };
}

export async function listPolicies(
  db: Queryable,
  districtId: string,
  status?: string,
): Promise<PolicySummary[]> {
  const list = await rows<PolicyRow>(
    db,
    policyRowsSql(districtId, status ? sql`AND p.status = ${status}` : sql``),
  );
  return list.map(summaryOfRow);
}

export async function getPolicy(
  db: Queryable,
  districtId: string,
  id: string,
  version?: number,
): Promise<Policy> {
  const [r] = await rows<PolicyRow>(db, policyRowsSql(districtId, sql`AND p.id = ${id}`));
  if (!r) throw notFound('政策');
  const versions = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.districtId, districtId), eq(policyVersions.policyId, id)))
    .orderBy(desc(policyVersions.version));
  const chosen = version === undefined ? undefined : versions.find((v) => v.version === version);
  if (version !== undefined && !chosen) throw notFound('政策版本');
  return {
    ...summaryOfRow(r),
    definition: definitionOf(chosen ? chosen.definition : r.definition),
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: new Date(v.createdAt).toISOString(),
      createdBy: v.createdBy,
      note: v.note,
    })),
  };
}

export async function definitionAt(db: Queryable, districtId: string, policyId: string, version: number) {
  const [v] = await db
    .select()
    .from(policyVersions)
    .where(
      and(
        eq(policyVersions.districtId, districtId),
        eq(policyVersions.policyId, policyId),
        eq(policyVersions.version, version),
      ),
    );
  if (!v) throw notFound('政策版本');
  return definitionOf(v.definition);
}

export async function createPolicy(
  db: Db,
  actor: Actor,
  input: { code: string; definition: PolicyDefinition; status: string; note: string },
): Promise<string> {
  await checkPolicyDefinition(db, actor.districtId, input.definition);
  return db.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: policies.id })
      .from(policies)
      .where(and(eq(policies.districtId, actor.districtId), eq(policies.code, input.code)));
    if (exists)
      throw new AppError('CONFLICT', `政策代码“${input.code}”已存在`, [
        { path: 'code', message: '政策代码已存在' },
      ]);
    const [p] = await tx
      .insert(policies)
      .values({ districtId: actor.districtId, code: input.code, status: input.status, version: 1 })
      .returning({ id: policies.id });
    await tx.insert(policyVersions).values({
      districtId: actor.districtId,
      policyId: p!.id,
      version: 1,
      definition: input.definition,
      note: input.note,
      createdBy: actor.label,
    });
    await audit(tx, actor, {
      action: 'create',
      entity: 'policy',
      entityId: p!.id,
      after: { code: input.code, status: input.status, version: 1, definition: input.definition },
    });
    return p!.id;
  });
}

/** The policy row, locked for a change. */
async function lockPolicy(tx: Queryable, districtId: string, id: string) {
  const [p] = await tx
    .select()
    .from(policies)
    .where(and(eq(policies.districtId, districtId), eq(policies.id, id)))
    .for('update');
  if (!p) throw notFound('政策');
  return p;
}

const setPolicy = (
  tx: Queryable,
  districtId: string,
  id: string,
  values: { version?: number; status?: string },
) =>
  tx
    .update(policies)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(policies.districtId, districtId), eq(policies.id, id)));

/** Saves a definition as the next version. */
export async function updatePolicy(
  db: Db,
  actor: Actor,
  id: string,
  definition: PolicyDefinition,
  note: string,
) {
  await checkPolicyDefinition(db, actor.districtId, definition);
  await db.transaction(async (tx) => {
    const p = await lockPolicy(tx, actor.districtId, id);
    const before = await definitionAt(tx, actor.districtId, id, p.version);
    const version = p.version + 1;
    await tx.insert(policyVersions).values({
      districtId: actor.districtId,
      policyId: id,
      version,
      definition,
      note,
      createdBy: actor.label,
    });
    await setPolicy(tx, actor.districtId, id, { version });
    await audit(tx, actor, {
      action: 'update',
      entity: 'policy',
      entityId: id,
      before: { version: p.version, definition: before },
      after: { version, definition },
      note,
    });
  });
}

export async function setPolicyStatus(db: Db, actor: Actor, id: string, status: string) {
  await db.transaction(async (tx) => {
    const p = await lockPolicy(tx, actor.districtId, id);
    if (p.status === status) return;
    await setPolicy(tx, actor.districtId, id, { status });
    await audit(tx, actor, {
      action: 'update',
      entity: 'policy',
      entityId: id,
      before: { status: p.status },
      after: { status },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------------------

interface Evaluable {
  id: string;
  version: number;
  definition: PolicyDefinition;
}

/**
 * Evaluates policies over every enterprise present in `period`: the features of all enterprises once (a temporary
 * table), then one INSERT … SELECT per policy storing each enterprise's leaf results, values, amount and near miss.
 */
export async function evaluatePolicies(
  db: Db,
  districtId: string,
  period: string,
  only?: string[],
): Promise<{ policies: number; enterprises: number; durationMs: number }> {
  const started = performance.now();
  const list: Evaluable[] = (
    await rows<{ id: string; version: number; definition: unknown }>(
      db,
      sql`SELECT p.id::text, p.version, v.definition FROM policies p
          JOIN policy_versions v ON v.district_id = p.district_id AND v.policy_id = p.id AND v.version = p.version
          WHERE p.district_id = ${districtId}
            ${only ? sql`AND p.id = ANY(${sql.raw(`ARRAY[${only.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::uuid[]`)})` : sql`AND p.status = 'active'`}`,
    )
  ).map((r) => ({ id: r.id, version: r.version, definition: definitionOf(r.definition) }));
  if (list.length === 0) return { policies: 0, enterprises: 0, durationMs: 0 };
  const [ctx, settings] = await Promise.all([
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  const measures = new MeasureSet();
  for (const p of list) {
    measures.addCondition(p.definition.eligibility);
    if (p.definition.benefit) measures.addExpr(p.definition.benefit.formula);
  }
  const asOf = monthEnd(period);
  let enterprises = 0;
  await db.transaction(async (tx) => {
    await tx.execute(analyzeRuleInputs);
    await tx.execute(
      sql`CREATE TEMP TABLE policy_features ON COMMIT DROP AS ${featuresSql(districtId, period, measures, settings)}`,
    );
    const [n] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM policy_features`);
    enterprises = n?.n ?? 0;
    for (const p of list) {
      const t0 = performance.now();
      const params = parametersOn(p.definition.parameters, asOf);
      const select = evaluationSelect(
        { eligibility: p.definition.eligibility, benefit: p.definition.benefit?.formula ?? null, params },
        measures,
        ctx,
        sql`SELECT * FROM policy_features`,
      );
      await tx.execute(
        sql`DELETE FROM policy_results WHERE district_id = ${districtId} AND policy_id = ${p.id}`,
      );
      const [c] = await rows<{ n: number; eligible: number; near: number; total: string | null }>(
        tx,
        sql`WITH ins AS (
              INSERT INTO policy_results (district_id, policy_id, enterprise_id, eligible, passed, values, coverage, amount, near_leaf, gap)
              SELECT ${districtId}, ${p.id}::uuid, r.enterprise_id, r.eligible, r.passed, r.vals, r.coverage, r.amount, r.near_leaf, r.gap
              FROM (${select}) r
              RETURNING eligible, amount, near_leaf, gap)
            SELECT count(*)::int AS n, count(*) FILTER (WHERE eligible)::int AS eligible,
                   count(*) FILTER (WHERE near_leaf IS NOT NULL AND gap <= ${p.definition.nearMissMargin})::int AS near,
                   sum(amount)::text AS total
            FROM ins`,
      );
      await tx.execute(sql`
        INSERT INTO policy_evaluations (district_id, policy_id, version, period, evaluated_at, enterprises, eligible, near_misses, total_amount, duration_ms)
        VALUES (${districtId}, ${p.id}, ${p.version}, ${monthStart(period)}::date, now(), ${c!.n}, ${c!.eligible}, ${c!.near},
                ${Number(c!.total ?? 0)}, ${Math.round(performance.now() - t0)})
        ON CONFLICT (district_id, policy_id) DO UPDATE SET version = EXCLUDED.version, period = EXCLUDED.period,
          evaluated_at = EXCLUDED.evaluated_at, enterprises = EXCLUDED.enterprises, eligible = EXCLUDED.eligible,
          near_misses = EXCLUDED.near_misses, total_amount = EXCLUDED.total_amount, duration_ms = EXCLUDED.duration_ms`);
    }
  });
  return { policies: list.length, enterprises, durationMs: Math.round(performance.now() - started) };
}

/** How many enterprises a definition would qualify, without storing anything (the editor's live preview). */
export async function previewPolicy(
  db: Queryable,
  districtId: string,
  def: PolicyDefinition,
  period: string,
): Promise<Preview> {
  await checkPolicyDefinition(db, districtId, def);
  const [ctx, settings] = await Promise.all([
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  const measures = new MeasureSet();
  measures.addCondition(def.eligibility);
  if (def.benefit) measures.addExpr(def.benefit.formula);
  const params = parametersOn(def.parameters, monthEnd(period));
  const select = evaluationSelect(
    { eligibility: def.eligibility, benefit: def.benefit?.formula ?? null, params },
    measures,
    ctx,
    featuresSql(districtId, period, measures, settings),
  );
  const leaves = leavesOf(def.eligibility);
  const passCols = leaves.map((l) =>
    sql.raw(`count(*) FILTER (WHERE r.passed[${l.index + 1}])::int AS p${l.index}`),
  );
  const [agg] = await rows<Record<string, number | string | null>>(
    db,
    sql`WITH r AS MATERIALIZED (${select})
        SELECT count(*)::int AS n, count(*) FILTER (WHERE r.eligible)::int AS eligible,
               count(*) FILTER (WHERE r.near_leaf IS NOT NULL AND r.gap <= ${def.nearMissMargin})::int AS near,
               coalesce(sum(r.amount), 0)::text AS total, ${sql.join(passCols, sql`, `)},
               (SELECT coalesce(json_agg(s), '[]') FROM (
                  SELECT r2.enterprise_id AS "enterpriseId", e.name, r2.amount FROM r r2
                  JOIN enterprises e ON e.district_id = ${districtId} AND e.id = r2.enterprise_id
                  WHERE r2.eligible ORDER BY r2.amount DESC NULLS LAST, e.name LIMIT 5) s)::text AS sample
        FROM r`,
  );
  return {
    period,
    enterprises: Number(agg!.n),
    eligible: Number(agg!.eligible),
    nearMisses: Number(agg!.near),
    totalAmount: Number(agg!.total),
    leafPasses: leaves.map((l) => Number(agg![`p${l.index}`])),
    sample: (
      JSON.parse(String(agg!.sample)) as {
        enterpriseId: string;
        name: string;
        amount: string | number | null;
      }[]
    ).map((s) => ({
      enterpriseId: s.enterpriseId,
      name: s.name,
      amount: s.amount === null ? null : Number(s.amount),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading results and explanations
// ---------------------------------------------------------------------------------------------------------------

export type Scope = { all: true } | { subdistrictId: string } | { enterpriseId: string } | { none: true };

/** A scope as a condition on enterprises aliased `e`. */
export const scopeSql = (scope: Scope) =>
  'subdistrictId' in scope
    ? sql`AND e.subdistrict_id = ${scope.subdistrictId}`
    : 'enterpriseId' in scope
      ? sql`AND e.id = ${scope.enterpriseId}`
      : 'none' in scope
        ? sql`AND false`
        : sql``;

/** A near miss in words: the leaf's measure and gap (“从业人员（最新月报）还差 13 人”). */
function nearMissText(
  def: PolicyDefinition,
  params: Record<string, number>,
  leafIndex: number | null,
  values: (number | null)[],
): string | null {
  if (leafIndex === null) return null;
  const tree = explainTree({
    eligibility: def.eligibility,
    params: def.parameters,
    paramValues: params,
    passed: leavesOf(def.eligibility).map((l) => (l.index === leafIndex ? false : true)),
    values,
    facts: emptyFacts,
    names: emptyNames,
    thresholds: thresholdsOf(def.eligibility, params),
  });
  const node = findLeaf(tree, leafIndex);
  if (!node) return null;
  return node.gap ? `${node.measure ?? ''}${node.gap}` : node.text;
}

const emptyFacts: EnterpriseFacts = {
  subdistrictName: '',
  fields: [],
  honours: [],
  buildingName: null,
  aboveScale: false,
  tiers: [],
};
const emptyNames = { subdistricts: new Map(), buildings: new Map(), tiers: new Map() };

function findLeaf(node: Explanation['tree'], leaf: number): Explanation['tree'] | undefined {
  if (node.leaf === leaf) return node;
  for (const c of node.children) {
    const f = findLeaf(c, leaf);
    if (f) return f;
  }
  return undefined;
}

export function thresholdsOf(c: Condition, params: Record<string, number>): (number | null)[] {
  return leavesOf(c).map((l) => (l.leaf.kind === 'compare' ? thresholdOf(l.leaf, params) : null));
}

export async function policyResults(
  db: Queryable,
  districtId: string,
  policyId: string,
  q: { filter: string; margin?: number; subdistrictId?: string; q?: string; page: number; pageSize: number },
  scope: Scope,
): Promise<{ items: ResultItem[]; total: number; page: number; pageSize: number; period: string | null }> {
  const policy = await getPolicy(db, districtId, policyId);
  const ev = policy.evaluation;
  const def = ev ? await definitionAt(db, districtId, policyId, ev.version) : policy.definition;
  const margin = q.margin ?? def.nearMissMargin;
  const filter =
    q.filter === 'eligible'
      ? sql`AND r.eligible`
      : q.filter === 'ineligible'
        ? sql`AND NOT r.eligible`
        : q.filter === 'nearMiss'
          ? sql`AND r.near_leaf IS NOT NULL AND r.gap <= ${margin}`
          : sql``;
  const where = sql`r.district_id = ${districtId} AND r.policy_id = ${policyId} ${filter} ${scopeSql(scope)}
    ${q.subdistrictId ? sql`AND e.subdistrict_id = ${q.subdistrictId}` : sql``}
    ${q.q ? sql`AND (e.name ILIKE ${`%${q.q}%`} OR e.uscc = ${q.q.toUpperCase()})` : sql``}`;
  const order =
    q.filter === 'nearMiss'
      ? sql`r.gap, e.name`
      : q.filter === 'eligible'
        ? sql`r.amount DESC NULLS LAST, e.name`
        : sql`e.name`;
  const [list, count] = await Promise.all([
    rows<{
      enterprise_id: string;
      name: string;
      uscc: string;
      subdistrict_name: string;
      eligible: boolean;
      amount: string | null;
      near_leaf: number | null;
      gap: number | null;
      values: (number | null)[];
    }>(
      db,
      sql`SELECT r.enterprise_id::text, e.name, e.uscc, u.name AS subdistrict_name, r.eligible, r.amount::text,
                 r.near_leaf, r.gap, r.values
          FROM policy_results r
          JOIN enterprises e ON e.district_id = r.district_id AND e.id = r.enterprise_id
          JOIN units u ON u.district_id = e.district_id AND u.id = e.subdistrict_id
          WHERE ${where} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM policy_results r
          JOIN enterprises e ON e.district_id = r.district_id AND e.id = r.enterprise_id WHERE ${where}`,
    ),
  ]);
  const params = ev ? parametersOn(def.parameters, monthEnd(ev.period)) : {};
  return {
    items: list.map((r) => ({
      enterpriseId: r.enterprise_id,
      name: r.name,
      uscc: r.uscc,
      subdistrictName: r.subdistrict_name,
      eligible: r.eligible,
      amount: r.amount === null ? null : Number(r.amount),
      nearMiss: r.near_leaf !== null && !r.eligible ? nearMissText(def, params, r.near_leaf, r.values) : null,
      gap: r.gap,
    })),
    total: count[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    period: ev?.period ?? null,
  };
}

interface FactsRow {
  id: string;
  name: string;
  uscc: string;
  subdistrict_id: string;
  fields: string[];
  building_id: string | null;
  above_scale: boolean;
  honours: string[];
  tiers: string[];
}

/** The attribute columns explanations read, for `e` (enterprises) at the end of `period`. */
export const factsColumnsSql = (period: string) => sql`
  e.subdistrict_id::text, e.fields, e.building_id::text, e.above_scale,
  ARRAY(SELECT DISTINCT h.kind FROM enterprise_honours h WHERE h.district_id = e.district_id
        AND h.enterprise_id = e.id AND h.awarded_on <= ${monthEnd(period)}::date) AS honours,
  ARRAY(SELECT t.tier FROM tier_months t WHERE t.district_id = e.district_id AND t.enterprise_id = e.id
        AND t.month = ${monthStart(period)}::date ORDER BY t.tier) AS tiers`;

export type FactsColumns = Pick<
  FactsRow,
  'subdistrict_id' | 'fields' | 'building_id' | 'above_scale' | 'honours' | 'tiers'
>;

/** Those columns as the words need them, with names resolved. */
export function factsOf(r: FactsColumns, names: Names): EnterpriseFacts {
  return {
    subdistrictName: names.subdistrictById.get(r.subdistrict_id)?.name ?? '',
    fields: r.fields,
    honours: r.honours,
    buildingName: r.building_id ? (names.buildingById.get(r.building_id)?.name ?? null) : null,
    aboveScale: r.above_scale,
    tiers: r.tiers,
  };
}

async function enterpriseFacts(db: Queryable, districtId: string, enterpriseId: string, period: string) {
  const [r] = await rows<FactsRow>(
    db,
    sql`SELECT e.id::text, e.name, e.uscc, ${factsColumnsSql(period)}
        FROM enterprises e WHERE e.district_id = ${districtId} AND e.id = ${enterpriseId}`,
  );
  if (!r) throw notFound('企业');
  return r;
}

/** A stored or live result row of one enterprise under one rule. */
interface ResultRow {
  eligible: boolean;
  passed: (boolean | null)[];
  values: (number | null)[];
  coverage: (number | null)[] | null;
  amount: string | null;
  near_leaf: number | null;
  gap: number | null;
}

const outcomeOf = (r: ResultRow): Outcome => ({
  eligible: r.eligible,
  passed: r.passed,
  values: r.values,
  coverage: r.coverage ?? [],
  amount: r.amount === null ? null : Number(r.amount),
  nearLeaf: r.near_leaf,
  gap: r.gap,
});

/** One enterprise evaluated live against a definition (when no stored result fits). */
async function evaluateOne(
  db: Queryable,
  districtId: string,
  def: PolicyDefinition,
  period: string,
  enterpriseId: string,
) {
  const [ctx, settings] = await Promise.all([
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  const measures = new MeasureSet();
  measures.addCondition(def.eligibility);
  if (def.benefit) measures.addExpr(def.benefit.formula);
  const params = parametersOn(def.parameters, monthEnd(period));
  const features = sql`SELECT * FROM (${featuresSql(districtId, period, measures, settings)}) one WHERE one.enterprise_id = ${enterpriseId}`;
  const [r] = await rows<Omit<ResultRow, 'values'> & { vals: (number | null)[] }>(
    db,
    evaluationSelect(
      { eligibility: def.eligibility, benefit: def.benefit?.formula ?? null, params },
      measures,
      ctx,
      features,
    ),
  );
  return r ? outcomeOf({ ...r, values: r.vals }) : null;
}

export interface ExplainOptions {
  /** Use this stored outcome (a grant item) instead of the latest evaluation. */
  stored?: {
    version: number;
    period: string;
    eligible: boolean;
    passed: (boolean | null)[];
    values: (number | null)[];
    coverage?: (number | null)[];
    amount: number | null;
  };
  now: Date;
}

/** Why an enterprise does or does not qualify: from the stored evaluation, or evaluated live. */
export async function explain(
  db: Queryable,
  districtId: string,
  policyId: string,
  enterpriseId: string,
  opts: ExplainOptions,
): Promise<Explanation> {
  const policy = await getPolicy(db, districtId, policyId);
  let version = policy.version;
  let period = policy.evaluation?.period ?? (await policyPeriod(db, districtId, opts.now));
  let outcome: Outcome | null = null;
  if (opts.stored) {
    version = opts.stored.version;
    period = opts.stored.period;
    outcome = { coverage: [], ...opts.stored, nearLeaf: null, gap: null };
  } else if (policy.evaluation && policy.evaluation.version === policy.version) {
    const [r] = await rows<ResultRow>(
      db,
      sql`SELECT eligible, passed, values, coverage, amount::text, near_leaf, gap FROM policy_results
          WHERE district_id = ${districtId} AND policy_id = ${policyId} AND enterprise_id = ${enterpriseId}`,
    );
    if (r) outcome = outcomeOf(r);
  }
  const def =
    version === policy.version ? policy.definition : await definitionAt(db, districtId, policyId, version);
  if (!outcome) {
    outcome = await evaluateOne(db, districtId, def, period, enterpriseId);
    if (!outcome) {
      // Not in the district in that month (settled later or left): nothing passes.
      const n = leavesOf(def.eligibility).length;
      outcome = {
        eligible: false,
        passed: Array<boolean | null>(n).fill(null),
        values: Array<number | null>(n).fill(null),
        coverage: [],
        amount: null,
        nearLeaf: null,
        gap: null,
      };
    }
  }
  const facts = await enterpriseFacts(db, districtId, enterpriseId, period);
  return renderExplanation(policyId, def, version, period, outcome, facts, await explainEnv(db, districtId));
}

interface Outcome {
  eligible: boolean;
  passed: (boolean | null)[];
  values: (number | null)[];
  /** Per leaf, the months a growth measure compared like for like. */
  coverage: (number | null)[];
  amount: number | null;
  nearLeaf: number | null;
  gap: number | null;
}

/** What rendering needs of the district: names of units, buildings and tiers. */
async function explainEnv(db: Queryable, districtId: string) {
  const [ctx, settings] = await Promise.all([
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  return { names: ctx.names, tiers: tierNames(settings.tiers) };
}

function renderExplanation(
  policyId: string,
  def: PolicyDefinition,
  version: number,
  period: string,
  outcome: Outcome,
  facts: FactsRow,
  env: Awaited<ReturnType<typeof explainEnv>>,
): Explanation {
  const params = parametersOn(def.parameters, monthEnd(period));
  const tree = explainTree({
    eligibility: def.eligibility,
    params: def.parameters,
    paramValues: params,
    passed: outcome.passed,
    values: outcome.values,
    coverage: outcome.coverage,
    facts: factsOf(facts, env.names),
    names: { subdistricts: env.names.subdistricts, buildings: env.names.buildings, tiers: env.tiers },
    thresholds: thresholdsOf(def.eligibility, params),
  });
  const s = summaryOf(def.name, outcome.eligible, outcome.amount, tree);
  const within = outcome.nearLeaf !== null && outcome.gap !== null && outcome.gap <= def.nearMissMargin;
  const nearNode = within ? findLeaf(tree, outcome.nearLeaf!) : undefined;
  return {
    policyId,
    policyName: def.name,
    version,
    period,
    enterprise: { id: facts.id, name: facts.name, uscc: facts.uscc },
    eligible: outcome.eligible,
    amount: outcome.amount,
    summary: s.zh,
    summaryEn: s.en,
    nearMiss:
      nearNode && !outcome.eligible
        ? {
            leaf: outcome.nearLeaf!,
            text: `只差一项：${nearNode.gap ? `${nearNode.measure}${nearNode.gap}` : nearNode.text}`,
            gap: outcome.gap!,
          }
        : null,
    tree,
  };
}

const tierNames = (tiers: Record<string, TierRule>) =>
  new Map(Object.entries(tiers).map(([k, t]) => [k, t.name]));

/** Every active policy for one enterprise, with its explanation and its grants. */
export async function enterprisePolicies(
  db: Queryable,
  districtId: string,
  enterpriseId: string,
  now: Date,
  /** The batch statuses whose grants the reader may see (grantView in policies.policy.ts). */
  batchStatuses: readonly string[] = ['review', 'notice', 'decided'],
): Promise<EnterprisePolicy[]> {
  const list = await listPolicies(db, districtId, 'active');
  const grants = await rows<{
    policy_id: string;
    batch_id: string;
    status: string;
    amount: string;
    included: boolean;
    decided_at: string | null;
    granted: boolean | null;
  }>(
    db,
    sql`SELECT b.policy_id::text, b.id::text AS batch_id, b.status, i.amount::text, i.included, b.decided_at::text, i.granted
        FROM grant_items i JOIN grant_batches b ON b.district_id = i.district_id AND b.id = i.batch_id
        WHERE i.district_id = ${districtId} AND i.enterprise_id = ${enterpriseId} AND b.status <> 'cancelled'
          AND b.status IN (${sql.join(
            [...batchStatuses, ''].map((st) => sql`${st}`),
            sql`, `,
          )})
        ORDER BY b.created_at DESC`,
  );
  // One read of the stored outcomes, the facts and the names serves every policy evaluated in its current version.
  const stored = new Map(
    (
      await rows<ResultRow & { policy_id: string }>(
        db,
        sql`SELECT policy_id::text, eligible, passed, values, coverage, amount::text, near_leaf, gap FROM policy_results
            WHERE district_id = ${districtId} AND enterprise_id = ${enterpriseId}`,
      )
    ).map((r) => [r.policy_id, r]),
  );
  const definitions = new Map(
    (await rows<PolicyRow>(db, policyRowsSql(districtId, sql`AND p.status = 'active'`))).map((r) => [
      r.id,
      definitionOf(r.definition),
    ]),
  );
  const env = await explainEnv(db, districtId);
  const factsByPeriod = new Map<string, FactsRow>();
  const explanationOf = async (p: PolicySummary): Promise<Explanation> => {
    const r = stored.get(p.id);
    const def = definitions.get(p.id);
    if (!r || !def || !p.evaluation || p.evaluation.version !== p.version)
      return explain(db, districtId, p.id, enterpriseId, { now });
    const period = p.evaluation.period;
    let facts = factsByPeriod.get(period);
    if (!facts) {
      facts = await enterpriseFacts(db, districtId, enterpriseId, period);
      factsByPeriod.set(period, facts);
    }
    return renderExplanation(p.id, def, p.version, period, outcomeOf(r), facts, env);
  };
  const out: EnterprisePolicy[] = [];
  for (const p of list) {
    out.push({
      policy: {
        id: p.id,
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        summary: p.summary,
        source: p.source,
        example: p.example,
      },
      explanation: await explanationOf(p),
      grants: grants
        .filter((g) => g.policy_id === p.id)
        .map((g) => ({
          batchId: g.batch_id,
          status: g.status,
          amount: Number(g.amount),
          included: g.status === 'decided' ? g.granted === true : g.included,
          decidedAt: g.decided_at,
        })),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Tiers
// ---------------------------------------------------------------------------------------------------------------

async function tierContext(db: Queryable, districtId: string) {
  const [settings, plan] = await Promise.all([
    monitoringSettings(db, districtId),
    currentPlan(db, districtId),
  ]);
  const baseline = plan ? plan.baselineDate.slice(0, 7) : null;
  return { tiers: settings.tiers, baseline, staleness: settings };
}

/** Near misses of a tier rule at a month, evaluated live: enterprises one comparison away from entering. */
function tierNearMissSql(
  districtId: string,
  tier: TierRule,
  period: string,
  ctx: Awaited<ReturnType<typeof compileContext>>,
  staleness: Staleness,
) {
  const measures = new MeasureSet();
  measures.addCondition(tier.rule);
  return evaluationSelect(
    { eligibility: tier.rule, benefit: null, params: {} },
    measures,
    ctx,
    featuresSql(districtId, period, measures, staleness),
  );
}

export async function tierSummaries(db: Queryable, districtId: string): Promise<TierSummary[]> {
  const { tiers, baseline, staleness } = await tierContext(db, districtId);
  const run = await tierRun(db, districtId);
  const [series, counts, ctx] = await Promise.all([
    tierSeries(db, districtId),
    run && baseline ? tierCounts(db, districtId, baseline, run.to) : Promise.resolve([]),
    compileContext(db, districtId),
  ]);
  const out: TierSummary[] = [];
  for (const [code, t] of Object.entries(tiers)) {
    const c = counts.find((x) => x.tier === code);
    let near = 0;
    if (run && leavesOf(t.rule).some((l) => l.leaf.kind === 'compare')) {
      const [n] = await rows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM (${tierNearMissSql(districtId, t, run.to, ctx, staleness)}) r
            WHERE r.near_leaf IS NOT NULL AND r.gap <= ${t.nearMissMargin}`,
      );
      near = n?.n ?? 0;
    }
    out.push({
      code,
      name: t.name,
      nameEn: t.nameEn,
      source: t.source,
      ruleText: conditionLines(
        t.rule,
        {},
        { subdistricts: ctx.names.subdistricts, buildings: ctx.names.buildings, tiers: new Map() },
      ),
      period: run?.to ?? null,
      members: c?.members ?? 0,
      entrantsSinceBaseline: c?.entrants ?? 0,
      leftSinceBaseline: c?.left_ ?? 0,
      nearMisses: near,
      series: series.filter((s) => s.tier === code).map((s) => ({ month: s.month, members: s.members })),
    });
  }
  return out;
}

export async function tierMembers(
  db: Queryable,
  districtId: string,
  code: string,
  q: { filter: string; subdistrictId?: string; page: number; pageSize: number },
  scope: Scope,
) {
  const { tiers, baseline, staleness } = await tierContext(db, districtId);
  const tier = tiers[code];
  if (!tier) throw notFound('梯度');
  const run = await tierRun(db, districtId);
  const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  if (!run) return empty;
  const where = sql`${scopeSql(scope)} ${q.subdistrictId ? sql`AND e.subdistrict_id = ${q.subdistrictId}` : sql``}`;
  const page = sql`LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  type Row = {
    enterprise_id: string;
    name: string;
    uscc: string;
    subdistrict_name: string;
    entered: string | null;
    last: string | null;
    near_leaf: number | null;
    values: (number | null)[] | null;
    total: number;
  };
  let list: Row[];
  if (q.filter === 'nearMiss') {
    const ctx = await compileContext(db, districtId);
    list = await rows<Row>(
      db,
      sql`SELECT r.enterprise_id::text, e.name, e.uscc, u.name AS subdistrict_name, NULL AS entered, NULL AS last,
                 r.near_leaf, r.vals AS values, count(*) OVER ()::int AS total
          FROM (${tierNearMissSql(districtId, tier, run.to, ctx, staleness)}) r
          JOIN enterprises e ON e.district_id = ${districtId} AND e.id = r.enterprise_id
          JOIN units u ON u.district_id = e.district_id AND u.id = e.subdistrict_id
          WHERE r.near_leaf IS NOT NULL AND r.gap <= ${tier.nearMissMargin} ${where}
          ORDER BY r.gap, e.name ${page}`,
    );
  } else {
    // The same definitions as the summary and the tierEntrants target: entrants are members now that were not members
    // at the baseline month; those who left were members at the baseline month and are not now.
    const member = (month: string) =>
      sql`EXISTS (SELECT 1 FROM tier_months t WHERE t.district_id = ${districtId} AND t.tier = ${code}
                    AND t.month = ${monthStart(month)}::date AND t.enterprise_id = s.enterprise_id)`;
    const base = baseline ?? run.from;
    const spellFilter =
      q.filter === 'current'
        ? member(run.to)
        : q.filter === 'entrants'
          ? sql`${member(run.to)} AND NOT ${member(base)}`
          : sql`${member(base)} AND NOT ${member(run.to)}`;
    list = await rows<Row>(
      db,
      sql`WITH s AS (
            SELECT DISTINCT ON (enterprise_id) * FROM (${spellsSql(districtId, { tier: code })}) x ORDER BY enterprise_id, last DESC)
          SELECT s.enterprise_id::text, e.name, e.uscc, u.name AS subdistrict_name, s.entered, s.last, NULL AS near_leaf,
                 NULL AS values, count(*) OVER ()::int AS total
          FROM s JOIN enterprises e ON e.district_id = ${districtId} AND e.id = s.enterprise_id
          JOIN units u ON u.district_id = e.district_id AND u.id = e.subdistrict_id
          WHERE ${spellFilter} ${where}
          ORDER BY s.entered DESC, e.name ${page}`,
    );
  }
  const defLike = { eligibility: tier.rule, parameters: {} as Record<string, Parameter> } as PolicyDefinition;
  return {
    items: list.map((r) => ({
      enterpriseId: r.enterprise_id,
      name: r.name,
      uscc: r.uscc,
      subdistrictName: r.subdistrict_name,
      enteredOn: r.entered,
      leftOn: r.last && r.last < run.to ? monthStart(r.last, 1).slice(0, 7) : null,
      enteredBefore: r.entered !== null && r.entered <= run.from,
      nearMiss: r.near_leaf !== null ? nearMissText(defLike, {}, r.near_leaf, r.values ?? []) : null,
    })),
    total: list[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function enterpriseTiers(db: Queryable, districtId: string, enterpriseId: string) {
  const { tiers } = await tierContext(db, districtId);
  const run = await tierRun(db, districtId);
  const spells = await rows<{ tier: string; entered: string; last: string }>(
    db,
    sql`${spellsSql(districtId, { enterpriseId })} ORDER BY 3`,
  );
  return spells
    .filter((s) => tiers[s.tier])
    .map((s) => ({
      tier: s.tier,
      name: tiers[s.tier]!.name,
      enteredOn: s.entered,
      leftOn: run && s.last < run.to ? monthStart(s.last, 1).slice(0, 7) : null,
      enteredBefore: !!run && s.entered <= run.from,
    }));
}

export { policyEvaluations };

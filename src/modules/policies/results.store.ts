// Reading policy results and explanations: who qualifies (and who nearly does), why an enterprise does or does not
// (from its stored outcome or evaluated live), every active policy for one enterprise.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import type { TierRule } from '../plan/plan-file.ts';
import {
  enterpriseAttributesSql,
  enterpriseProfilesSql,
  honourKindsSql,
} from '../enterprises/enterprises.sql.ts';
import { unitNamesSql } from '../units/units.store.ts';
import type {
  EnterpriseGrant,
  EnterprisePolicy,
  Explanation,
  PolicySummary,
  ResultItem,
} from './policies.contract.ts';
import { leavesOf, parametersOn, type Condition, type PolicyDefinition } from './rules.ts';
import { evaluationSelect, featuresSql, monthEnd, monthStart, thresholdOf } from './rules.sql.ts';
import { explainTree, summaryOf, type EnterpriseFacts } from './explain.ts';
import { compileContext, type Names } from './context.store.ts';
import {
  definitionAt,
  definitionOf,
  getPolicy,
  listPolicies,
  policyRowsSql,
  type PolicyRow,
} from './policies.store.ts';
import { policyPeriod, prepareEvaluation } from './evaluation.store.ts';

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
export function nearMissText(
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
          JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = r.enterprise_id
          JOIN (${unitNamesSql(districtId)}) u ON u.id = e.subdistrict_id
          WHERE ${where} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM policy_results r
          JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = r.enterprise_id WHERE ${where}`,
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

/** The attribute columns explanations read, for `e` (enterpriseProfilesSql rows) at the end of `period`. */
export const factsColumnsSql = (period: string) => sql`
  e.subdistrict_id::text, e.fields, e.building_id::text, e.above_scale,
  ${honourKindsSql(sql`e.district_id`, sql`e.id`, monthEnd(period))} AS honours,
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
        FROM (${enterpriseProfilesSql(districtId)}) e WHERE e.district_id = ${districtId} AND e.id = ${enterpriseId}`,
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
  const { ctx, settings, measures, params } = await prepareEvaluation(db, districtId, def, period);
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

/** Every active policy for one enterprise, with its explanation and the grants given. */
export async function enterprisePolicies(
  db: Queryable,
  districtId: string,
  enterpriseId: string,
  now: Date,
  /** Its grants the reader may see (the grants module's enterpriseGrants under grantView). */
  grants: readonly EnterpriseGrant[],
): Promise<EnterprisePolicy[]> {
  const list = await listPolicies(db, districtId, 'active');
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
        .filter((g) => g.policyId === p.id)
        .map((g) => ({
          batchId: g.batchId,
          status: g.status,
          amount: g.amount,
          included: g.included,
          decidedAt: g.decidedAt,
        })),
    });
  }
  return out;
}

/** Rows (enterprise_id, amount, passed, values, coverage): the enterprises a policy's last evaluation found eligible. */
export const eligibleResultsSql = (districtId: string, policyId: string): SQL =>
  sql`SELECT r.enterprise_id, r.amount, r.passed, r.values, r.coverage
      FROM policy_results r WHERE r.district_id = ${districtId} AND r.policy_id = ${policyId} AND r.eligible`;

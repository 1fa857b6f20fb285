// Policies evaluated set-at-a-time: the features of every enterprise once, then one INSERT … SELECT per policy into
// policy_results (each enterprise's leaf results, values, amount and near miss); and the editor's live preview.
import { sql } from 'drizzle-orm';
import { rows, type Db, type Queryable } from '../../platform/db/db.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import { enterpriseAttributesSql } from '../enterprises/enterprises.sql.ts';
import type { Preview } from './policies.contract.ts';
import { leavesOf, parametersOn, type PolicyDefinition } from './rules.ts';
import {
  MeasureSet,
  analyzeRuleInputs,
  evaluationSelect,
  featuresSql,
  monthEnd,
  monthStart,
} from './rules.sql.ts';
import { lastDuePeriod } from '../../platform/time/deadline.ts';
import { compileContext } from './context.store.ts';
import { checkPolicyDefinition, definitionOf } from './policies.store.ts';

/** The month policies are evaluated at: the last month whose reports are past due (platform/time's deadline). */
export function evaluationPeriod(now: Date, deadlineDay: number): string {
  return lastDuePeriod(now, deadlineDay);
}

export async function policyPeriod(db: Queryable, districtId: string, now: Date): Promise<string> {
  const settings = await monitoringSettings(db, districtId);
  return evaluationPeriod(now, settings.reportDeadlineDay);
}

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
/**
 * What evaluating one definition at `period` needs: the district's codes and names, its monitoring settings, the
 * measures the rule and its formula read, and the parameters in force at the month's end.
 */
export async function prepareEvaluation(
  db: Queryable,
  districtId: string,
  def: PolicyDefinition,
  period: string,
) {
  const [ctx, settings] = await Promise.all([
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  const measures = new MeasureSet();
  measures.addCondition(def.eligibility);
  if (def.benefit) measures.addExpr(def.benefit.formula);
  return { ctx, settings, measures, params: parametersOn(def.parameters, monthEnd(period)) };
}

export async function previewPolicy(
  db: Queryable,
  districtId: string,
  def: PolicyDefinition,
  period: string,
): Promise<Preview> {
  await checkPolicyDefinition(db, districtId, def);
  const { ctx, settings, measures, params } = await prepareEvaluation(db, districtId, def, period);
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
                  JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = r2.enterprise_id
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

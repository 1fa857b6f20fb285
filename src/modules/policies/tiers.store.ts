// Tiers (梯度培育): the plan's tier rules evaluated month by month into tier_months, and the spells read back from it.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../../platform/db/db.ts';
import { allUnits } from '../units/units.store.ts';
import { buildingRefs } from '../enterprises/enterprises.store.ts';
import type { TierRule } from '../plan/plan-file.ts';
import type { Staleness } from './rules.ts';
import {
  MeasureSet,
  analyzeRuleInputs,
  conditionSql,
  featuresSql,
  monthStart,
  type CompileContext,
} from './rules.sql.ts';

/** Codes → ids for compiling rules in a district. */
export async function compileContext(
  db: Queryable,
  districtId: string,
): Promise<CompileContext & { names: Names }> {
  const [units, buildings] = await Promise.all([allUnits(db, districtId), buildingRefs(db, districtId)]);
  const subs = units.filter((u) => u.kind === 'subdistrict');
  return {
    subdistrictIds: new Map(subs.map((u) => [u.code, u.id])),
    buildingIds: new Map(buildings.map((b) => [b.code, b.id])),
    names: {
      subdistrictCodes: new Set(subs.map((u) => u.code)),
      buildingCodes: new Set(buildings.map((b) => b.code)),
      subdistricts: new Map(subs.map((u) => [u.code, u.name])),
      subdistrictById: new Map(subs.map((u) => [u.id, { code: u.code, name: u.name }])),
      buildings: new Map(buildings.map((b) => [b.code, b.name])),
      buildingById: new Map(buildings.map((b) => [b.id, { code: b.code, name: b.name }])),
    },
  };
}

export interface Names {
  subdistrictCodes: Set<string>;
  buildingCodes: Set<string>;
  subdistricts: Map<string, string>;
  subdistrictById: Map<string, { code: string; name: string }>;
  buildings: Map<string, string>;
  buildingById: Map<string, { code: string; name: string }>;
}

export const tiersDigest = (tiers: Record<string, TierRule>) =>
  createHash('sha256').update(JSON.stringify(tiers)).digest('hex').slice(0, 16);

const periodsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let p = from; p <= to; p = monthStart(p, 1).slice(0, 7)) out.push(p);
  return out;
};

/**
 * Evaluates every tier rule at every month from `from` to `to` ('YYYY-MM') and replaces the district's tier months.
 * One set-based statement per month: the features of all enterprises at that month, then each tier's rule over them.
 */
export async function evaluateTiers(
  db: Queryable,
  districtId: string,
  tiers: Record<string, TierRule>,
  from: string,
  to: string,
  staleness: Staleness,
): Promise<{ months: number; members: number; durationMs: number }> {
  const started = performance.now();
  const ctx = await compileContext(db, districtId);
  await db.execute(analyzeRuleInputs);
  await db.execute(sql`DELETE FROM tier_months WHERE district_id = ${districtId}`);
  const codes = Object.keys(tiers);
  let members = 0;
  const months = periodsBetween(from, to);
  if (codes.length) {
    const measures = new MeasureSet();
    for (const t of Object.values(tiers)) measures.addCondition(t.rule);
    for (const month of months) {
      const selects = codes.map(
        (code) =>
          sql`SELECT ${districtId}, ${code}, ${monthStart(month)}::date, f.enterprise_id FROM f
              WHERE coalesce(${conditionSql(tiers[code]!.rule, measures, ctx, {})}, false)`,
      );
      const inserted = await rows<{ n: number }>(
        db,
        sql`WITH f AS MATERIALIZED (${featuresSql(districtId, month, measures, staleness)}),
                 ins AS (INSERT INTO tier_months (district_id, tier, month, enterprise_id)
                         ${sql.join(selects, sql` UNION ALL `)} RETURNING 1)
            SELECT count(*)::int AS n FROM ins`,
      );
      members += inserted[0]?.n ?? 0;
    }
  }
  const durationMs = Math.round(performance.now() - started);
  await db.execute(sql`
    INSERT INTO tier_runs (district_id, from_month, to_month, rules_digest, evaluated_at, duration_ms)
    VALUES (${districtId}, ${monthStart(from)}::date, ${monthStart(to)}::date, ${tiersDigest(tiers)}, now(), ${durationMs})
    ON CONFLICT (district_id) DO UPDATE SET from_month = EXCLUDED.from_month, to_month = EXCLUDED.to_month,
      rules_digest = EXCLUDED.rules_digest, evaluated_at = EXCLUDED.evaluated_at, duration_ms = EXCLUDED.duration_ms`);
  return { months: months.length, members, durationMs };
}

export async function tierRun(db: Queryable, districtId: string) {
  const [r] = await rows<{
    from_month: string;
    to_month: string;
    evaluated_at: string;
    duration_ms: number;
    rules_digest: string;
  }>(
    db,
    sql`SELECT to_char(from_month, 'YYYY-MM') AS from_month, to_char(to_month, 'YYYY-MM') AS to_month,
               evaluated_at::text, duration_ms, rules_digest FROM tier_runs WHERE district_id = ${districtId}`,
  );
  return r
    ? {
        from: r.from_month,
        to: r.to_month,
        evaluatedAt: r.evaluated_at,
        durationMs: r.duration_ms,
        digest: r.rules_digest,
      }
    : null;
}

/** Members per tier and month. */
export async function tierSeries(db: Queryable, districtId: string) {
  return rows<{ tier: string; month: string; members: number }>(
    db,
    sql`SELECT tier, to_char(month, 'YYYY-MM') AS month, count(*)::int AS members FROM tier_months
        WHERE district_id = ${districtId} GROUP BY tier, month ORDER BY tier, month`,
  );
}

/** Members now, entrants since the baseline month and those who left since then, per tier. */
export async function tierCounts(db: Queryable, districtId: string, baseline: string, now: string) {
  return rows<{ tier: string; members: number; entrants: number; left_: number }>(
    db,
    sql`WITH n AS (SELECT tier, enterprise_id FROM tier_months WHERE district_id = ${districtId} AND month = ${monthStart(now)}::date),
             b AS (SELECT tier, enterprise_id FROM tier_months WHERE district_id = ${districtId} AND month = ${monthStart(baseline)}::date)
        SELECT coalesce(n.tier, b.tier) AS tier,
               count(n.enterprise_id)::int AS members,
               count(*) FILTER (WHERE n.enterprise_id IS NOT NULL AND b.enterprise_id IS NULL)::int AS entrants,
               count(*) FILTER (WHERE n.enterprise_id IS NULL AND b.enterprise_id IS NOT NULL)::int AS left_
        FROM n FULL JOIN b ON b.tier = n.tier AND b.enterprise_id = n.enterprise_id
        GROUP BY 1`,
  );
}

export interface Spell {
  tier: string;
  enterprise_id: string;
  entered: string;
  last: string;
}

/**
 * Spells in a tier (gaps and islands over the months): first and last month of each unbroken run. Restricted to
 * one tier and/or one enterprise.
 */
export function spellsSql(districtId: string, opts: { tier?: string; enterpriseId?: string }) {
  return sql`
    SELECT tier, enterprise_id, to_char(min(month), 'YYYY-MM') AS entered, to_char(max(month), 'YYYY-MM') AS last
    FROM (
      SELECT tier, enterprise_id, month,
             (month - make_interval(months => (row_number() OVER (PARTITION BY tier, enterprise_id ORDER BY month))::int)) AS grp
      FROM tier_months
      WHERE district_id = ${districtId}
        ${opts.tier ? sql`AND tier = ${opts.tier}` : sql``}
        ${opts.enterpriseId ? sql`AND enterprise_id = ${opts.enterpriseId}` : sql``}
    ) s
    GROUP BY tier, enterprise_id, grp`;
}

export async function enterpriseSpells(db: Queryable, districtId: string, enterpriseId: string) {
  return rows<Spell>(db, sql`${spellsSql(districtId, { enterpriseId })} ORDER BY 3`);
}

// Tiers (梯度培育): the plan's tier rules evaluated month by month into tier_months, the spells read back from it, and
// the tier pages (summaries, members, near misses, an enterprise's spells).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { lastDuePeriod } from '../../platform/time/deadline.ts';
import { currentPlan, monitoringSettings } from '../plan/plan.store.ts';
import type { TierRule } from '../plan/plan-file.ts';
import { enterpriseAttributesSql } from '../enterprises/enterprises.sql.ts';
import { unitNamesSql } from '../units/units.store.ts';
import type { TierSummary } from './policies.contract.ts';
import { leavesOf, type Parameter, type PolicyDefinition, type Staleness } from './rules.ts';
import {
  MeasureSet,
  analyzeRuleInputs,
  conditionSql,
  evaluationSelect,
  featuresSql,
  monthStart,
} from './rules.sql.ts';
import { conditionLines } from './explain.ts';
import { compileContext } from './context.store.ts';
import { nearMissText, scopeSql, type Scope } from './results.store.ts';

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

// ---------------------------------------------------------------------------------------------------------------
// Tier pages: summaries, members and near misses, an enterprise's spells
// ---------------------------------------------------------------------------------------------------------------

async function tierContext(db: Queryable, districtId: string) {
  const [settings, plan] = await Promise.all([
    monitoringSettings(db, districtId),
    currentPlan(db, districtId),
  ]);
  const baseline = plan ? plan.baselineDate.slice(0, 7) : null;
  return { tiers: settings.tiers, baseline, staleness: settings, deadlineDay: settings.reportDeadlineDay };
}

/**
 * The month tier pages show: the evaluation month every page uses (the newest month whose reports are past due,
 * docs/indicators.md), or the run's last month when the run has not reached it yet. The run also holds the month
 * still being filed, whose membership would change as reports arrive.
 */
function shownMonth(run: { to: string } | null, now: Date, deadlineDay: number): string | null {
  if (!run) return null;
  const due = lastDuePeriod(now, deadlineDay);
  return due < run.to ? due : run.to;
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

export async function tierSummaries(
  db: Queryable,
  districtId: string,
  now: Date = new Date(),
): Promise<TierSummary[]> {
  const { tiers, baseline, staleness, deadlineDay } = await tierContext(db, districtId);
  const run = await tierRun(db, districtId);
  const month = shownMonth(run, now, deadlineDay);
  const [series, counts, ctx] = await Promise.all([
    tierSeries(db, districtId),
    month && baseline ? tierCounts(db, districtId, baseline, month) : Promise.resolve([]),
    compileContext(db, districtId),
  ]);
  const out: TierSummary[] = [];
  for (const [code, t] of Object.entries(tiers)) {
    const c = counts.find((x) => x.tier === code);
    let near = 0;
    if (month && leavesOf(t.rule).some((l) => l.leaf.kind === 'compare')) {
      const [n] = await rows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM (${tierNearMissSql(districtId, t, month, ctx, staleness)}) r
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
      period: month,
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
  now: Date = new Date(),
) {
  const { tiers, baseline, staleness, deadlineDay } = await tierContext(db, districtId);
  const tier = tiers[code];
  if (!tier) throw notFound('梯度');
  const run = await tierRun(db, districtId);
  const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const month = shownMonth(run, now, deadlineDay);
  if (!run || !month) return empty;
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
          FROM (${tierNearMissSql(districtId, tier, month, ctx, staleness)}) r
          JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = r.enterprise_id
          JOIN (${unitNamesSql(districtId)}) u ON u.id = e.subdistrict_id
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
        ? member(month)
        : q.filter === 'entrants'
          ? sql`${member(month)} AND NOT ${member(base)}`
          : sql`${member(base)} AND NOT ${member(month)}`;
    list = await rows<Row>(
      db,
      sql`WITH s AS (
            SELECT DISTINCT ON (enterprise_id) * FROM (${spellsSql(districtId, { tier: code })}) x ORDER BY enterprise_id, last DESC)
          SELECT s.enterprise_id::text, e.name, e.uscc, u.name AS subdistrict_name, s.entered, s.last, NULL AS near_leaf,
                 NULL AS values, count(*) OVER ()::int AS total
          FROM s JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = s.enterprise_id
          JOIN (${unitNamesSql(districtId)}) u ON u.id = e.subdistrict_id
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
      leftOn: r.last && r.last < month ? monthStart(r.last, 1).slice(0, 7) : null,
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

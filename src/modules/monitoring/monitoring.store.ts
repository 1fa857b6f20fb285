// The only SQL on monitoring tables: recompute (facts → results → snapshots), reading results, drill-down, manual values.
import { evaluateTiers } from '../policies/tiers.store.ts';
import { enterpriseAttributesSql, enterprisesPresentInMonthSql } from '../enterprises/enterprises.sql.ts';
import { firstSubmissionsSql } from '../reports/reports.store.ts';
import { unitNamesSql } from '../units/units.store.ts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { publish } from '../../platform/events/events.store.ts';
import { recomputed } from './monitoring.events.ts';
import { currentPlan, monitoringSettings, planTargetsOf } from '../plan/plan.store.ts';
import type { Formula, MonitoringSettings } from '../plan/plan-file.ts';
import {
  addMonths,
  currentPeriod,
  parsePeriod,
  periodOfDate,
  periodRange,
  previousPeriod,
  type Period,
} from '../../platform/time/period.ts';
import { addDays, startOfDay } from '../../platform/time/date.ts';
import { reportDeadline } from '../../platform/time/deadline.ts';
import { evaluateSeries, isWorse, type Evaluation, type Point } from './evaluation.ts';
import {
  indicatorResults,
  indicatorSnapshots,
  manualValues,
  monitoringRuns,
  reportingRates,
} from './monitoring.schema.ts';
import {
  aggregateContributionsSql,
  contributionsSql,
  enterpriseChangesSql,
  tierChangesSql,
  flowContributionsSql,
  flowResultsSql,
  monthDate,
  rebuildFactsSql,
  sizeBandSql,
  type Window,
} from './indicators.sql.ts';
import { time } from '../../platform/metrics.ts';

/** Values are stored in the target's unit: yuan become 亿元; counts, m² and % are as computed. */
export const scaleOf = (unit: string) => (unit === '亿元' ? 100_000_000 : 1);

export interface TargetDef {
  code: string;
  name: string;
  nameEn: string;
  goal: number;
  unit: string;
  aim: 'increase' | 'level';
  deadline: string;
  formula: Formula;
  ownerTask: number | null;
  ownerUnitCodes: string[] | null;
  strive: boolean;
  partOf: string | null;
}

export interface MonitoringContext {
  districtId: string;
  baseline: Period;
  deadline: Period;
  settings: MonitoringSettings;
  targets: TargetDef[];
}

export async function monitoringContext(
  db: Queryable,
  districtId: string,
): Promise<MonitoringContext | undefined> {
  const plan = await currentPlan(db, districtId);
  if (!plan) return undefined;
  const settings = await monitoringSettings(db, districtId);
  const targets = (await planTargetsOf(db, districtId, plan.id)).map((t) => ({
    code: t.code,
    name: t.name,
    nameEn: t.nameEn,
    goal: Number(t.goal),
    unit: t.unit,
    aim: t.aim as 'increase' | 'level',
    deadline: t.deadline,
    formula: t.formula as Formula,
    ownerTask: t.ownerTask,
    ownerUnitCodes: t.ownerUnitCodes,
    strive: t.strive,
    partOf: t.partOf,
  }));
  return {
    districtId,
    baseline: periodOfDate(plan.baselineDate),
    deadline: periodOfDate(plan.endDate),
    settings,
    targets,
  };
}

/** The last month whose reports are due by now: the month before the current one. */
export const lastClosedMonth = (now: Date): Period => previousPeriod(currentPeriod(now));

export interface ResultRow {
  month: string;
  dimension: string;
  group_key: string;
  value: string | null;
  contributors: number;
}

async function manualSeries(
  db: Queryable,
  districtId: string,
  code: string,
  w: Window,
): Promise<ResultRow[]> {
  return rows<ResultRow>(
    db,
    sql`WITH months AS (SELECT generate_series(${monthDate(w.from)}::date, ${monthDate(w.to)}::date, interval '1 month')::date AS month)
        SELECT to_char(m.month, 'YYYY-MM') AS month, 'total' AS dimension, '' AS group_key,
               (SELECT v.value::text FROM manual_values v WHERE v.district_id = ${districtId} AND v.target_code = ${code}
                  AND v.as_of < m.month + interval '1 month' ORDER BY v.as_of DESC, v.entered_at DESC LIMIT 1) AS value,
               0 AS contributors
        FROM months m`,
  );
}

/**
 * Exits, net change and stock beside an entrants target (gross new enterprises, or new members of a tier), stored as
 * more series of its results (dimensions `exits`, `net` and `stock`, no groups) so the pages read them with the value,
 * as of the same recompute.
 */
async function entrantChanges(db: Queryable, t: TargetDef, w: Window): Promise<ResultRow[]> {
  const q = t.formula.kind === 'tierEntrants' ? tierChangesSql(w, t.formula.tier) : enterpriseChangesSql(w);
  const counts = await rows<{ month: string; entries: number; exits: number; stock: number }>(db, q);
  const row = (month: string, dimension: string, value: number, contributors: number): ResultRow => ({
    month,
    dimension,
    group_key: '',
    value: String(value),
    contributors,
  });
  return counts.flatMap((c) => [
    row(c.month, changeDimensions.exits, c.exits, c.exits),
    row(c.month, changeDimensions.net, c.entries - c.exits, c.entries + c.exits),
    row(c.month, changeDimensions.stock, c.stock, c.stock),
  ]);
}

/** The result dimensions that hold an entrants target's exits, net change and stock (beside 'total', the entries). */
export const changeDimensions = { exits: 'exits', net: 'net', stock: 'stock' } as const;

/** Targets that count entrants (gross): their pages show exits and net change beside. */
export const isEntrantsTarget = (t: Pick<TargetDef, 'formula'>) =>
  t.formula.kind === 'newEnterprises' || t.formula.kind === 'tierEntrants';

/** Computes one target's results for every month of the window (month, dimension, group, value). */
export async function targetResults(
  db: Queryable,
  ctx: MonitoringContext,
  t: TargetDef,
  w: Window,
): Promise<ResultRow[]> {
  if (t.formula.kind === 'manual') return manualSeries(db, ctx.districtId, t.code, w);
  const contrib = contributionsSql(t.formula, w);
  if (contrib) {
    const out = await rows<ResultRow>(
      db,
      aggregateContributionsSql(ctx.districtId, contrib, scaleOf(t.unit)),
    );
    // A month nobody contributed to is zero (no new enterprise yet), not unknown.
    const seen = new Set(out.filter((r) => r.dimension === 'total').map((r) => r.month));
    for (const m of periodRange(parsePeriod(w.from), parsePeriod(w.to))) {
      if (!seen.has(m))
        out.push({ month: m, dimension: 'total', group_key: '', value: '0', contributors: 0 });
    }
    if (isEntrantsTarget(t)) out.push(...(await entrantChanges(db, t, w)));
    return out.map((r) => ({ ...r, value: r.value === null ? null : String(r.value) }));
  }
  const flows = flowResultsSql(t.formula, w, scaleOf(t.unit));
  if (!flows) return [];
  const out = await rows<ResultRow>(db, flows);
  return out.map((r) => ({
    ...r,
    value: r.value === null ? null : String(r.value),
    contributors: r.contributors ?? 0,
  }));
}

export interface RecomputeSummary {
  from: string;
  to: string;
  facts: number;
  results: number;
  snapshots: { published: number; revised: number };
  /** Targets whose status at the latest month is worse than the month before (for alerts). */
  worsened: { code: string; month: string; from: string; to: string }[];
}

/**
 * Recomputes the district's monitoring: the fact table from the reports, every target's monthly results with
 * breakdowns, then the snapshots — a month's evaluation is published once and a later change (a late or corrected
 * report) adds a revision, so history is never rewritten.
 */
export function recompute(
  db: Db,
  districtId: string,
  now: Date,
  actor?: Actor,
): Promise<RecomputeSummary | undefined> {
  return time('recompute', {}, () => recomputeDistrict(db, districtId, now, actor));
}

async function recomputeDistrict(
  db: Db,
  districtId: string,
  now: Date,
  actor?: Actor,
): Promise<RecomputeSummary | undefined> {
  const ctx = await monitoringContext(db, districtId);
  if (!ctx) return undefined;
  const lastClosed = lastClosedMonth(now);
  const to = lastClosed < ctx.deadline ? lastClosed : ctx.deadline;
  const from = ctx.baseline;
  const factsFrom = addMonths(ctx.baseline, -23);
  if (to < from) {
    // Nothing to compute yet; subscribers hear of the run all the same (reporting-rate alerts, policies).
    const empty = { from, to, facts: 0, results: 0, snapshots: { published: 0, revised: 0 }, worsened: [] };
    await publish(db, recomputed.of(districtId, empty));
    return empty;
  }
  const w: Window = { districtId, baseline: ctx.baseline, from, to };

  const summary = await db.transaction(async (tx) => {
    for (const q of rebuildFactsSql(districtId, factsFrom, to, ctx.settings.carryForwardMonths))
      await tx.execute(q);
    // Fresh statistics after a bulk rewrite: without them the planner picks nested loops and a recompute takes 20× longer.
    await tx.execute(sql`ANALYZE monitoring_facts`);
    // Tiers month by month from a year before the baseline (so entrants are told from members at the baseline).
    await evaluateTiers(tx, districtId, ctx.settings.tiers, addMonths(ctx.baseline, -12), to, ctx.settings);
    await tx.execute(sql`ANALYZE tier_months`);
    const [factCount] = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM monitoring_facts WHERE district_id = ${districtId}`,
    );
    await tx.delete(indicatorResults).where(eq(indicatorResults.districtId, districtId));
    let results = 0;
    const totals = new Map<string, Point[]>();
    for (const t of ctx.targets) {
      const out = await targetResults(tx, ctx, t, w);
      results += out.length;
      for (let i = 0; i < out.length; i += 2000) {
        await tx.insert(indicatorResults).values(
          out.slice(i, i + 2000).map((r) => ({
            districtId,
            targetCode: t.code,
            month: monthDate(r.month),
            dimension: r.dimension,
            groupKey: r.group_key ?? '',
            value: r.value,
            contributors: r.contributors ?? 0,
          })),
        );
      }
      const series = out
        .filter((r) => r.dimension === 'total')
        .map((r) => ({ period: parsePeriod(r.month), value: r.value === null ? null : Number(r.value) }));
      // The baseline month itself: growth targets start at zero there, level targets at their value.
      totals.set(t.code, series);
    }

    let published = 0;
    let revised = 0;
    const worsened: RecomputeSummary['worsened'] = [];
    for (const t of ctx.targets) {
      const evals = evaluateTarget(ctx, t, totals.get(t.code) ?? []);
      const latest = await rows<{ month: string; revision: number; value: string | null; status: string }>(
        tx,
        sql`SELECT DISTINCT ON (month) to_char(month, 'YYYY-MM') AS month, revision, value::text, status
            FROM indicator_snapshots WHERE district_id = ${districtId} AND target_code = ${t.code}
            ORDER BY month, revision DESC`,
      );
      const known = new Map(latest.map((l) => [l.month, l]));
      const fresh: (typeof indicatorSnapshots.$inferInsert)[] = [];
      for (const e of evals) {
        const prev = known.get(e.period);
        const value = e.value === null ? null : round6(e.value);
        if (prev && sameValue(prev.value, value) && prev.status === e.status) continue;
        fresh.push({
          districtId,
          targetCode: t.code,
          month: monthDate(e.period),
          revision: (prev?.revision ?? 0) + 1,
          value: value === null ? null : String(value),
          status: e.status,
          evaluation: e,
          reason: prev ? 'revised' : 'published',
        });
        if (prev) revised++;
        else published++;
      }
      if (fresh.length) await tx.insert(indicatorSnapshots).values(fresh);
      const last = evals.at(-1);
      const before = evals.at(-2);
      if (last && before && isWorse(before.status, last.status)) {
        worsened.push({ code: t.code, month: last.period, from: before.status, to: last.status });
      }
    }
    await writeReportingRates(
      tx,
      districtId,
      addMonths(ctx.baseline, -11),
      to,
      ctx.settings.reportDeadlineDay,
    );
    await tx.insert(monitoringRuns).values({
      districtId,
      // The platform's clock, not the database's: the nightly job compares this with its occurrence's scheduled
      // instant, which comes from the same clock (a test's injected clock made the two disagree after real time
      // passed the fixture's dates).
      finishedAt: now,
      fromMonth: monthDate(from),
      toMonth: monthDate(to),
      summary: { facts: factCount?.n ?? 0, results, published, revised, worsened },
    });
    if (actor) {
      await audit(tx, actor, {
        action: 'recompute',
        entity: 'monitoring',
        entityId: districtId,
        after: { from, to, facts: factCount?.n ?? 0, results, published, revised },
      });
    }
    const done = { from, to, facts: factCount?.n ?? 0, results, snapshots: { published, revised }, worsened };
    // In the run's transaction: alerts and policy evaluation follow every committed recompute, and only those.
    await publish(tx, recomputed.of(districtId, done));
    return done;
  });
  return summary;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const sameValue = (a: string | null, b: number | null) =>
  a === null ? b === null : b !== null && Math.abs(Number(a) - b) < 1e-6;

/** A target reached or not (0/1), reported by a department: no trend, and only 0 or 1 as its value. */
export const isMilestone = (t: Pick<TargetDef, 'formula'>): boolean =>
  t.formula.kind === 'manual' && t.formula.milestone === true;

/** The evaluation of every month of a target's total series (growth targets start from zero at the baseline). */
export function evaluateTarget(ctx: MonitoringContext, t: TargetDef, series: Point[]): Evaluation[] {
  if (!series.length) return [];
  return evaluateSeries(
    {
      goal: t.goal,
      aim: t.aim,
      baselinePeriod: ctx.baseline,
      deadlinePeriod: periodOfDate(t.deadline),
      milestone: isMilestone(t),
    },
    series,
    ctx.settings.thresholds,
  );
}

/** Stored results of a district, optionally one target and one dimension. */
export async function readResults(
  db: Queryable,
  districtId: string,
  opts: { targetCode?: string; dimension?: string; dimensions?: string[]; month?: string } = {},
) {
  const conds = [eq(indicatorResults.districtId, districtId)];
  if (opts.targetCode) conds.push(eq(indicatorResults.targetCode, opts.targetCode));
  if (opts.dimension) conds.push(eq(indicatorResults.dimension, opts.dimension));
  if (opts.dimensions) conds.push(inArray(indicatorResults.dimension, opts.dimensions));
  if (opts.month) conds.push(eq(indicatorResults.month, monthDate(opts.month)));
  return db
    .select()
    .from(indicatorResults)
    .where(and(...conds))
    .orderBy(asc(indicatorResults.targetCode), asc(indicatorResults.month));
}

export async function snapshotsOf(db: Queryable, districtId: string, targetCode: string) {
  return db
    .select()
    .from(indicatorSnapshots)
    .where(and(eq(indicatorSnapshots.districtId, districtId), eq(indicatorSnapshots.targetCode, targetCode)))
    .orderBy(asc(indicatorSnapshots.month), asc(indicatorSnapshots.revision));
}

/** The latest recompute of a district (its time dates the dashboard), or undefined before the first. */
export async function latestRun(db: Queryable, districtId: string) {
  const [r] = await db
    .select({ id: monitoringRuns.id, finishedAt: monitoringRuns.finishedAt, toMonth: monitoringRuns.toMonth })
    .from(monitoringRuns)
    .where(eq(monitoringRuns.districtId, districtId))
    .orderBy(desc(monitoringRuns.finishedAt))
    .limit(1);
  return r
    ? { id: r.id, finishedAt: new Date(r.finishedAt).toISOString(), toMonth: r.toMonth.slice(0, 7) }
    : undefined;
}

export async function lastComputedAt(db: Queryable, districtId: string): Promise<string | null> {
  return (await latestRun(db, districtId))?.finishedAt ?? null;
}

/**
 * Reporting coverage per month and subdistrict, stored at recompute so dashboards read a few rows instead of joining
 * every enterprise with every report on each request.
 */
async function writeReportingRates(
  db: Queryable,
  districtId: string,
  from: string,
  to: string,
  deadlineDay: number,
) {
  await db.delete(reportingRates).where(eq(reportingRates.districtId, districtId));
  // Each month with the first instant past its deadline (moved off weekends and holidays by platform/time).
  const dues = periodRange(parsePeriod(from), parsePeriod(to)).map((m) => {
    const after = startOfDay(addDays(reportDeadline(m, deadlineDay).date, 1));
    return sql`(${monthDate(m)}::date, ${after.toISOString()}::timestamptz)`;
  });
  await db.execute(sql`
    WITH months(month, due) AS (VALUES ${sql.join(dues, sql`, `)}),
    expected AS (
      SELECT m.month, m.due, e.id, e.subdistrict_id
      FROM months m CROSS JOIN LATERAL (${enterprisesPresentInMonthSql(districtId, sql`m.month`)}) e
    ),
    firsts AS (${firstSubmissionsSql(districtId, monthDate(from), monthDate(to))}),
    joined AS (
      SELECT x.month, x.subdistrict_id, f.first_at, x.due
      FROM expected x LEFT JOIN firsts f ON f.enterprise_id = x.id AND f.period = x.month
    )
    INSERT INTO reporting_rates (district_id, month, subdistrict_id, expected, reported, on_time)
    SELECT ${districtId}, month, coalesce(subdistrict_id::text, ''), count(*)::int, count(first_at)::int,
           count(*) FILTER (WHERE first_at < due)::int
    FROM joined GROUP BY GROUPING SETS ((month, subdistrict_id), (month))`);
}

/** Stored reporting coverage of one month: the district ('') and each subdistrict. */
export async function storedReportingRates(db: Queryable, districtId: string, month: string) {
  return db
    .select()
    .from(reportingRates)
    .where(and(eq(reportingRates.districtId, districtId), eq(reportingRates.month, monthDate(month))));
}

/**
 * The enterprises behind one target's value in one month, largest contribution first, optionally within one
 * breakdown group — the drill-down from a figure to the firms that make it.
 */
export async function contributors(
  db: Queryable,
  ctx: MonitoringContext,
  t: TargetDef,
  q: {
    month: string;
    dimension?: string | undefined;
    group?: string | undefined;
    onlySubdistrictId?: string | null;
    page: number;
    pageSize: number;
  },
) {
  const w: Window = { districtId: ctx.districtId, baseline: ctx.baseline, from: q.month, to: q.month };
  const contrib = contributionsSql(t.formula, w) ?? flowContributionsSql(t.formula, ctx.districtId, q.month);
  if (!contrib) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const scale = t.formula.kind === 'flowRatio' ? 100_000_000 : scaleOf(t.unit);
  const group =
    q.dimension === 'subdistrict' && q.group
      ? sql`AND e.subdistrict_id::text = ${q.group}`
      : q.dimension === 'field' && q.group
        ? sql`AND ${q.group} = ANY(e.fields)`
        : q.dimension === 'sizeBand' && q.group
          ? sql`AND ${sizeBandSql(sql`c.employees`)} = ${q.group}`
          : sql``;
  const scope = q.onlySubdistrictId ? sql`AND e.subdistrict_id = ${q.onlySubdistrictId}` : sql``;
  const base = sql`FROM (${contrib}) c JOIN (${enterpriseAttributesSql(ctx.districtId)}) e ON e.id = c.enterprise_id
                   JOIN (${unitNamesSql(ctx.districtId)}) u ON u.id = e.subdistrict_id
                   WHERE (c.has_data OR c.value <> 0) ${group} ${scope}`;
  const items = await rows<{
    id: string;
    uscc: string;
    name: string;
    sub_id: string;
    sub_name: string;
    value: string;
    has_data: boolean;
    status: string;
  }>(
    db,
    sql`SELECT e.id::text, e.uscc, e.name, u.id::text AS sub_id, u.name AS sub_name, (c.value::numeric / ${scale})::text AS value,
               c.has_data, e.status
        ${base} ORDER BY c.value DESC, e.name LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const [total] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n ${base}`);
  return {
    items: items.map((i) => ({
      id: i.id,
      uscc: i.uscc,
      name: i.name,
      subdistrict: { id: i.sub_id, name: i.sub_name },
      value: Number(i.value),
      status: i.status,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function addManualValue(
  db: Db,
  actor: Actor,
  v: {
    targetCode: string;
    asOf: string;
    value: number;
    source: string;
    note?: string | undefined;
    unitId: string | null;
  },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(manualValues)
      .values({
        districtId: actor.districtId,
        targetCode: v.targetCode,
        asOf: v.asOf,
        value: String(v.value),
        source: v.source,
        note: v.note ?? null,
        unitId: v.unitId,
        enteredBy: actor.userId,
      })
      .returning();
    await audit(tx, actor, { action: 'create', entity: 'manualValue', entityId: row!.id, after: { ...v } });
    return row!;
  });
}

export async function manualValuesOf(db: Queryable, districtId: string, targetCode: string) {
  return db
    .select()
    .from(manualValues)
    .where(and(eq(manualValues.districtId, districtId), eq(manualValues.targetCode, targetCode)))
    .orderBy(desc(manualValues.asOf), desc(manualValues.enteredAt));
}

/**
 * The latest published evaluation (its newest revision) of each of `codes`, of a month up to `month`: for other
 * modules that fold a target's status and trend into their own (督查督办's items linked to targets). Read-only.
 */
export async function latestEvaluations(
  db: Queryable,
  districtId: string,
  codes: string[],
  month: string,
): Promise<Map<string, { month: string; status: string; evaluation: Evaluation }>> {
  const out = new Map<string, { month: string; status: string; evaluation: Evaluation }>();
  if (!codes.length) return out;
  const found = await db
    .selectDistinctOn([indicatorSnapshots.targetCode])
    .from(indicatorSnapshots)
    .where(
      and(
        eq(indicatorSnapshots.districtId, districtId),
        inArray(indicatorSnapshots.targetCode, codes),
        sql`${indicatorSnapshots.month} <= ${monthDate(month)}`,
      ),
    )
    .orderBy(
      asc(indicatorSnapshots.targetCode),
      desc(indicatorSnapshots.month),
      desc(indicatorSnapshots.revision),
    );
  for (const r of found)
    out.set(r.targetCode, {
      month: r.month.slice(0, 7),
      status: r.status,
      evaluation: r.evaluation as Evaluation,
    });
  return out;
}

// The indicator engine's SQL: the monthly fact table, and each formula kind as per-enterprise contributions or flows.
import { sql, type SQL } from 'drizzle-orm';
import type { Formula } from '../plan/plan-file.ts';
import { enterpriseStaysSql } from '../enterprises/enterprises.sql.ts';
import { figure } from '../reports/figures.ts';
import { currentReportsSql, figureColumnList, perFigure } from '../reports/reports.sql.ts';
import { tierMembersSql } from '../policies/tiers.sql.ts';

/** A month as the first day of it, for SQL. */
export const monthDate = (period: string) => `${period}-01`;

/** The fact table's column of a figure: the same name as in reports (the figure catalogue's `column`). */
const factColumn = (key: Parameters<typeof figure>[0]) => figure(key).column;

/**
 * Rebuilds the fact table for a district: one row per enterprise and month it was in the district (from the day it
 * settled to the day it left), with the current report of that month, or its last report carried forward for up to
 * `carry` months; beyond that the month has no data (has_data = false, zeros).
 */
export function rebuildFactsSql(districtId: string, from: string, to: string, carry: number): SQL[] {
  return [
    sql`DELETE FROM monitoring_facts WHERE district_id = ${districtId}`,
    sql`INSERT INTO monitoring_facts (district_id, month, enterprise_id, has_data, carried, ${figureColumnList()})
        WITH months AS (
          SELECT generate_series(${monthDate(from)}::date, ${monthDate(to)}::date, interval '1 month')::date AS month
        ),
        present AS (
          SELECT e.id AS enterprise_id, m.month
          FROM (${enterpriseStaysSql(districtId)}) e JOIN months m
            ON e.settled_on <= (m.month + interval '1 month' - interval '1 day')::date
           AND (e.left_on IS NULL OR e.left_on >= m.month)
        ),
        current_reports AS (
          SELECT r.*, lead(r.period) OVER (PARTITION BY r.enterprise_id ORDER BY r.period) AS next_period
          FROM (${currentReportsSql(districtId, { to: monthDate(to) })}) r
        ),
        covered AS (
          -- Each report covers its own month and, until the next report, up to "carry" months after it.
          SELECT c.enterprise_id, gs.month::date AS month, gs.month::date <> c.period AS carried, ${figureColumnList('c')}
          FROM current_reports c,
               generate_series(c.period,
                               least(coalesce(c.next_period - interval '1 month', ${monthDate(to)}::date),
                                     c.period + make_interval(months => ${carry}),
                                     ${monthDate(to)}::date),
                               interval '1 month') AS gs(month)
        )
        SELECT ${districtId}, p.month, p.enterprise_id, c.enterprise_id IS NOT NULL, coalesce(c.carried, false),
               -- Stocks carry; a carried-forward flow would count one month's revenue twice: flows are carried as zero.
               ${perFigure((f) =>
                 f.kind === 'stock'
                   ? `coalesce(c.${f.column}, 0)`
                   : `CASE WHEN c.carried THEN 0 ELSE coalesce(c.${f.column}, 0) END`,
               )}
        FROM present p LEFT JOIN covered c ON c.enterprise_id = p.enterprise_id AND c.month = p.month`,
  ];
}

/** The last day of the month starting at `month` (a date), in SQL. */
export const monthEndSql = (month: SQL) => sql`(${month} + interval '1 month' - interval '1 day')::date`;

/**
 * In the district at the end of the month starting at `month`: a firm whose leftOn falls in the month is gone by its
 * end (stocks and counts are month-end positions). Expects the enterprise as `e`.
 */
const atMonthEnd = (month: SQL) => sql`(e.left_on IS NULL OR e.left_on > ${monthEndSql(month)})`;

/** The band of a firm without data in force at the month's end: no band, shown as its own group. */
export const unknownBand = 'unknown';

/**
 * Size bands by headcount at the month's end (for the breakdown by enterprise size). `employees` is null when the
 * firm had no data in force then (missing, or gone by the month's end): that is no band, not the smallest one.
 */
export const sizeBandSql = (employees: SQL) =>
  sql`CASE WHEN ${employees} IS NULL THEN ${sql.raw(`'${unknownBand}'`)} WHEN ${employees} < 10 THEN 'micro' WHEN ${employees} < 100 THEN 'small' WHEN ${employees} < 300 THEN 'medium' ELSE 'large' END`;
export const sizeBands = ['micro', 'small', 'medium', 'large', unknownBand] as const;

export interface Window {
  districtId: string;
  baseline: string;
  /** First and last month to evaluate ('YYYY-MM'). */
  from: string;
  to: string;
}

/**
 * For additive formulas: rows (month, enterprise_id, value, has_data, employees) giving each enterprise's contribution
 * to the target's value in each month; the target's value is their sum. `employees` is the headcount the size band
 * is read from (null: no band). Null for flow and manual formulas.
 */
export function contributionsSql(formula: Formula, w: Window): SQL | null {
  const { districtId } = w;
  const B = monthDate(w.baseline);
  const months = sql`SELECT generate_series(${monthDate(w.from)}::date, ${monthDate(w.to)}::date, interval '1 month')::date AS month`;
  const inWindow = sql`f.month BETWEEN ${monthDate(w.from)}::date AND ${monthDate(w.to)}::date`;
  // The headcount in force at the month's end, for the size band: none when missing or gone by then.
  const bandEmployees = sql`CASE WHEN f.has_data AND ${atMonthEnd(sql`f.month`)} THEN f.employees END`;
  switch (formula.kind) {
    case 'stockGrowth': {
      const col = sql.raw(factColumn(formula.measure));
      // Baseline of each enterprise in the district at the end of the baseline month: its figure that month, or (if
      // it had none then) its first reported figure after it. Enterprises that came later start from zero.
      return sql`
        WITH first_known AS (
          SELECT DISTINCT ON (f.enterprise_id) f.enterprise_id, f.${col} AS v, f.employees
          FROM monitoring_facts f
          WHERE f.district_id = ${districtId} AND f.month >= ${B}::date AND f.has_data
          ORDER BY f.enterprise_id, f.month
        ),
        base AS (
          SELECT e.id, e.left_on, fk.v AS base_v, fk.employees AS base_employees
          FROM (${enterpriseStaysSql(districtId)}) e
          JOIN monitoring_facts fb ON fb.district_id = ${districtId} AND fb.enterprise_id = e.id AND fb.month = ${B}::date
          LEFT JOIN first_known fk ON fk.enterprise_id = e.id
          WHERE ${atMonthEnd(sql`${B}::date`)}
        )
        SELECT f.month, f.enterprise_id,
               CASE WHEN f.has_data THEN f.${col} - coalesce(b.base_v, 0) ELSE 0 END AS value,
               f.has_data, ${bandEmployees} AS employees
        FROM monitoring_facts f
        JOIN (${enterpriseStaysSql(districtId)}) e ON e.id = f.enterprise_id
        LEFT JOIN base b ON b.id = f.enterprise_id
        WHERE f.district_id = ${districtId} AND ${inWindow} AND ${atMonthEnd(sql`f.month`)}
        UNION ALL
        -- Gone by the month's end (moved out or closed during it or before), in the district at the baseline: its
        -- baseline figure is a loss, in the band of its baseline headcount (the figure that was lost).
        SELECT m.month, b.id, -coalesce(b.base_v, 0), b.base_v IS NOT NULL, b.base_employees
        FROM base b JOIN (${months}) m ON b.left_on IS NOT NULL AND b.left_on <= ${monthEndSql(sql`m.month`)}`;
    }
    case 'newEnterprises':
      // Gross entries: every enterprise that settled after the baseline and by the month's end, whether or not it
      // is still there (exits and net change are beside it: enterpriseChangesSql).
      return sql`
        SELECT m.month, e.id AS enterprise_id, 1 AS value, true AS has_data,
               CASE WHEN f.has_data AND ${atMonthEnd(sql`m.month`)} THEN f.employees END AS employees
        FROM (${months}) m
        JOIN (${enterpriseStaysSql(districtId)}) e
          ON e.settled_on > ${monthEndSql(sql`${B}::date`)} AND e.settled_on <= ${monthEndSql(sql`m.month`)}
        LEFT JOIN monitoring_facts f ON f.district_id = ${districtId} AND f.enterprise_id = e.id AND f.month = m.month`;
    case 'tierEntrants':
      // Members of the tier in the month (tier_months, evaluated from the tier's rule) that were not members at the
      // baseline month and are still in the district at the month's end.
      return sql`
        SELECT f.month, f.enterprise_id, 1 AS value, true AS has_data, ${bandEmployees} AS employees
        FROM monitoring_facts f
        JOIN (${enterpriseStaysSql(districtId)}) e ON e.id = f.enterprise_id
        JOIN (${tierMembersSql(districtId, formula.tier)}) t ON t.month = f.month AND t.enterprise_id = f.enterprise_id
        WHERE f.district_id = ${districtId} AND ${inWindow} AND ${atMonthEnd(sql`f.month`)}
          AND NOT EXISTS (SELECT 1 FROM (${tierMembersSql(districtId, formula.tier)}) b
                          WHERE b.month = ${B}::date AND b.enterprise_id = f.enterprise_id)`;
    default:
      return null;
  }
}

/**
 * Beside a newEnterprises target: per month, the gross entries since the baseline (its value), the exits since the
 * baseline (moved out or closed after the baseline's end and by the month's end, entrants included), and the stock —
 * the enterprises in the district at the month's end. Net change (entries − exits) = stock − the baseline's stock.
 * Rows (month, entries, exits, stock).
 */
export function enterpriseChangesSql(w: Window): SQL {
  const B = monthEndSql(sql`${monthDate(w.baseline)}::date`);
  const end = monthEndSql(sql`m.month`);
  return sql`
    WITH months AS (
      SELECT generate_series(${monthDate(w.from)}::date, ${monthDate(w.to)}::date, interval '1 month')::date AS month
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month,
           count(e.id) FILTER (WHERE e.settled_on > ${B} AND e.settled_on <= ${end})::int AS entries,
           count(e.id) FILTER (WHERE e.left_on > ${B} AND e.left_on <= ${end})::int AS exits,
           count(e.id) FILTER (WHERE e.settled_on <= ${end} AND (e.left_on IS NULL OR e.left_on > ${end}))::int AS stock
    FROM months m LEFT JOIN (${enterpriseStaysSql(w.districtId)}) e ON true
    GROUP BY m.month ORDER BY m.month`;
}

/**
 * Beside a tierEntrants target: per month, the tier's members in the district at the month's end (stock), those of
 * them that were not members at the baseline (entries — the target's value), and the baseline's members that are not
 * members now (exits: they left the tier, or the district). Net change = entries − exits = stock − baseline stock.
 * Rows (month, entries, exits, stock).
 */
export function tierChangesSql(w: Window, tier: string): SQL {
  return sql`
    WITH months AS (
      SELECT generate_series(${monthDate(w.from)}::date, ${monthDate(w.to)}::date, interval '1 month')::date AS month
    ),
    mem AS (
      SELECT t.month, t.enterprise_id
      FROM (${tierMembersSql(w.districtId, tier)}) t
      JOIN monitoring_facts f ON f.district_id = ${w.districtId} AND f.enterprise_id = t.enterprise_id AND f.month = t.month
      JOIN (${enterpriseStaysSql(w.districtId)}) e ON e.id = t.enterprise_id
      WHERE ${atMonthEnd(sql`t.month`)}
    ),
    base AS (SELECT enterprise_id FROM mem WHERE month = ${monthDate(w.baseline)}::date)
    SELECT to_char(m.month, 'YYYY-MM') AS month,
           (SELECT count(*) FROM mem x WHERE x.month = m.month
              AND NOT EXISTS (SELECT 1 FROM base b WHERE b.enterprise_id = x.enterprise_id))::int AS entries,
           (SELECT count(*) FROM base b WHERE NOT EXISTS
              (SELECT 1 FROM mem x WHERE x.month = m.month AND x.enterprise_id = b.enterprise_id))::int AS exits,
           (SELECT count(*) FROM mem x WHERE x.month = m.month)::int AS stock
    FROM months m ORDER BY m.month`;
}

/** The group key of an enterprise in a breakdown dimension. */
export const dimensions = ['total', 'subdistrict', 'sizeBand', 'field'] as const;
export type Dimension = (typeof dimensions)[number];

/**
 * Aggregates a contributions table (`contrib`) into results: per month, in total and by subdistrict, size band and
 * field (an enterprise in several fields counts in each).
 */
export function aggregateContributionsSql(districtId: string, contrib: SQL, scale: number): SQL {
  const val = sql.raw(`sum(c.value)::numeric / ${scale}`);
  return sql`
    WITH c AS (${contrib}), ce AS (
      SELECT c.*, e.subdistrict_id, e.fields FROM c JOIN (${enterpriseStaysSql(districtId)}) e ON e.id = c.enterprise_id
    )
    SELECT to_char(c.month, 'YYYY-MM') AS month, 'total' AS dimension, '' AS group_key, ${val} AS value,
           count(*) FILTER (WHERE c.has_data)::int AS contributors
    FROM ce c GROUP BY c.month
    UNION ALL
    SELECT to_char(c.month, 'YYYY-MM'), 'subdistrict', c.subdistrict_id::text, ${val}, count(*) FILTER (WHERE c.has_data)::int
    FROM ce c GROUP BY c.month, c.subdistrict_id
    UNION ALL
    SELECT to_char(c.month, 'YYYY-MM'), 'sizeBand', ${sizeBandSql(sql`c.employees`)}, ${val}, count(*) FILTER (WHERE c.has_data)::int
    FROM ce c GROUP BY 1, 3
    UNION ALL
    SELECT to_char(c.month, 'YYYY-MM'), 'field', fld, ${val}, count(*) FILTER (WHERE c.has_data)::int
    FROM ce c, unnest(c.fields) AS fld GROUP BY 1, 3`;
}

/**
 * Flows over the trailing 12 months (which at the deadline is the calendar year), in total and by group. A ratio
 * formula divides two of them. Months before `from` are read so the first evaluated month has a full year. Each
 * firm's whole 12-month flow to month m goes to one group: its size band at the end of m (none — 'unknown' — when it
 * has no data in force then or is gone), so the bands with the unknown group sum to the total.
 */
export function flowResultsSql(formula: Formula, w: Window, scale: number): SQL | null {
  if (formula.kind !== 'flowTtm' && formula.kind !== 'flowRatio') return null;
  const num = sql.raw(factColumn(formula.kind === 'flowTtm' ? formula.measure : formula.numerator));
  const den = formula.kind === 'flowRatio' ? sql.raw(`f.${factColumn(formula.denominator)}`) : sql.raw('0');
  const { districtId } = w;
  const from = sql`${monthDate(w.from)}::date`;
  const to = sql`${monthDate(w.to)}::date`;
  const value =
    formula.kind === 'flowRatio'
      ? sql`CASE WHEN sum(x.d) > 0 THEN sum(x.n)::numeric / sum(x.d) * 100 END`
      : sql.raw(`sum(x.n)::numeric / ${scale}`);
  // A firm's fact rows form one run of months (settled to left), so 11 rows back is 11 months back; a firm that left
  // gets empty rows for the 11 months after its last, so its trailing flow stays in the year after it left.
  return sql`
    WITH facts AS (
      SELECT f.enterprise_id, f.month, f.${num} AS n, ${den} AS d, f.has_data, f.employees
      FROM monitoring_facts f
      WHERE f.district_id = ${districtId} AND f.month BETWEEN (${from} - interval '11 months') AND ${to}
    ),
    after_last AS (
      SELECT enterprise_id, max(month) AS last_m FROM facts GROUP BY enterprise_id HAVING max(month) < ${to}
    ),
    runs AS (
      SELECT * FROM facts
      UNION ALL
      SELECT a.enterprise_id, g.month::date, 0, 0, false, NULL
      FROM after_last a,
           generate_series(a.last_m + interval '1 month', least(a.last_m + interval '11 months', ${to}), interval '1 month') AS g(month)
    ),
    rolling AS (
      SELECT month, enterprise_id, sum(n) OVER w12 AS n, sum(d) OVER w12 AS d, has_data,
             CASE WHEN has_data THEN employees END AS employees
      FROM runs
      WINDOW w12 AS (PARTITION BY enterprise_id ORDER BY month ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
    ),
    x AS (
      SELECT r.month, r.n, r.d, r.has_data, e.subdistrict_id::text AS subdistrict, e.fields,
             ${sizeBandSql(sql`CASE WHEN ${atMonthEnd(sql`r.month`)} THEN r.employees END`)} AS band
      FROM rolling r JOIN (${enterpriseStaysSql(districtId)}) e ON e.id = r.enterprise_id
      WHERE r.month BETWEEN ${from} AND ${to}
    )
    SELECT to_char(x.month, 'YYYY-MM') AS month, 'total' AS dimension, '' AS group_key, ${value} AS value,
           count(*) FILTER (WHERE x.has_data)::int AS contributors
    FROM x GROUP BY x.month
    UNION ALL
    SELECT to_char(x.month, 'YYYY-MM'), 'subdistrict', x.subdistrict, ${value}, count(*) FILTER (WHERE x.has_data)::int
    FROM x GROUP BY x.month, x.subdistrict
    UNION ALL
    SELECT to_char(x.month, 'YYYY-MM'), 'sizeBand', x.band, ${value}, count(*) FILTER (WHERE x.has_data)::int
    FROM x GROUP BY x.month, x.band
    UNION ALL
    SELECT to_char(x.month, 'YYYY-MM'), 'field', fld, ${value}, count(*) FILTER (WHERE x.has_data)::int
    FROM x, unnest(x.fields) AS fld GROUP BY x.month, fld`;
}

/**
 * Per enterprise, the flow over the 12 months to `month` (for drill-down), with the headcount its size band is read
 * from: the one in force at the end of `month` (null when missing or gone by then).
 */
export function flowContributionsSql(formula: Formula, districtId: string, month: string): SQL | null {
  if (formula.kind !== 'flowTtm' && formula.kind !== 'flowRatio') return null;
  const num = sql.raw(factColumn(formula.kind === 'flowTtm' ? formula.measure : formula.numerator));
  const M = sql`${monthDate(month)}::date`;
  return sql`
    SELECT ${M} AS month, f.enterprise_id, sum(f.${num}) AS value, bool_or(f.has_data) AS has_data,
           max(f.employees) FILTER (WHERE f.month = ${M} AND f.has_data AND ${atMonthEnd(M)}) AS employees
    FROM monitoring_facts f JOIN (${enterpriseStaysSql(districtId)}) e ON e.id = f.enterprise_id
    WHERE f.district_id = ${districtId} AND f.month BETWEEN ${M} - interval '11 months' AND ${M}
    GROUP BY f.enterprise_id`;
}

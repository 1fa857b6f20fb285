// The indicator engine's SQL: the monthly fact table, and each formula kind as per-enterprise contributions or flows.
import { sql, type SQL } from 'drizzle-orm';
import type { Formula } from '../plan/plan-file.ts';

/** A month as the first day of it, for SQL. */
export const monthDate = (period: string) => `${period}-01`;

const stockColumn = { employees: 'employees', coreTalents: 'core_talents', usedArea: 'used_area' } as const;
const flowColumn = {
  operatingRevenue: 'operating_revenue',
  softwareRevenue: 'software_revenue',
  softwareProductRevenue: 'software_product_revenue',
  rdExpense: 'rd_expense',
} as const;

/**
 * Rebuilds the fact table for a district: one row per enterprise and month it was in the district (from the day it
 * settled to the day it left), with the current report of that month, or its last report carried forward for up to
 * `carry` months; beyond that the month has no data (has_data = false, zeros).
 */
export function rebuildFactsSql(districtId: string, from: string, to: string, carry: number): SQL[] {
  return [
    sql`DELETE FROM monitoring_facts WHERE district_id = ${districtId}`,
    sql`INSERT INTO monitoring_facts (district_id, month, enterprise_id, has_data, carried, employees, core_talents, used_area,
          operating_revenue, software_revenue, software_product_revenue, rd_expense)
        WITH months AS (
          SELECT generate_series(${monthDate(from)}::date, ${monthDate(to)}::date, interval '1 month')::date AS month
        ),
        present AS (
          SELECT e.id AS enterprise_id, m.month
          FROM enterprises e JOIN months m
            ON e.settled_on <= (m.month + interval '1 month' - interval '1 day')::date
           AND (e.left_on IS NULL OR e.left_on >= m.month)
          WHERE e.district_id = ${districtId}
        ),
        current_reports AS (
          SELECT r.*, lead(r.period) OVER (PARTITION BY r.enterprise_id ORDER BY r.period) AS next_period
          FROM reports r WHERE r.district_id = ${districtId} AND r.is_current AND r.period <= ${monthDate(to)}::date
        ),
        covered AS (
          -- Each report covers its own month and, until the next report, up to "carry" months after it.
          SELECT c.enterprise_id, gs.month::date AS month, gs.month::date <> c.period AS carried,
                 c.employees, c.core_talents, c.used_area, c.operating_revenue, c.software_revenue,
                 c.software_product_revenue, c.rd_expense
          FROM current_reports c,
               generate_series(c.period,
                               least(coalesce(c.next_period - interval '1 month', ${monthDate(to)}::date),
                                     c.period + make_interval(months => ${carry}),
                                     ${monthDate(to)}::date),
                               interval '1 month') AS gs(month)
        )
        SELECT ${districtId}, p.month, p.enterprise_id, c.enterprise_id IS NOT NULL, coalesce(c.carried, false),
               coalesce(c.employees, 0), coalesce(c.core_talents, 0), coalesce(c.used_area, 0),
               -- A carried-forward flow would count one month's revenue twice: flows are carried as zero.
               CASE WHEN c.carried THEN 0 ELSE coalesce(c.operating_revenue, 0) END,
               CASE WHEN c.carried THEN 0 ELSE coalesce(c.software_revenue, 0) END,
               CASE WHEN c.carried THEN 0 ELSE coalesce(c.software_product_revenue, 0) END,
               CASE WHEN c.carried THEN 0 ELSE coalesce(c.rd_expense, 0) END
        FROM present p LEFT JOIN covered c ON c.enterprise_id = p.enterprise_id AND c.month = p.month`,
  ];
}

/** Size bands by headcount at the month (for the breakdown by enterprise size). */
export const sizeBandSql = (employees: SQL) =>
  sql`CASE WHEN ${employees} < 10 THEN 'micro' WHEN ${employees} < 100 THEN 'small' WHEN ${employees} < 300 THEN 'medium' ELSE 'large' END`;
export const sizeBands = ['micro', 'small', 'medium', 'large'] as const;

export interface Window {
  districtId: string;
  baseline: string;
  /** First and last month to evaluate ('YYYY-MM'). */
  from: string;
  to: string;
}

/**
 * For additive formulas: rows (month, enterprise_id, value, has_data, employees) giving each enterprise's contribution
 * to the target's value in each month; the target's value is their sum. Null for flow and manual formulas.
 */
export function contributionsSql(formula: Formula, w: Window): SQL | null {
  const { districtId } = w;
  const B = monthDate(w.baseline);
  const months = sql`SELECT generate_series(${monthDate(w.from)}::date, ${monthDate(w.to)}::date, interval '1 month')::date AS month`;
  const inWindow = sql`f.month BETWEEN ${monthDate(w.from)}::date AND ${monthDate(w.to)}::date`;
  switch (formula.kind) {
    case 'stockGrowth': {
      const col = sql.raw(stockColumn[formula.measure]);
      // Baseline of each enterprise in the district at the baseline: its figure that month, or (if it had none then)
      // its first reported figure after it. Enterprises that came later start from zero.
      return sql`
        WITH first_known AS (
          SELECT DISTINCT ON (f.enterprise_id) f.enterprise_id, f.${col} AS v, f.employees
          FROM monitoring_facts f
          WHERE f.district_id = ${districtId} AND f.month >= ${B}::date AND f.has_data
          ORDER BY f.enterprise_id, f.month
        ),
        base AS (
          SELECT e.id, e.left_on, fk.v AS base_v, coalesce(fk.employees, 0) AS base_employees
          FROM enterprises e
          JOIN monitoring_facts fb ON fb.district_id = e.district_id AND fb.enterprise_id = e.id AND fb.month = ${B}::date
          LEFT JOIN first_known fk ON fk.enterprise_id = e.id
          WHERE e.district_id = ${districtId}
        )
        SELECT f.month, f.enterprise_id,
               CASE WHEN f.has_data THEN f.${col} - coalesce(b.base_v, 0) ELSE 0 END AS value,
               f.has_data, f.employees
        FROM monitoring_facts f LEFT JOIN base b ON b.id = f.enterprise_id
        WHERE f.district_id = ${districtId} AND ${inWindow}
        UNION ALL
        -- Gone: in the district at the baseline, moved out or closed before the month. Their baseline is a loss.
        SELECT m.month, b.id, -coalesce(b.base_v, 0), true, b.base_employees
        FROM base b JOIN (${months}) m ON b.left_on IS NOT NULL AND b.left_on < m.month`;
    }
    case 'newEnterprises':
      return sql`
        SELECT f.month, f.enterprise_id, 1 AS value, true AS has_data, f.employees
        FROM monitoring_facts f
        JOIN enterprises e ON e.district_id = f.district_id AND e.id = f.enterprise_id
        WHERE f.district_id = ${districtId} AND ${inWindow}
          AND e.settled_on > (${B}::date + interval '1 month' - interval '1 day')::date`;
    case 'tierEntrants':
      // Members of the tier in the month (tier_months, evaluated from the tier's rule) that were not members at the
      // baseline month.
      return sql`
        SELECT f.month, f.enterprise_id, 1 AS value, true AS has_data, f.employees
        FROM monitoring_facts f
        JOIN tier_months t ON t.district_id = f.district_id AND t.tier = ${formula.tier}
                          AND t.month = f.month AND t.enterprise_id = f.enterprise_id
        WHERE f.district_id = ${districtId} AND ${inWindow}
          AND NOT EXISTS (SELECT 1 FROM tier_months b WHERE b.district_id = ${districtId} AND b.tier = ${formula.tier}
                            AND b.month = ${B}::date AND b.enterprise_id = f.enterprise_id)`;
    default:
      return null;
  }
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
      SELECT c.*, e.subdistrict_id, e.fields FROM c JOIN enterprises e ON e.district_id = ${districtId} AND e.id = c.enterprise_id
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
 * formula divides two of them. Months before `from` are read so the first evaluated month has a full year.
 */
export function flowResultsSql(formula: Formula, w: Window, scale: number): SQL | null {
  if (formula.kind !== 'flowTtm' && formula.kind !== 'flowRatio') return null;
  const num = sql.raw(flowColumn[formula.kind === 'flowTtm' ? formula.measure : formula.numerator]);
  const den = formula.kind === 'flowRatio' ? sql.raw(`f.${flowColumn[formula.denominator]}`) : sql.raw('0');
  const { districtId } = w;
  const value =
    formula.kind === 'flowRatio'
      ? sql`CASE WHEN sum(x.d) > 0 THEN sum(x.n)::numeric / sum(x.d) * 100 END`
      : sql.raw(`sum(x.n)::numeric / ${scale}`);
  return sql`
    WITH monthly AS (
      SELECT f.month, e.subdistrict_id::text AS subdistrict, ${sizeBandSql(sql`f.employees`)} AS band, e.fields,
             f.${num} AS n, ${den} AS d, f.has_data
      FROM monitoring_facts f JOIN enterprises e ON e.district_id = f.district_id AND e.id = f.enterprise_id
      WHERE f.district_id = ${districtId}
        AND f.month BETWEEN (${monthDate(w.from)}::date - interval '11 months') AND ${monthDate(w.to)}::date
    ),
    grouped AS (
      SELECT month, 'total' AS dimension, '' AS group_key, sum(n) AS n, sum(d) AS d, count(*) FILTER (WHERE has_data) AS k FROM monthly GROUP BY month
      UNION ALL SELECT month, 'subdistrict', subdistrict, sum(n), sum(d), count(*) FILTER (WHERE has_data) FROM monthly GROUP BY month, subdistrict
      UNION ALL SELECT month, 'sizeBand', band, sum(n), sum(d), count(*) FILTER (WHERE has_data) FROM monthly GROUP BY month, band
      UNION ALL SELECT month, 'field', fld, sum(n), sum(d), count(*) FILTER (WHERE has_data) FROM monthly, unnest(fields) fld GROUP BY month, fld
    ),
    months AS (SELECT generate_series(${monthDate(w.from)}::date, ${monthDate(w.to)}::date, interval '1 month')::date AS month)
    SELECT to_char(m.month, 'YYYY-MM') AS month, x.dimension, x.group_key, ${value} AS value,
           max(x.k) FILTER (WHERE x.month = m.month)::int AS contributors
    FROM months m JOIN grouped x ON x.month BETWEEN m.month - interval '11 months' AND m.month
    GROUP BY m.month, x.dimension, x.group_key`;
}

/** Per enterprise, the flow over the 12 months to `month` (for drill-down). */
export function flowContributionsSql(formula: Formula, districtId: string, month: string): SQL | null {
  if (formula.kind !== 'flowTtm' && formula.kind !== 'flowRatio') return null;
  const num = sql.raw(flowColumn[formula.kind === 'flowTtm' ? formula.measure : formula.numerator]);
  return sql`
    SELECT ${monthDate(month)}::date AS month, f.enterprise_id, sum(f.${num}) AS value,
           bool_or(f.has_data) AS has_data, (array_agg(f.employees ORDER BY f.month DESC))[1] AS employees
    FROM monitoring_facts f
    WHERE f.district_id = ${districtId}
      AND f.month BETWEEN ${monthDate(month)}::date - interval '11 months' AND ${monthDate(month)}::date
    GROUP BY f.enterprise_id`;
}

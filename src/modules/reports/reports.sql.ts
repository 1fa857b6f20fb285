// Reports as other modules read them (table ownership: they never name the reports table themselves), and the figure
// columns as SQL lists built from the catalogue, for this module's own statements and for tables that copy them.
import { sql, type SQL } from 'drizzle-orm';
import type { Period } from '../../platform/time/period.ts';
import { figureCatalogue, type Figure } from './figures.ts';
import { reports } from './reports.schema.ts';

const monthStart = (p: Period | string) => `${p}-01`;

// ---------------------------------------------------------------------------------------------------------------
// Figure columns (names come from the catalogue: constants, never input)
// ---------------------------------------------------------------------------------------------------------------

/** `a.employees, a.core_talents, …` (or without prefix): every figure column, in catalogue order. */
export function figureColumnList(alias?: string, figures: readonly Figure[] = figureCatalogue): SQL {
  return sql.raw(figures.map((f) => (alias ? `${alias}.${f.column}` : f.column)).join(', '));
}

/** The SQL type a figure column has in the reports table (and in tables that copy figures). */
export const figureSqlType = (f: Figure): string =>
  f.dimension === 'persons' ? 'int' : f.dimension === 'money' ? 'bigint' : 'numeric(12,2)';

/** One SQL expression per figure, joined by `, ` — e.g. `coalesce(c.employees, 0)`. */
export function perFigure(each: (f: Figure) => string, figures: readonly Figure[] = figureCatalogue): SQL {
  return sql.raw(figures.map(each).join(', '));
}

// ---------------------------------------------------------------------------------------------------------------
// Typed SQL fragments for other modules' queries
// ---------------------------------------------------------------------------------------------------------------

/** Condition: the enterprise `enterpriseId` (an SQL expression) has filed `period`, in any version. */
export const reportFiledSql = (districtId: string, enterpriseId: SQL, period: Period): SQL =>
  sql`EXISTS (SELECT 1 FROM ${reports} WHERE ${reports.districtId} = ${districtId}
              AND ${reports.enterpriseId} = ${enterpriseId} AND ${reports.period} = ${monthStart(period)}::date)`;

/**
 * Rows (enterprise_id, period, first_at): when each enterprise first reported each month from `from` to `to`
 * ('YYYY-MM-01'), corrections aside — what being on time is judged by.
 */
export const firstSubmissionsSql = (districtId: string, from: string, to: string): SQL =>
  sql`SELECT ${reports.enterpriseId} AS enterprise_id, ${reports.period} AS period, min(${reports.submittedAt}) AS first_at
      FROM ${reports}
      WHERE ${reports.districtId} = ${districtId} AND ${reports.period} BETWEEN ${from}::date AND ${to}::date
      GROUP BY ${reports.enterpriseId}, ${reports.period}`;

/**
 * Rows (enterprise_id, period, and one column per figure under its catalogue column name: employees, core_talents …):
 * the current version of every report of the district, optionally only months from `from` to `to` ('YYYY-MM-01',
 * inclusive). A plain subquery: the planner merges it into the caller's query, so joins keep using the indexes.
 */
export function currentReportsSql(districtId: string, range: { from?: string; to?: string } = {}): SQL {
  const cols = figureCatalogue.map((f) => sql`${reports[f.key]} AS ${sql.raw(f.column)}`);
  return sql`SELECT ${reports.enterpriseId} AS enterprise_id, ${reports.period} AS period, ${sql.join(cols, sql`, `)}
      FROM ${reports}
      WHERE ${reports.districtId} = ${districtId} AND ${reports.isCurrent}
        ${range.from ? sql`AND ${reports.period} >= ${range.from}::date` : sql``}
        ${range.to ? sql`AND ${reports.period} <= ${range.to}::date` : sql``}`;
}

// Typed SQL fragments over the enterprise registry for other modules' queries (they never name its tables).
import { sql, type SQL } from 'drizzle-orm';
import { enterprises } from './enterprises.schema.ts';

// ---------------------------------------------------------------------------------------------------------------
// For monitoring (reporting coverage, drill-down)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Rows (id, subdistrict_id): the district's enterprises present at some time in the month starting at `month` (a
 * date in SQL, which may name an outer column: use it LATERAL) — settled by the month's last day and not left
 * before its first. A firm that leaves during the month is still expected to report for it.
 */
export const enterprisesPresentInMonthSql = (districtId: string, month: SQL): SQL =>
  sql`SELECT ${enterprises.id} AS id, ${enterprises.subdistrictId} AS subdistrict_id FROM ${enterprises}
      WHERE ${enterprises.districtId} = ${districtId}
        AND ${enterprises.settledOn} <= (${month} + interval '1 month' - interval '1 day')::date
        AND (${enterprises.leftOn} IS NULL OR ${enterprises.leftOn} >= ${month})`;

/** Rows (id, uscc, name, subdistrict_id, fields, status): every enterprise of the district, to join on `id`. */
export const enterpriseAttributesSql = (districtId: string): SQL =>
  sql`SELECT ${enterprises.id} AS id, ${enterprises.uscc} AS uscc, ${enterprises.name} AS name,
             ${enterprises.subdistrictId} AS subdistrict_id, ${enterprises.fields} AS fields,
             ${enterprises.status} AS status
      FROM ${enterprises} WHERE ${enterprises.districtId} = ${districtId}`;

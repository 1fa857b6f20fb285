// Enterprise queries other modules use (table ownership: they never name the enterprises table themselves).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/db.ts';
import { lastDayOf, type Period } from '../../platform/time/period.ts';
import { enterprises } from './enterprises.schema.ts';

// ---- presence in a month (used by monitoring's reminders) ----

/** Condition on the enterprises table: in the registry during `period` (settled by its end, not left before it). */
export const presentInSql = (period: Period): SQL =>
  sql`${enterprises.settledOn} <= ${lastDayOf(period)}::date
      AND (${enterprises.leftOn} IS NULL OR ${enterprises.leftOn} >= ${`${period}-01`}::date)`;

/**
 * The district's enterprises present in `period`, with their names; `where` narrows them by a condition on the
 * enterprise id it is given (e.g. another module's "has not reported").
 */
export async function enterprisesPresentIn(
  db: Queryable,
  districtId: string,
  period: Period,
  where?: (enterpriseId: SQL) => SQL,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(
      and(eq(enterprises.districtId, districtId), presentInSql(period), where?.(sql`${enterprises.id}`)),
    );
}

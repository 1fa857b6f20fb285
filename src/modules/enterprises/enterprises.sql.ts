// Enterprise queries other modules use (table ownership: they never name the enterprises table themselves).
import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { lastDayOf, type Period } from '../../platform/time/period.ts';
import { scopeWhere, type Scope } from '../../platform/auth/scope.ts';
import { buildings, enterpriseHonours, enterprises } from './enterprises.schema.ts';

// ---- presence in a month (used by monitoring's reminders) ----

/** Condition on the enterprises table: in the registry during `period` (settled by its end, not left before it). */
export const presentInSql = (period: Period): SQL =>
  sql`${enterprises.settledOn} <= ${lastDayOf(period)}::date
      AND (${enterprises.leftOn} IS NULL OR ${enterprises.leftOn} >= ${`${period}-01`}::date)`;

/**
 * The district's enterprises present in `period`, with their names; `where` narrows them by a condition on the
 * enterprise id it is given (e.g. another module's "has not reported"), and `scope` to a user's reach.
 */
export async function enterprisesPresentIn(
  db: Queryable,
  districtId: string,
  period: Period,
  where?: (enterpriseId: SQL) => SQL,
  scope: Scope = { all: true },
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(
      and(
        eq(enterprises.districtId, districtId),
        presentInSql(period),
        scopeWhere(scope, { enterpriseId: enterprises.id, subdistrictId: enterprises.subdistrictId }),
        where?.(sql`${enterprises.id}`),
      ),
    )
    .orderBy(enterprises.name);
}

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

/** A scalar subquery: the name of enterprise `id` of district `districtId` (both may name outer columns), or NULL. */
export const enterpriseNameSql = (districtId: SQLWrapper, id: SQLWrapper): SQL =>
  sql`(SELECT ${enterprises.name} FROM ${enterprises} WHERE ${enterprises.districtId} = ${districtId} AND ${enterprises.id} = ${id})`;

/** USCC → id of every enterprise of the district (seeding reports for a registry just written). */
export async function enterpriseIdsByUscc(db: Queryable, districtId: string): Promise<Map<string, string>> {
  const found = await db
    .select({ id: enterprises.id, uscc: enterprises.uscc })
    .from(enterprises)
    .where(eq(enterprises.districtId, districtId));
  return new Map(found.map((e) => [e.uscc, e.id]));
}

/** The first active enterprise of a subdistrict by name (the demo's enterprise account), if any. */
export async function firstActiveEnterpriseIn(
  db: Queryable,
  districtId: string,
  subdistrictId: string,
): Promise<{ id: string; name: string } | undefined> {
  const [firm] = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(
      and(
        eq(enterprises.districtId, districtId),
        eq(enterprises.status, 'active'),
        eq(enterprises.subdistrictId, subdistrictId),
      ),
    )
    .orderBy(enterprises.name)
    .limit(1);
  return firm;
}

// ---------------------------------------------------------------------------------------------------------------
// For policies and grants (results, explanations, grant lists)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Rows (district_id, id, uscc, name, subdistrict_id, fields, building_id, above_scale): every enterprise of the
 * district with the attributes rules and their explanations read, to join on `id`.
 */
export const enterpriseProfilesSql = (districtId: string): SQL =>
  sql`SELECT ${enterprises.districtId} AS district_id, ${enterprises.id} AS id, ${enterprises.uscc} AS uscc,
             ${enterprises.name} AS name, ${enterprises.subdistrictId} AS subdistrict_id,
             ${enterprises.fields} AS fields, ${enterprises.buildingId} AS building_id,
             ${enterprises.aboveScale} AS above_scale
      FROM ${enterprises} WHERE ${enterprises.districtId} = ${districtId}`;

/**
 * A text[] expression: the kinds of honour an enterprise held on `asOf` ('YYYY-MM-DD'), each once. `districtId`
 * and `enterpriseId` may name outer columns.
 */
export const honourKindsSql = (districtId: SQL, enterpriseId: SQL, asOf: string): SQL =>
  sql`ARRAY(SELECT DISTINCT ${enterpriseHonours.kind} FROM ${enterpriseHonours}
            WHERE ${enterpriseHonours.districtId} = ${districtId} AND ${enterpriseHonours.enterpriseId} = ${enterpriseId}
              AND ${enterpriseHonours.awardedOn} <= ${asOf}::date)`;

/**
 * Rows (id, uscc, name, subdistrict_id, fields, settled_on, left_on, contact_person, contact_phone): every enterprise
 * of the district with its stay (入驻 settled_on, 迁出/注销 left_on), to join on `id` or `uscc` — what monitoring's
 * fact table and reports' coverage, missing reports and import read.
 */
export const enterpriseStaysSql = (districtId: string): SQL =>
  sql`SELECT ${enterprises.id} AS id, ${enterprises.uscc} AS uscc, ${enterprises.name} AS name,
             ${enterprises.subdistrictId} AS subdistrict_id, ${enterprises.fields} AS fields,
             ${enterprises.settledOn} AS settled_on, ${enterprises.leftOn} AS left_on,
             ${enterprises.contactPerson} AS contact_person, ${enterprises.contactPhone} AS contact_phone
      FROM ${enterprises} WHERE ${enterprises.districtId} = ${districtId}`;

// ---------------------------------------------------------------------------------------------------------------
// For reports (the import)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The district's enterprises whose USCC is among `usccs` (an SQL subquery of one text column), locked FOR SHARE
 * until the caller's transaction ends: an import decides each row on the record as it stays while it writes.
 */
export async function lockEnterprisesByUscc(
  tx: Queryable,
  districtId: string,
  usccs: SQL,
): Promise<{ id: string; subdistrict_id: string }[]> {
  return rows<{ id: string; subdistrict_id: string }>(
    tx,
    sql`SELECT ${enterprises.id}::text AS id, ${enterprises.subdistrictId}::text AS subdistrict_id FROM ${enterprises}
        WHERE ${enterprises.districtId} = ${districtId} AND ${enterprises.uscc} IN (${usccs}) FOR SHARE`,
  );
}

/** Rows (id, code, name): the district's buildings, to match a building named by its name or code. */
export const buildingNamesSql = (districtId: string): SQL =>
  sql`SELECT ${buildings.id} AS id, ${buildings.code} AS code, ${buildings.name} AS name
      FROM ${buildings} WHERE ${buildings.districtId} = ${districtId}`;

// ---------------------------------------------------------------------------------------------------------------
// For policies (the rules' features)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Rows (id, subdistrict_id, fields, building_id, above_scale, registration_date): the district's enterprises present
 * in `period` (settled by its last day, not left before its first), with what rules read of them.
 */
export const enterpriseRuleAttributesSql = (districtId: string, period: Period): SQL =>
  sql`SELECT ${enterprises.id} AS id, ${enterprises.subdistrictId} AS subdistrict_id, ${enterprises.fields} AS fields,
             ${enterprises.buildingId} AS building_id, ${enterprises.aboveScale} AS above_scale,
             ${enterprises.registrationDate} AS registration_date
      FROM ${enterprises} WHERE ${enterprises.districtId} = ${districtId} AND ${presentInSql(period)}`;

/** Rows (enterprise_id, kinds): per enterprise, the kinds of honour awarded on or before `date` ('YYYY-MM-DD'). */
export const honourKindsByEnterpriseSql = (districtId: string, date: string): SQL =>
  sql`SELECT ${enterpriseHonours.enterpriseId} AS enterprise_id, array_agg(DISTINCT ${enterpriseHonours.kind}) AS kinds
      FROM ${enterpriseHonours}
      WHERE ${enterpriseHonours.districtId} = ${districtId} AND ${enterpriseHonours.awardedOn} <= ${date}::date
      GROUP BY ${enterpriseHonours.enterpriseId}`;

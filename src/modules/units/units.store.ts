// The only SQL about the units table: upsert from a plan file, list with task counts, one unit in detail.
import { and, asc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/db.ts';
import { units } from './units.schema.ts';
import type { Unit, UnitKind, UnitRef } from './units.contract.ts';
import type { Collective } from './units.ts';

export type UnitRow = typeof units.$inferSelect;

export interface UnitSeed {
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  subkind: 'street' | 'town' | null;
  parentCode: string | null;
  divisionCode: string | null;
  collective: Collective | null;
}

/** Inserts or updates units by code (ids stay stable across reloads); returns code → id. */
export async function upsertUnits(
  db: Queryable,
  districtId: string,
  seeds: UnitSeed[],
): Promise<Map<string, string>> {
  if (seeds.length > 0) {
    await db
      .insert(units)
      .values(
        seeds.map((s, i) => ({
          districtId,
          code: s.code,
          name: s.name,
          nameEn: s.nameEn,
          kind: s.kind,
          subkind: s.subkind,
          divisionCode: s.divisionCode,
          collective: s.collective,
          position: i,
        })),
      )
      .onConflictDoUpdate({
        target: [units.districtId, units.code],
        set: {
          name: sql`excluded.name`,
          nameEn: sql`excluded.name_en`,
          kind: sql`excluded.kind`,
          subkind: sql`excluded.subkind`,
          divisionCode: sql`excluded.division_code`,
          collective: sql`excluded.collective`,
          position: sql`excluded.position`,
        },
      });
  }
  const idByCode = await unitIdsByCode(db, districtId);
  for (const s of seeds) {
    const parentId = s.parentCode ? (idByCode.get(s.parentCode) ?? null) : null;
    await db
      .update(units)
      .set({ parentId })
      .where(and(eq(units.districtId, districtId), eq(units.code, s.code)));
  }
  return idByCode;
}

export async function unitIdsByCode(db: Queryable, districtId: string): Promise<Map<string, string>> {
  const all = await db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(eq(units.districtId, districtId));
  return new Map(all.map((u) => [u.code, u.id]));
}

export const toUnitRef = (u: Pick<UnitRow, 'id' | 'code' | 'name' | 'nameEn' | 'kind'>): UnitRef => ({
  id: u.id,
  code: u.code,
  name: u.name,
  nameEn: u.nameEn,
  kind: u.kind as UnitKind,
});

export async function allUnits(db: Queryable, districtId: string): Promise<UnitRow[]> {
  return db.select().from(units).where(eq(units.districtId, districtId)).orderBy(asc(units.position));
}

export async function findUnit(db: Queryable, districtId: string, id: string): Promise<UnitRow | undefined> {
  const found = await db
    .select()
    .from(units)
    .where(and(eq(units.districtId, districtId), eq(units.id, id)))
    .limit(1);
  return found[0];
}

export async function unitsByIds(db: Queryable, districtId: string, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(units)
    .where(and(eq(units.districtId, districtId), inArray(units.id, ids)));
}

export function toUnit(
  row: UnitRow,
  parent: UnitRow | undefined,
  counts: { leads: number; shares: number } | undefined,
): Unit {
  return {
    ...toUnitRef(row),
    subkind: (row.subkind as Unit['subkind']) ?? null,
    parent: parent ? toUnitRef(parent) : null,
    leadCount: counts?.leads ?? 0,
    shareCount: counts?.shares ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Typed SQL fragments and lookups for other modules (monitoring's drill-down, the registry, user accounts)
// ---------------------------------------------------------------------------------------------------------------

/** Rows (id, name, name_en): every unit of the district, to join on `id`. */
export const unitNamesSql = (districtId: string): SQL =>
  sql`SELECT ${units.id} AS id, ${units.name} AS name, ${units.nameEn} AS name_en
      FROM ${units} WHERE ${units.districtId} = ${districtId}`;

/** A scalar subquery: the name of unit `id` of district `districtId` (both may name outer columns), or NULL. */
export const unitNameSql = (districtId: SQLWrapper, id: SQLWrapper): SQL =>
  sql`(SELECT ${units.name} FROM ${units} WHERE ${units.districtId} = ${districtId} AND ${units.id} = ${id})`;

/** The district's subdistricts (镇街) with name and code, for turning spreadsheet text into ids. */
export async function subdistrictsOf(
  db: Queryable,
  districtId: string,
): Promise<{ id: string; name: string; code: string }[]> {
  return db
    .select({ id: units.id, name: units.name, code: units.code })
    .from(units)
    .where(and(eq(units.districtId, districtId), eq(units.kind, 'subdistrict')));
}

/** Rows (id, name, kind, position): every unit of the district with its kind and its place in the plan's order. */
export const unitsInOrderSql = (districtId: string): SQL =>
  sql`SELECT ${units.id} AS id, ${units.name} AS name, ${units.kind} AS kind, ${units.position} AS position
      FROM ${units} WHERE ${units.districtId} = ${districtId}`;

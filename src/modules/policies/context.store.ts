// What compiling rules in a district needs: unit and building codes → ids, and their names for the words.
import type { Queryable } from '../../platform/db/db.ts';
import { allUnits } from '../units/units.store.ts';
import { buildingRefs } from '../enterprises/enterprises.store.ts';
import type { CompileContext } from './rules.sql.ts';

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

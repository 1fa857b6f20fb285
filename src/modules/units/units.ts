// Pure rules about units: which units a collective reference (各镇街, 有关街道, 区级有关部门) stands for.
import type { UnitKind } from './units.contract.ts';

export interface Collective {
  of: 'subdistrict' | 'department';
  scope: 'all' | 'relevant';
  streetsOnly?: boolean;
}

export interface UnitLike {
  kind: UnitKind | string;
  subkind: string | null;
}

/** Whether a collective covers a unit: 各镇街 covers every 街道 and 镇; 有关街道 only 街道. */
export function collectiveCovers(collective: Collective, unit: UnitLike): boolean {
  if (unit.kind !== collective.of) return false;
  if (collective.streetsOnly && unit.subkind !== 'street') return false;
  return true;
}

export const unitKindOrder: Record<string, number> = {
  office: 0,
  department: 1,
  stateGroup: 2,
  subdistrict: 3,
  collective: 4,
};

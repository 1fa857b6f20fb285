// What the rule editor and the rule's words need of the district: names and options of subdistricts, buildings,
// tiers, fields and honours, and the codes the server checks a definition against.
import { useMemo } from 'react';
import type { CheckContext } from '@contracts/modules/policies/rules.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useBuildings } from '../enterprises/enterprises.api.ts';
import { useEnterpriseLabels } from '../enterprises/labels.ts';
import { useUnits } from '../units/units.api.ts';
import type { DraftParameter } from './draft.ts';
import { useTiers } from './policies.api.ts';
import type { Names } from './words.ts';

export interface Option {
  value: string;
  label: string;
}

export interface RuleLookups {
  names: (parameters: readonly DraftParameter[]) => Names;
  subdistrictOptions: Option[];
  buildingOptions: Option[];
  tierOptions: Option[];
  fieldOptions: Option[];
  honourOptions: Option[];
  loading: boolean;
  /** The district's codes for the checks made before sending; null until all are loaded (the server checks anyway). */
  checkContext: CheckContext | null;
}

export function useRuleLookups(): RuleLookups {
  const { isEn } = useLanguage();
  const labels = useEnterpriseLabels();
  const units = useUnits('subdistrict');
  const buildings = useBuildings(undefined);
  const tiers = useTiers();

  const subdistrictOptions = useMemo(
    () => (units.data ?? []).map((u) => ({ value: u.code, label: isEn && u.nameEn ? u.nameEn : u.name })),
    [units.data, isEn],
  );
  const buildingOptions = useMemo(
    () => (buildings.data ?? []).map((b) => ({ value: b.code, label: b.name })),
    [buildings.data],
  );
  const tierOptions = useMemo(
    () => (tiers.data ?? []).map((x) => ({ value: x.code, label: isEn && x.nameEn ? x.nameEn : x.name })),
    [tiers.data, isEn],
  );
  const checkContext = useMemo<CheckContext | null>(
    () =>
      units.data && buildings.data && tiers.data
        ? {
            subdistrictCodes: new Set(units.data.map((u) => u.code)),
            buildingCodes: new Set(buildings.data.map((b) => b.code)),
            tierCodes: new Set(tiers.data.map((x) => x.code)),
            allowTiers: true,
          }
        : null,
    [units.data, buildings.data, tiers.data],
  );

  const lookup = (options: Option[]) => {
    const m = new Map(options.map((o) => [o.value, o.label]));
    return (code: string) => m.get(code) ?? code;
  };
  const subdistrict = lookup(subdistrictOptions);
  const building = lookup(buildingOptions);
  const tier = lookup(tierOptions);

  return {
    names: (parameters) => ({
      subdistrict,
      building,
      tier,
      field: labels.field,
      honour: labels.honour,
      parameters,
    }),
    subdistrictOptions,
    buildingOptions,
    tierOptions,
    fieldOptions: labels.fieldOptions,
    honourOptions: labels.honourOptions,
    loading: units.isPending || buildings.isPending || tiers.isPending,
    checkContext,
  };
}

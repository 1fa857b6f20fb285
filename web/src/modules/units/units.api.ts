// Queries of the units module: the list (optionally by kind) and one unit with its tasks.
import { useQuery } from '@tanstack/react-query';
import { unitDetailSchema, unitListSchema, type UnitKind } from '@contracts/modules/units/units.contract.ts';
import { api } from '../../app/api.ts';

export const unitKeys = {
  list: (kind?: UnitKind) => ['units', 'list', kind ?? 'all'] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
};

export function useUnits(kind?: UnitKind) {
  return useQuery({
    queryKey: unitKeys.list(kind),
    queryFn: async () => (await api.get('/units', unitListSchema, { kind })).items,
    staleTime: 10 * 60_000,
  });
}

export function useUnit(id: string) {
  return useQuery({
    queryKey: unitKeys.detail(id),
    queryFn: () => api.get(`/units/${encodeURIComponent(id)}`, unitDetailSchema),
    staleTime: 10 * 60_000,
  });
}

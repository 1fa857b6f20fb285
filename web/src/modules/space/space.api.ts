// Queries of the carrier-space module (产业载体): the operators (专业运营机构).
import { useQuery } from '@tanstack/react-query';
import { operatorListSchema } from '@contracts/modules/space/space.contract.ts';
import { api } from '../../app/api.ts';

export const spaceKeys = {
  operators: ['space', 'operators'] as const,
};

export function useOperators(enabled = true) {
  return useQuery({
    queryKey: spaceKeys.operators,
    queryFn: async () => (await api.get('/space/operators', operatorListSchema)).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

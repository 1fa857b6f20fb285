// Queries of the plan module: the overview and one key task.
import { useQuery } from '@tanstack/react-query';
import { planOverviewSchema, taskDetailSchema } from '@contracts/modules/plan/plan.contract.ts';
import { api } from '../../app/api.ts';

export const planKeys = {
  overview: ['plan', 'overview'] as const,
  task: (n: number) => ['plan', 'task', n] as const,
};

export function usePlan() {
  return useQuery({
    queryKey: planKeys.overview,
    queryFn: () => api.get('/plan', planOverviewSchema),
    staleTime: 10 * 60_000,
  });
}

export function useTask(number: number) {
  return useQuery({
    queryKey: planKeys.task(number),
    queryFn: () => api.get(`/plan/tasks/${number}`, taskDetailSchema),
    enabled: Number.isInteger(number) && number > 0,
    staleTime: 10 * 60_000,
  });
}

// Queries and mutations of effectiveness monitoring: overview, a target (signed-in or public), drill-down, manual values, recompute.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  contributorsPageSchema,
  manualValueListSchema,
  manualValueSchema,
  overviewSchema,
  recomputeResultSchema,
  targetDetailSchema,
} from '@contracts/modules/monitoring/monitoring.contract.ts';
import { coverageSchema } from '@contracts/modules/reports/reports.contract.ts';
import { api } from '../../app/api.ts';

export type Dimension = 'subdistrict' | 'field' | 'sizeBand';
export type Contributor = z.infer<typeof contributorsPageSchema>['items'][number];
export type ManualValue = z.infer<typeof manualValueSchema>;

/** Where the figures come from: the signed-in API, or the public one (district level, small groups withheld). */
export type Audience = 'staff' | 'public';

const base = (audience: Audience) => (audience === 'public' ? '/public' : '/monitoring');

export const monitoringKeys = {
  all: ['monitoring'] as const,
  overview: (audience: Audience) => ['monitoring', audience, 'overview'] as const,
  target: (audience: Audience, code: string, month: string | undefined) =>
    ['monitoring', audience, 'target', code, month ?? 'latest'] as const,
  contributors: (code: string, q: ContributorsQuery) =>
    ['monitoring', 'staff', 'contributors', code, q] as const,
  manualValues: (code: string) => ['monitoring', 'staff', 'manual', code] as const,
  coverage: (period: string) => ['reports', 'coverage', period] as const,
};

export function useOverview(audience: Audience) {
  return useQuery({
    queryKey: monitoringKeys.overview(audience),
    queryFn: () => api.get(`${base(audience)}/overview`, overviewSchema),
    staleTime: 60_000,
  });
}

export function useTarget(audience: Audience, code: string, month: string | undefined) {
  return useQuery({
    queryKey: monitoringKeys.target(audience, code, month),
    queryFn: () =>
      api.get(`${base(audience)}/targets/${encodeURIComponent(code)}`, targetDetailSchema, { month }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export interface ContributorsQuery {
  month: string;
  dimension?: Dimension;
  group?: string;
  page: number;
  pageSize: number;
}

export function useContributors(code: string, q: ContributorsQuery | null) {
  return useQuery({
    queryKey: monitoringKeys.contributors(code, q ?? { month: '', page: 1, pageSize: 20 }),
    queryFn: () =>
      api.get(`/monitoring/targets/${encodeURIComponent(code)}/contributors`, contributorsPageSchema, {
        ...q,
      }),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

export function useManualValues(code: string, enabled: boolean) {
  return useQuery({
    queryKey: monitoringKeys.manualValues(code),
    queryFn: async () =>
      (await api.get(`/monitoring/targets/${encodeURIComponent(code)}/manual-values`, manualValueListSchema))
        .items,
    enabled,
  });
}

export function useAddManualValue(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { asOf: string; value: number; source: string; note?: string }) =>
      api.post(`/monitoring/targets/${encodeURIComponent(code)}/manual-values`, body, manualValueSchema),
    onSuccess: () => void qc.invalidateQueries({ queryKey: monitoringKeys.manualValues(code) }),
  });
}

export function useRecompute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/monitoring/recompute', {}, recomputeResultSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: monitoringKeys.all });
      void qc.invalidateQueries({ queryKey: ['reports'] });
    },
  });
}

/** Reporting per subdistrict for a month (staff only; the overview's reporting card). */
export function useCoverage(period: string | null, enabled: boolean) {
  return useQuery({
    queryKey: monitoringKeys.coverage(period ?? ''),
    queryFn: () => api.get('/reports/coverage', coverageSchema, { period }),
    enabled: enabled && !!period,
    staleTime: 60_000,
  });
}

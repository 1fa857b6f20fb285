// Queries of the role homes: a subdistrict's standing, its non-reporters, 催报, and the header's global search.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { missingPageSchema, standingSchema } from '@contracts/modules/reports/reports.contract.ts';
import { urgeResultSchema } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { searchResultSchema } from '@contracts/modules/search/search.contract.ts';
import { api } from '../../app/api.ts';

export type Standing = z.infer<typeof standingSchema>;
export type MissingItem = z.infer<typeof missingPageSchema>['items'][number];
export type SearchHit = z.infer<typeof searchResultSchema>['items'][number];

export const homeKeys = {
  standing: (period: string) => ['home', 'standing', period] as const,
  missing: (period: string, page: number) => ['reports', 'missing', 'home', period, page] as const,
  search: (q: string) => ['search', q] as const,
};

export function useStanding(period: string, enabled: boolean) {
  return useQuery({
    queryKey: homeKeys.standing(period),
    queryFn: () => api.get('/reports/standing', standingSchema, { period }),
    enabled,
  });
}

export function useMissing(period: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: homeKeys.missing(period, page),
    queryFn: () => api.get('/reports/missing', missingPageSchema, { period, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** 催报 to every non-reporter in reach; the server sends each at most once a day. */
export function useUrge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (period: string) => api.post('/monitoring/reminders', { period }, urgeResultSchema),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inbox'] }),
  });
}

/** The header's search: hits of every kind the user may see, for a query of at least one character. */
export function useSearch(q: string) {
  return useQuery({
    queryKey: homeKeys.search(q),
    queryFn: () => api.get('/search', searchResultSchema, { q }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

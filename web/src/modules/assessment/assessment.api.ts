// Queries and mutations of the assessment: the scheme, rankings, a unit's scorecard, closing and revising a year,
// the scorecards .xlsx and the monthly bulletin .docx.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  closeAnswerSchema,
  rankingSchema,
  schemeSchema,
  scorecardAnswerSchema,
  type SchemeInput,
} from '@contracts/modules/assessment/assessment.contract.ts';
import { api, isApiError } from '../../app/api.ts';

export const assessmentKeys = {
  all: ['assessment'] as const,
  scheme: (year: number) => ['assessment', 'scheme', year] as const,
  ranking: (period: string, group: string) => ['assessment', 'ranking', period, group] as const,
  card: (unitId: string, period: string) => ['assessment', 'card', unitId, period] as const,
};

/** The year's scheme, or null when it has none yet. */
export const useScheme = (year: number) =>
  useQuery({
    queryKey: assessmentKeys.scheme(year),
    queryFn: async () => {
      try {
        return await api.get(`/assessment/schemes/${year}`, schemeSchema);
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
  });

export const useRanking = (period: string, group: 'units' | 'subdistricts') =>
  useQuery({
    queryKey: assessmentKeys.ranking(period, group),
    queryFn: async () => {
      try {
        return await api.get('/assessment/ranking', rankingSchema, { period, group });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
  });

export const useScorecard = (unitId: string, period: string) =>
  useQuery({
    queryKey: assessmentKeys.card(unitId, period),
    queryFn: () =>
      api.get(`/assessment/scorecards/${encodeURIComponent(unitId)}`, scorecardAnswerSchema, { period }),
  });

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

export const useSaveScheme = () =>
  useInvalidating(({ year, body }: { year: number; body: SchemeInput }) =>
    api.put(`/assessment/schemes/${year}`, body, schemeSchema),
  );
export const useGenerateScheme = () =>
  useInvalidating((year: number) => api.post(`/assessment/schemes/${year}/default`, undefined, schemeSchema));
export const useCloseYear = () =>
  useInvalidating((year: number) =>
    api.post(`/assessment/years/${year}/close`, undefined, closeAnswerSchema),
  );
export const useReviseYear = () =>
  useInvalidating(({ year, reason }: { year: number; reason: string }) =>
    api.post(`/assessment/years/${year}/recompute`, { reason }, closeAnswerSchema),
  );

export const downloadScorecards = (period: string) =>
  api.download('/assessment/export', { period }, `考核得分-${period}.xlsx`);
export const downloadBulletin = (month: string) =>
  api.download('/assessment/bulletin', { month }, `${month}推进情况通报.docx`);

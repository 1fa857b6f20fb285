// Queries of the public notices (公示) of no-application grants, and filing an objection (异议) — no login needed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  objectionFiledSchema,
  publicNoticeListSchema,
  publicNoticeSchema,
} from '@contracts/modules/grants/grants.contract.ts';
import { api } from '../../app/api.ts';

export type PublicNoticeListItem = z.infer<typeof publicNoticeListSchema>[number];

export interface ObjectionInput {
  enterpriseId: string | null;
  filerName: string;
  filerContact: string;
  text: string;
}

export const noticeKeys = {
  all: ['notices'] as const,
  list: ['notices', 'list'] as const,
  detail: (id: string) => ['notices', 'detail', id] as const,
};

const noticePath = (id: string) => `/public/notices/${encodeURIComponent(id)}`;

export function usePublicNotices() {
  return useQuery({
    queryKey: noticeKeys.list,
    queryFn: () => api.get('/public/notices', publicNoticeListSchema),
    staleTime: 60_000,
  });
}

export function usePublicNotice(id: string | undefined) {
  return useQuery({
    queryKey: noticeKeys.detail(id ?? ''),
    queryFn: () => api.get(noticePath(id ?? ''), publicNoticeSchema),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useFileObjection(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectionInput) =>
      api.post(`${noticePath(id)}/objections`, body, objectionFiledSchema),
    onSuccess: () => {
      // the office's view of the batch counts objections
      void qc.invalidateQueries({ queryKey: ['grants'] });
    },
  });
}

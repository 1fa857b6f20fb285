// Queries and mutations of no-application grants (免申即享): batches, their items, review, notice, objections, decision,
// and what one enterprise sees of the policies.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { enterprisePolicySchema } from '@contracts/modules/policies/policies.contract.ts';
import {
  grantBatchDetailSchema,
  grantBatchPageSchema,
  grantItemSchema,
  grantItemsPageSchema,
  grantSettingsSchema,
  objectionStatusSchema,
  type GrantBatchDetail,
  type GrantSettings,
} from '@contracts/modules/grants/grants.contract.ts';
import { api } from '../../app/api.ts';

export type BatchStatus = GrantBatchDetail['batch']['status'];

/** The batch list's filters as the API takes them. */
export interface BatchFilters {
  status?: BatchStatus;
  policyId?: string;
}

/** The items table's filters. */
export interface ItemFilters {
  included?: 'true' | 'false';
  q?: string;
}

export const grantKeys = {
  all: ['grants'] as const,
  list: (filters: BatchFilters, page: number, pageSize: number) =>
    ['grants', 'list', filters, page, pageSize] as const,
  detail: (id: string) => ['grants', 'detail', id] as const,
  items: (id: string, filters: ItemFilters, page: number, pageSize: number) =>
    ['grants', 'items', id, filters, page, pageSize] as const,
  enterprise: (enterpriseId: string) => ['grants', 'enterprise', enterpriseId] as const,
};

const batchPath = (id: string) => `/grant-batches/${encodeURIComponent(id)}`;

export function useGrantBatches(filters: BatchFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: grantKeys.list(filters, page, pageSize),
    queryFn: () => api.get('/grant-batches', grantBatchPageSchema, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGrantBatch(id: string | undefined) {
  return useQuery({
    queryKey: grantKeys.detail(id ?? ''),
    queryFn: () => api.get(batchPath(id ?? ''), grantBatchDetailSchema),
    enabled: !!id,
  });
}

export function useGrantItems(id: string, filters: ItemFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: grantKeys.items(id, filters, page, pageSize),
    queryFn: () => api.get(`${batchPath(id)}/items`, grantItemsPageSchema, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** After a step the batch's totals, items, notices and enterprises' views may all have changed. */
function useAfterChange(id: string) {
  const qc = useQueryClient();
  return (detail: GrantBatchDetail | null) => {
    if (detail) qc.setQueryData(grantKeys.detail(id), detail);
    else void qc.invalidateQueries({ queryKey: grantKeys.detail(id) });
    void qc.invalidateQueries({ queryKey: ['grants', 'list'] });
    void qc.invalidateQueries({ queryKey: ['grants', 'items', id] });
    void qc.invalidateQueries({ queryKey: ['grants', 'enterprise'] });
    void qc.invalidateQueries({ queryKey: ['notices'] });
  };
}

/** Includes or excludes one enterprise while the batch is in review (a reason is required to exclude). */
export function useReviewItem(id: string) {
  const after = useAfterChange(id);
  return useMutation({
    mutationFn: (v: { enterpriseId: string; included: boolean; reason: string }) =>
      api.put(
        `${batchPath(id)}/items/${encodeURIComponent(v.enterpriseId)}`,
        { included: v.included, reason: v.reason },
        grantItemSchema,
      ),
    onSuccess: () => after(null),
  });
}

export function usePublishBatch(id: string) {
  const after = useAfterChange(id);
  return useMutation({
    mutationFn: (body: { noticeDays?: number }) =>
      api.post(`${batchPath(id)}/publish`, body, grantBatchDetailSchema),
    onSuccess: after,
  });
}

export function useResolveObjection(id: string) {
  const after = useAfterChange(id);
  return useMutation({
    mutationFn: (v: { objectionId: string; outcome: 'upheld' | 'dismissed'; response: string }) =>
      api.post(
        `${batchPath(id)}/objections/${encodeURIComponent(v.objectionId)}/resolve`,
        { outcome: v.outcome, response: v.response },
        grantBatchDetailSchema,
      ),
    onSuccess: after,
  });
}

/** Several open objections answered alike (all or none). */
export function useResolveObjections(id: string) {
  const after = useAfterChange(id);
  return useMutation({
    mutationFn: (v: { objectionIds: string[]; outcome: 'upheld' | 'dismissed'; response: string }) =>
      api.post(`${batchPath(id)}/objections/resolve`, v, grantBatchDetailSchema),
    onSuccess: after,
  });
}

export const downloadBatchItems = (id: string, number: string) =>
  api.download(`${batchPath(id)}/items/export`, undefined, `${number}-名单.xlsx`);

export const downloadNoticeDocument = (id: string, number: string) =>
  api.download(`/public/notices/${encodeURIComponent(id)}/document`, undefined, `${number}.docx`);

export function useGrantSettings(enabled = true) {
  return useQuery({
    queryKey: ['grants', 'settings'],
    queryFn: () => api.get('/grant-settings', grantSettingsSchema),
    enabled,
  });
}

export function useSaveGrantSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: GrantSettings) => api.put('/grant-settings', v, grantSettingsSchema),
    onSuccess: (data) => qc.setQueryData(['grants', 'settings'], data),
  });
}

/** The objections the signed-in enterprise filed. */
export function useMyObjections(enabled: boolean) {
  return useQuery({
    queryKey: ['grants', 'myObjections'],
    queryFn: () => api.get('/objections/mine', z.array(objectionStatusSchema)),
    enabled,
  });
}

/** The filer's lookup by receipt number and contact. */
export function useObjectionLookup() {
  return useMutation({
    mutationFn: (v: { receipt: string; contact: string }) =>
      api.post('/public/objections/status', v, objectionStatusSchema),
  });
}

export function useDecideBatch(id: string) {
  const after = useAfterChange(id);
  return useMutation({
    mutationFn: (body: { note: string }) => api.post(`${batchPath(id)}/decide`, body, grantBatchDetailSchema),
    onSuccess: after,
  });
}

export function useCancelBatch(id: string) {
  const after = useAfterChange(id);
  return useMutation({
    mutationFn: (body: { reason: string }) =>
      api.post(`${batchPath(id)}/cancel`, body, grantBatchDetailSchema),
    onSuccess: after,
  });
}

/** Every active policy as one enterprise sees it: whether it qualifies and why (not), and its grants. */
export function useEnterprisePolicies(enterpriseId: string | undefined) {
  return useQuery({
    queryKey: grantKeys.enterprise(enterpriseId ?? ''),
    queryFn: () =>
      api.get(
        `/enterprises/${encodeURIComponent(enterpriseId ?? '')}/policies`,
        z.array(enterprisePolicySchema),
      ),
    enabled: !!enterpriseId,
  });
}

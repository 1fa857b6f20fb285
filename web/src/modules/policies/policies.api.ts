// Queries and mutations of policies and tiers: list, record (any version), save, status, live preview, evaluation,
// results, explanations, grant batches, tiers and their members.
import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  enterpriseTierSchema,
  evaluateRunSchema,
  explanationSchema,
  policySchema,
  policySummarySchema,
  previewSchema,
  resultsPageSchema,
  tierMembersPageSchema,
  tierSummarySchema,
  type PolicyCreate,
} from '@contracts/modules/policies/policies.contract.ts';
import type { PolicyDefinitionInput } from '@contracts/modules/policies/rules.ts';
import { idSchema } from '@contracts/platform/http/common.contract.ts';
import { api } from '../../app/api.ts';

export type ResultFilter = 'eligible' | 'nearMiss' | 'ineligible' | 'all';
export type TierFilter = 'current' | 'entrants' | 'left' | 'nearMiss';
export type PolicyStatus = 'draft' | 'active' | 'retired';

export interface ResultsQuery {
  filter: ResultFilter;
  /** 0–1; only for nearMiss. */
  margin?: number;
  subdistrictId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface TierMembersQuery {
  filter: TierFilter;
  subdistrictId?: string;
  page: number;
  pageSize: number;
}

export const policyKeys = {
  all: ['policies'] as const,
  list: ['policies', 'list'] as const,
  detail: (id: string, version: number | null) => ['policies', 'detail', id, version ?? 'latest'] as const,
  preview: (body: string | null) => ['policies', 'preview', body] as const,
  results: (id: string, q: ResultsQuery) => ['policies', 'results', id, q] as const,
  explain: (id: string, enterpriseId: string) => ['policies', 'explain', id, enterpriseId] as const,
  tiers: ['tiers', 'list'] as const,
  tierMembers: (code: string, q: TierMembersQuery) => ['tiers', 'members', code, q] as const,
};

const path = (id: string) => `/policies/${encodeURIComponent(id)}`;

export function usePolicies(enabled = true) {
  return useQuery({
    queryKey: policyKeys.list,
    queryFn: () => api.get('/policies', z.array(policySummarySchema)),
    enabled,
  });
}

/** One policy; `version` loads that earlier definition (read-only), null the newest. */
export function usePolicy(id: string | undefined, version: number | null = null) {
  return useQuery({
    queryKey: policyKeys.detail(id ?? '', version),
    queryFn: () => api.get(path(id ?? ''), policySchema, { version }),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export interface SavePolicyInput {
  /** Only when creating. */
  code?: string;
  definition: PolicyDefinitionInput;
  note: string;
}

/** POST a new policy (as a draft) or PUT a new version of an existing one. */
export function useSavePolicy(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SavePolicyInput) => {
      if (id) return api.put(path(id), { definition: input.definition, note: input.note }, policySchema);
      const body: PolicyCreate = {
        code: input.code ?? '',
        definition: input.definition,
        status: 'draft',
        note: input.note,
      };
      return api.post('/policies', body, policySchema);
    },
    onSuccess: (saved) => {
      qc.setQueryData(policyKeys.detail(saved.id, null), saved);
      void qc.invalidateQueries({ queryKey: policyKeys.list });
      void qc.invalidateQueries({ queryKey: ['policies', 'detail', saved.id] });
      void qc.invalidateQueries({ queryKey: ['policies', 'results', saved.id] });
    },
  });
}

export function useSetPolicyStatus(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: PolicyStatus) => api.post(`${path(id)}/status`, { status }, policySchema),
    onSuccess: (saved) => {
      qc.setQueryData(policyKeys.detail(saved.id, null), saved);
      void qc.invalidateQueries({ queryKey: policyKeys.list });
      void qc.invalidateQueries({ queryKey: ['policies', 'detail', saved.id] });
      // activating evaluates the policy: its results and explanations are new
      void qc.invalidateQueries({ queryKey: ['policies', 'results', saved.id] });
      void qc.invalidateQueries({ queryKey: ['policies', 'explain', saved.id] });
      void qc.invalidateQueries({ queryKey: ['tiers'] });
    },
  });
}

/** Re-evaluates every active policy over the district. */
export function useEvaluatePolicies() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/policies/evaluate', {}, evaluateRunSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: policyKeys.all });
      void qc.invalidateQueries({ queryKey: ['tiers'] });
    },
  });
}

/**
 * The batch the server made. The contract names no schema for this call: take the id from a batch, or from a
 * batch detail ({batch, objections, events}).
 */
const createdBatchSchema = z.union([
  z.object({ id: idSchema }).transform((b) => b.id),
  z.object({ batch: z.object({ id: idSchema }) }).transform((d) => d.batch.id),
]);

/** Runs an active policy now and opens a no-application grant batch (免申即享) of its eligible; resolves to its id. */
export function useStartBatch(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => api.post(`${path(id)}/batches`, { note }, createdBatchSchema),
    onSuccess: () => {
      // the policy was run again to make the batch
      void qc.invalidateQueries({ queryKey: ['grants'] });
      void qc.invalidateQueries({ queryKey: policyKeys.list });
      void qc.invalidateQueries({ queryKey: ['policies', 'detail', id] });
      void qc.invalidateQueries({ queryKey: ['policies', 'results', id] });
    },
  });
}

/** `value` once it has stayed the same for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The live count of enterprises a definition would qualify, asked ~400 ms after the definition stops changing;
 * nothing is asked while the definition is incomplete (null). The last answer stays on screen while the next one
 * loads; `upToDate` tells whether the answer is for the definition as it is now.
 */
export function usePolicyPreview(definition: PolicyDefinitionInput | null, period: string | undefined) {
  const body = definition ? JSON.stringify({ definition, ...(period ? { period } : {}) }) : null;
  const settled = useDebounced(body, 400);
  const query = useQuery({
    queryKey: policyKeys.preview(settled),
    queryFn: () => api.post('/policies/preview', JSON.parse(settled ?? '{}') as unknown, previewSchema),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const upToDate = body !== null && body === settled && !query.isPlaceholderData && !query.isFetching;
  return { query, upToDate, waiting: body !== settled };
}

export function usePolicyResults(id: string, q: ResultsQuery, enabled = true) {
  return useQuery({
    queryKey: policyKeys.results(id, q),
    queryFn: () => api.get(`${path(id)}/results`, resultsPageSchema, { ...q }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useExplanation(id: string, enterpriseId: string | null) {
  return useQuery({
    queryKey: policyKeys.explain(id, enterpriseId ?? ''),
    queryFn: () =>
      api.get(`${path(id)}/explain/${encodeURIComponent(enterpriseId ?? '')}`, explanationSchema),
    enabled: !!enterpriseId,
  });
}

export function useTiers(enabled = true) {
  return useQuery({
    queryKey: policyKeys.tiers,
    queryFn: () => api.get('/tiers', z.array(tierSummarySchema)),
    staleTime: 60_000,
    enabled,
  });
}

export function useTierMembers(code: string | null, q: TierMembersQuery) {
  return useQuery({
    queryKey: policyKeys.tierMembers(code ?? '', q),
    queryFn: () =>
      api.get(`/tiers/${encodeURIComponent(code ?? '')}/members`, tierMembersPageSchema, { ...q }),
    enabled: !!code,
    placeholderData: keepPreviousData,
  });
}

/** The tiers an enterprise has been in, with entry and exit months. */
export function useEnterpriseTiers(enterpriseId: string) {
  return useQuery({
    queryKey: [...policyKeys.all, 'enterpriseTiers', enterpriseId],
    queryFn: () =>
      api.get(`/enterprises/${encodeURIComponent(enterpriseId)}/tiers`, z.array(enterpriseTierSchema)),
  });
}

// Queries and mutations of user management (administrators only): accounts, bulk enterprise accounts, reset requests.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  accountCandidateListSchema,
  bulkEnterpriseAccountsResultSchema,
  resetDecisionSchema,
  resetRequestListSchema,
  userListSchema,
} from '@contracts/platform/auth/auth.contract.ts';
import type {
  changePasswordBodySchema,
  createUserBodySchema,
  updateUserBodySchema,
} from '@contracts/platform/auth/auth.contract.ts';
import { idSchema, okSchema } from '@contracts/platform/http/common.contract.ts';
import { api } from '../../app/api.ts';

export type CreateUserBody = z.output<typeof createUserBodySchema>;
export type UpdateUserBody = z.output<typeof updateUserBodySchema>;

export const userKeys = { list: ['users', 'list'] as const };

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list,
    queryFn: async () => (await api.get('/users', userListSchema)).items,
  });
}

export function useSaveUser(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateUserBody | UpdateUserBody): Promise<void> => {
      if (id) await api.put(`/users/${encodeURIComponent(id)}`, body, okSchema);
      else await api.post('/users', body, z.object({ id: idSchema }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export type ChangePasswordBody = z.output<typeof changePasswordBodySchema>;

/** Any signed-in user changes their own password; the server ends their other sessions. */
export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: async (body: ChangePasswordBody): Promise<void> => {
      await api.put('/users/me/password', body, okSchema);
    },
  });
}

/** Enterprises of the registry without an account (the bulk form's list). */
export function useAccountCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'candidates'],
    queryFn: async () =>
      (await api.get('/users/enterprise-accounts/candidates', accountCandidateListSchema)).items,
    enabled,
  });
}

/** One account per chosen enterprise (or all): all or nothing; initial passwords leave through the adapters. */
export function useCreateEnterpriseAccounts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { enterpriseIds: string[] } | { all: true }) =>
      api.post('/users/enterprise-accounts', body, bulkEnterpriseAccountsResultSchema),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useResetRequests() {
  return useQuery({
    queryKey: ['users', 'resets'],
    queryFn: async () => (await api.get('/users/password-resets', resetRequestListSchema)).items,
  });
}

export function useDecideReset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      api.post(
        `/users/password-resets/${encodeURIComponent(id)}/${approve ? 'approve' : 'reject'}`,
        {},
        resetDecisionSchema,
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

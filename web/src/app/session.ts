// The current session: who is logged in (GET /api/auth/me), login and logout, and the district's meta.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  meResponseSchema,
  sessionUserSchema,
  type SessionUser,
} from '@contracts/platform/auth/auth.contract.ts';
import { api } from './api.ts';

export const metaSchema = z.object({
  district: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
  version: z.string(),
});
export type Meta = z.infer<typeof metaSchema>;

export const sessionKeys = { me: ['session', 'me'] as const, meta: ['meta'] as const };

export function useMeta() {
  return useQuery({
    queryKey: sessionKeys.meta,
    queryFn: () => api.get('/meta', metaSchema),
    staleTime: Infinity,
  });
}

/** The logged-in user, or null for an anonymous visitor. */
export function useSession(): { user: SessionUser | null; loading: boolean } {
  const q = useQuery({
    queryKey: sessionKeys.me,
    queryFn: async () => (await api.get('/auth/me', meResponseSchema)).user,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return { user: q.data ?? null, loading: q.isPending };
}

const loginResponseSchema = z.object({ user: sessionUserSchema });

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.post('/auth/login', body, loginResponseSchema),
    meta: { silent: true },
    onSuccess: ({ user }) => {
      // a new identity: nothing cached for the previous one may be shown
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' && q.queryKey[0] !== 'plan' });
      qc.setQueryData(sessionKeys.me, user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout', {}, z.unknown()),
    onSettled: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' && q.queryKey[0] !== 'plan' });
      qc.setQueryData(sessionKeys.me, null);
    },
  });
}

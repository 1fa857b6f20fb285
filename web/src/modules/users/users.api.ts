// Queries and mutations of user management (administrators only).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { userListSchema } from '@contracts/platform/auth/auth.contract.ts';
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

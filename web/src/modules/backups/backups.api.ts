// The backup archives: the list, taking one now, verifying one, downloading one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  backupItemSchema,
  backupListSchema,
  verifyResultSchema,
} from '@contracts/platform/backup/backup.contract.ts';
import { api } from '../../app/api.ts';

export const backupKeys = { list: ['backups', 'list'] as const };

export function useBackups() {
  return useQuery({
    queryKey: backupKeys.list,
    queryFn: () => api.get('/platform/backups', backupListSchema),
  });
}

export function useCreateBackup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/platform/backups', {}, backupItemSchema),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['backups'] }),
  });
}

export function useVerifyBackup() {
  return useMutation({
    mutationFn: (name: string) =>
      api.post(`/platform/backups/${encodeURIComponent(name)}/verify`, {}, verifyResultSchema),
  });
}

export const downloadBackup = (name: string) =>
  api.download(`/platform/backups/${encodeURIComponent(name)}/download`, undefined, name);

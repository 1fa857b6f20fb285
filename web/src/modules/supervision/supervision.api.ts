// Queries and mutations of 督查督办: the ledger, an item with its reports, 我的待办, the roll-up, returning and
// accepting reports, submitting one, the ledger's export and import.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  itemDetailSchema,
  itemPageSchema,
  ledgerImportResultSchema,
  noticeDetailSchema,
  noticePageSchema,
  publicTaskColoursSchema,
  rollupSchema,
  supervisionSettingsViewSchema,
  todoSchema,
  type ItemInput,
  type SupervisionSettings,
  type ReportBody,
} from '@contracts/modules/supervision/supervision.contract.ts';
import type {
  Colour,
  ItemState,
  NoticeLevel,
  NoticeState,
} from '@contracts/modules/supervision/supervision.kinds.ts';
import { api, isApiError } from '../../app/api.ts';

export interface LedgerFilters {
  unitId?: string;
  taskNumber?: number;
  colour?: Colour;
  state?: ItemState;
}

export const supervisionKeys = {
  all: ['supervision'] as const,
  list: (f: LedgerFilters, page: number, pageSize: number) =>
    ['supervision', 'list', f, page, pageSize] as const,
  detail: (id: string) => ['supervision', 'detail', id] as const,
  todo: ['supervision', 'todo'] as const,
  rollup: ['supervision', 'rollup'] as const,
  units: ['supervision', 'units'] as const,
  notices: (f: NoticeFilters, page: number, pageSize: number) =>
    ['supervision', 'notices', f, page, pageSize] as const,
  publicTasks: ['public', 'supervision', 'tasks'] as const,
  settings: ['supervision', 'settings'] as const,
};

export interface NoticeFilters {
  level?: NoticeLevel;
  state?: NoticeState | 'open';
  unitId?: string;
}

export function useNotices(filters: NoticeFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: supervisionKeys.notices(filters, page, pageSize),
    queryFn: () => api.get('/supervision/notices', noticePageSchema, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export const usePublicTaskColours = () =>
  useQuery({
    queryKey: supervisionKeys.publicTasks,
    queryFn: () => api.get('/public/supervision/tasks', publicTaskColoursSchema),
  });

/** 签收, 整改情况 (the owning unit), 销号 (the plan office) and a notice by hand on an item (the plan office). */
export function useNoticeAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v:
        | { step: 'acknowledge'; id: string }
        | { step: 'respond'; id: string; remediation: string }
        | { step: 'close'; id: string; note: string }
        | { step: 'issue'; itemId: string; reason?: string },
    ) =>
      v.step === 'issue'
        ? api.post(
            `/supervision/items/${encodeURIComponent(v.itemId)}/notices`,
            v.reason ? { reason: v.reason } : {},
            noticeDetailSchema,
          )
        : api.post(
            `/supervision/notices/${encodeURIComponent(v.id)}/${v.step}`,
            v.step === 'respond'
              ? { remediation: v.remediation }
              : v.step === 'close'
                ? { note: v.note }
                : {},
            noticeDetailSchema,
          ),
    onSuccess: () => qc.invalidateQueries({ queryKey: supervisionKeys.all }),
  });
}

export function useLedger(filters: LedgerFilters, page: number, pageSize: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: supervisionKeys.list(filters, page, pageSize),
    queryFn: () => api.get('/supervision/items', itemPageSchema, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useItem(id: string | undefined) {
  return useQuery({
    queryKey: supervisionKeys.detail(id ?? ''),
    queryFn: () => api.get(`/supervision/items/${encodeURIComponent(id ?? '')}`, itemDetailSchema),
    enabled: !!id,
  });
}

export const useTodo = () =>
  useQuery({ queryKey: supervisionKeys.todo, queryFn: () => api.get('/supervision/todo', todoSchema) });

export const useRollup = () =>
  useQuery({ queryKey: supervisionKeys.rollup, queryFn: () => api.get('/supervision/rollup', rollupSchema) });

const unitListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
});
export const useUnits = () =>
  useQuery({ queryKey: supervisionKeys.units, queryFn: () => api.get('/units', unitListSchema) });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: supervisionKeys.all });
}

export function useReview() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { reportId: string; outcome: 'return' | 'accept'; reason?: string }) =>
      api.post(
        `/supervision/reports/${encodeURIComponent(v.reportId)}/${v.outcome}`,
        v.outcome === 'return' ? { reason: v.reason ?? '' } : {},
        itemDetailSchema,
      ),
    onSuccess: invalidate,
  });
}

export function useSubmitReport() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { itemId: string; body: ReportBody }) =>
      api.post(`/supervision/items/${encodeURIComponent(v.itemId)}/reports`, v.body, itemDetailSchema),
    onSuccess: invalidate,
  });
}

export const downloadLedger = () => api.download('/supervision/ledger/export', undefined, '工作台账.xlsx');

export const importErrorSchema = z.object({
  message: z.string(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), reason: z.string() })),
});
export type LedgerImport =
  | { ok: true; result: z.infer<typeof ledgerImportResultSchema> }
  | { ok: false; message: string; errors: z.infer<typeof importErrorSchema>['errors'] };

/** Uploads the ledger: a preview (nothing written) or the import itself; a 422 comes back as the rows' errors. */
export async function importLedger(file: File, preview: boolean): Promise<LedgerImport> {
  try {
    const res = await api.upload(`/supervision/ledger/import?preview=${preview}`, file);
    if (res.status === 422) {
      const e = importErrorSchema.parse(res.body);
      return { ok: false, message: e.message, errors: e.errors };
    }
    return { ok: true, result: ledgerImportResultSchema.parse(res.body) };
  } catch (err) {
    if (isApiError(err)) return { ok: false, message: err.message, errors: [] };
    throw err;
  }
}

export function useSaveItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id?: string; body: ItemInput }) =>
      v.id
        ? api.put(`/supervision/items/${encodeURIComponent(v.id)}`, v.body, itemDetailSchema)
        : api.post('/supervision/items', v.body, itemDetailSchema),
    onSuccess: invalidate,
  });
}

/** The district's status thresholds and ladder settings. */
export const useSettings = (enabled = true) =>
  useQuery({
    queryKey: supervisionKeys.settings,
    queryFn: () => api.get('/supervision/settings', supervisionSettingsViewSchema),
    enabled,
  });

/** The plan office saves them; every colour is recomputed from the next view on. */
export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SupervisionSettings) =>
      api.put('/supervision/settings', body, supervisionSettingsViewSchema),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: supervisionKeys.all }),
        qc.invalidateQueries({ queryKey: supervisionKeys.publicTasks }),
      ]),
  });
}

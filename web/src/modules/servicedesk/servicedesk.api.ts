// Queries and mutations of the service desk (企业诉求): the list and one request, filing (提交诉求 / 代录), every
// step on a request, attachments, publication, the configuration, the figures (三率) and the public knowledge base.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  categoryListSchema,
  configViewSchema,
  figuresSchema,
  knowledgeEntrySchema,
  knowledgeSchema,
  publicFiguresSchema,
  requestAttachmentSchema,
  requestDetailSchema,
  requestPageSchema,
  type deskConfigSchema,
  type FilingInput,
  type RequestListQuery,
} from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { unitListSchema } from '@contracts/modules/units/units.contract.ts';
import { api, ApiError } from '../../app/api.ts';

export type DeskConfig = z.infer<typeof deskConfigSchema>;
export type RequestFilters = Partial<
  Pick<RequestListQuery, 'state' | 'category' | 'unitId' | 'q' | 'needsCoordination' | 'month'>
>;

export const deskKeys = {
  all: ['serviceDesk'] as const,
  list: (f: RequestFilters, page: number, pageSize: number) =>
    ['serviceDesk', 'list', f, page, pageSize] as const,
  detail: (id: string) => ['serviceDesk', 'detail', id] as const,
  categories: ['serviceDesk', 'categories'] as const,
  config: ['serviceDesk', 'config'] as const,
  figures: (q: FiguresQuery) => ['serviceDesk', 'figures', q] as const,
  units: ['serviceDesk', 'units'] as const,
  publicFigures: (from: string, to: string) => ['public', 'serviceDesk', 'figures', from, to] as const,
  knowledge: ['public', 'serviceDesk', 'knowledge'] as const,
  entry: (id: string) => ['public', 'serviceDesk', 'entry', id] as const,
};

export function useRequests(filters: RequestFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: deskKeys.list(filters, page, pageSize),
    queryFn: () => api.get('/service-desk/requests', requestPageSchema, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string | undefined) {
  return useQuery({
    queryKey: deskKeys.detail(id ?? ''),
    queryFn: () => api.get(`/service-desk/requests/${encodeURIComponent(id ?? '')}`, requestDetailSchema),
    enabled: !!id,
  });
}

export const useCategories = () =>
  useQuery({
    queryKey: deskKeys.categories,
    queryFn: () => api.get('/service-desk/categories', categoryListSchema),
    staleTime: 5 * 60_000,
  });

/** Units one may dispatch to or name (collectives are not units that handle anything). */
export const useDeskUnits = (enabled = true) =>
  useQuery({
    enabled,
    queryKey: deskKeys.units,
    queryFn: async () =>
      (await api.get('/units', unitListSchema)).items.filter((u) => u.kind !== 'collective'),
    staleTime: 5 * 60_000,
  });

/** Files a request (an enterprise for itself; staff 代录 with `enterprise`), then uploads its attachments. */
export function useFileRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { body: Partial<FilingInput>; files: File[] }) => {
      const created = await api.post('/service-desk/requests', v.body, requestDetailSchema);
      const failed: { file: string; message: string }[] = [];
      for (const f of v.files) {
        try {
          await uploadAttachment(created.id, f);
        } catch (e) {
          failed.push({ file: f.name, message: (e as Error).message });
        }
      }
      return { created, failed };
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: deskKeys.all }),
  });
}

/** The step paths the server offers (each a POST on the request), by the action names its detail lists. */
export const stepPaths = {
  dispatch: 'dispatch',
  accept: 'accept',
  return: 'return',
  decide: 'decide',
  note: 'notes',
  requestSupplement: 'supplement-request',
  supplement: 'supplement',
  requestExtension: 'extension',
  decideExtension: 'extension/decision',
  answer: 'answer',
  rate: 'rating',
  coordinate: 'coordination',
} as const;
export type StepAction = keyof typeof stepPaths;

export function useStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { action: StepAction; body: Record<string, unknown> }) =>
      api.post(
        `/service-desk/requests/${encodeURIComponent(id)}/${stepPaths[v.action]}`,
        v.body,
        requestDetailSchema,
      ),
    onSuccess: (detail) => {
      qc.setQueryData(deskKeys.detail(id), detail);
      return qc.invalidateQueries({ queryKey: ['serviceDesk', 'list'] });
    },
  });
}

export function usePublication(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { withheld: boolean; policyIds?: string[] }) =>
      api.put(`/service-desk/requests/${encodeURIComponent(id)}/publication`, body, requestDetailSchema),
    onSuccess: (detail) => qc.setQueryData(deskKeys.detail(id), detail),
  });
}

/** Uploads one attachment; rejects with the server's words (type, size, too many). */
export async function uploadAttachment(requestId: string, file: File) {
  const res = await api.upload(`/service-desk/requests/${encodeURIComponent(requestId)}/attachments`, file);
  if (res.status === 422) {
    const body = res.body as { code?: string; message?: string } | null;
    throw new ApiError(422, body?.code ?? 'VALIDATION', body?.message ?? 'upload refused');
  }
  return requestAttachmentSchema.parse(res.body);
}

export function useUpload(requestId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(requestId, file),
    onSuccess: () => qc.invalidateQueries({ queryKey: deskKeys.detail(requestId) }),
  });
}

export const useConfig = (enabled = true) =>
  useQuery({
    queryKey: deskKeys.config,
    queryFn: () => api.get('/service-desk/config', configViewSchema),
    enabled,
  });

export function useSaveConfig() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DeskConfig) => api.put('/service-desk/config', body, configViewSchema),
    onSuccess: (view) => {
      qc.setQueryData(deskKeys.config, view);
      return qc.invalidateQueries({ queryKey: deskKeys.categories });
    },
  });
}

export interface FiguresQuery {
  from: string;
  to: string;
  unitId?: string;
  category?: string;
}
export const useFigures = (q: FiguresQuery) =>
  useQuery({
    queryKey: deskKeys.figures(q),
    queryFn: () => api.get('/service-desk/figures', figuresSchema, { ...q }),
    placeholderData: keepPreviousData,
  });

export const usePublicFigures = (from: string, to: string) =>
  useQuery({
    queryKey: deskKeys.publicFigures(from, to),
    queryFn: () => api.get('/public/service-desk/figures', publicFiguresSchema, { from, to }),
  });

export const useKnowledge = () =>
  useQuery({
    queryKey: deskKeys.knowledge,
    queryFn: () => api.get('/public/service-desk/knowledge', knowledgeSchema, { pageSize: 100 }),
  });

/** The published answers linked to one policy (a policy page's 相关问答). */
export const usePolicyAnswers = (policyId: string) =>
  useQuery({
    queryKey: [...deskKeys.knowledge, 'policy', policyId],
    queryFn: () => api.get('/public/service-desk/knowledge', knowledgeSchema, { policyId, pageSize: 20 }),
  });

export const useKnowledgeEntry = (id: string | undefined) =>
  useQuery({
    queryKey: deskKeys.entry(id ?? ''),
    queryFn: () =>
      api.get(`/public/service-desk/knowledge/${encodeURIComponent(id ?? '')}`, knowledgeEntrySchema),
    enabled: !!id,
  });

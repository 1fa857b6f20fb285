// Queries and mutations of the enterprise registry: list, record, buildings, create/edit, audit trail, export.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  buildingListSchema,
  enterpriseContactSchema,
  enterprisePageSchema,
  enterpriseSchema,
  type EnterpriseValues,
} from '@contracts/modules/enterprises/enterprises.contract.ts';
import { auditListSchema } from '@contracts/platform/audit/audit.contract.ts';
import { api, type Query } from '../../app/api.ts';

/** The list's filters as the API takes them (all strings, as in the URL). */
export interface EnterpriseFilters {
  q?: string;
  subdistrictId?: string;
  buildingId?: string;
  field?: string;
  honour?: string;
  aboveScale?: 'true' | 'false';
  status?: string;
  registeredFrom?: string;
  registeredTo?: string;
  sort?: string;
}

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (filters: EnterpriseFilters, page: number, pageSize: number) =>
    ['enterprises', 'list', filters, page, pageSize] as const,
  detail: (id: string) => ['enterprises', 'detail', id] as const,
  buildings: (subdistrictId?: string) => ['buildings', subdistrictId ?? 'all'] as const,
  audit: (id: string) => ['audit', 'enterprise', id] as const,
};

export function useEnterpriseList(
  filters: EnterpriseFilters,
  page: number,
  pageSize: number,
  enabled = true,
) {
  return useQuery({
    queryKey: enterpriseKeys.list(filters, page, pageSize),
    queryFn: () => api.get('/enterprises', enterprisePageSchema, { ...(filters as Query), page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: enterpriseKeys.detail(id ?? ''),
    queryFn: () => api.get(`/enterprises/${encodeURIComponent(id ?? '')}`, enterpriseSchema),
    enabled: !!id,
  });
}

/** The contact in full (staff are shown the phone masked); the server records each read. */
export function fetchEnterpriseContact(id: string) {
  return api.get(`/enterprises/${encodeURIComponent(id)}/contact`, enterpriseContactSchema);
}

export function useEnterpriseContact(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['enterprises', 'contact', id ?? ''],
    queryFn: () => fetchEnterpriseContact(id ?? ''),
    enabled: enabled && !!id,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useBuildings(subdistrictId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: enterpriseKeys.buildings(subdistrictId),
    queryFn: async () => (await api.get('/buildings', buildingListSchema, { subdistrictId })).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useSaveEnterprise(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EnterpriseValues) =>
      id
        ? api.put(`/enterprises/${encodeURIComponent(id)}`, input, enterpriseSchema)
        : api.post('/enterprises', input, enterpriseSchema),
    onSuccess: (saved) => {
      qc.setQueryData(enterpriseKeys.detail(saved.id), saved);
      void qc.invalidateQueries({ queryKey: ['enterprises', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit', 'enterprise', saved.id] });
      void qc.invalidateQueries({ queryKey: ['buildings'] });
    },
  });
}

export function useEnterpriseAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: enterpriseKeys.audit(id),
    queryFn: async () =>
      (await api.get('/audit', auditListSchema, { entity: 'enterprise', entityId: id })).items,
    enabled,
  });
}

export function exportEnterprises(filters: EnterpriseFilters): Promise<void> {
  return api.download('/enterprises/export', filters as Query, '企业名录.xlsx');
}

// The district-wide audit log: a filtered page, and the same filter as an .xlsx download.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditLogPageSchema } from '@contracts/platform/audit/audit.contract.ts';
import { api, type Query } from '../../app/api.ts';

export interface AuditLogFilter {
  userId?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  logins?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const toQuery = (f: AuditLogFilter): Query => ({ ...f, logins: f.logins ? 'true' : undefined });

export function useAuditLog(filter: AuditLogFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'log', filter, page, pageSize],
    queryFn: () => api.get('/audit/log', auditLogPageSchema, { ...toQuery(filter), page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export const downloadAuditLog = (filter: AuditLogFilter) =>
  api.download('/audit/log/export', toQuery(filter), '审计日志.xlsx');

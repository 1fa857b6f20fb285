// Queries and mutations of monthly reports: an enterprise's history and one month, the jump check, saving,
// reporting coverage and missing reports, the import template and the import itself (upload + NDJSON progress).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  coverageSchema,
  missingPageSchema,
  reportCheckSchema,
  reportDetailSchema,
  reportImportResultSchema,
  reportListSchema,
  reportSavedSchema,
  type ReportBody,
} from '@contracts/modules/reports/reports.contract.ts';
import {
  importRowErrorSchema,
  type ImportRowError,
} from '@contracts/modules/enterprises/enterprises.contract.ts';
import { auditListSchema } from '@contracts/platform/audit/audit.contract.ts';
import { errorBodySchema } from '@contracts/platform/http/common.contract.ts';
import { api, ApiError } from '../../app/api.ts';
import i18n from '../../app/i18n.ts';

export type ReportImportResult = z.infer<typeof reportImportResultSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
export type MissingItem = z.infer<typeof missingPageSchema>['items'][number];

export const reportKeys = {
  all: ['reports'] as const,
  history: (enterpriseId: string) => ['reports', 'history', enterpriseId] as const,
  detail: (enterpriseId: string, period: string) => ['reports', 'detail', enterpriseId, period] as const,
  audit: (enterpriseId: string, period: string) => ['audit', 'report', enterpriseId, period] as const,
  coverage: (period: string) => ['reports', 'coverage', period] as const,
  missing: (period: string, subdistrictId: string | undefined, page: number, pageSize: number) =>
    ['reports', 'missing', period, subdistrictId ?? 'all', page, pageSize] as const,
};

const enc = encodeURIComponent;

export function useReportHistory(enterpriseId: string) {
  return useQuery({
    queryKey: reportKeys.history(enterpriseId),
    queryFn: async () => (await api.get(`/enterprises/${enc(enterpriseId)}/reports`, reportListSchema)).items,
  });
}

export function useReportMonth(enterpriseId: string, period: string) {
  return useQuery({
    queryKey: reportKeys.detail(enterpriseId, period),
    queryFn: () => api.get(`/enterprises/${enc(enterpriseId)}/reports/${enc(period)}`, reportDetailSchema),
    placeholderData: keepPreviousData,
  });
}

/** Who filed each version (administrators can read the audit trail; others see the source only). */
export function useReportAudit(enterpriseId: string, period: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.audit(enterpriseId, period),
    queryFn: async () =>
      (await api.get('/audit', auditListSchema, { entity: 'report', entityId: `${enterpriseId}:${period}` }))
        .items,
    enabled,
  });
}

export function checkReport(enterpriseId: string, body: ReportBody) {
  return api.post(`/enterprises/${enc(enterpriseId)}/reports/check`, body, reportCheckSchema);
}

export function useSaveReport(enterpriseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBody) =>
      api.post(`/enterprises/${enc(enterpriseId)}/reports`, body, reportSavedSchema),
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: reportKeys.history(enterpriseId) });
      void qc.invalidateQueries({ queryKey: reportKeys.detail(enterpriseId, saved.report.period) });
      void qc.invalidateQueries({ queryKey: reportKeys.audit(enterpriseId, saved.report.period) });
      void qc.invalidateQueries({ queryKey: ['reports', 'coverage'] });
      void qc.invalidateQueries({ queryKey: ['reports', 'missing'] });
    },
  });
}

export function useCoverage(period: string) {
  return useQuery({
    queryKey: reportKeys.coverage(period),
    queryFn: () => api.get('/reports/coverage', coverageSchema, { period }),
    placeholderData: keepPreviousData,
  });
}

export function fetchMissing(
  period: string,
  subdistrictId: string | undefined,
  page: number,
  pageSize: number,
) {
  return api.get('/reports/missing', missingPageSchema, { period, subdistrictId, page, pageSize });
}

export function downloadReportTemplate(period: string): Promise<void> {
  return api.download('/reports/import/template', { period }, `月度填报模板-${period}.xlsx`);
}

/** What an import ended in: the counts, or the rows that stopped it (nothing written), or a refusal. */
export type ImportOutcome =
  | { kind: 'done'; result: ReportImportResult }
  | { kind: 'invalid'; message: string; errors: ImportRowError[]; errorCount: number };

export interface ImportProgress {
  /** Share of the file sent, 0–100. */
  onUpload?: (percent: number) => void;
  /** Data rows the server has read so far. */
  onRows?: (rows: number) => void;
}

const progressLine = z.object({ type: z.literal('progress'), rows: z.number() });
const doneLine = z.object({ type: z.literal('done'), result: reportImportResultSchema });
const errorLine = z.object({
  type: z.literal('error'),
  status: z.number(),
  code: z.string(),
  message: z.string(),
  errors: z.array(importRowErrorSchema).optional(),
  errorCount: z.number().optional(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
const streamLine = z.discriminatedUnion('type', [progressLine, doneLine, errorLine]);

/**
 * Uploads a month's file with XMLHttpRequest (the only browser API with upload progress) asking for NDJSON, and
 * reads the response while it arrives: progress lines as the server reads rows, then one result or error line.
 */
export function importReports(
  period: string,
  file: File,
  progress: ImportProgress = {},
  preview = false,
): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/reports/import?period=${enc(period)}${preview ? '&preview=true' : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.setRequestHeader('Accept-Language', i18n.language);
    let consumed = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    const isStream = () => (xhr.getResponseHeader('Content-Type') ?? '').includes('application/x-ndjson');

    /** Handles every complete line received since the last call. */
    const drain = () => {
      if (xhr.status !== 200 || !isStream()) return;
      const text = xhr.responseText;
      let nl = text.indexOf('\n', consumed);
      while (nl >= 0) {
        const raw = text.slice(consumed, nl).trim();
        consumed = nl + 1;
        nl = text.indexOf('\n', consumed);
        if (!raw) continue;
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          continue;
        }
        const line = streamLine.safeParse(json);
        if (!line.success) continue;
        const l = line.data;
        if (l.type === 'progress') progress.onRows?.(l.rows);
        else if (l.type === 'done') settle(() => resolve({ kind: 'done', result: l.result }));
        else if (l.code === 'IMPORT_INVALID' && l.errors)
          settle(() =>
            resolve({
              kind: 'invalid',
              message: l.message,
              errors: l.errors ?? [],
              errorCount: l.errorCount ?? l.errors?.length ?? 0,
            }),
          );
        else settle(() => reject(new ApiError(l.status, l.code, l.message, l.fields ?? [], json)));
      }
    };

    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress.onUpload?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => progress.onUpload?.(100);
    xhr.onprogress = drain;
    xhr.onerror = () => settle(() => reject(new ApiError(0, 'NETWORK', 'Network error')));
    xhr.onload = () => {
      drain();
      if (settled) return;
      // refused before the stream began (403, 413, 415…): a plain JSON error body
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      const parsed = errorBodySchema.safeParse(body);
      const failure = z
        .object({ errors: z.array(importRowErrorSchema), errorCount: z.number().optional() })
        .safeParse(body);
      if (xhr.status === 422 && parsed.success && failure.success) {
        settle(() =>
          resolve({
            kind: 'invalid',
            message: parsed.data.message,
            errors: failure.data.errors,
            errorCount: failure.data.errorCount ?? failure.data.errors.length,
          }),
        );
        return;
      }
      settle(() =>
        reject(
          parsed.success
            ? new ApiError(xhr.status, parsed.data.code, parsed.data.message, parsed.data.fields ?? [], body)
            : new ApiError(
                xhr.status,
                xhr.status >= 500 ? 'INTERNAL' : `HTTP_${xhr.status}`,
                xhr.statusText || `HTTP ${xhr.status}`,
                [],
                body,
              ),
        ),
      );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const useInvalidateReports = () => {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: reportKeys.all });
};

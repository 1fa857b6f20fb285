// HTTP for monthly reports: an enterprise's form and history, corrections, month imports, coverage and missing reports.
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { receiveUpload, sendXlsx } from '../../platform/http/files.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet.ts';
import { importGate } from '../../platform/files/gate.ts';
import { idSchema } from '../../platform/http/common.contract.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { allowedBy, actorOf, requireUser } from '../../platform/auth/principal.ts';
import { loadOr404 } from '../../platform/auth/scope.ts';
import { maskPhone } from '../../platform/audit/mask.ts';
import { audit, exportEvent } from '../../platform/audit/audit.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { can, importRowRefusal, reportScope, standingSubdistrict } from './reports.policy.ts';
import { findEnterpriseRow } from '../enterprises/enterprises.store.ts';
import { importFailureSchema } from '../enterprises/enterprises.contract.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import { periodSchema } from '../../platform/time/period.ts';
import {
  coverageQuerySchema,
  coverageSchema,
  importQuerySchema,
  reportImportUploadQuerySchema,
  missingPageSchema,
  missingQuerySchema,
  reportBodySchema,
  standingQuerySchema,
  standingSchema,
  reportCheckSchema,
  reportDetailSchema,
  reportImportResultSchema,
  reportListSchema,
  reportSavedSchema,
} from './reports.contract.ts';
import {
  expectedEnterprises,
  missingReports,
  coverage,
  reportHistory,
  subdistrictStanding,
} from './reports.store.ts';
import { checkReport, fileReport, reportMonth } from './reports.views.ts';
import { importReports, MAX_REPORT_ROWS, reportColumns } from './reports.import.ts';

/** An unknown USCC and one outside the importer's scope read alike, as a single edit's 404 would. */
const UNKNOWN_OR_HIDDEN = '无权修改该企业或企业不存在';

export interface ReportRouteDeps {
  db: Db;
  /** The clock, injected so tests can pin "today". */
  now?: () => Date;
}

const allowed = allowedBy(can);

export function registerReportRoutes(app: TypedApp, { db, now = () => new Date() }: ReportRouteDeps): void {
  /** The enterprise a request is about, if the user may read it (else 404: no hint that it exists). */
  const readable = async (user: SessionUser, id: string) => {
    return loadOr404(
      () => findEnterpriseRow(db, user.districtId, id),
      (row) => can(user, 'read', row),
      '企业',
    );
  };

  app.get(
    '/api/enterprises/:id/reports',
    {
      schema: {
        tags: ['reports'],
        summary: "An enterprise's monthly reports (current versions, newest first)",
        params: idParams,
        response: { 200: reportListSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const e = await readable(user, req.params.id);
      const settings = await monitoringSettings(db, user.districtId);
      return { items: await reportHistory(db, user.districtId, e.id, settings.reportDeadlineDay) };
    },
  );

  app.get(
    '/api/enterprises/:id/reports/:period',
    {
      schema: {
        tags: ['reports'],
        summary:
          "One month of an enterprise's reports: the current version, every earlier version, and last period's values",
        params: z.object({ id: idSchema, period: periodSchema }),
        response: { 200: reportDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const e = await readable(user, req.params.id);
      return reportMonth(db, user.districtId, e.id, req.params.period);
    },
  );

  app.post(
    '/api/enterprises/:id/reports/check',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Check figures before saving: warnings for implausible jumps against recent reports (nothing is saved)',
        params: idParams,
        body: reportBodySchema,
        response: { 200: reportCheckSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const e = await readable(user, req.params.id);
      return checkReport(db, user.districtId, e.id, req.body);
    },
  );

  app.post(
    '/api/enterprises/:id/reports',
    {
      schema: {
        tags: ['reports'],
        summary: "File or correct a month's figures; a correction keeps the earlier version and is audited",
        params: idParams,
        body: reportBodySchema,
        response: { 200: reportSavedSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const e = await readable(user, req.params.id);
      if (!can(user, 'file', e)) throw forbidden();
      return fileReport(db, actorOf(user), e, req.body, now());
    },
  );

  app.get(
    '/api/reports/import/template',
    {
      schema: {
        tags: ['reports'],
        summary:
          "A month's import template (.xlsx), listing the enterprises in the user's scope that should report",
        querystring: importQuerySchema,
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'import');
      const period = req.query.period;
      const scope = reportScope(user);
      return sendXlsx(reply, `月度填报模板-${period}.xlsx`, async (wb) => {
        const sheet = wb.addWorksheet(`${period} 月度填报`);
        sheet.columns = reportColumns.map((c) => ({
          header: c.required ? `${c.zh}*` : c.zh,
          key: c.key,
          width: Math.max(14, c.zh.length * 2 + 4),
        }));
        const list = await expectedEnterprises(db, user.districtId, period, scope);
        for (const e of list) sheet.addRow({ uscc: e.uscc, name: e.name }).commit();
        // The template lists the enterprises in scope: a download of registry data, recorded like an export.
        await audit(db, actorOf(user), exportEvent('reportTemplate', req.query, list.length));
      });
    },
  );

  app.post(
    '/api/reports/import',
    {
      schema: {
        tags: ['reports'],
        summary:
          "Import a month's reports (.xlsx streamed, or .csv): all rows land or none, with row, column and reason for every error. " +
          'Send Accept: application/x-ndjson to receive progress lines while it runs. ?preview=true checks and counts, writing nothing.',
        querystring: reportImportUploadQuerySchema,
        consumes: ['multipart/form-data'],
        response: {
          200: reportImportResultSchema,
          ...errorResponses(400, 403, 413, 415, 503),
          422: importFailureSchema,
        },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'import');
      const upload = await receiveUpload(req);
      const run = (onProgress?: (n: number) => void) =>
        importReports(db, actorOf(user), readSpreadsheet(upload, { maxRows: MAX_REPORT_ROWS }), {
          period: req.query.period,
          // Each enterprise as a single report of it would be decided: out of sight reads as unknown.
          decide: (e) => {
            const refusal = importRowRefusal(user, e);
            return refusal === 'notFound' ? UNKNOWN_OR_HIDDEN : refusal ? '无权修改该企业' : null;
          },
          unknownReason: UNKNOWN_OR_HIDDEN,
          filename: upload.filename,
          submittedAt: now(),
          preview: req.query.preview,
          ...(onProgress ? { onProgress } : {}),
        });
      const gated = (onProgress?: (n: number) => void) =>
        importGate.run(() => run(onProgress)).finally(() => upload.cleanup());

      if (!(req.headers.accept ?? '').includes('application/x-ndjson')) return gated();
      // Progress for the web app: one JSON line per 2,000 rows, then the result or the error report.
      reply.raw.writeHead(200, {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'cache-control': 'no-cache',
      });
      const line = (o: unknown) => reply.raw.write(`${JSON.stringify(o)}\n`);
      try {
        const result = await gated((n) => line({ type: 'progress', rows: n }));
        line({ type: 'done', result });
      } catch (err) {
        if (err instanceof AppError) {
          line({
            type: 'error',
            status: err.status,
            code: err.code,
            message: err.message,
            ...(err.details ?? {}),
            ...(err.fields ? { fields: err.fields } : {}),
          });
        } else {
          req.log.error({ err }, 'report import failed');
          line({ type: 'error', status: 500, code: 'INTERNAL', message: '服务器内部错误' });
        }
      }
      reply.raw.end();
      return reply;
    },
  );

  app.get(
    '/api/reports/coverage',
    {
      schema: {
        tags: ['reports'],
        summary: 'Who should have reported a month, who did, and who did by the deadline, per subdistrict',
        querystring: coverageQuerySchema,
        response: { 200: coverageSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'coverage');
      const { reportDeadlineDay: day } = await monitoringSettings(db, user.districtId);
      return coverage(db, user.districtId, req.query.period, day, reportScope(user));
    },
  );

  app.get(
    '/api/reports/missing',
    {
      schema: {
        tags: ['reports'],
        summary: 'Enterprises that have not reported a month (with their last reported month)',
        querystring: missingQuerySchema,
        response: { 200: missingPageSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'missing');
      const page = await missingReports(db, user.districtId, req.query.period, reportScope(user), req.query);
      // Phones masked on the page; the full number is GET /api/enterprises/:id/contact (audited) or the export.
      return { ...page, items: page.items.map((i) => ({ ...i, contactPhone: maskPhone(i.contactPhone) })) };
    },
  );

  app.get(
    '/api/reports/missing/export',
    {
      schema: {
        tags: ['reports'],
        summary:
          "The enterprises that have not reported a month (the whole list, in the user's scope) as .xlsx",
        querystring: missingExportQuerySchema,
        response: errorResponses(401, 403),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'missing');
      const { period, subdistrictId } = req.query;
      const list = await missingReports(db, user.districtId, period, reportScope(user), {
        subdistrictId,
        page: 1,
        pageSize: MISSING_EXPORT_LIMIT,
      });
      // Contacts are personal data: the download is recorded (who, which month, how many rows), never its contents.
      await audit(db, actorOf(user), exportEvent('missingReports', req.query, list.items.length));
      return sendXlsx(reply, `未报送企业-${period}.xlsx`, async (wb) => {
        const sheet = wb.addWorksheet(`${period} 未报送企业`);
        sheet.columns = [
          { header: '统一社会信用代码', key: 'uscc', width: 22 },
          { header: '企业名称', key: 'name', width: 36 },
          { header: '镇街', key: 'subdistrict', width: 14 },
          { header: '联系人', key: 'contactPerson', width: 12 },
          { header: '联系电话', key: 'contactPhone', width: 16 },
          { header: '最近报送月份', key: 'lastReported', width: 14 },
        ];
        for (const e of list.items)
          sheet
            .addRow({
              uscc: e.uscc,
              name: e.name,
              subdistrict: e.subdistrict.name,
              contactPerson: e.contactPerson,
              contactPhone: e.contactPhone,
              lastReported: e.lastReported ?? '从未报送',
            })
            .commit();
      });
    },
  );

  app.get(
    '/api/reports/standing',
    {
      schema: {
        tags: ['reports'],
        summary:
          "One subdistrict's reporting in a month and its rank among the subdistricts (a subdistrict user's own)",
        querystring: standingQuerySchema,
        response: { 200: standingSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'coverage');
      const subdistrictId = standingSubdistrict(user, req.query.subdistrictId);
      if (subdistrictId === undefined) throw invalid('subdistrictId', '请选择镇街');
      const { reportDeadlineDay: day } = await monitoringSettings(db, user.districtId);
      const standing = subdistrictId
        ? await subdistrictStanding(db, user.districtId, req.query.period, day, subdistrictId)
        : null;
      if (!standing) throw notFound('镇街');
      return standing;
    },
  );
}

/** The non-reporters export: the list's filter without paging. */
const missingExportQuerySchema = missingQuerySchema.omit({ page: true, pageSize: true });

/** The most rows the non-reporters export writes (a district's whole registry fits many times over). */
const MISSING_EXPORT_LIMIT = 100_000;

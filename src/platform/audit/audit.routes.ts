// HTTP for reading the audit trail of a record and the district-wide log (with its .xlsx export): administrators only.
// Reading the log shows personal data (contacts in before/after, names, addresses), so each read is audited too.
import type { TypedApp } from '../http/app.ts';
import type { Db } from '../db/db.ts';
import { errorResponses } from '../http/routes.ts';
import { actorOf, allowedBy } from '../auth/principal.ts';
import { sendXlsx } from '../http/files.ts';
import {
  auditListSchema,
  auditLogPageSchema,
  auditLogQuerySchema,
  auditQuerySchema,
} from './audit.contract.ts';
import { audit, auditTrail, exportEvent } from './audit.ts';
import { auditLogPage, iterateAuditLog } from './audit.log.ts';
import { can } from './audit.policy.ts';

const allowed = allowedBy(can);

/** The filter as recorded with a read: what was asked, without the pager. */
const filterOf = ({ page: _p, pageSize: _s, ...filter }: Record<string, unknown>) => filter;

/** A value as cell text, within Excel's 32,767 characters a cell holds. */
const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v).slice(0, 32_000));

export function registerAuditRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail of one record: who changed what, when, before and after (administrators)',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      return { items: await auditTrail(db, user.districtId, req.query.entity, req.query.entityId) };
    },
  );

  app.get(
    '/api/audit/log',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The district-wide audit log, filtered by user, record, action and time, newest first; login history with ?logins=true (administrators)',
        querystring: auditLogQuerySchema,
        response: { 200: auditLogPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'readLog');
      const page = await auditLogPage(db, user.districtId, req.query);
      await audit(db, actorOf(user), {
        action: 'read',
        entity: 'audit',
        entityId: 'log',
        after: { filter: filterOf(req.query), page: req.query.page, rows: page.items.length },
      });
      return page;
    },
  );

  app.get(
    '/api/audit/log/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit log as an .xlsx file (administrators)',
        querystring: auditLogQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'readLog');
      return sendXlsx(reply, '审计日志.xlsx', async (wb) => {
        const sheet = wb.addWorksheet('审计日志');
        sheet.columns = [
          { header: '编号', key: 'id', width: 10 },
          { header: '时间', key: 'at', width: 26 },
          { header: '操作人', key: 'actor', width: 28 },
          { header: '操作', key: 'action', width: 16 },
          { header: '对象类型', key: 'entity', width: 14 },
          { header: '对象编号', key: 'entityId', width: 40 },
          { header: '修改前', key: 'before', width: 40 },
          { header: '修改后', key: 'after', width: 40 },
          { header: '备注', key: 'note', width: 24 },
        ];
        let count = 0;
        let complete = false;
        try {
          for await (const e of iterateAuditLog(db, user.districtId, req.query)) {
            count++;
            sheet
              .addRow({
                id: e.id,
                at: e.at,
                actor: e.actorLabel,
                action: e.action,
                entity: e.entity,
                entityId: e.entityId,
                before: json(e.before),
                after: json(e.after),
                note: e.note ?? '',
              })
              .commit();
          }
          complete = true;
        } finally {
          await audit(db, actorOf(user), {
            ...exportEvent('auditLog', filterOf(req.query), count),
            ...(complete ? {} : { note: 'incomplete' }),
          });
        }
      });
    },
  );
}

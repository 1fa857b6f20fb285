// HTTP for reading a record's audit trail: administrators only.
import type { TypedApp } from '../http/app.ts';
import type { Db } from '../db/db.ts';
import { errorResponses } from '../http/routes.ts';
import { allowedBy } from '../auth/principal.ts';
import { auditListSchema, auditQuerySchema } from './audit.contract.ts';
import { auditTrail } from './audit.ts';
import { can } from './audit.policy.ts';

const allowed = allowedBy(can);

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
}

// HTTP for reading a record's audit trail: administrators only.
import type { TypedApp } from '../http/app.ts';
import type { Db } from '../db/db.ts';
import { forbidden } from '../http/errors.ts';
import { errorBodySchema } from '../http/common.contract.ts';
import { requireUser } from '../auth/principal.ts';
import { auditListSchema, auditQuerySchema } from './audit.contract.ts';
import { auditTrail } from './audit.ts';
import { can } from './audit.policy.ts';

export function registerAuditRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail of one record: who changed what, when, before and after (administrators)',
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (!can(user, 'read')) throw forbidden();
      return { items: await auditTrail(db, user.districtId, req.query.entity, req.query.entityId) };
    },
  );
}

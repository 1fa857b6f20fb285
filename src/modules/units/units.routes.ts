// HTTP for units: the list by kind with task counts, and one unit with the tasks it leads and shares.
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { idSchema } from '../../platform/http/common.contract.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { unitDetailSchema, unitListQuerySchema, unitListSchema } from './units.contract.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import { can } from './units.policy.ts';

export function registerUnitRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Units the plan names, optionally of one kind',
        querystring: unitListQuerySchema,
        response: { 200: unitListSchema },
      },
    },
    async (req) => {
      if (!can(req.user, 'read')) throw forbidden();
      const view = await loadPlanView(db, req.districtId);
      if (!view) return { items: [] };
      const items = view.index.units
        .filter((u) => !req.query.kind || u.kind === req.query.kind)
        .map((u) => view.index.toUnit(u));
      return { items };
    },
  );

  app.get(
    '/api/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit with the tasks it leads and shares',
        params: z.object({ id: idSchema }),
        response: { 200: unitDetailSchema, ...errorResponses(404) },
      },
    },
    async (req) => {
      if (!can(req.user, 'read')) throw forbidden();
      const view = await loadPlanView(db, req.districtId);
      const detail = view?.index.unitDetail(req.params.id);
      if (!detail) throw notFound('单位');
      return detail;
    },
  );
}

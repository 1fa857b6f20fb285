// HTTP for the carrier-space module (产业载体): the operators (专业运营机构) today.
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { allowedBy, actorOf } from '../../platform/auth/principal.ts';
import { maskPhone } from '../../platform/audit/mask.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { can, operatorScope, seesOperatorContact } from './space.policy.ts';
import { operatorBodySchema, operatorListSchema, operatorSchema, type Operator } from './space.contract.ts';
import { createOperator, listOperators, updateOperator, type OperatorRow } from './space.store.ts';

const tags = ['space'];
const allowed = allowedBy(can);

const view = (user: SessionUser, o: OperatorRow): Operator => ({
  id: o.id,
  name: o.name,
  uscc: o.uscc,
  contactPerson: o.contactPerson,
  contactPhone: seesOperatorContact(user, o.id) ? o.contactPhone : maskPhone(o.contactPhone),
});

export function registerSpaceRoutes(app: TypedApp, { db }: { db: Db }) {
  app.get(
    '/api/space/operators',
    {
      schema: {
        tags,
        summary: 'Carrier operators (专业运营机构): all for staff, its own for an operator',
        response: { 200: operatorListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'operators.read');
      const items = await listOperators(db, user.districtId, operatorScope(user));
      return { items: items.map((o) => view(user, o)) };
    },
  );

  app.post(
    '/api/space/operators',
    {
      schema: {
        tags,
        summary: 'Register a carrier operator (the plan office)',
        body: operatorBodySchema,
        response: { 201: operatorSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'operators.manage');
      const row = await createOperator(db, actorOf(user), req.body);
      return reply.code(201).send(view(user, row));
    },
  );

  app.put(
    '/api/space/operators/:id',
    {
      schema: {
        tags,
        summary: 'Edit a carrier operator (the plan office)',
        params: idParams,
        body: operatorBodySchema,
        response: { 200: operatorSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'operators.manage');
      return view(user, await updateOperator(db, actorOf(user), req.params.id, req.body));
    },
  );
}

// HTTP for user management: administrators list, create and edit accounts of every role.
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { idSchema, okSchema } from '../../platform/http/common.contract.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { actorOf, requireUser } from '../../platform/auth/principal.ts';
import {
  changePasswordBodySchema,
  createUserBodySchema,
  updateUserBodySchema,
  userListSchema,
} from '../../platform/auth/auth.contract.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { changeOwnPassword, createUser, listUsers, updateUser } from './users.store.ts';
import { can } from './users.policy.ts';
import { hashToken, SESSION_COOKIE } from '../../platform/auth/session.ts';

const requireAdmin = (user: SessionUser) => {
  if (!can(user, 'manage')) throw forbidden();
  return user;
};

export function registerUserRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.put(
    '/api/users/me/password',
    {
      schema: {
        tags: ['users'],
        summary: 'Change my own password (every signed-in user); ends my other sessions',
        body: changePasswordBodySchema,
        response: { 200: okSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await changeOwnPassword(
        db,
        { ...actorOf(user), userId: user.id },
        req.body.currentPassword,
        req.body.newPassword,
        hashToken(req.cookies[SESSION_COOKIE] ?? ''),
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'All accounts of the district (administrators)',
        response: { 200: userListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = requireAdmin(requireUser(req));
      return { items: await listUsers(db, user.districtId) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create an account (administrators)',
        body: createUserBodySchema,
        response: {
          201: z.object({ id: idSchema }),
          ...errorResponses(400, 403, 409),
        },
      },
    },
    async (req, reply) => {
      const user = requireAdmin(requireUser(req));
      const id = await createUser(db, actorOf(user), req.body);
      return reply.status(201).send({ id });
    },
  );

  app.put(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Edit an account: name, role, binding, disabled, password reset (administrators)',
        params: z.object({ id: idSchema }),
        body: updateUserBodySchema,
        response: { 200: okSchema, ...errorResponses(400, 403, 404) },
      },
    },
    async (req) => {
      const user = requireAdmin(requireUser(req));
      await updateUser(db, actorOf(user), req.params.id, req.body);
      return { ok: true as const };
    },
  );
}

// HTTP for user management: administrators list, create and edit accounts of every role, create enterprise accounts
// in bulk and decide 忘记密码 requests; every user changes their own password.
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
  accountCandidateListSchema,
  bulkEnterpriseAccountsBodySchema,
  bulkEnterpriseAccountsResultSchema,
  resetDecisionSchema,
  resetRequestListSchema,
} from '../../platform/auth/auth.contract.ts';
import { checkThrottle } from '../../platform/auth/login-throttle.ts';
import type { DeliveryOptions } from '../notifications/notifications.delivery.ts';
import {
  accountCandidates,
  approveReset,
  createEnterpriseAccountsFromRegistry,
  rejectReset,
  resetRequests,
} from './users.accounts.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { changeOwnPassword, createUser, listUsers, updateUser } from './users.store.ts';
import { can } from './users.policy.ts';
import { hashToken, SESSION_COOKIE } from '../../platform/auth/session.ts';

const requireAdmin = (user: SessionUser) => {
  if (!can(user, 'manage')) throw forbidden();
  return user;
};

export function registerUserRoutes(
  app: TypedApp,
  { db, delivery, now }: { db: Db; delivery: DeliveryOptions; now: () => Date },
): void {
  app.put(
    '/api/users/me/password',
    {
      schema: {
        tags: ['users'],
        summary: 'Change my own password (every signed-in user); ends my other sessions',
        body: changePasswordBodySchema,
        response: { 200: okSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const t = now();
      // Guessing the current password through a stolen session is slowed like guessing it at login.
      await checkThrottle(db, reply, {
        districtId: user.districtId,
        username: user.username,
        ip: req.ip,
        now: t,
      });
      await changeOwnPassword(
        db,
        { ...actorOf(user), userId: user.id },
        req.body.currentPassword,
        req.body.newPassword,
        hashToken(req.cookies[SESSION_COOKIE] ?? ''),
        { ip: req.ip, now: t },
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

  app.get(
    '/api/users/enterprise-accounts/candidates',
    {
      schema: {
        tags: ['users'],
        summary:
          'Enterprises of the registry without an account, and whether a password can reach them (administrators)',
        response: { 200: accountCandidateListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = requireAdmin(requireUser(req));
      return accountCandidates(db, user.districtId);
    },
  );

  app.post(
    '/api/users/enterprise-accounts',
    {
      schema: {
        tags: ['users'],
        summary:
          'Create one account per chosen enterprise (or all without one), initial passwords delivered (administrators)',
        body: bulkEnterpriseAccountsBodySchema,
        response: { 200: bulkEnterpriseAccountsResultSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req) => {
      const user = requireAdmin(requireUser(req));
      return createEnterpriseAccountsFromRegistry(db, actorOf(user), req.body, delivery);
    },
  );

  app.get(
    '/api/users/password-resets',
    {
      schema: {
        tags: ['users'],
        summary: 'Pending 忘记密码 requests (administrators)',
        response: { 200: resetRequestListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = requireAdmin(requireUser(req));
      return { items: await resetRequests(db, user.districtId, delivery) };
    },
  );

  app.post(
    '/api/users/password-resets/:id/approve',
    {
      schema: {
        tags: ['users'],
        summary:
          'Approve a request: a new initial password, delivered, to be changed at login (administrators)',
        params: z.object({ id: idSchema }),
        response: { 200: resetDecisionSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireAdmin(requireUser(req));
      return approveReset(db, actorOf(user), req.params.id, delivery);
    },
  );

  app.post(
    '/api/users/password-resets/:id/reject',
    {
      schema: {
        tags: ['users'],
        summary: 'Reject a 忘记密码 request (administrators)',
        params: z.object({ id: idSchema }),
        response: { 200: resetDecisionSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireAdmin(requireUser(req));
      return rejectReset(db, actorOf(user), req.params.id);
    },
  );
}

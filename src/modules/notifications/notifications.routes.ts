// HTTP for the inbox: list, unread count, mark one or all read. Signed-in users, each seeing only their own inbox.
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { idSchema } from '../../platform/http/common.contract.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { requireUser } from '../../platform/auth/principal.ts';
import {
  inboxQuerySchema,
  inboxSchema,
  markAllReadSchema,
  markReadSchema,
  unreadCountSchema,
} from './notifications.contract.ts';
import { inboxOf, markAllRead, markRead, unreadCount } from './notifications.store.ts';

export function registerNotificationRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary:
          "The signed-in user's notifications, newest first: to them, their unit or enterprise (and the plan office for administrators)",
        querystring: inboxQuerySchema,
        response: { 200: inboxSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => inboxOf(db, requireUser(req), req.query),
  );

  app.get(
    '/api/inbox/unread-count',
    {
      schema: {
        tags: ['inbox'],
        summary: 'How many notifications the signed-in user has not read',
        response: { 200: unreadCountSchema, ...errorResponses(401) },
      },
    },
    async (req) => ({ unread: await unreadCount(db, requireUser(req)) }),
  );

  app.post(
    '/api/inbox/:id/read',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Mark one notification read (for this user only)',
        params: z.object({ id: idSchema }),
        response: { 200: markReadSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await markRead(db, user, req.params.id);
      return { ok: true as const, unread: await unreadCount(db, user) };
    },
  );

  app.post(
    '/api/inbox/read-all',
    {
      schema: {
        tags: ['inbox'],
        summary: "Mark everything in the signed-in user's inbox read",
        response: { 200: markAllReadSchema, ...errorResponses(401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const marked = await markAllRead(db, user);
      return { marked, unread: await unreadCount(db, user) };
    },
  );
}

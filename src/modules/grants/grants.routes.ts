// HTTP for grant batches (免申即享) and their public notices: parse, authorise, call the stores, respond. Deciding a
// batch and filing an objection deliver their events (the notifications) after the commit, before answering.
import { publicLimits, rateLimit } from '../../platform/http/throttle.ts';
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventDrain } from '../../platform/module.ts';
import { notFound } from '../../platform/http/errors.ts';
import { idSchema } from '../../platform/http/common.contract.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { allowedBy, actorOf } from '../../platform/auth/principal.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import {
  batchDetail as batchDetailOf,
  batchItems,
  cancelBatch,
  createBatch,
  listBatches,
  publishBatch,
  reviewItem,
} from './grants.store.ts';
import {
  enterpriseObjections,
  fileObjection,
  objectionByReceipt,
  resolveObjections,
} from './objections.store.ts';
import { grantSettingsOf, saveGrantSettings } from './settings.store.ts';
import { exportBatchItems } from './grants.export.ts';
import { noticeDocument } from './grants.document.ts';
import { decideBatch } from './decision.store.ts';
import { publicNotice, publicNotices } from './grants.notice.ts';
import {
  cancelSchema,
  decideSchema,
  grantBatchDetailSchema,
  grantBatchListQuerySchema,
  grantBatchPageSchema,
  grantItemSchema,
  grantItemsQuerySchema,
  grantItemsPageSchema,
  grantSettingsInputSchema,
  grantSettingsSchema,
  itemReviewSchema,
  objectionBulkResolveSchema,
  objectionFiledSchema,
  objectionFileSchema,
  objectionLookupSchema,
  objectionResolveSchema,
  objectionStatusSchema,
  publishSchema,
  publicNoticeListSchema,
  publicNoticeSchema,
} from './grants.contract.ts';
import { can, grantView, objectingEnterprise, ownObjectionsOf } from './grants.policy.ts';

/** The filer's status lookup: a few tries per address, so receipt and contact pairs cannot be guessed in bulk. */
const lookupLimit = { bucket: 'objectionLookup', max: 20, windowSeconds: 600 };

export interface GrantRouteDeps {
  db: Db;
  now?: () => Date;
  /** Delivers pending domain events: filing an objection and deciding a batch answer once the inbox holds them. */
  events?: EventDrain;
}

const errors = errorResponses(400, 401, 403, 404, 409);

export function registerGrantRoutes(app: TypedApp, deps: GrantRouteDeps): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const allowed = allowedBy(can);

  // --- grant batches ------------------------------------------------------------------------------------------

  app.post(
    '/api/policies/:id/batches',
    {
      schema: {
        tags: ['grants'],
        summary:
          'Run an active policy now and open a grant batch of its eligible enterprises (status review)',
        params: idParams,
        body: z.object({ note: z.string().max(300).default('') }).default({ note: '' }),
        response: { 200: grantBatchDetailSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.manage');
      const id = await createBatch(db, actorOf(user), req.params.id, now(), req.body.note);
      return batchDetailOf(db, user.districtId, id);
    },
  );

  app.get(
    '/api/grant-batches',
    {
      schema: {
        tags: ['grants'],
        summary: 'Grant batches, newest first',
        querystring: grantBatchListQuerySchema,
        response: { 200: grantBatchPageSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.read');
      return listBatches(db, user.districtId, req.query, grantView(user));
    },
  );

  app.get(
    '/api/grant-batches/:id',
    {
      schema: {
        tags: ['grants'],
        summary: 'A batch with its objections and the record of every step',
        params: idParams,
        response: { 200: grantBatchDetailSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.read');
      return batchDetailOf(db, user.districtId, req.params.id, grantView(user));
    },
  );

  app.get(
    '/api/grant-batches/:id/items',
    {
      schema: {
        tags: ['grants'],
        summary: 'The enterprises of a batch with amounts, inclusion and open objections',
        params: idParams,
        querystring: grantItemsQuerySchema,
        response: { 200: grantItemsPageSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.read');
      return batchItems(db, user.districtId, req.params.id, req.query, grantView(user));
    },
  );

  app.put(
    '/api/grant-batches/:id/items/:enterpriseId',
    {
      schema: {
        tags: ['grants'],
        summary: 'Include or exclude an enterprise during review (a reason is required to exclude)',
        params: z.object({ id: idSchema, enterpriseId: idSchema }),
        body: itemReviewSchema,
        response: { 200: grantItemSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.manage');
      await reviewItem(
        db,
        actorOf(user),
        req.params.id,
        req.params.enterpriseId,
        req.body.included,
        req.body.reason,
      );
      const one = await batchItems(db, user.districtId, req.params.id, {
        page: 1,
        pageSize: 1,
        enterpriseId: req.params.enterpriseId,
      });
      const item = one.items[0];
      if (!item) throw notFound('批次中的企业');
      return item;
    },
  );

  const step = (
    path: string,
    summary: string,
    body: z.ZodType,
    run: (user: SessionUser, id: string, body: never) => Promise<unknown>,
  ) =>
    app.post(
      `/api/grant-batches/:id/${path}`,
      {
        schema: {
          tags: ['grants'],
          summary,
          params: idParams,
          body,
          response: { 200: grantBatchDetailSchema, ...errors },
        },
      },
      async (req) => {
        const user = allowed(req, 'grants.manage');
        await run(user, req.params.id, req.body as never);
        return batchDetailOf(db, user.districtId, req.params.id);
      },
    );

  step(
    'publish',
    'Publish the batch for public notice (公示) for N working days (at least the district minimum)',
    publishSchema.default({}),
    (user, id, body: { noticeDays?: number }) => publishBatch(db, actorOf(user), id, now(), body.noticeDays),
  );
  step(
    'decide',
    'Decide the batch after its notice ended and every objection was resolved; notifies enterprises',
    decideSchema.default({ note: '' }),
    async (user, id, body: { note: string }) => {
      await decideBatch(db, actorOf(user), id, now(), body.note);
      // The enterprises' notifications committed as an event with the decision; deliver them before answering.
      await deps.events?.drain({ districtId: user.districtId });
    },
  );
  step('cancel', 'Cancel a batch still in review', cancelSchema, (user, id, body: { reason: string }) =>
    cancelBatch(db, actorOf(user), id, body.reason),
  );

  app.post(
    '/api/grant-batches/:id/objections/:objectionId/resolve',
    {
      schema: {
        tags: ['grants'],
        summary: 'Resolve an objection: upheld (the enterprise is excluded) or dismissed, with a response',
        params: z.object({ id: idSchema, objectionId: idSchema }),
        body: objectionResolveSchema,
        response: { 200: grantBatchDetailSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.manage');
      await resolveObjections(
        db,
        actorOf(user),
        req.params.id,
        [req.params.objectionId],
        req.body.outcome,
        req.body.response,
        now(),
      );
      return batchDetailOf(db, user.districtId, req.params.id);
    },
  );

  app.post(
    '/api/grant-batches/:id/objections/resolve',
    {
      schema: {
        tags: ['grants'],
        summary: 'Resolve several open objections of a batch alike (all or none), with one response',
        params: idParams,
        body: objectionBulkResolveSchema,
        response: { 200: grantBatchDetailSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.manage');
      await resolveObjections(
        db,
        actorOf(user),
        req.params.id,
        req.body.objectionIds,
        req.body.outcome,
        req.body.response,
        now(),
      );
      return batchDetailOf(db, user.districtId, req.params.id);
    },
  );

  app.get(
    '/api/grant-batches/:id/items/export',
    {
      schema: {
        tags: ['grants'],
        summary:
          'The enterprises of a batch as an .xlsx file (amounts in exact yuan), as far as the reader sees',
        params: idParams,
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'grants.read');
      return exportBatchItems(reply, db, actorOf(user), req.params.id, grantView(user));
    },
  );

  app.get(
    '/api/grant-settings',
    {
      schema: {
        tags: ['grants'],
        summary: "The district's grant settings (the shortest public notice, in working days)",
        response: { 200: grantSettingsSchema, ...errors },
      },
    },
    async (req) => grantSettingsOf(db, allowed(req, 'grants.read').districtId),
  );

  app.put(
    '/api/grant-settings',
    {
      schema: {
        tags: ['grants'],
        summary: "Set the district's grant settings",
        body: grantSettingsInputSchema,
        response: { 200: grantSettingsSchema, ...errors },
      },
    },
    async (req) => saveGrantSettings(db, actorOf(allowed(req, 'grants.manage')), req.body),
  );

  app.get(
    '/api/objections/mine',
    {
      schema: {
        tags: ['grants'],
        summary: "The objections a signed-in enterprise filed, with their status and the office's answers",
        response: { 200: z.array(objectionStatusSchema), ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'grants.ownObjections');
      return enterpriseObjections(db, user.districtId, ownObjectionsOf(user));
    },
  );

  // --- public notices -----------------------------------------------------------------------------------------

  app.get(
    '/api/public/notices',
    {
      schema: {
        tags: ['public'],
        summary: 'Grant batches under public notice, and recent decisions',
        response: { 200: publicNoticeListSchema },
      },
    },
    async (req) => publicNotices(db, req.districtId, now()),
  );

  app.get(
    '/api/public/notices/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'One public notice: the enterprises and amounts',
        params: idParams,
        response: { 200: publicNoticeSchema, ...errorResponses(404) },
      },
    },
    async (req) => publicNotice(db, req.districtId, req.params.id, now()),
  );

  app.post(
    '/api/public/notices/:id/objections',
    {
      schema: {
        tags: ['public'],
        summary: 'File an objection during the notice (anyone; signed-in enterprises are recorded as such)',
        params: idParams,
        body: objectionFileSchema,
        response: {
          200: objectionFiledSchema,
          ...errorResponses(400, 404, 409, 429),
        },
      },
      // Anyone may object, so one address may only fill the office's inbox so fast (shared by every instance).
      preHandler: rateLimit(db, publicLimits.objection, now),
    },
    async (req) => {
      const user = req.user;
      const { id, receipt } = await fileObjection(
        db,
        req.districtId,
        req.params.id,
        req.body,
        {
          userId: user?.id ?? null,
          enterpriseId: objectingEnterprise(user),
          label: user ? `${user.displayName} (${user.username})` : `公众：${req.body.filerName}`,
        },
        now(),
      );
      // The plan office's notification committed as an event with the objection; deliver it before answering.
      await deps.events?.drain({ districtId: req.districtId });
      return { ok: true as const, id, receipt };
    },
  );

  app.get(
    '/api/public/notices/:id/document',
    {
      schema: {
        tags: ['public'],
        summary:
          'A notice (or, once decided, the decision with how objections were handled) as a .docx document',
        params: idParams,
      },
    },
    async (req, reply) => noticeDocument(reply, db, req.districtId, req.params.id, now()),
  );

  app.post(
    '/api/public/objections/status',
    {
      schema: {
        tags: ['public'],
        summary: "An objection's status for its filer: receipt number and the contact given when filing",
        body: objectionLookupSchema,
        response: { 200: objectionStatusSchema, ...errorResponses(400, 404, 429) },
      },
      preHandler: rateLimit(db, lookupLimit, now),
    },
    async (req) => objectionByReceipt(db, req.districtId, req.body.receipt, req.body.contact),
  );
}

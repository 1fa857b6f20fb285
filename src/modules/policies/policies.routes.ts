// HTTP for policies, tiers and grant batches: parse, authorise, call the stores, respond.
import { publicLimits, rateLimit } from '../../platform/http/throttle.ts';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventDrain } from '../../platform/module.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { errorBodySchema, idSchema, okSchema } from '../../platform/http/common.contract.ts';
import { actorOf, requireUser } from '../../platform/auth/principal.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { findEnterpriseRow } from '../enterprises/enterprises.store.ts';
import {
  batchDetail as batchDetailOf,
  batchItems,
  cancelBatch,
  createBatch,
  decideBatch,
  fileObjection,
  listBatches,
  publicNotice,
  publicNotices,
  publishBatch,
  resolveObjection,
  reviewItem,
} from './grants.store.ts';
import {
  cancelSchema,
  decideSchema,
  enterprisePolicySchema,
  enterpriseTierSchema,
  evaluateRunSchema,
  explanationSchema,
  grantBatchDetailSchema,
  grantBatchListQuerySchema,
  grantBatchPageSchema,
  grantItemSchema,
  grantItemsQuerySchema,
  grantItemsPageSchema,
  itemReviewSchema,
  objectionFileSchema,
  objectionResolveSchema,
  policyCreateSchema,
  policySchema,
  policyStatusChangeSchema,
  policySummarySchema,
  policyUpdateSchema,
  previewRequestSchema,
  previewSchema,
  publicNoticeListSchema,
  publicNoticeSchema,
  resultsPageSchema,
  resultsQuerySchema,
  tierMembersPageSchema,
  tierMembersQuerySchema,
  tierSummarySchema,
} from './policies.contract.ts';
import { can, grantView, resultScope, seesActivePoliciesOnly } from './policies.policy.ts';
import {
  createPolicy,
  enterprisePolicies,
  enterpriseTiers,
  evaluatePolicies,
  explain,
  getPolicy,
  listPolicies,
  policyPeriod,
  policyResults,
  previewPolicy,
  setPolicyStatus,
  tierMembers,
  tierSummaries,
  updatePolicy,
} from './policies.store.ts';

export interface PolicyRouteDeps {
  db: Db;
  now?: () => Date;
  /** Delivers pending domain events: filing an objection and deciding a batch answer once the inbox holds them. */
  events?: EventDrain;
}

const idParams = z.object({ id: idSchema });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

export function registerPolicyRoutes(app: TypedApp, deps: PolicyRouteDeps): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const allowed = (req: FastifyRequest, action: Parameters<typeof can>[1]): SessionUser => {
    const user = requireUser(req);
    if (!can(user, action)) throw forbidden();
    return user;
  };
  const enterpriseFor = async (user: SessionUser, id: string) => {
    const e = await findEnterpriseRow(db, user.districtId, id);
    if (!e) throw notFound('企业');
    // Out of scope reads as absent, as in the registry: a user learns nothing of enterprises it may not see.
    if (!can(user, 'explain', { id: e.id, subdistrictId: e.subdistrictId })) throw notFound('企业');
    return e;
  };

  app.get(
    '/api/policies',
    {
      schema: {
        tags: ['policies'],
        summary: 'Every policy with its last evaluation',
        response: { 200: z.array(policySummarySchema), ...errors },
      },
    },
    async (req) => listPolicies(db, allowed(req, 'list').districtId),
  );

  app.post(
    '/api/policies',
    {
      schema: {
        tags: ['policies'],
        summary:
          'Create a policy (version 1); the definition is checked against the district (400 with paths)',
        body: policyCreateSchema,
        response: { 200: policySchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      const id = await createPolicy(db, actorOf(user), req.body);
      return getPolicy(db, user.districtId, id);
    },
  );

  app.post(
    '/api/policies/preview',
    {
      schema: {
        tags: ['policies'],
        summary: 'How many enterprises a definition qualifies, without saving (the editor’s live preview)',
        body: previewRequestSchema,
        response: { 200: previewSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      const period = req.body.period ?? (await policyPeriod(db, user.districtId, now()));
      return previewPolicy(db, user.districtId, req.body.definition, period);
    },
  );

  app.post(
    '/api/policies/evaluate',
    {
      schema: {
        tags: ['policies'],
        summary: 'Evaluate every active policy over every enterprise now, storing explanations',
        response: { 200: evaluateRunSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      const period = await policyPeriod(db, user.districtId, now());
      const r = await evaluatePolicies(db, user.districtId, period);
      return { period, ...r };
    },
  );

  app.get(
    '/api/policies/:id',
    {
      schema: {
        tags: ['policies'],
        summary: 'One policy: definition (latest, or ?version=N) and its versions',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: policySchema, ...errors },
      },
    },
    async (req) => getPolicy(db, allowed(req, 'list').districtId, req.params.id, req.query.version),
  );

  app.put(
    '/api/policies/:id',
    {
      schema: {
        tags: ['policies'],
        summary: 'Save a new version of a policy',
        params: idParams,
        body: policyUpdateSchema,
        response: { 200: policySchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      await updatePolicy(db, actorOf(user), req.params.id, req.body.definition, req.body.note);
      return getPolicy(db, user.districtId, req.params.id);
    },
  );

  app.post(
    '/api/policies/:id/status',
    {
      schema: {
        tags: ['policies'],
        summary: 'Activate, retire or return a policy to draft',
        params: idParams,
        body: policyStatusChangeSchema,
        response: { 200: policySchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      await setPolicyStatus(db, actorOf(user), req.params.id, req.body.status);
      if (req.body.status === 'active')
        await evaluatePolicies(db, user.districtId, await policyPeriod(db, user.districtId, now()), [
          req.params.id,
        ]);
      return getPolicy(db, user.districtId, req.params.id);
    },
  );

  app.get(
    '/api/policies/:id/results',
    {
      schema: {
        tags: ['policies'],
        summary: 'Enterprises by outcome of the last evaluation: eligible, near misses (with the gap), all',
        params: idParams,
        querystring: resultsQuerySchema,
        response: { 200: resultsPageSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'results');
      return policyResults(db, user.districtId, req.params.id, req.query, resultScope(user));
    },
  );

  app.get(
    '/api/policies/:id/explain/:enterpriseId',
    {
      schema: {
        tags: ['policies'],
        summary:
          'Why an enterprise does or does not qualify: each condition with value, threshold and result',
        params: z.object({ id: idSchema, enterpriseId: idSchema }),
        response: { 200: explanationSchema, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await enterpriseFor(user, req.params.enterpriseId);
      if (seesActivePoliciesOnly(user)) {
        const p = await getPolicy(db, user.districtId, req.params.id);
        if (p.status !== 'active') throw notFound('政策');
      }
      return explain(db, user.districtId, req.params.id, req.params.enterpriseId, { now: now() });
    },
  );

  app.get(
    '/api/enterprises/:id/policies',
    {
      schema: {
        tags: ['policies'],
        summary: 'For one enterprise, every active policy: whether it qualifies and why, and its grants',
        params: idParams,
        response: { 200: z.array(enterprisePolicySchema), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await enterpriseFor(user, req.params.id);
      return enterprisePolicies(db, user.districtId, req.params.id, now(), grantView(user).statuses);
    },
  );

  app.get(
    '/api/enterprises/:id/tiers',
    {
      schema: {
        tags: ['tiers'],
        summary: 'The tiers an enterprise has been in, with entry and exit months',
        params: idParams,
        response: { 200: z.array(enterpriseTierSchema), ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await enterpriseFor(user, req.params.id);
      return enterpriseTiers(db, user.districtId, req.params.id);
    },
  );

  app.get(
    '/api/tiers',
    {
      schema: {
        tags: ['tiers'],
        summary:
          'Every tier: rule, members now, entrants and leavers since the baseline, near misses, monthly series',
        response: { 200: z.array(tierSummarySchema), ...errors },
      },
    },
    async (req) => tierSummaries(db, allowed(req, 'tiers').districtId),
  );

  app.get(
    '/api/tiers/:code/members',
    {
      schema: {
        tags: ['tiers'],
        summary: 'Members of a tier (current, entrants, left) with entry and exit months, or its near misses',
        params: z.object({ code: z.string().max(40) }),
        querystring: tierMembersQuerySchema,
        response: { 200: tierMembersPageSchema, ...errors },
      },
    },
    async (req) => {
      const user = allowed(req, 'tiers');
      return tierMembers(db, user.districtId, req.params.code, req.query, resultScope(user));
    },
  );

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
    'Publish the batch for public notice (公示) for N days',
    z.object({ noticeDays: z.number().int().min(1).max(60).optional() }).default({}),
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
      await resolveObjection(
        db,
        actorOf(user),
        req.params.id,
        req.params.objectionId,
        req.body.outcome,
        req.body.response,
        now(),
      );
      return batchDetailOf(db, user.districtId, req.params.id);
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
        response: { 200: publicNoticeSchema, 404: errorBodySchema },
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
          200: okSchema.extend({ id: idSchema }),
          400: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          429: errorBodySchema,
        },
      },
      // Anyone may object, so one address may only fill the office's inbox so fast (shared by every instance).
      preHandler: rateLimit(db, publicLimits.objection, now),
    },
    async (req) => {
      const user = req.user;
      const id = await fileObjection(
        db,
        req.districtId,
        req.params.id,
        req.body,
        {
          userId: user?.id ?? null,
          enterpriseId: user?.role === 'enterprise' ? (user.enterpriseId ?? null) : null,
          label: user ? `${user.displayName} (${user.username})` : `公众：${req.body.filerName}`,
        },
        now(),
      );
      // The plan office's notification committed as an event with the objection; deliver it before answering.
      await deps.events?.drain({ districtId: req.districtId });
      return { ok: true as const, id };
    },
  );
}

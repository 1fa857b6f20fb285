// HTTP for monitoring: overview and target pages (signed-in and public), drill-down, revisions, manual values, recompute.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventDrain } from '../../platform/module.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { allowedBy, actorOf } from '../../platform/auth/principal.ts';
import {
  contributorsPageSchema,
  contributorsQuerySchema,
  manualValueBodySchema,
  manualValueListSchema,
  manualValueSchema,
  overviewSchema,
  recomputeResultSchema,
  targetDetailSchema,
  targetParamsSchema,
  targetQuerySchema,
  urgeBodySchema,
  urgeResultSchema,
} from './monitoring.contract.ts';
import { lastClosedMonth, recompute } from './monitoring.store.ts';
import { monitoringViews } from './monitoring.views.ts';
import { registerMonitoringExports } from './monitoring.exports.ts';
import {
  can,
  drillDownSubdistrict,
  remindScope,
  remindSender,
  type MonitoringAction,
} from './monitoring.policy.ts';
import { urgeMissing } from './monitoring.feedback.ts';

export interface MonitoringRouteDeps {
  db: Db;
  now?: () => Date;
  /** Delivers pending domain events: the recompute route waits for its alerts and policy evaluation. */
  events?: EventDrain;
}

/**
 * HTTP revalidation: a page's ETag is its run, so a browser that already holds it gets 304 without the body being
 * built or sent. Public pages may be kept for a minute (the same to everyone); signed-in pages are private and
 * revalidated on every use. Returns true when 304 has been sent.
 */
function notModified(req: FastifyRequest, reply: FastifyReply, runKey: string, publicView: boolean) {
  const etag = `W/"run-${runKey}"`;
  reply.header('etag', etag);
  reply.header('cache-control', publicView ? 'public, max-age=60' : 'private, no-cache');
  if (req.headers['if-none-match'] !== etag) return false;
  void reply.status(304).send();
  return true;
}

/** The signed-in user if the policy lets them do `action` (401 signed out, 403 refused). */
const allowed = allowedBy<MonitoringAction>(can);

export function registerMonitoringRoutes(app: TypedApp, deps: MonitoringRouteDeps): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const views = monitoringViews(db);
  registerMonitoringExports(app, { db, views, now });

  app.get(
    '/api/monitoring/overview',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Every target: value, progress, status, projection and monthly series',
        response: { 200: overviewSchema, ...errorResponses(401) },
      },
    },
    async (req, reply) => {
      const districtId = allowed(req, 'view').districtId;
      const run = await views.runKey(districtId);
      const closed = await views.closedMonth(districtId, now());
      if (notModified(req, reply, `${run.id}-${closed}`, false)) return reply;
      return views.overview(districtId, run, closed);
    },
  );

  app.get(
    '/api/public/overview',
    {
      schema: {
        tags: ['public'],
        summary: 'The public, read-only overview: district-level figures only',
        response: { 200: overviewSchema },
      },
    },
    async (req, reply) => {
      const run = await views.runKey(req.districtId);
      const closed = await views.closedMonth(req.districtId, now());
      if (notModified(req, reply, `${run.id}-${closed}`, true)) return reply;
      return views.overview(req.districtId, run, closed);
    },
  );

  app.get(
    '/api/monitoring/targets/:code',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "One target: every month's evaluation, breakdowns by subdistrict, field and size, and revisions",
        params: targetParamsSchema,
        querystring: targetQuerySchema,
        response: { 200: targetDetailSchema, ...errorResponses(401, 404) },
      },
    },
    async (req, reply) => {
      const districtId = allowed(req, 'view').districtId;
      const run = await views.runKey(districtId);
      const closed = await views.closedMonth(districtId, now());
      if (notModified(req, reply, `${run.id}-${closed}`, false)) return reply;
      return views.targetPage(districtId, run, req.params.code, req.query.month, false, closed);
    },
  );

  app.get(
    '/api/public/targets/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'One target for the public: small groups withheld, no drill-down',
        params: targetParamsSchema,
        querystring: targetQuerySchema,
        response: { 200: targetDetailSchema, ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      const run = await views.runKey(req.districtId);
      const closed = await views.closedMonth(req.districtId, now());
      if (notModified(req, reply, `${run.id}-${closed}`, true)) return reply;
      return views.targetPage(req.districtId, run, req.params.code, req.query.month, true, closed);
    },
  );

  app.get(
    '/api/monitoring/targets/:code/contributors',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "The enterprises behind a target's value in a month (drill-down), largest contribution first",
        params: targetParamsSchema,
        querystring: contributorsQuerySchema,
        response: { 200: contributorsPageSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'drillDown');
      return views.contributorsPage(user.districtId, req.params.code, req.query, drillDownSubdistrict(user));
    },
  );

  app.get(
    '/api/monitoring/targets/:code/manual-values',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Values departments entered for a target, with source and date',
        params: targetParamsSchema,
        response: { 200: manualValueListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'readManualValues');
      return views.manualValues(user.districtId, req.params.code);
    },
  );

  app.post(
    '/api/monitoring/targets/:code/manual-values',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "Enter a department's value: the value of a manual target, or an official figure beside a computed one",
        params: targetParamsSchema,
        body: manualValueBodySchema,
        response: { 201: manualValueSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'enterManualValue');
      const value = await views.enterManualValue(actorOf(user), user.unitId, req.params.code, req.body);
      return reply.status(201).send(value);
    },
  );

  app.post(
    '/api/monitoring/recompute',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Recompute facts, results and snapshots now (administrators; the monthly job does this on schedule)',
        response: { 200: recomputeResultSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'recompute');
      const summary = await recompute(db, user.districtId, now(), actorOf(user));
      if (!summary) throw notFound('计划');
      // The run committed with its `monitoring.recomputed` event; delivering it here, after the commit, means the
      // answer comes once alerts are sent and policies evaluated, as an administrator pressing the button expects.
      // A delivery that fails (or that a job runner holds) is retried by the runner; the answer does not wait for it.
      await deps.events?.drain({ districtId: user.districtId });
      return summary;
    },
  );

  app.post(
    '/api/monitoring/reminders',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          '催报: remind every enterprise in reach that has not reported a month (once per enterprise and day; audited)',
        body: urgeBodySchema,
        response: { 200: urgeResultSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'remind');
      const at = now();
      if (req.body.period > lastClosedMonth(at)) throw invalid('period', '该月尚不能填报');
      const result = await urgeMissing(
        db,
        actorOf(user),
        req.body.period,
        remindScope(user),
        remindSender(user),
        at,
      );
      // The inbox holds the reminders when the answer arrives, and a second press finds them (nothing sent twice;
      // were a runner to hold the delivery, the dedupe key still keeps each to one). A press that sent nothing
      // has nothing to wait for.
      if (result.reminded > 0) await deps.events?.drain({ districtId: user.districtId });
      return result;
    },
  );
}

// HTTP for policies and tiers: parse, authorise, call the stores, respond (grant batches: grants.routes.ts).
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { idSchema } from '../../platform/http/common.contract.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { allowedBy, actorOf, requireUser } from '../../platform/auth/principal.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { findEnterpriseRow } from '../enterprises/enterprises.store.ts';
import {
  enterprisePolicySchema,
  enterpriseTierSchema,
  evaluateRunSchema,
  explanationSchema,
  policyCreateSchema,
  policySchema,
  policyStatusChangeSchema,
  policySummarySchema,
  policyUpdateSchema,
  previewRequestSchema,
  previewSchema,
  resultsPageSchema,
  resultsQuerySchema,
  tierMembersPageSchema,
  tierMembersQuerySchema,
  tierSummarySchema,
} from './policies.contract.ts';
import { can, resultScope, seesActivePoliciesOnly } from './policies.policy.ts';
import { createPolicy, getPolicy, listPolicies, setPolicyStatus, updatePolicy } from './policies.store.ts';
import { evaluatePolicies, policyPeriod, previewPolicy } from './evaluation.store.ts';
import { enterprisePolicies, explain, policyResults } from './results.store.ts';
import { enterpriseTiers, tierMembers, tierSummaries } from './tiers.store.ts';
import { enterpriseGrants } from '../grants/grants.store.ts';
import { grantView } from '../grants/grants.policy.ts';

export interface PolicyRouteDeps {
  db: Db;
  now?: () => Date;
}

const errors = errorResponses(400, 401, 403, 404, 409);

export function registerPolicyRoutes(app: TypedApp, deps: PolicyRouteDeps): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const allowed = allowedBy(can);
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
      const grants = await enterpriseGrants(db, user.districtId, req.params.id, grantView(user).statuses);
      return enterprisePolicies(db, user.districtId, req.params.id, now(), grants);
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
    async (req) => tierSummaries(db, allowed(req, 'tiers').districtId, now()),
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
      return tierMembers(db, user.districtId, req.params.code, req.query, resultScope(user), now());
    },
  );
}

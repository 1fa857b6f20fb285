// The policies module's manifest: its routes (policies, tiers) and what it does after a recompute (evaluates every
// active policy against the new figures). Grant batches are the grants module's.
import type { Manifest } from '../deps.ts';
import { on } from '../../platform/events/events.ts';
import { recomputed } from '../monitoring/monitoring.events.ts';
import { registerPolicyRoutes } from './policies.routes.ts';
import { evaluatePolicies, policyPeriod } from './evaluation.store.ts';

export const policiesModule: Manifest = {
  name: 'policies',
  routes: (api, { db, now }) => registerPolicyRoutes(api, { db, now }),
  subscriptions: () => [
    // Policies read the same reports and tiers: re-evaluate them (with stored explanations) after every recompute.
    on(recomputed, 'policies.evaluateAfterRecompute', async (e, ctx) =>
      evaluatePolicies(ctx.db, e.districtId, await policyPeriod(ctx.db, e.districtId, ctx.now())),
    ),
  ],
};

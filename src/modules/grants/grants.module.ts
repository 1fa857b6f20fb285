// The grants module's manifest (免申即享): its routes — batches run from a policy's evaluation, their review, public
// notice, objections and decision. No jobs or subscriptions of its own: a decision and an objection publish
// notifications.requested in their transaction, and the notifications module writes the inbox.
import type { Manifest } from '../deps.ts';
import { registerGrantRoutes } from './grants.routes.ts';

export const grantsModule: Manifest = {
  name: 'grants',
  routes: (api, { db, now, events }) => registerGrantRoutes(api, { db, now, events }),
};

// The carrier-space module's manifest (产业载体): its routes. Buildings, units, leases, occupancy and the cluster
// are built on the operators kept here (docs/space-talent.md).
import type { Manifest } from '../deps.ts';
import { registerSpaceRoutes } from './space.routes.ts';

export const spaceModule: Manifest = {
  name: 'space',
  routes: (api, { db }) => registerSpaceRoutes(api, { db }),
};

// The search module's manifest: one route, the header's global search; it owns no table.
import type { Manifest } from '../deps.ts';
import { registerSearchRoutes } from './search.routes.ts';

export const searchModule: Manifest = {
  name: 'search',
  routes: (api, { db }) => registerSearchRoutes(api, { db }),
};

// The enterprises module's manifest: its routes (the registry, import, audit trail).
import type { Manifest } from '../deps.ts';
import { registerEnterpriseRoutes } from './enterprises.routes.ts';

export const enterprisesModule: Manifest = {
  name: 'enterprises',
  routes: (api, { db }) => registerEnterpriseRoutes(api, { db }),
};

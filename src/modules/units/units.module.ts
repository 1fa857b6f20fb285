// The units module's manifest: its routes (departments, subdistricts, the plan office).
import type { Manifest } from '../deps.ts';
import { registerUnitRoutes } from './units.routes.ts';

export const unitsModule: Manifest = {
  name: 'units',
  routes: (api, { db }) => registerUnitRoutes(api, { db }),
};

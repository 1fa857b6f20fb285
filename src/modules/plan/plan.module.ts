// The plan module's manifest: its routes (the plan, tasks, units of a task).
import type { Manifest } from '../deps.ts';
import { registerPlanRoutes } from './plan.routes.ts';

export const planModule: Manifest = {
  name: 'plan',
  routes: (api, { db }) => registerPlanRoutes(api, { db }),
};

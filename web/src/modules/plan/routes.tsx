// The plan pages' routes (public): the plan and one key task.
import type { RouteObject } from 'react-router-dom';
import { page } from '../../app/module.ts';

export const planRoutes: RouteObject[] = [
  { path: 'plan', ...page(async () => (await import('./PlanPage.tsx')).PlanPage) },
  { path: 'plan/tasks/:number', ...page(async () => (await import('./TaskPage.tsx')).TaskPage) },
];

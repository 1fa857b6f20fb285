// The units pages' routes (public): the list and one unit.
import type { RouteObject } from 'react-router-dom';
import { page } from '../../app/module.ts';

export const unitRoutes: RouteObject[] = [
  { path: 'units', ...page(async () => (await import('./UnitsPage.tsx')).UnitsPage) },
  { path: 'units/:id', ...page(async () => (await import('./UnitPage.tsx')).UnitPage) },
];

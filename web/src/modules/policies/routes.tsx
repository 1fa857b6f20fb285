// The policy pages' routes, for router.tsx to mount among the signed-in pages: policies (view; the editor for the
// plan office only) and tiers. Pages load lazily.
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { policyEditRoles, policyViewRoles } from './policies.access.ts';

/** A lazy route: the page's module is fetched when the route is first visited (as router.tsx's helper). */
const page = (load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: await load() }),
});

/** Children of the signed-in layout ('/'). Each guards itself, so they may sit anywhere under it. */
export const policyRoutes: RouteObject[] = [
  {
    element: <RequireAuth roles={policyViewRoles} />,
    children: [
      { path: 'policies', ...page(async () => (await import('./PoliciesPage.tsx')).PoliciesPage) },
      { path: 'policies/:id', ...page(async () => (await import('./PolicyPage.tsx')).PolicyPage) },
      { path: 'tiers', ...page(async () => (await import('./TiersPage.tsx')).TiersPage) },
    ],
  },
  {
    element: <RequireAuth roles={policyEditRoles} />,
    children: [
      {
        path: 'policies/new',
        ...page(async () => (await import('./PolicyEditorPage.tsx')).PolicyEditorPage),
      },
      {
        path: 'policies/:id/edit',
        ...page(async () => (await import('./PolicyEditorPage.tsx')).PolicyEditorPage),
      },
    ],
  },
];

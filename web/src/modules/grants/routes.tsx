// The grant pages' routes, for router.tsx to mount: the signed-in pages (免申即享 batches, an enterprise's policies)
// and the public notices under /public. Pages load lazily.
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { grantViewRoles } from './grants.access.ts';

/** A lazy route: the page's module is fetched when the route is first visited (as router.tsx's helper). */
const page = (load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: await load() }),
});

/** Children of the signed-in layout ('/'). Each guards itself, so they may sit anywhere under it. */
export const grantRoutes: RouteObject[] = [
  {
    element: <RequireAuth roles={grantViewRoles} />,
    children: [
      { path: 'grants', ...page(async () => (await import('./GrantBatchesPage.tsx')).GrantBatchesPage) },
      {
        path: 'grants/batches/:id',
        ...page(async () => (await import('./GrantBatchPage.tsx')).GrantBatchPage),
      },
    ],
  },
  {
    // the enterprise's own user, or staff (the page checks an enterprise user looks only at its own)
    element: <RequireAuth />,
    children: [
      {
        path: 'enterprises/:id/policies',
        ...page(async () => (await import('./MyPoliciesPage.tsx')).MyPoliciesPage),
      },
    ],
  },
];

/** Children of '/public' (its layout), before its '*' route. */
export const publicNoticeRoutes: RouteObject[] = [
  {
    path: 'notices',
    ...page(async () => (await import('../public/NoticesPage.tsx')).PublicNoticesPage),
  },
  {
    path: 'notices/:id',
    ...page(async () => (await import('../public/NoticePage.tsx')).PublicNoticePage),
  },
  {
    path: 'objections',
    ...page(async () => (await import('./ObjectionStatusPage.tsx')).ObjectionStatusPage),
  },
];

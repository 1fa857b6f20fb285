// The monitoring pages' routes: "/" (which leads each role to its start page), the overview and a target's page.
import type { RouteObject } from 'react-router-dom';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';

export const monitoringRoutes: RouteObject[] = [
  { index: true, element: <HomeRedirect /> },
  {
    element: <RequireAuth />,
    children: [
      { path: 'monitoring', ...page(async () => (await import('./OverviewPage.tsx')).OverviewPage) },
      {
        path: 'monitoring/targets/:code',
        ...page(async () => (await import('./TargetPage.tsx')).TargetPage),
      },
    ],
  },
];

// The monitoring pages' routes: the overview and a target's page ("/" is the home module's).
import type { RouteObject } from 'react-router-dom';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';

export const monitoringRoutes: RouteObject[] = [
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

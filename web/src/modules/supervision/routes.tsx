// The 督查督办 pages' routes, children of the signed-in layout: the workspace (ledger), 我的待办, the task roll-up.
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { page } from '../../app/module.ts';
import { supervisionRoles } from './supervision.access.ts';

export const supervisionRoutes: RouteObject[] = [
  {
    element: <RequireAuth roles={supervisionRoles} />,
    children: [
      { path: 'supervision', ...page(async () => (await import('./LedgerPage.tsx')).LedgerPage) },
      { path: 'supervision/todo', ...page(async () => (await import('./TodoPage.tsx')).TodoPage) },
      {
        path: 'supervision/notices',
        ...page(async () => (await import('./NoticesPage.tsx')).NoticesPage),
      },
      {
        path: 'supervision/tasks',
        ...page(async () => (await import('./TaskRollupPage.tsx')).TaskRollupPage),
      },
    ],
  },
];

/** Children of '/public': the key tasks' colours, task level only. */
export const publicSupervisionRoutes: RouteObject[] = [
  {
    path: 'tasks',
    ...page(async () => (await import('./PublicTaskColoursPage.tsx')).PublicTaskColoursPage),
  },
];

// The service desk's routes: 我的诉求 and 提交诉求 (an enterprise), the request's page (everyone it concerns; the
// inbox links there), 诉求工作台, the figures and the configuration (staff), and the public knowledge base.
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { page } from '../../app/module.ts';
import { deskRoles, deskStaffRoles, filingRoles } from './servicedesk.access.ts';

export const serviceDeskRoutes: RouteObject[] = [
  {
    element: <RequireAuth roles={deskRoles} />,
    children: [
      {
        path: 'service-desk/requests/:id',
        ...page(async () => (await import('./RequestPage.tsx')).RequestPage),
      },
    ],
  },
  {
    element: <RequireAuth roles={['enterprise']} />,
    children: [
      {
        path: 'service-desk/mine',
        ...page(async () => (await import('./MyRequestsPage.tsx')).MyRequestsPage),
      },
    ],
  },
  {
    element: <RequireAuth roles={filingRoles} />,
    children: [{ path: 'service-desk/new', ...page(async () => (await import('./FilePage.tsx')).FilePage) }],
  },
  {
    element: <RequireAuth roles={deskStaffRoles} />,
    children: [
      { path: 'service-desk', ...page(async () => (await import('./DeskPage.tsx')).DeskPage) },
      { path: 'service-desk/figures', ...page(async () => (await import('./FiguresPage.tsx')).FiguresPage) },
    ],
  },
  {
    element: <RequireAuth roles={['admin']} />,
    children: [
      { path: 'service-desk/config', ...page(async () => (await import('./ConfigPage.tsx')).ConfigPage) },
    ],
  },
];

/** Children of '/public': the figures and the knowledge base, and one published answer. */
export const publicServiceDeskRoutes: RouteObject[] = [
  { path: 'service-desk', ...page(async () => (await import('./PublicDeskPage.tsx')).PublicDeskPage) },
  {
    path: 'service-desk/:id',
    ...page(async () => (await import('./PublicAnswerPage.tsx')).PublicAnswerPage),
  },
];

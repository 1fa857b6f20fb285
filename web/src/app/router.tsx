// The routes: the plan and /public pages are public, everything else needs a session; page modules load lazily.
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import type { ComponentType } from 'react';
import { Spin } from 'antd';
import { AppLayout } from './Layout.tsx';
import { RouteError } from './ErrorBoundary.tsx';
import { NotFound } from './NotFound.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { HomeRedirect } from '../modules/monitoring/HomeRedirect.tsx';
import { policyRoutes } from '../modules/policies/routes.tsx';
import { grantRoutes, publicNoticeRoutes } from '../modules/grants/routes.tsx';

function PageSpinner() {
  return (
    <div className="mtx-center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

/** A lazy route: the page's module is fetched when the route is first visited. */
const page = (load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: await load() }),
});

export const routes: RouteObject[] = [
  {
    // the public view has its own light frame, outside the signed-in layout
    path: '/public',
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    ...page(async () => (await import('../modules/public/PublicLayout.tsx')).PublicLayout),
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            ...page(
              async () => (await import('../modules/public/PublicOverviewPage.tsx')).PublicOverviewPage,
            ),
          },
          {
            path: 'targets/:code',
            ...page(async () => (await import('../modules/public/PublicTargetPage.tsx')).PublicTargetPage),
          },
          ...publicNoticeRoutes,
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
  {
    path: '/login',
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    ...page(async () => (await import('../modules/auth/LoginPage.tsx')).LoginPage),
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'plan', ...page(async () => (await import('../modules/plan/PlanPage.tsx')).PlanPage) },
          {
            path: 'plan/tasks/:number',
            ...page(async () => (await import('../modules/plan/TaskPage.tsx')).TaskPage),
          },
          { path: 'units', ...page(async () => (await import('../modules/units/UnitsPage.tsx')).UnitsPage) },
          ...policyRoutes,
          ...grantRoutes,
          {
            path: 'units/:id',
            ...page(async () => (await import('../modules/units/UnitPage.tsx')).UnitPage),
          },
          {
            element: <RequireAuth />,
            children: [
              {
                path: 'monitoring',
                ...page(async () => (await import('../modules/monitoring/OverviewPage.tsx')).OverviewPage),
              },
              {
                path: 'monitoring/targets/:code',
                ...page(async () => (await import('../modules/monitoring/TargetPage.tsx')).TargetPage),
              },
              {
                path: 'enterprises',
                ...page(
                  async () => (await import('../modules/enterprises/EnterprisesPage.tsx')).EnterprisesPage,
                ),
              },
              {
                path: 'enterprises/:id',
                ...page(
                  async () => (await import('../modules/enterprises/EnterprisePage.tsx')).EnterprisePage,
                ),
              },
              {
                // also …/reports/new, which the page turns into the last closed month
                path: 'enterprises/:id/reports/:period',
                ...page(async () => (await import('../modules/reports/ReportFormPage.tsx')).ReportFormPage),
              },
              {
                path: 'inbox',
                ...page(async () => (await import('../modules/inbox/InboxPage.tsx')).InboxPage),
              },
              {
                element: <RequireAuth roles={['admin', 'department', 'subdistrict']} />,
                children: [
                  {
                    path: 'monitoring/reporting',
                    ...page(async () => (await import('../modules/reports/ReportingPage.tsx')).ReportingPage),
                  },
                ],
              },
              {
                element: <RequireAuth roles={['admin', 'subdistrict']} />,
                children: [
                  {
                    path: 'reports/import',
                    ...page(
                      async () => (await import('../modules/reports/ReportImportPage.tsx')).ReportImportPage,
                    ),
                  },
                ],
              },
              {
                element: <RequireAuth roles={['admin', 'subdistrict']} />,
                children: [
                  {
                    path: 'enterprises/new',
                    ...page(
                      async () =>
                        (await import('../modules/enterprises/EnterpriseFormPage.tsx')).EnterpriseFormPage,
                    ),
                  },
                  {
                    path: 'enterprises/import',
                    ...page(async () => (await import('../modules/enterprises/ImportPage.tsx')).ImportPage),
                  },
                ],
              },
              {
                element: <RequireAuth roles={['admin', 'subdistrict', 'enterprise']} />,
                children: [
                  {
                    path: 'enterprises/:id/edit',
                    ...page(
                      async () =>
                        (await import('../modules/enterprises/EnterpriseFormPage.tsx')).EnterpriseFormPage,
                    ),
                  },
                ],
              },
              {
                element: <RequireAuth roles={['admin']} />,
                children: [
                  {
                    path: 'users',
                    ...page(async () => (await import('../modules/users/UsersPage.tsx')).UsersPage),
                  },
                ],
              },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);

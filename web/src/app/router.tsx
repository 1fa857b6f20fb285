// The routes: the plan pages are public, everything else needs a session; page modules load lazily.
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import type { ComponentType } from 'react';
import { Spin } from 'antd';
import { AppLayout } from './Layout.tsx';
import { RouteError } from './ErrorBoundary.tsx';
import { NotFound } from './NotFound.tsx';
import { RequireAuth } from './RequireAuth.tsx';

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
          { index: true, element: <Navigate to="/plan" replace /> },
          { path: 'plan', ...page(async () => (await import('../modules/plan/PlanPage.tsx')).PlanPage) },
          {
            path: 'plan/tasks/:number',
            ...page(async () => (await import('../modules/plan/TaskPage.tsx')).TaskPage),
          },
          { path: 'units', ...page(async () => (await import('../modules/units/UnitsPage.tsx')).UnitsPage) },
          {
            path: 'units/:id',
            ...page(async () => (await import('../modules/units/UnitPage.tsx')).UnitPage),
          },
          {
            element: <RequireAuth />,
            children: [
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

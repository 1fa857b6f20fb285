// The routes: the app's frames (the public view, login, the signed-in layout) holding every module's routes from the
// one list in modules/index.ts; the plan and /public pages are public, the rest guard themselves; frames and pages
// load lazily, so the first load of a page carries only its own frame (docs/performance.md).
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { Spin } from 'antd';
import { RouteError } from './ErrorBoundary.tsx';
import { NotFound } from './NotFound.tsx';
import { page } from './module.ts';
import { webModules } from '../modules/index.ts';

function PageSpinner() {
  return (
    <div className="mtx-center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

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
        children: [...webModules.flatMap((m) => m.publicRoutes ?? []), { path: '*', element: <NotFound /> }],
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
    // outside the signed-in layout: until the password is changed the layout's own requests would be refused
    path: '/change-password',
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    ...page(async () => (await import('../modules/auth/ChangePasswordPage.tsx')).ChangePasswordPage),
  },
  {
    path: '/',
    // lazy too: the signed-in frame (ProLayout, the inbox, pro-components) is not part of the public first load
    ...page(async () => (await import('./OfficeLayout.tsx')).OfficeLayout),
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    children: [
      {
        errorElement: <RouteError />,
        children: [...webModules.flatMap((m) => m.routes ?? []), { path: '*', element: <NotFound /> }],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);

// The routes: the app's frames (the public view, login, the signed-in layout) holding every module's routes from the
// one list in modules/index.ts; the plan and /public pages are public, the rest guard themselves; frames and pages
// load lazily, so the first load of a page carries only its own frame (docs/performance.md).
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { Spin } from 'antd';
import { RouteError } from './ErrorBoundary.tsx';
import { NotFound } from './NotFound.tsx';
import { page, type WebModule } from './module.ts';
import { loadModuleTexts } from './i18n.ts';
import { webModules } from '../modules/index.ts';

function PageSpinner() {
  return (
    <div className="mtx-center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}

/** The module's routes, each lazy page fetching the module's lazy texts (if any) before it renders. */
function withTexts(m: WebModule, routes: RouteObject[]): RouteObject[] {
  return routes.map((r): RouteObject => {
    const lazy = r.lazy;
    const load =
      typeof lazy === 'function'
        ? { lazy: async () => (await Promise.all([loadModuleTexts([m]), lazy()]))[1] }
        : {};
    return r.index
      ? ({ ...r, ...load } as RouteObject)
      : ({ ...r, ...load, ...(r.children ? { children: withTexts(m, r.children) } : {}) } as RouteObject);
  });
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
        children: [
          ...webModules.flatMap((m) => withTexts(m, m.publicRoutes ?? [])),
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
    // outside the signed-in layout: until the password is changed the layout's own requests would be refused
    path: '/change-password',
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    ...page(async () => (await import('../modules/auth/ChangePasswordPage.tsx')).ChangePasswordPage),
  },
  {
    path: '/',
    // lazy too: the signed-in frame (ProLayout, the inbox, pro-components) is not part of the public first load; its
    // menu names every module, so it fetches every module's lazy texts first
    ...page(async () => {
      const [, frame] = await Promise.all([loadModuleTexts(webModules), import('./OfficeLayout.tsx')]);
      return frame.OfficeLayout;
    }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSpinner />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          ...webModules.flatMap((m) => withTexts(m, m.routes ?? [])),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);

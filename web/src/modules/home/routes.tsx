// The home module's routes: "/" (which leads each role to its start page) and /home, the role's own home.
import type { RouteObject } from 'react-router-dom';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';

export const homeRoutes: RouteObject[] = [
  { index: true, element: <HomeRedirect /> },
  {
    element: <RequireAuth />,
    children: [{ path: 'home', ...page(async () => (await import('./HomePage.tsx')).HomePage) }],
  },
];

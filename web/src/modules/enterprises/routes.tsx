// The enterprise pages' routes: the registry and one enterprise (signed in), new and import (admin, subdistrict),
// edit (admin, subdistrict, the enterprise itself; the page narrows the fields).
import type { RouteObject } from 'react-router-dom';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';

const form = page(async () => (await import('./EnterpriseFormPage.tsx')).EnterpriseFormPage);

export const enterpriseRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      { path: 'enterprises', ...page(async () => (await import('./EnterprisesPage.tsx')).EnterprisesPage) },
      { path: 'enterprises/:id', ...page(async () => (await import('./EnterprisePage.tsx')).EnterprisePage) },
    ],
  },
  {
    element: <RequireAuth roles={['admin', 'subdistrict']} />,
    children: [
      { path: 'enterprises/new', ...form },
      { path: 'enterprises/import', ...page(async () => (await import('./ImportPage.tsx')).ImportPage) },
    ],
  },
  {
    element: <RequireAuth roles={['admin', 'subdistrict', 'enterprise']} />,
    children: [{ path: 'enterprises/:id/edit', ...form }],
  },
];

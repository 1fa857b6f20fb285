// The report pages' routes: a monthly report form (signed in; the page checks whose), reporting status (government
// roles) and the import (admin, subdistrict).
import type { RouteObject } from 'react-router-dom';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';

export const reportRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        // also …/reports/new, which the page turns into the last closed month
        path: 'enterprises/:id/reports/:period',
        ...page(async () => (await import('./ReportFormPage.tsx')).ReportFormPage),
      },
    ],
  },
  {
    element: <RequireAuth roles={['admin', 'department', 'subdistrict']} />,
    children: [
      {
        path: 'monitoring/reporting',
        ...page(async () => (await import('./ReportingPage.tsx')).ReportingPage),
      },
    ],
  },
  {
    element: <RequireAuth roles={['admin', 'subdistrict']} />,
    children: [
      {
        path: 'reports/import',
        ...page(async () => (await import('./ReportImportPage.tsx')).ReportImportPage),
      },
    ],
  },
];

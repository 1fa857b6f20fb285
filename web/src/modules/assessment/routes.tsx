// The 考核 pages' routes, children of the signed-in layout: rankings, the scheme editor, a unit's scorecard.
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { page } from '../../app/module.ts';
import { assessmentRoles } from './assessment.access.ts';

export const assessmentRoutes: RouteObject[] = [
  {
    element: <RequireAuth roles={assessmentRoles} />,
    children: [
      { path: 'assessment', ...page(async () => (await import('./AssessmentPage.tsx')).AssessmentPage) },
      { path: 'assessment/scheme', ...page(async () => (await import('./SchemePage.tsx')).SchemePage) },
      {
        path: 'assessment/units/:id',
        ...page(async () => (await import('./ScorecardPage.tsx')).ScorecardPage),
      },
    ],
  },
];

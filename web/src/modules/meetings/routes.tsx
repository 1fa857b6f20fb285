// The 调度会 pages' routes, children of the signed-in layout: the meetings list and a meeting.
import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { page } from '../../app/module.ts';
import { meetingRoles } from './meetings.access.ts';

export const meetingRoutes: RouteObject[] = [
  {
    element: <RequireAuth roles={meetingRoles} />,
    children: [
      { path: 'meetings', ...page(async () => (await import('./MeetingsPage.tsx')).MeetingsPage) },
      { path: 'meetings/:id', ...page(async () => (await import('./MeetingPage.tsx')).MeetingPage) },
    ],
  },
];

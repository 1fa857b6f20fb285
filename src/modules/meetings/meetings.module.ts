// The 调度会 · 会商 module's manifest: its routes (meetings, agenda, minutes, publishing, the minutes document).
import type { Manifest } from '../deps.ts';
import { registerMeetingRoutes } from './meetings.routes.ts';

export const meetingsModule: Manifest = {
  name: 'meetings',
  routes: (api, { db, now, events }) => registerMeetingRoutes(api, { db, now, events }),
};

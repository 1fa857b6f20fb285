// The 督查督办 module's manifest: its routes (work items, progress reports, attachments, 我的待办, roll-up, ledger,
// 督办单, the public task colours) and the daily ladder job (reminders, notices issued and escalated, colour history).
import type { Manifest } from '../deps.ts';
import { registerSupervisionRoutes } from './supervision.routes.ts';
import { registerSupervisionSettingsRoutes } from './supervision.settings.routes.ts';
import { supervisionJobHandlers, supervisionSchedules } from './supervision.notices.ts';

export const supervisionModule: Manifest = {
  name: 'supervision',
  routes: (api, { db, now, events }) => {
    registerSupervisionRoutes(api, { db, now, events });
    registerSupervisionSettingsRoutes(api, { db, now });
  },
  jobs: () => supervisionJobHandlers(),
  schedules: async () => supervisionSchedules(),
};

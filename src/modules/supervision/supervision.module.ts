// The 督查督办 module's manifest: its routes (work items, progress reports, attachments, 我的待办, roll-up, ledger,
// 督办单, the public task colours), the daily ladder job (reminders, notices issued and escalated, colour history) and
// the 督办单 of service-desk requests (subscriptions to the service desk's events).
import type { Manifest } from '../deps.ts';
import { registerSupervisionRoutes } from './supervision.routes.ts';
import { registerSupervisionSettingsRoutes } from './supervision.settings.routes.ts';
import { supervisionJobHandlers, supervisionSchedules } from './supervision.notices.ts';
import { serviceDeskSubscriptions } from './supervision.serviceDesk.ts';

export const supervisionModule: Manifest = {
  name: 'supervision',
  routes: (api, { db, now, events }) => {
    registerSupervisionRoutes(api, { db, now, events });
    registerSupervisionSettingsRoutes(api, { db, now });
  },
  jobs: () => supervisionJobHandlers(),
  schedules: async () => supervisionSchedules(),
  // 督办单 for overdue or dissatisfied service-desk requests (the service desk's events).
  subscriptions: () => serviceDeskSubscriptions(),
};

// The monitoring module's manifest: its routes, the nightly recompute and the reminder jobs, and the alerts it sends
// after a recompute.
import type { Manifest } from '../deps.ts';
import { on } from '../../platform/events/events.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import { registerMonitoringRoutes } from './monitoring.routes.ts';
import { monitoringJobHandlers, monitoringSchedules, sendAlerts } from './monitoring.feedback.ts';
import { recomputed } from './monitoring.events.ts';

export const monitoringModule: Manifest = {
  name: 'monitoring',
  routes: (api, { db, now, events }) => registerMonitoringRoutes(api, { db, now, events }),
  jobs: ({ delivery }) => monitoringJobHandlers(delivery),
  // The reminder follows the deadline day of the deployment's district's plan.
  schedules: async ({ db, defaultDistrictId }) =>
    monitoringSchedules((await monitoringSettings(db, defaultDistrictId)).reportDeadlineDay),
  subscriptions: ({ delivery }) => [
    on(recomputed, 'monitoring.alertAfterRecompute', async (e, ctx) => ({
      alerts: await sendAlerts(ctx.db, e.districtId, e.payload, delivery),
    })),
  ],
};

// The monitoring module's manifest: its routes, the nightly recompute and the reminder jobs, and the alerts it sends
// after a recompute.
import type { Manifest } from '../deps.ts';
import { on } from '../../platform/events/events.ts';
import { registerMonitoringRoutes } from './monitoring.routes.ts';
import { monitoringJobHandlers, monitoringSchedules, sendAlerts } from './monitoring.feedback.ts';
import { recomputed } from './monitoring.events.ts';

export const monitoringModule: Manifest = {
  name: 'monitoring',
  routes: (api, { db, now, events }) => registerMonitoringRoutes(api, { db, now, events }),
  jobs: () => monitoringJobHandlers(),
  // The reminder runs daily: each district's deadline (moved off weekends and holidays) decides whom it reminds.
  schedules: async () => monitoringSchedules(),
  subscriptions: () => [
    on(recomputed, 'monitoring.alertAfterRecompute', async (e, ctx) => ({
      alerts: await sendAlerts(ctx.db, e.districtId, e.payload, ctx.now()),
    })),
  ],
};

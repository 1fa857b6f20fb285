// The service desk's manifest (企业码上服务 · 企业诉求): its routes (filing, steps, attachments, configuration,
// figures, the public knowledge base) and the daily job (overdue check, rating window). Its 督办单 are issued by the
// supervision module, which subscribes to serviceDesk.superviseRequested (supervision.serviceDesk.ts).
import type { Manifest } from '../deps.ts';
import { registerServiceDeskRoutes } from './servicedesk.routes.ts';
import { serviceDeskJobHandlers, serviceDeskSchedules } from './servicedesk.jobs.ts';

export const serviceDeskModule: Manifest = {
  name: 'servicedesk',
  routes: (api, { db, now, events }) => registerServiceDeskRoutes(api, { db, now, events }),
  jobs: () => serviceDeskJobHandlers(),
  schedules: async () => serviceDeskSchedules(),
};

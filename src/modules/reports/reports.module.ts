// The reports module's manifest: its routes (monthly reports, versions, import, coverage).
import type { Manifest } from '../deps.ts';
import { registerReportRoutes } from './reports.routes.ts';

export const reportsModule: Manifest = {
  name: 'reports',
  routes: (api, { db, now }) => registerReportRoutes(api, { db, now }),
};

// The 督查督办 module's manifest: its routes (work items, progress reports, attachments, 我的待办, roll-up, ledger).
import type { Manifest } from '../deps.ts';
import { registerSupervisionRoutes } from './supervision.routes.ts';

export const supervisionModule: Manifest = {
  name: 'supervision',
  routes: (api, { db, now, events }) => registerSupervisionRoutes(api, { db, now, events }),
};

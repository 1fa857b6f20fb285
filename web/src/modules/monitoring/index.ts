// The monitoring web module: its routes and menu entry, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import { monitoringMenuItems } from './menu.tsx';
import { monitoringRoutes } from './routes.tsx';

export const monitoringModule: WebModule = {
  name: 'monitoring',
  routes: monitoringRoutes,
  menu: monitoringMenuItems,
};

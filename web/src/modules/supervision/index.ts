// The 督查督办 web module: routes, menu entries, access and texts, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './supervision.access.ts';
import { supervisionMenuItems } from './menu.tsx';
import { publicSupervisionRoutes, supervisionRoutes } from './routes.tsx';

export const supervisionModule: WebModule = {
  name: 'supervision',
  routes: supervisionRoutes,
  publicRoutes: publicSupervisionRoutes,
  menu: supervisionMenuItems,
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access,
};

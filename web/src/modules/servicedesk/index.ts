// The service desk (企业码上服务 · 企业诉求) web module: routes, public routes, menu entries, access and texts
// (Chinese lazy: only its own pages read them), for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './servicedesk.access.ts';
import { serviceDeskMenuItems } from './menu.tsx';
import { publicServiceDeskRoutes, serviceDeskRoutes } from './routes.tsx';

export const serviceDeskModule: WebModule = {
  name: 'servicedesk',
  routes: serviceDeskRoutes,
  publicRoutes: publicServiceDeskRoutes,
  menu: serviceDeskMenuItems,
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access,
};

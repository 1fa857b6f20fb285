// The grants web module: its routes (signed-in and public notices), menu entries, access and texts, for the one
// list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './grants.access.ts';
import { grantMenuItems } from './menu.tsx';
import { grantRoutes, publicNoticeRoutes } from './routes.tsx';
import zhCN from './locales/zh-CN.json';

export const grantsModule: WebModule = {
  name: 'grants',
  routes: grantRoutes,
  publicRoutes: publicNoticeRoutes,
  menu: grantMenuItems,
  locales: { 'zh-CN': zhCN, 'en-US': () => import('./locales/en-US.json') },
  access,
};

// The 考核 web module: routes, menu entry, access and texts, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './assessment.access.ts';
import { assessmentMenuItems } from './menu.tsx';
import { assessmentRoutes } from './routes.tsx';

export const assessmentModule: WebModule = {
  name: 'assessment',
  routes: assessmentRoutes,
  menu: assessmentMenuItems,
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access,
};

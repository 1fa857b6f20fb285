// The 考核 web module: routes, menu entry, access and texts, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './assessment.access.ts';
import { assessmentMenuItems } from './menu.tsx';
import { assessmentRoutes } from './routes.tsx';
import zhCN from './locales/zh-CN.json';
import enUS from './locales/en-US.json';

export const assessmentModule: WebModule = {
  name: 'assessment',
  routes: assessmentRoutes,
  menu: assessmentMenuItems,
  locales: { 'zh-CN': zhCN, 'en-US': enUS },
  access,
};

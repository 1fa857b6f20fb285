// The 调度会 · 会商 web module: routes, menu entry, access and texts, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './meetings.access.ts';
import { meetingMenuItems } from './menu.tsx';
import { meetingRoutes } from './routes.tsx';

export const meetingsModule: WebModule = {
  name: 'meetings',
  routes: meetingRoutes,
  menu: meetingMenuItems,
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access,
};

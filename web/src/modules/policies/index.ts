// The policies web module: its routes, menu entries, access and texts, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './policies.access.ts';
import { policyMenuItems } from './menu.tsx';
import { policyRoutes } from './routes.tsx';
import zhCN from './locales/zh-CN.json';
import enUS from './locales/en-US.json';

export const policiesModule: WebModule = {
  name: 'policies',
  routes: policyRoutes,
  menu: policyMenuItems,
  locales: { 'zh-CN': zhCN, 'en-US': enUS },
  access,
};

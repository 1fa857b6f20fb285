// The policies web module: its routes, menu entries, access and texts, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './policies.access.ts';
import { policyMenuItems } from './menu.tsx';
import { policyRoutes } from './routes.tsx';

export const policiesModule: WebModule = {
  name: 'policies',
  routes: policyRoutes,
  menu: policyMenuItems,
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access,
};

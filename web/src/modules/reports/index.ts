// The reports web module: its routes, menu entries and access, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import * as access from './reports.access.ts';
import { figureTexts } from './figures.ts';
import { reportMenuItems } from './menu.tsx';
import { reportRoutes } from './routes.tsx';

export const reportsModule: WebModule = {
  name: 'reports',
  routes: reportRoutes,
  menu: reportMenuItems,
  access,
  // Built from the figure catalogue, which the first load carries anyway.
  locales: { 'zh-CN': figureTexts['zh-CN'], 'en-US': async () => ({ default: figureTexts['en-US'] }) },
};

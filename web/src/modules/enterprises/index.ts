// The enterprises web module: its routes and menu entry, for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import { enterpriseMenuItems } from './menu.tsx';
import { enterpriseRoutes } from './routes.tsx';

export const enterprisesModule: WebModule = {
  name: 'enterprises',
  routes: enterpriseRoutes,
  menu: enterpriseMenuItems,
};

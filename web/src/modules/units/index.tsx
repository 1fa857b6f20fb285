// The units web module: its routes and menu entry (shown to everyone), for the one list in modules/index.ts.
import { ApartmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { unitRoutes } from './routes.tsx';

export const unitsModule: WebModule = {
  name: 'units',
  routes: unitRoutes,
  menu: (_user, t) => [{ path: '/units', name: t('nav.units'), icon: <ApartmentOutlined /> }],
};

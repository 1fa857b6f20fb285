// The plan web module: its routes and menu entry (shown to everyone), for the one list in modules/index.ts.
import { FlagOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { planRoutes } from './routes.tsx';

export const planModule: WebModule = {
  name: 'plan',
  routes: planRoutes,
  menu: (_user, t) => [{ path: '/plan', name: t('nav.plan'), icon: <FlagOutlined /> }],
};

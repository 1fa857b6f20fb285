// The home web module: "/" and each role's own home page with its menu entry, for the one list in modules/index.ts.
import { HomeOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import * as access from './home.access.ts';
import { homeRoutes } from './routes.tsx';

export const homeModule: WebModule = {
  name: 'home',
  routes: homeRoutes,
  // The plan office's home is the overview (its own menu entry); every other role gets 我的工作台 first.
  menu: (user, t) =>
    user && access.homeKind(user) !== 'overview'
      ? [{ path: '/home', name: t('home.menu'), icon: <HomeOutlined /> }]
      : [],
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access,
};

// The users web module: the accounts page and its menu entry (administrators), for the one list in modules/index.ts.
import { TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { page } from '../../app/module.ts';
import { can } from '../../app/access.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import zhCN from './locales/zh-CN.json';

export const usersModule: WebModule = {
  name: 'users',
  routes: [
    {
      element: <RequireAuth roles={['admin']} />,
      children: [{ path: 'users', ...page(async () => (await import('./UsersPage.tsx')).UsersPage) }],
    },
  ],
  menu: (user, t) =>
    user && can(user, 'user.manage')
      ? [{ path: '/users', name: t('nav.users'), icon: <TeamOutlined /> }]
      : [],
  // accounts.*: also read by the login page (忘记密码) and the forced password change (modules/auth)
  // (so its Chinese texts are in the first load, not lazy)
  locales: { 'zh-CN': zhCN, 'en-US': () => import('./locales/en-US.json') },
};

// The backups web module: the administrator's backup archives (list, back up now, verify, download).
import { DatabaseOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { backupRoles, managesBackups } from './backups.access.ts';

export const backupsModule: WebModule = {
  name: 'backups',
  routes: [
    {
      element: <RequireAuth roles={backupRoles} />,
      children: [{ path: 'backups', ...page(async () => (await import('./BackupsPage.tsx')).BackupsPage) }],
    },
  ],
  menu: (user, t) =>
    managesBackups(user) ? [{ path: '/backups', name: t('backups.menu'), icon: <DatabaseOutlined /> }] : [],
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access: { managesBackups },
};

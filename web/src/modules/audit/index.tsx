// The audit web module: the district-wide audit log and login history (administrators), for the list in modules/index.ts.
import { AuditOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { auditLogRoles, readsAuditLog } from './audit.access.ts';

export const auditModule: WebModule = {
  name: 'audit',
  routes: [
    {
      element: <RequireAuth roles={auditLogRoles} />,
      children: [{ path: 'audit', ...page(async () => (await import('./AuditLogPage.tsx')).AuditLogPage) }],
    },
  ],
  menu: (user, t) =>
    readsAuditLog(user) ? [{ path: '/audit', name: t('auditLog.menu'), icon: <AuditOutlined /> }] : [],
  locales: { 'zh-CN': () => import('./locales/zh-CN.json'), 'en-US': () => import('./locales/en-US.json') },
  access: { readsAuditLog },
};

// The monitoring module's side-menu entry: the overview, first for every signed-in role (where "/" leads them).
import type { MenuDataItem } from '@ant-design/pro-components';
import { DashboardOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';

export function monitoringMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  return user ? [{ path: '/monitoring', name: t('monitoring.menu'), icon: <DashboardOutlined /> }] : [];
}

// The 督查督办 menu entries by role (through supervision.access.ts): the workspace for the office and department
// leaders, 我的待办 for a unit's users, the tasks' colours (任务亮灯) for all government users.
import type { MenuDataItem } from '@ant-design/pro-components';
import { AlertOutlined, CheckSquareOutlined, DashboardOutlined, TableOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { hasOwnItems, mayViewLedger, mayViewSupervision } from './supervision.access.ts';

export function supervisionMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  if (!mayViewSupervision(user)) return [];
  const items: MenuDataItem[] = [];
  if (mayViewLedger(user))
    items.push(
      { path: '/supervision', name: t('supervision.menu.workspace'), icon: <TableOutlined /> },
      { path: '/supervision/notices', name: t('supervision.menu.notices'), icon: <AlertOutlined /> },
    );
  if (hasOwnItems(user))
    items.push({
      path: '/supervision/todo',
      name: t('supervision.menu.todo'),
      icon: <CheckSquareOutlined />,
    });
  items.push({ path: '/supervision/tasks', name: t('supervision.menu.tasks'), icon: <DashboardOutlined /> });
  return items;
}

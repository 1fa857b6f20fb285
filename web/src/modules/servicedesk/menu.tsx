// The service desk's menu entries by role (through servicedesk.access.ts): 我的诉求 for an enterprise, 诉求工作台
// and the figures for staff, the configuration for the plan office.
import type { MenuDataItem } from '@ant-design/pro-components';
import { AreaChartOutlined, ControlOutlined, CustomerServiceOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { isDeskStaff, mayConfigure, mayFileOwn } from './servicedesk.access.ts';

export function serviceDeskMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  if (mayFileOwn(user))
    return [
      { path: '/service-desk/mine', name: t('serviceDesk.menu.mine'), icon: <CustomerServiceOutlined /> },
    ];
  if (!isDeskStaff(user)) return [];
  const items: MenuDataItem[] = [
    { path: '/service-desk', name: t('serviceDesk.menu.desk'), icon: <CustomerServiceOutlined /> },
    { path: '/service-desk/figures', name: t('serviceDesk.menu.figures'), icon: <AreaChartOutlined /> },
  ];
  if (mayConfigure(user))
    items.push({
      path: '/service-desk/config',
      name: t('serviceDesk.menu.config'),
      icon: <ControlOutlined />,
    });
  return items;
}

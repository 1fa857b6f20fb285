// The reports module's side-menu entries: 月度填报 for an enterprise user (its own last closed month), 填报情况 for
// the government roles.
import type { MenuDataItem } from '@ant-design/pro-components';
import { FormOutlined, PieChartOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { lastClosedPeriod } from './periods.ts';
import { mayViewReporting } from './reports.access.ts';
import { actsForEnterprise } from '../../app/access.ts';

export function reportMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  if (!user) return [];
  if (actsForEnterprise(user) && user.enterpriseId) {
    return [
      {
        path: `/enterprises/${user.enterpriseId}/reports/${lastClosedPeriod()}`,
        name: t('reports.menu.report'),
        icon: <FormOutlined />,
      },
    ];
  }
  if (mayViewReporting(user)) {
    return [{ path: '/monitoring/reporting', name: t('reports.menu.status'), icon: <PieChartOutlined /> }];
  }
  return [];
}

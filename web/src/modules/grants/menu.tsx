// The grant module's side-menu entries: 免申即享 for the government roles, 我的政策 for an enterprise user.
import type { MenuDataItem } from '@ant-design/pro-components';
import { GiftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { mayViewGrants } from './grants.access.ts';
import { actsForEnterprise } from '../../app/access.ts';

export function grantMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  if (!user) return [];
  if (actsForEnterprise(user)) {
    return user.enterpriseId
      ? [
          {
            path: `/enterprises/${user.enterpriseId}/policies`,
            name: t('grants.menu.myPolicies'),
            icon: <SafetyCertificateOutlined />,
          },
        ]
      : [];
  }
  if (mayViewGrants(user))
    return [{ path: '/grants', name: t('grants.menu.grants'), icon: <GiftOutlined /> }];
  return [];
}

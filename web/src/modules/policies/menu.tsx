// The policy module's side-menu entries: 政策 and 梯度培育 for the government roles.
import type { MenuDataItem } from '@ant-design/pro-components';
import { AuditOutlined, RiseOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { mayViewPolicies } from './policies.access.ts';

export function policyMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  if (!mayViewPolicies(user)) return [];
  return [
    { path: '/policies', name: t('policies.menu.policies'), icon: <AuditOutlined /> },
    { path: '/tiers', name: t('policies.menu.tiers'), icon: <RiseOutlined /> },
  ];
}

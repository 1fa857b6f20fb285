// The enterprises module's side-menu entry: 我的企业 for an enterprise user, 企业 for the roles that list them.
import type { MenuDataItem } from '@ant-design/pro-components';
import { BankOutlined, ShopOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { enterpriseHome } from '../../app/access.ts';
import { actsForEnterprise } from '../../app/access.ts';

export function enterpriseMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  const home = user && enterpriseHome(user);
  if (!user || !home) return [];
  return actsForEnterprise(user)
    ? [{ path: home, name: t('nav.myEnterprise'), icon: <ShopOutlined /> }]
    : [{ path: home, name: t('nav.enterprises'), icon: <BankOutlined /> }];
}

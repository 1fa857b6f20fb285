// The 考核 menu entry: rankings and scorecards for every government user (the scheme is reached from there).
import type { MenuDataItem } from '@ant-design/pro-components';
import { TrophyOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { mayViewAssessment } from './assessment.access.ts';

export function assessmentMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  if (!mayViewAssessment(user)) return [];
  return [{ path: '/assessment', name: t('assessment.menu'), icon: <TrophyOutlined /> }];
}

// The 调度会 menu entry: the plan office's meetings, read-only for department and subdistrict users.
import type { MenuDataItem } from '@ant-design/pro-components';
import { TeamOutlined } from '@ant-design/icons';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { mayViewMeetings } from './meetings.access.ts';

export function meetingMenuItems(user: SessionUser | null, t: (key: string) => string): MenuDataItem[] {
  if (!mayViewMeetings(user)) return [];
  return [{ path: '/meetings', name: t('meetings.menu'), icon: <TeamOutlined /> }];
}

// How the public reads a notice's state: 公示中 / 公示期已结束 / 已决定.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicNotice } from '@contracts/modules/grants/grants.contract.ts';

export function NoticeStateTag({ notice }: { notice: Pick<PublicNotice, 'status' | 'open'> }) {
  const { t } = useTranslation();
  if (notice.status === 'decided') return <Tag color="success">{t('grants.notices.state.decided')}</Tag>;
  if (notice.status === 'cancelled') return <Tag>{t('grants.status.cancelled')}</Tag>;
  if (notice.open) return <Tag color="orange">{t('grants.notices.state.open')}</Tag>;
  return <Tag>{t('grants.notices.state.closed')}</Tag>;
}

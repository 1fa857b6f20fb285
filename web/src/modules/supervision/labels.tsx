// The colour tag (绿/黄/红灯) with its reason on hover, and a self-declared status that contradicts it.
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '@contracts/modules/supervision/supervision.contract.ts';

const tagColour = { green: 'green', yellow: 'gold', red: 'red' } as const;

export function StatusTag({ status }: { status: ItemView['status'] }) {
  const { t } = useTranslation();
  const tag = status.colour ? (
    <Tag color={tagColour[status.colour]}>{t(`supervision.colour.${status.colour}`)}</Tag>
  ) : (
    <Tag>{t('supervision.colour.none')}</Tag>
  );
  return (
    <Space size={4} wrap>
      <Tooltip title={status.reason}>{tag}</Tooltip>
      {status.contradiction && (
        <Tooltip title={status.contradiction.text}>
          <Tag color="purple">{t('supervision.contradiction')}</Tag>
        </Tooltip>
      )}
      {status.provisional && (
        <Tooltip title={t('supervision.provisionalHint')}>
          <Tag>{t('supervision.provisional')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

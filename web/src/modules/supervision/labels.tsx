// The colour tag (绿/黄/红灯) with its reason on hover, and a self-declared status that contradicts it.
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '@contracts/modules/supervision/supervision.contract.ts';

const tagColour = { green: 'green', yellow: 'gold', red: 'red' } as const;

/** 已报进度 / 应达进度 (percent). */
export const progress = (r: { expected: number | null; reported: number | null }) =>
  r.expected === null ? '—' : `${r.reported ?? 0}% / ${r.expected}%`;

/** A task's or section's colour (none before anything is due), its reason on hover. */
export function ColourTag({
  colour,
  reason,
}: {
  colour: 'green' | 'yellow' | 'red' | null;
  reason?: string;
}) {
  const { t } = useTranslation();
  const tag = colour ? (
    <Tag color={tagColour[colour]}>{t(`supervision.colour.${colour}`)}</Tag>
  ) : (
    <Tag>{t('supervision.colour.none')}</Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

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

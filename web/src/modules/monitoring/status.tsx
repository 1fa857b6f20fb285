// How an evaluation status looks: its colour (cards, rings, chart points) and its tag.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvaluationView } from '@contracts/modules/monitoring/monitoring.contract.ts';

export type Status = EvaluationView['status'];

export const statusOrder: readonly Status[] = [
  'achieved',
  'ahead',
  'onTrack',
  'behind',
  'seriouslyBehind',
  'noData',
];

/** Colours as the plan office reads them: green ahead or done, blue on track, orange behind, red far behind. */
export const statusColors: Record<Status, string> = {
  ahead: '#52c41a',
  onTrack: '#1677ff',
  behind: '#fa8c16',
  seriouslyBehind: '#f5222d',
  achieved: '#389e0d',
  noData: '#bfbfbf',
};

const tagColors: Record<Status, string> = {
  ahead: 'green',
  onTrack: 'blue',
  behind: 'orange',
  seriouslyBehind: 'red',
  achieved: 'success',
  noData: 'default',
};

export function statusColor(status: Status | null | undefined): string {
  return statusColors[status ?? 'noData'];
}

export function StatusTag({ status }: { status: Status | null | undefined }) {
  const { t } = useTranslation();
  const s = status ?? 'noData';
  return (
    <Tag color={tagColors[s]} style={{ marginInlineEnd: 0 }}>
      {t(`monitoring.status.${s}`)}
    </Tag>
  );
}

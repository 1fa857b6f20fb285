// A batch's history as a timeline: each step with who took it, when, and the note (reason, response, decision note).
import { Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GrantBatchDetail } from '@contracts/modules/grants/grants.contract.ts';
import { formatDateTime } from '../../components/format.ts';

type BatchEvent = GrantBatchDetail['events'][number];

/** Colours by step; steps the server adds later show grey under their own code. */
const stepColours: Record<string, string> = {
  created: 'blue',
  itemIncluded: 'green',
  itemExcluded: 'orange',
  published: 'blue',
  objectionFiled: 'red',
  objectionUpheld: 'orange',
  objectionDismissed: 'gray',
  decided: 'green',
  cancelled: 'gray',
};

export function BatchEvents({ events }: { events: BatchEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grants.events.none')} />;
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      className="mtx-grant-timeline"
      items={sorted.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: stepColours[e.step] ?? 'gray',
        children: (
          <div>
            <div>
              <Typography.Text strong>
                {t(`grants.events.step.${e.step}`, { defaultValue: e.step })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {' · '}
                {e.actor}
                {' · '}
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </Typography.Text>
            </div>
            {e.note && <div className="mtx-grant-text">{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

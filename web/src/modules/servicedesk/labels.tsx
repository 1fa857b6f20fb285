// The tags a request shows everywhere: its state, its clock (due date, paused, overdue), urgency, 需协调 and the
// possible-duplicate flag (staff only), linking to the earlier request.
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RequestSummary } from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { clockState } from './servicedesk.helpers.ts';

const stateColour: Record<string, string> = {
  filed: 'default',
  dispatched: 'blue',
  returned: 'orange',
  accepted: 'cyan',
  handling: 'processing',
  supplement: 'gold',
  answered: 'purple',
  closed: 'green',
};

export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={stateColour[state] ?? 'default'}>{t(`serviceDesk.state.${state}`)}</Tag>;
}

export function ClockTag({ r }: { r: Pick<RequestSummary, 'state' | 'overdue' | 'answerDueOn'> }) {
  const { t } = useTranslation();
  const s = clockState(r);
  if (s === 'overdue')
    return <Tag color="red">{t('serviceDesk.clock.overdueSince', { date: r.answerDueOn })}</Tag>;
  if (s === 'paused') return <Tag color="gold">{t('serviceDesk.clock.paused')}</Tag>;
  if (s === 'running') return <Tag>{t('serviceDesk.clock.dueOn', { date: r.answerDueOn })}</Tag>;
  if (s === 'waiting') return <Tag>{t('serviceDesk.clock.waiting')}</Tag>;
  return null;
}

/** Urgency, 需协调 and a possible duplicate, as small tags after the title. */
export function RequestFlags({ r }: { r: RequestSummary }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {r.urgency === 'urgent' && <Tag color="volcano">{t('serviceDesk.urgency.urgent')}</Tag>}
      {r.needsCoordination && <Tag color="magenta">{t('serviceDesk.flag.coordination')}</Tag>}
      {r.possibleDuplicate && (
        <Tooltip
          title={t('serviceDesk.flag.duplicateHint', {
            number: r.possibleDuplicate.number,
            score: Math.round(r.possibleDuplicate.score * 100),
          })}
        >
          <Link to={`/service-desk/requests/${r.possibleDuplicate.id}`}>
            <Tag color="orange">
              {t('serviceDesk.flag.duplicate', { number: r.possibleDuplicate.number })}
            </Tag>
          </Link>
        </Tooltip>
      )}
    </Space>
  );
}

// /grants/batches/:id: one grant batch through review → public notice → decision — where it stands, what it was
// computed from, its enterprises, objections and history; the office's actions for the current step.
import { Alert, Card, Col, Descriptions, Row, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { GrantBatch, GrantBatchDetail, NoticeBasis } from '@contracts/modules/grants/grants.contract.ts';
import { useSession } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { BatchActions } from './BatchActions.tsx';
import { BasisView } from './BasisView.tsx';
import { NoticeDocumentButton } from './Downloads.tsx';
import { BatchEvents } from './BatchEvents.tsx';
import { BatchItems } from './BatchItems.tsx';
import { BatchObjections } from './BatchObjections.tsx';
import { mayManageGrants } from './grants.access.ts';
import { useGrantBatch } from './grants.api.ts';
import { BatchStatusTag, formatDay, noticeDaysLeft, noticeOver, noticeWindow, useMoney } from './labels.tsx';
import './grants.css';
import { EvaluationMonthNote } from '../../components/EvaluationMonthNote.tsx';

const stepIndex: Record<GrantBatch['status'], number> = { review: 0, notice: 1, decided: 2, cancelled: 0 };

function BatchSteps({ batch }: { batch: GrantBatch }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const status = batch.status === 'cancelled' ? 'error' : batch.status === 'decided' ? 'finish' : 'process';
  return (
    <Steps
      current={stepIndex[batch.status]}
      status={status}
      direction={mobile ? 'vertical' : 'horizontal'}
      size="small"
      items={[
        {
          title: batch.status === 'cancelled' ? t('grants.status.cancelled') : t('grants.steps.review'),
          description: t('grants.steps.createdOn', { at: formatDay(batch.createdAt) }),
        },
        {
          title: t('grants.steps.notice'),
          description:
            batch.noticeStartsOn || batch.noticeEndsOn
              ? noticeWindow(batch.noticeStartsOn, batch.noticeEndsOn)
              : t('grants.batch.noticeDaysPlanned', { days: batch.noticeDays }),
        },
        {
          title: t('grants.steps.decide'),
          description: batch.decidedAt ? formatDay(batch.decidedAt) : undefined,
        },
      ]}
    />
  );
}

/** What the reader must know first: decided and final, cancelled, or how the notice stands. */
function StatusBanner({ batch }: { batch: GrantBatch }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (batch.status === 'decided') {
    return (
      <Alert
        type="success"
        showIcon
        className="mtx-section"
        message={t('grants.batch.decidedBanner')}
        action={<NoticeDocumentButton batch={batch} />}
        description={
          <>
            {t('grants.batch.decidedBy', {
              at: batch.decidedAt ? formatDateTime(batch.decidedAt) : '—',
              by: batch.decidedBy ?? '—',
              included: batch.included,
              total: money(batch.totalAmount),
            })}
            {batch.note && <div className="mtx-grant-text">{batch.note}</div>}
          </>
        }
      />
    );
  }
  if (batch.status === 'cancelled') {
    return (
      <Alert
        type="warning"
        showIcon
        className="mtx-section"
        message={t('grants.batch.cancelledBanner')}
        description={batch.note || undefined}
      />
    );
  }
  if (batch.status === 'notice') {
    const over = noticeOver(batch.noticeEndsOn);
    const left = noticeDaysLeft(batch.noticeEndsOn);
    return (
      <Alert
        type={over && batch.openObjections === 0 ? 'success' : 'info'}
        showIcon
        className="mtx-section"
        message={
          over
            ? batch.openObjections > 0
              ? t('grants.batch.noticeOverOpen', { count: batch.openObjections })
              : t('grants.batch.noticeOverReady')
            : t('grants.batch.noticeRunning', {
                window: noticeWindow(batch.noticeStartsOn, batch.noticeEndsOn),
                days: left ?? '—',
              })
        }
        action={
          <Space direction="vertical" align="end">
            <Link to={`/public/notices/${batch.id}`}>{t('grants.batch.publicLink')}</Link>
            <NoticeDocumentButton batch={batch} />
          </Space>
        }
      />
    );
  }
  return null;
}

function Summary({ batch, basis }: { batch: GrantBatch; basis: NoticeBasis }) {
  const { t } = useTranslation();
  const money = useMoney();
  const mobile = useIsMobile();
  return (
    <Card className="mtx-section" size={mobile ? 'small' : 'default'}>
      <BatchSteps batch={batch} />
      <Descriptions
        className="mtx-descriptions mtx-grant-summary"
        column={{ xs: 1, sm: 1, md: 2, xxl: 3 }}
        size="small"
        bordered
        layout={mobile ? 'vertical' : 'horizontal'}
      >
        <Descriptions.Item label={t('grants.batch.policy')}>
          {batch.policyName}{' '}
          <Typography.Text type="secondary">
            {t('grants.batch.version', { version: batch.policyVersion, code: batch.policyCode })}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('grants.batch.period')}>
          <EvaluationMonthNote month={batch.period} />
        </Descriptions.Item>
        <Descriptions.Item label={t('grants.batch.includedOfItems')}>
          {t('grants.batch.includedOf', { included: batch.included, items: batch.items })}
        </Descriptions.Item>
        <Descriptions.Item label={t('grants.batch.totalAmount')}>
          <Typography.Text strong>{money(batch.totalAmount)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('grants.batch.noticeWindow')}>
          {batch.noticeStartsOn || batch.noticeEndsOn
            ? noticeWindow(batch.noticeStartsOn, batch.noticeEndsOn)
            : t('grants.batch.noticeDaysPlanned', { days: batch.noticeDays })}
        </Descriptions.Item>
        <Descriptions.Item label={t('grants.batch.createdAt')}>
          {t('grants.batch.atBy', { at: formatDateTime(batch.createdAt), by: batch.createdBy })}
        </Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 16 }}>
        <BasisView basis={basis} />
      </div>
    </Card>
  );
}

function BatchView({ detail }: { detail: GrantBatchDetail }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { batch } = detail;
  const manage = mayManageGrants(user);
  useDocumentTitle(`${batch.number} · ${t('grants.menu.grants')}`);
  const showObjections = batch.status !== 'review' || detail.objections.length > 0;
  return (
    <Page
      title={batch.policyName}
      subTitle={<span className="mtx-mono">{batch.number}</span>}
      tags={<BatchStatusTag status={batch.status} />}
      crumbs={[{ title: t('grants.menu.grants'), to: '/grants' }, { title: batch.number }]}
      extra={manage ? <BatchActions batch={batch} /> : undefined}
    >
      <StatusBanner batch={batch} />
      <Summary batch={batch} basis={detail.basis} />
      <div className="mtx-section">
        <BatchItems batch={batch} editable={manage && batch.status === 'review'} />
      </div>
      <Row gutter={[16, 16]}>
        {showObjections && (
          <Col xs={24} xl={14}>
            <BatchObjections
              batch={batch}
              objections={detail.objections}
              canResolve={manage && batch.status === 'notice'}
            />
          </Col>
        )}
        <Col xs={24} xl={showObjections ? 10 : 24}>
          <Card title={<h2 className="mtx-card-heading">{t('grants.events.title')}</h2>}>
            <BatchEvents events={detail.events} />
          </Card>
        </Col>
      </Row>
      {!manage && batch.status !== 'decided' && batch.status !== 'cancelled' && (
        <Space className="mtx-grant-readonly">
          <Typography.Text type="secondary">{t('grants.batch.readOnly')}</Typography.Text>
        </Space>
      )}
    </Page>
  );
}

export function GrantBatchPage() {
  const { id } = useParams();
  const query = useGrantBatch(id);
  return <QueryState query={query}>{(detail) => <BatchView detail={detail} />}</QueryState>;
}

// One work item in a drawer: its facts, the computed status beside the self-declared one, and every version of its
// reports; the plan office returns (with a reason) or accepts the current one.
import { useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ReportView } from '@contracts/modules/supervision/supervision.contract.ts';
import { useItem, useReview } from './supervision.api.ts';
import { StatusTag } from './labels.tsx';
import { useSession } from '../../app/session.ts';
import { mayManageLedger } from './supervision.access.ts';
import { formatDateTime } from '../../components/format.ts';
import { ItemForm } from './ItemForm.tsx';
import { NoticeList } from './NoticeList.tsx';
import { useNoticeAction } from './supervision.api.ts';

const colourTag = { green: 'green', yellow: 'gold', red: 'red' } as const;

const stateColour = { submitted: 'blue', returned: 'orange', accepted: 'green' } as const;

export function ItemDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const detail = useItem(id);
  const review = useReview();
  const [returning, setReturning] = useState<ReportView | null>(null);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const issue = useNoticeAction();
  const [issuing, setIssuing] = useState(false);
  const [issueReason, setIssueReason] = useState('');
  const item = detail.data?.item;
  const reports = detail.data?.reports ?? [];
  // Only the newest version of each period can be reviewed.
  const current = new Set(
    reports.filter((r, i) => reports.findIndex((x) => x.period === r.period) === i).map((r) => r.id),
  );
  const act = async (reportId: string, outcome: 'return' | 'accept', why?: string) => {
    try {
      await review.mutateAsync({ reportId, outcome, ...(why ? { reason: why } : {}) });
      void message.success(
        t(outcome === 'return' ? 'supervision.review.returned' : 'supervision.review.accepted'),
      );
      setReturning(null);
      setReason('');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Drawer
      extra={
        item?.editable ? (
          <Button onClick={() => setEditing(true)}>{t('supervision.form.edit')}</Button>
        ) : undefined
      }
      open={!!id}
      onClose={onClose}
      width={720}
      title={item ? `${item.number}. ${item.title}` : ''}
      loading={detail.isLoading}
    >
      {item && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('supervision.field.task')} span={2}>
              {item.task ? `${item.task.number}、${item.task.title}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.field.owner')}>{item.owner.name}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.field.people')}>
              {item.responsiblePeople || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.field.start')}>{item.startDate}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.field.due')}>{item.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.field.kind')}>
              {t(`supervision.kind.${item.kind}`)}
              {item.goalQuantity !== null && ` · ${item.goalQuantity} ${item.goalUnit ?? ''}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.field.source')}>
              {t(`supervision.source.${item.source}`)}
              {item.sourceRef && ` · ${item.sourceRef}`}
              {item.meetingId && (
                <>
                  {' · '}
                  <Link to={`/meetings/${item.meetingId}`}>{t('supervision.field.meetingLink')}</Link>
                </>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervision.field.status')} span={2}>
              <Space direction="vertical" size={2}>
                <StatusTag status={item.status} />
                <Typography.Text type="secondary">{item.status.reason}</Typography.Text>
                {item.status.contradiction && (
                  <Typography.Text type="warning">{item.status.contradiction.text}</Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
            {item.evidence ? (
              <Descriptions.Item label={t('supervision.field.evidence')} span={2}>
                {item.evidence}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {detail.data!.colourHistory.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {t('supervision.notice.colourHistory')}
              </Typography.Title>
              <Space wrap>
                {detail.data!.colourHistory.map((c) => (
                  <Tooltip key={c.day} title={c.reason}>
                    <Tag color={colourTag[c.colour]}>
                      {c.day} {t(`supervision.colour.${c.colour}`)}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            </>
          )}
          <Space style={{ marginTop: 24, display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('supervision.notice.title')}
            </Typography.Title>
            {mayManageLedger(user) && item.state === 'open' && (
              <Button size="small" danger onClick={() => setIssuing(true)}>
                {t('supervision.notice.issue')}
              </Button>
            )}
          </Space>
          <NoticeList notices={detail.data!.notices} showItem={false} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('supervision.reports.title')}
          </Typography.Title>
          {reports.length === 0 ? (
            <Empty description={t('supervision.reports.none')} />
          ) : (
            <List
              dataSource={reports}
              renderItem={(r) => (
                <List.Item
                  actions={
                    mayManageLedger(user) && current.has(r.id) && r.state === 'submitted'
                      ? [
                          <Button
                            key="accept"
                            size="small"
                            type="primary"
                            loading={review.isPending}
                            onClick={() => void act(r.id, 'accept')}
                          >
                            {t('supervision.review.accept')}
                          </Button>,
                          <Button key="return" size="small" danger onClick={() => setReturning(r)}>
                            {t('supervision.review.return')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        <span>
                          {r.period} · v{r.version}
                        </span>
                        <Tag color={stateColour[r.state]}>{t(`supervision.reportState.${r.state}`)}</Tag>
                        {r.percent !== null && <span>{r.percent}%</span>}
                        {r.quantityDone !== null && (
                          <span>{t('supervision.reports.done', { n: r.quantityDone })}</span>
                        )}
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={2}>
                        <span>{r.progress}</span>
                        {r.problems && (
                          <span>
                            {t('supervision.field.problems')}：{r.problems}
                          </span>
                        )}
                        {r.nextSteps && (
                          <span>
                            {t('supervision.field.nextSteps')}：{r.nextSteps}
                          </span>
                        )}
                        {r.returnReason && (
                          <Typography.Text type="danger">
                            {t('supervision.reports.returnReason')}：{r.returnReason}
                          </Typography.Text>
                        )}
                        {r.attachments.map((a) => (
                          <a key={a.id} href={`/api/supervision/attachments/${a.id}`}>
                            <PaperClipOutlined /> {a.fileName}
                          </a>
                        ))}
                        <Typography.Text type="secondary">
                          {r.submittedByLabel} · {formatDateTime(r.submittedAt)}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </>
      )}
      <Modal
        open={!!returning}
        title={t('supervision.review.returnTitle')}
        okText={t('supervision.review.return')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: review.isPending }}
        onOk={() => returning && void act(returning.id, 'return', reason.trim())}
        onCancel={() => setReturning(null)}
      >
        <Input.TextArea
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('supervision.review.reasonPlaceholder')}
        />
      </Modal>
      <Modal
        open={issuing}
        title={t('supervision.notice.issue')}
        okButtonProps={{ danger: true, loading: issue.isPending }}
        onOk={async () => {
          if (!item) return;
          try {
            await issue.mutateAsync({ step: 'issue', itemId: item.id, reason: issueReason.trim() });
            void message.success(t('supervision.notice.done'));
            setIssuing(false);
            setIssueReason('');
          } catch (e) {
            void message.error((e as Error).message);
          }
        }}
        onCancel={() => setIssuing(false)}
      >
        <Input.TextArea
          rows={3}
          value={issueReason}
          onChange={(e) => setIssueReason(e.target.value)}
          placeholder={t('supervision.notice.issueReason')}
        />
      </Modal>
      {editing && item && <ItemForm item={item} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}

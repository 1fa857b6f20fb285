// 督办单 as a list (the office's page, 我的待办, the item drawer): level and state tags, the reason, the evidence, the
// response date, the unit's answer, and the actions the server offers the signed-in user — 签收 and 整改情况 for the
// owning unit, 销号 for the plan office.
import { useState } from 'react';
import { App, Button, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoticeView } from '@contracts/modules/supervision/supervision.contract.ts';
import { formatDateTime } from '../../components/format.ts';
import { useNoticeAction } from './supervision.api.ts';

export const levelColour = { blue: 'blue', yellow: 'gold', red: 'red' } as const;
const stateColour = {
  issued: 'red',
  acknowledged: 'orange',
  responded: 'blue',
  closed: 'green',
  escalated: 'default',
} as const;

export function NoticeLevelTag({ level }: { level: NoticeView['level'] }) {
  const { t } = useTranslation();
  return <Tag color={levelColour[level]}>{t(`supervision.notice.level.${level}`)}</Tag>;
}

export function NoticeList({
  notices,
  loading,
  showItem = true,
  pagination,
}: {
  notices: NoticeView[];
  loading?: boolean;
  showItem?: boolean;
  pagination?: Parameters<typeof List>[0]['pagination'];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useNoticeAction();
  const [answering, setAnswering] = useState<{ notice: NoticeView; step: 'respond' | 'close' } | null>(null);
  const [text, setText] = useState('');
  const run = async (v: Parameters<typeof action.mutateAsync>[0]) => {
    try {
      await action.mutateAsync(v);
      void message.success(t('supervision.notice.done'));
      setAnswering(null);
      setText('');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <List
        loading={loading}
        dataSource={notices}
        pagination={pagination}
        locale={{ emptyText: <Empty description={t('supervision.notice.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            actions={[
              n.actions.acknowledge && (
                <Button
                  key="ack"
                  size="small"
                  loading={action.isPending}
                  onClick={() => void run({ step: 'acknowledge', id: n.id })}
                >
                  {t('supervision.notice.acknowledge')}
                </Button>
              ),
              n.actions.respond && (
                <Button
                  key="respond"
                  size="small"
                  type="primary"
                  onClick={() => {
                    setText(n.remediation ?? '');
                    setAnswering({ notice: n, step: 'respond' });
                  }}
                >
                  {t('supervision.notice.respond')}
                </Button>
              ),
              n.actions.close && (
                <Button
                  key="close"
                  size="small"
                  type="primary"
                  onClick={() => setAnswering({ notice: n, step: 'close' })}
                >
                  {t('supervision.notice.close')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <NoticeLevelTag level={n.level} />
                  <Tag color={stateColour[n.state]}>{t(`supervision.notice.state.${n.state}`)}</Tag>
                  {showItem && (
                    <span>
                      {n.item.number}. {n.item.title}
                    </span>
                  )}
                  <Typography.Text type="secondary">{n.unit.name}</Typography.Text>
                  {n.responseLate && <Tag color="red">{t('supervision.notice.late')}</Tag>}
                </Space>
              }
              description={
                <Space direction="vertical" size={2}>
                  <span>{n.reason}</span>
                  <Typography.Text type="secondary">
                    {t('supervision.notice.issued', {
                      date: n.issuedOn,
                      by: n.origin === 'rule' ? t('supervision.notice.byRule') : n.issuedByLabel,
                    })}
                    {' · '}
                    {t('supervision.notice.responseDue', { date: n.responseDue })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('supervision.notice.evidence')}：{n.evidence}
                  </Typography.Text>
                  {n.acknowledgedAt && (
                    <span>
                      {t('supervision.notice.acknowledged', {
                        by: n.acknowledgedByLabel,
                        at: formatDateTime(n.acknowledgedAt),
                      })}
                    </span>
                  )}
                  {n.remediation && (
                    <span>
                      {t('supervision.notice.remediation')}：{n.remediation}
                    </span>
                  )}
                  {n.closedAt && (
                    <Typography.Text type="success">
                      {t('supervision.notice.closed', {
                        by: n.closedByLabel,
                        at: formatDateTime(n.closedAt),
                      })}
                      {n.closeNote ? `：${n.closeNote}` : ''}
                    </Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!answering}
        title={
          answering?.step === 'respond' ? t('supervision.notice.respond') : t('supervision.notice.close')
        }
        okButtonProps={{
          disabled: answering?.step === 'respond' && !text.trim(),
          loading: action.isPending,
        }}
        onOk={() =>
          answering &&
          void run(
            answering.step === 'respond'
              ? { step: 'respond', id: answering.notice.id, remediation: text.trim() }
              : { step: 'close', id: answering.notice.id, note: text.trim() },
          )
        }
        onCancel={() => setAnswering(null)}
      >
        <Input.TextArea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={
            answering?.step === 'respond'
              ? t('supervision.notice.remediationPlaceholder')
              : t('supervision.notice.closePlaceholder')
          }
        />
      </Modal>
    </>
  );
}

// The objections (异议) filed against a batch during its public notice, and the office's resolve modal (成立 / 不成立
// with a response); an upheld objection about one enterprise excludes it.
import { useState } from 'react';
import { ModalForm, ProFormRadio, ProFormTextArea, ProFormDependency } from '@ant-design/pro-components';
import { Alert, Button, Card, Empty, Form, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  objectionResolveSchema,
  type GrantBatch,
  type Objection,
} from '@contracts/modules/grants/grants.contract.ts';
import { formatDateTime } from '../../components/format.ts';
import { useResolveObjection } from './grants.api.ts';
import { ObjectionStatusTag } from './labels.tsx';
import { useStep } from './useStep.tsx';

interface ResolveValues {
  outcome?: 'upheld' | 'dismissed';
  response?: string;
}

function ResolveModal({
  batchId,
  objection,
  onClose,
}: {
  batchId: string;
  objection: Objection | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResolveValues>();
  const step = useStep(form);
  const resolve = useResolveObjection(batchId);

  const onFinish = async (v: ResolveValues): Promise<boolean> => {
    if (!objection) return false;
    const parsed = objectionResolveSchema.safeParse({ outcome: v.outcome, response: v.response ?? '' });
    return step.run(parsed, async (data) => {
      await resolve.mutateAsync({ objectionId: objection.id, ...data });
      onClose();
    });
  };

  return (
    <ModalForm<ResolveValues>
      title={t('grants.objections.resolveTitle')}
      open={objection !== null}
      form={form}
      width={600}
      modalProps={{ destroyOnHidden: true, onCancel: onClose, maskClosable: false }}
      submitter={{
        searchConfig: { submitText: t('grants.objections.resolveSubmit'), resetText: t('common.cancel') },
      }}
      onFinish={onFinish}
      onValuesChange={step.clear}
    >
      {step.banner}
      {objection && (
        <div className="mtx-grant-quote">
          <Typography.Text type="secondary">
            {t('grants.objections.filedBy', {
              name: objection.filerName ?? t('grants.objections.filerHidden'),
              at: formatDateTime(objection.filedAt),
            })}
            {' · '}
            {objection.enterpriseName
              ? t('grants.objections.about', { name: objection.enterpriseName })
              : t('grants.objections.aboutWhole')}
          </Typography.Text>
          <Typography.Paragraph className="mtx-grant-text">{objection.text}</Typography.Paragraph>
        </div>
      )}
      <ProFormRadio.Group
        name="outcome"
        label={t('grants.objections.outcome')}
        rules={[{ required: true, message: t('grants.objections.outcomeRequired') }]}
        options={[
          { value: 'upheld', label: t('grants.objectionStatus.upheld') },
          { value: 'dismissed', label: t('grants.objectionStatus.dismissed') },
        ]}
      />
      <ProFormDependency name={['outcome']}>
        {({ outcome }: ResolveValues) =>
          outcome ? (
            <Alert
              type={outcome === 'upheld' ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              message={
                outcome === 'dismissed'
                  ? t('grants.objections.dismissedHint')
                  : objection?.enterpriseName
                    ? t('grants.objections.upheldHint', { name: objection.enterpriseName })
                    : t('grants.objections.upheldWholeHint')
              }
            />
          ) : null
        }
      </ProFormDependency>
      <ProFormTextArea
        name="response"
        label={t('grants.objections.response')}
        extra={t('grants.objections.responseHelp')}
        rules={[{ required: true, whitespace: true, message: t('grants.objections.responseRequired') }]}
        fieldProps={{ maxLength: 2000, showCount: true, autoSize: { minRows: 4, maxRows: 10 } }}
      />
    </ModalForm>
  );
}

export function BatchObjections({
  batch,
  objections,
  canResolve,
}: {
  batch: GrantBatch;
  objections: Objection[];
  canResolve: boolean;
}) {
  const { t } = useTranslation();
  const [resolving, setResolving] = useState<Objection | null>(null);
  // open ones first, then newest first
  const sorted = [...objections].sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.filedAt.localeCompare(a.filedAt),
  );
  return (
    <Card
      id="objections"
      title={
        <h2 className="mtx-card-heading">
          {t('grants.objections.title')}{' '}
          <Typography.Text type="secondary" className="mtx-grant-count">
            {t('grants.objections.count', { open: batch.openObjections, total: objections.length })}
          </Typography.Text>
        </h2>
      }
    >
      {sorted.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            batch.status === 'review' ? t('grants.objections.notYet') : t('grants.objections.none')
          }
        />
      ) : (
        <List<Objection>
          itemLayout="vertical"
          dataSource={sorted}
          renderItem={(o) => (
            <List.Item
              key={o.id}
              actions={
                canResolve && o.status === 'open'
                  ? [
                      <Button key="resolve" type="primary" size="small" onClick={() => setResolving(o)}>
                        {t('grants.objections.resolve')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <Space size={8} wrap className="mtx-grant-objection-head">
                <ObjectionStatusTag status={o.status} />
                <span className="mtx-grant-objection-about">
                  {o.enterpriseId && o.enterpriseName ? (
                    <>
                      {t('grants.objections.aboutPrefix')}
                      <Link to={`/enterprises/${o.enterpriseId}`}>{o.enterpriseName}</Link>
                    </>
                  ) : (
                    t('grants.objections.aboutWhole')
                  )}
                </span>
                <Typography.Text type="secondary">
                  {t('grants.objections.filedBy', {
                    name: o.filerName ?? t('grants.objections.filerHidden'),
                    at: formatDateTime(o.filedAt),
                  })}
                </Typography.Text>
                {o.filedByEnterprise && <Tag color="purple">{t('grants.objections.byEnterprise')}</Tag>}
                {o.filerContact && (
                  <Typography.Text type="secondary">
                    {t('grants.objections.contact', { contact: o.filerContact })}
                  </Typography.Text>
                )}
              </Space>
              <Typography.Paragraph className="mtx-grant-text">{o.text}</Typography.Paragraph>
              {o.response && (
                <div className="mtx-grant-response">
                  <Typography.Text strong>{t('grants.objections.response')}</Typography.Text>
                  {o.respondedAt && (
                    <Typography.Text type="secondary"> · {formatDateTime(o.respondedAt)}</Typography.Text>
                  )}
                  <Typography.Paragraph className="mtx-grant-text" style={{ marginBottom: 0 }}>
                    {o.response}
                  </Typography.Paragraph>
                </div>
              )}
            </List.Item>
          )}
        />
      )}
      {canResolve && (
        <ResolveModal batchId={batch.id} objection={resolving} onClose={() => setResolving(null)} />
      )}
    </Card>
  );
}

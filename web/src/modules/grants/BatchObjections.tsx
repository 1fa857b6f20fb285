// The objections (异议) filed against a batch during its public notice, and the office's resolve modal (成立 / 不成立
// with a response); an upheld objection about one enterprise excludes it.
import { useState } from 'react';
import { ModalForm, ProFormRadio, ProFormTextArea, ProFormDependency } from '@ant-design/pro-components';
import { Alert, Button, Card, Checkbox, Empty, Form, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  objectionResolveSchema,
  type GrantBatch,
  type Objection,
} from '@contracts/modules/grants/grants.contract.ts';
import { formatDateTime } from '../../components/format.ts';
import { useResolveObjection, useResolveObjections } from './grants.api.ts';
import { ObjectionStatusTag } from './labels.tsx';
import { useStep } from './useStep.tsx';

interface ResolveValues {
  outcome?: 'upheld' | 'dismissed';
  response?: string;
}

function ResolveModal({
  batchId,
  selected,
  onClose,
}: {
  batchId: string;
  /** One objection, or several answered alike. */
  selected: Objection[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ResolveValues>();
  const step = useStep(form);
  const resolve = useResolveObjection(batchId);
  const resolveMany = useResolveObjections(batchId);
  const objection = selected.length === 1 ? selected[0]! : null;

  const onFinish = async (v: ResolveValues): Promise<boolean> => {
    if (!selected.length) return false;
    const parsed = objectionResolveSchema.safeParse({ outcome: v.outcome, response: v.response ?? '' });
    return step.run(parsed, async (data) => {
      if (objection) await resolve.mutateAsync({ objectionId: objection.id, ...data });
      else await resolveMany.mutateAsync({ objectionIds: selected.map((o) => o.id), ...data });
      onClose();
    });
  };

  return (
    <ModalForm<ResolveValues>
      title={
        objection
          ? t('grants.objections.resolveTitle')
          : t('grants.objections.bulkTitle', { count: selected.length })
      }
      open={selected.length > 0}
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
      {!objection && selected.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('grants.objections.bulkText', {
            receipts: selected.map((o) => o.receipt ?? '—').join('、'),
          })}
        />
      )}
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
                  : !objection
                    ? t('grants.objections.upheldBulkHint')
                    : objection.enterpriseName
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
  const [resolving, setResolving] = useState<Objection[]>([]);
  const [checked, setChecked] = useState<string[]>([]);
  const open = objections.filter((o) => o.status === 'open');
  const picked = open.filter((o) => checked.includes(o.id));
  // open ones first, then newest first
  const sorted = [...objections].sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.filedAt.localeCompare(a.filedAt),
  );
  return (
    <Card
      id="objections"
      extra={
        canResolve && open.length > 1 ? (
          <Space wrap>
            <Checkbox
              checked={picked.length === open.length}
              indeterminate={picked.length > 0 && picked.length < open.length}
              onChange={(e) => setChecked(e.target.checked ? open.map((o) => o.id) : [])}
            >
              {t('grants.objections.selectAll')}
            </Checkbox>
            <Button type="primary" disabled={picked.length < 2} onClick={() => setResolving(picked)}>
              {t('grants.objections.bulkResolve', { count: picked.length })}
            </Button>
          </Space>
        ) : undefined
      }
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
                      <Button key="resolve" type="primary" size="small" onClick={() => setResolving([o])}>
                        {t('grants.objections.resolve')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <Space size={8} wrap className="mtx-grant-objection-head">
                {canResolve && o.status === 'open' && (
                  <Checkbox
                    checked={checked.includes(o.id)}
                    aria-label={t('grants.objections.select', { receipt: o.receipt ?? '' })}
                    onChange={(e) =>
                      setChecked((c) => (e.target.checked ? [...c, o.id] : c.filter((x) => x !== o.id)))
                    }
                  />
                )}
                {o.receipt && <span className="mtx-mono">{o.receipt}</span>}
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
        <ResolveModal
          batchId={batch.id}
          selected={resolving}
          onClose={() => {
            setResolving([]);
            setChecked([]);
          }}
        />
      )}
    </Card>
  );
}

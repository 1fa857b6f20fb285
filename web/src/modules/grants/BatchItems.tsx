// The enterprises of a grant batch: search, included/excluded filter, and (in review, for the office) an include switch
// with a reason modal; open objections per row; granted or not after the decision.
import { useState } from 'react';
import { ModalForm, ProFormTextArea, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Badge, Form, Input, Segmented, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  itemReviewSchema,
  type GrantBatch,
  type GrantItem,
} from '@contracts/modules/grants/grants.contract.ts';
import { useGrantItems, useReviewItem, type ItemFilters } from './grants.api.ts';
import { useMoney } from './labels.tsx';
import { useStep } from './useStep.tsx';
import { ItemsExportButton } from './Downloads.tsx';
import { listOptions, listPagination } from '../../components/listTable.ts';

type IncludedFilter = 'all' | 'true' | 'false';

interface Pending {
  item: GrantItem;
  included: boolean;
}

function ReviewModal({
  batchId,
  pending,
  onClose,
}: {
  batchId: string;
  pending: Pending | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const [form] = Form.useForm<{ reason?: string }>();
  const step = useStep(form);
  const review = useReviewItem(batchId);
  const excluding = pending ? !pending.included : false;

  const onFinish = async (v: { reason?: string }): Promise<boolean> => {
    if (!pending) return false;
    const parsed = itemReviewSchema.safeParse({ included: pending.included, reason: v.reason ?? '' });
    return step.run(parsed, async (data) => {
      await review.mutateAsync({ enterpriseId: pending.item.enterpriseId, ...data });
      onClose();
    });
  };

  return (
    <ModalForm<{ reason?: string }>
      title={
        pending
          ? t(excluding ? 'grants.items.excludeTitle' : 'grants.items.includeTitle', {
              name: pending.item.name,
            })
          : ''
      }
      open={pending !== null}
      form={form}
      width={520}
      modalProps={{ destroyOnHidden: true, onCancel: onClose, maskClosable: false }}
      submitter={{
        searchConfig: {
          submitText: t(excluding ? 'grants.items.exclude' : 'grants.items.include'),
          resetText: t('common.cancel'),
        },
        submitButtonProps: { danger: excluding },
      }}
      onFinish={onFinish}
      onValuesChange={step.clear}
    >
      {step.banner}
      {pending && (
        <Typography.Paragraph type="secondary">
          {t(excluding ? 'grants.items.excludeHint' : 'grants.items.includeHint', {
            amount: money(pending.item.amount),
          })}
        </Typography.Paragraph>
      )}
      <ProFormTextArea
        name="reason"
        label={t(excluding ? 'grants.items.reason' : 'grants.items.reasonOptional')}
        rules={
          excluding ? [{ required: true, whitespace: true, message: t('grants.items.reasonRequired') }] : []
        }
        fieldProps={{ maxLength: 300, showCount: true, autoSize: { minRows: 3, maxRows: 6 } }}
      />
    </ModalForm>
  );
}

export function BatchItems({ batch, editable }: { batch: GrantBatch; editable: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [included, setIncluded] = useState<IncludedFilter>('all');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [pending, setPending] = useState<Pending | null>(null);
  const filters: ItemFilters = { included: included === 'all' ? undefined : included, q: q || undefined };
  const items = useGrantItems(batch.id, filters, page, pageSize);
  const decided = batch.status === 'decided';

  const columns: ProColumns<GrantItem>[] = [
    {
      title: t('grants.items.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 200,
      render: (_, r) => (
        <Space size={6}>
          <Link to={`/enterprises/${r.enterpriseId}`}>{r.name}</Link>
          {r.openObjections > 0 && (
            <Tooltip title={t('grants.items.openObjections', { count: r.openObjections })}>
              <Badge count={r.openObjections} size="small" />
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('grants.items.uscc'),
      dataIndex: 'uscc',
      width: 190,
      render: (_, r) => <span className="mtx-mono">{r.uscc}</span>,
    },
    { title: t('grants.items.subdistrict'), dataIndex: 'subdistrictName', width: 100 },
    {
      title: t('grants.items.amount'),
      dataIndex: 'amount',
      align: 'right',
      width: 130,
      render: (_, r) => (
        <span className={r.included ? undefined : 'mtx-grant-struck'}>{money(r.amount)}</span>
      ),
    },
    {
      title: t('grants.items.included'),
      dataIndex: 'included',
      width: 100,
      render: (_, r) =>
        editable ? (
          <Switch
            checked={r.included}
            checkedChildren={t('grants.items.in')}
            unCheckedChildren={t('grants.items.out')}
            aria-label={t(r.included ? 'grants.items.excludeTitle' : 'grants.items.includeTitle', {
              name: r.name,
            })}
            onChange={(checked) => setPending({ item: r, included: checked })}
          />
        ) : r.included ? (
          <Tag color="green">{t('grants.items.in')}</Tag>
        ) : (
          <Tag>{t('grants.items.out')}</Tag>
        ),
    },
    {
      title: t('grants.items.exclusionReason'),
      dataIndex: 'exclusionReason',
      ellipsis: { showTitle: true },
      render: (_, r) => r.exclusionReason || <Typography.Text type="secondary">—</Typography.Text>,
    },
    ...(decided
      ? [
          {
            title: t('grants.items.granted'),
            dataIndex: 'granted',
            width: 90,
            render: (_: unknown, r: GrantItem) =>
              r.granted === null ? (
                '—'
              ) : r.granted ? (
                <Tag color="success">{t('grants.items.grantedYes')}</Tag>
              ) : (
                <Tag>{t('grants.items.grantedNo')}</Tag>
              ),
          } satisfies ProColumns<GrantItem>,
        ]
      : []),
  ];

  return (
    <>
      <ProTable<GrantItem>
        rowKey="enterpriseId"
        search={false}
        columns={columns}
        dataSource={items.data?.items ?? []}
        loading={items.isFetching}
        size="middle"
        scroll={{ x: 960 }}
        cardBordered
        headerTitle={
          <h2 className="mtx-card-heading">
            {t('grants.items.title')}{' '}
            <Typography.Text type="secondary" className="mtx-grant-count">
              {t('grants.batch.includedOf', { included: batch.included, items: batch.items })}
            </Typography.Text>
          </h2>
        }
        toolBarRender={() => [
          <ItemsExportButton key="export" batch={batch} />,
          <Segmented<IncludedFilter>
            key="included"
            value={included}
            onChange={(v) => {
              setIncluded(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('grants.items.filterAll') },
              { value: 'true', label: t('grants.items.filterIncluded') },
              { value: 'false', label: t('grants.items.filterExcluded') },
            ]}
          />,
          <Input.Search
            key="q"
            allowClear
            value={typed}
            placeholder={t('grants.items.search')}
            aria-label={t('grants.items.search')}
            style={{ width: 220 }}
            onChange={(e) => {
              setTyped(e.target.value);
              if (!e.target.value) {
                setQ('');
                setPage(1);
              }
            }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />,
        ]}
        options={listOptions(() => items.refetch())}
        pagination={listPagination(t, { page, pageSize, total: items.data?.total })}
        onChange={(p) => {
          setPage(p.current ?? 1);
          setPageSize(p.pageSize ?? 20);
        }}
        locale={{ emptyText: items.isError ? t('common.loadFailed') : t('grants.items.empty') }}
      />
      {editable && <ReviewModal batchId={batch.id} pending={pending} onClose={() => setPending(null)} />}
    </>
  );
}

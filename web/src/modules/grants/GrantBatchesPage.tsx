// /grants: the no-application grant batches (免申即享) as a ProTable — status tabs, paging on the server, kept in the URL.
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Badge, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { batchStatuses, type GrantBatch } from '@contracts/modules/grants/grants.contract.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useGrantBatches, type BatchFilters, type BatchStatus } from './grants.api.ts';
import { BatchStatusTag, noticeWindow, useMoney } from './labels.tsx';
import { NoticeSettings } from './NoticeSettings.tsx';
import { mayManageGrants } from './grants.access.ts';
import { useSession } from '../../app/session.ts';
import './grants.css';
import { listOptions, listPagination } from '../../components/listTable.ts';

const isStatus = (v: string | null): v is BatchStatus =>
  (batchStatuses as readonly string[]).includes(v ?? '');

export function GrantBatchesPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const policyId = params.get('policyId') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));
  const filters: BatchFilters = { status, policyId };
  const list = useGrantBatches(filters, page, pageSize);
  useDocumentTitle(t('grants.menu.grants'));

  const update = (next: BatchFilters, nextPage = 1, nextPageSize = pageSize) => {
    const p = new URLSearchParams();
    if (next.status) p.set('status', next.status);
    if (next.policyId) p.set('policyId', next.policyId);
    if (nextPage > 1) p.set('page', String(nextPage));
    if (nextPageSize !== 20) p.set('pageSize', String(nextPageSize));
    setParams(p);
  };

  const columns: ProColumns<GrantBatch>[] = [
    {
      title: t('grants.batch.number'),
      dataIndex: 'number',
      fixed: 'left',
      width: 150,
      render: (_, b) => (
        <Link to={`/grants/batches/${b.id}`} className="mtx-mono">
          {b.number}
        </Link>
      ),
    },
    {
      title: t('grants.batch.policy'),
      dataIndex: 'policyName',
      ellipsis: true,
      render: (_, b) => (
        <span>
          {b.policyName}{' '}
          <Typography.Text type="secondary">
            {t('grants.batch.versionShort', { version: b.policyVersion })}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('grants.batch.period'), dataIndex: 'period', width: 90 },
    {
      title: t('grants.batch.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, b) => <BatchStatusTag status={b.status} />,
    },
    {
      title: t('grants.batch.includedOfItems'),
      key: 'included',
      align: 'right',
      width: 110,
      render: (_, b) => t('grants.batch.includedOf', { included: b.included, items: b.items }),
    },
    {
      title: t('grants.batch.totalAmount'),
      dataIndex: 'totalAmount',
      align: 'right',
      width: 130,
      render: (_, b) => money(b.totalAmount),
    },
    {
      title: t('grants.batch.noticeWindow'),
      key: 'notice',
      width: 200,
      render: (_, b) =>
        b.noticeStartsOn || b.noticeEndsOn ? (
          noticeWindow(b.noticeStartsOn, b.noticeEndsOn)
        ) : (
          <Typography.Text type="secondary">
            {t('grants.batch.noticeDaysPlanned', { days: b.noticeDays })}
          </Typography.Text>
        ),
    },
    {
      title: t('grants.batch.objections'),
      key: 'objections',
      align: 'center',
      width: 90,
      render: (_, b) =>
        b.objections === 0 ? (
          <Typography.Text type="secondary">0</Typography.Text>
        ) : (
          <Tooltip title={t('grants.batch.objectionsTip', { open: b.openObjections, total: b.objections })}>
            <Space size={6}>
              <Badge count={b.openObjections} showZero={false} />
              <span>{b.objections}</span>
            </Space>
          </Tooltip>
        ),
    },
    {
      title: t('grants.batch.createdAt'),
      dataIndex: 'createdAt',
      width: 140,
      render: (_, b) => formatDateTime(b.createdAt),
    },
  ];

  const tabs = [
    { key: 'all', label: t('grants.batches.all') },
    ...batchStatuses.map((s) => ({ key: s, label: t(`grants.status.${s}`) })),
  ];

  return (
    <Page
      title={t('grants.menu.grants')}
      crumbs={[{ title: t('grants.menu.grants') }]}
      content={
        <>
          <Typography.Paragraph className="mtx-grant-intro">{t('grants.batches.intro')}</Typography.Paragraph>
          <NoticeSettings editable={mayManageGrants(user)} />
        </>
      }
    >
      {policyId && (
        <Alert
          type="info"
          showIcon
          className="mtx-section"
          message={t('grants.batches.policyFilter', {
            name: list.data?.items[0]?.policyName ?? t('grants.batches.onePolicy'),
          })}
          action={
            <Typography.Link onClick={() => update({ status })}>
              {t('grants.batches.clearPolicy')}
            </Typography.Link>
          }
        />
      )}
      <ProTable<GrantBatch>
        rowKey="id"
        search={false}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        size="middle"
        scroll={{ x: 1150 }}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: status ?? 'all',
            items: tabs,
            onChange: (key) =>
              update({ policyId, status: isStatus(String(key)) ? (key as BatchStatus) : undefined }),
          },
        }}
        options={listOptions(() => list.refetch())}
        pagination={listPagination(t, { page, pageSize, total: list.data?.total })}
        onChange={(pagination) => update(filters, pagination.current ?? 1, pagination.pageSize ?? pageSize)}
        locale={{ emptyText: list.isError ? t('common.loadFailed') : t('grants.batches.empty') }}
      />
    </Page>
  );
}

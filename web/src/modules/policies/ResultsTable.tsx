// A policy's stored results as a ProTable: eligible enterprises with their amounts, the near misses (培育库·差一点)
// within a chosen margin with the one condition each still has to meet, or every enterprise. Paged on the server.
import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Slider, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResultItem } from '@contracts/modules/policies/policies.contract.ts';
import { useSession } from '../../app/session.ts';
import { useUnits } from '../units/units.api.ts';
import { percent, useMoney } from './labels.tsx';
import { useDebounced, usePolicyResults, type ResultFilter } from './policies.api.ts';
import { confinedToSubdistrict } from '../../app/access.ts';
import { listOptions, listPagination, pageSetter } from '../../components/listTable.ts';

interface SearchValues {
  q?: string;
  subdistrictId?: string;
}

export function ResultsTable({
  policyId,
  filter,
  hasBenefit,
  defaultMargin,
  onOpen,
}: {
  policyId: string;
  filter: ResultFilter;
  hasBenefit: boolean;
  /** The policy's own near-miss margin (0–1). */
  defaultMargin: number;
  onOpen: (enterpriseId: string) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const { user } = useSession();
  const subdistricts = useUnits('subdistrict');
  const [search, setSearch] = useState<SearchValues>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [marginPct, setMarginPct] = useState(() => Math.min(50, Math.round(defaultMargin * 100)));
  const margin = useDebounced(marginPct, 300);
  const results = usePolicyResults(policyId, {
    filter,
    margin: filter === 'nearMiss' ? margin / 100 : undefined,
    q: search.q,
    subdistrictId: search.subdistrictId,
    page,
    pageSize,
  });

  const columns: ProColumns<ResultItem>[] = [
    {
      title: t('policies.results.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('policies.results.keywordPlaceholder') },
    },
    {
      title: t('policies.results.name'),
      dataIndex: 'name',
      hideInSearch: true,
      width: 220,
      fixed: 'left',
      render: (_, r) => (
        <Typography.Link onClick={() => onOpen(r.enterpriseId)} title={t('policies.results.why')}>
          {r.name}
        </Typography.Link>
      ),
    },
    {
      title: t('policies.results.uscc'),
      dataIndex: 'uscc',
      hideInSearch: true,
      width: 190,
      className: 'mtx-mono',
    },
    {
      title: t('policies.results.subdistrict'),
      dataIndex: 'subdistrictId',
      valueType: 'select',
      hideInSearch: confinedToSubdistrict(user),
      width: 110,
      fieldProps: {
        showSearch: true,
        optionFilterProp: 'label',
        options: (subdistricts.data ?? []).map((s) => ({ value: s.id, label: s.name })),
      },
      render: (_, r) => r.subdistrictName,
    },
  ];
  if (filter === 'all')
    columns.push({
      title: t('policies.results.verdict'),
      key: 'verdict',
      hideInSearch: true,
      width: 90,
      render: (_, r) =>
        r.eligible ? (
          <Tag color="green">{t('policies.results.eligibleTag')}</Tag>
        ) : r.nearMiss ? (
          <Tag color="gold">{t('policies.results.nearMissTag')}</Tag>
        ) : (
          <Tag>{t('policies.results.ineligibleTag')}</Tag>
        ),
    });
  if (hasBenefit && (filter === 'eligible' || filter === 'all'))
    columns.push({
      title: t('policies.results.amount'),
      dataIndex: 'amount',
      hideInSearch: true,
      align: 'right',
      width: 120,
      render: (_, r) => (r.eligible ? money(r.amount) : '—'),
    });
  if (filter === 'nearMiss' || filter === 'all' || filter === 'ineligible')
    columns.push(
      {
        title: t('policies.results.gapSentence'),
        dataIndex: 'nearMiss',
        hideInSearch: true,
        width: 280,
        render: (_, r) => r.nearMiss ?? '—',
      },
      {
        title: t('policies.results.gap'),
        dataIndex: 'gap',
        hideInSearch: true,
        width: 90,
        align: 'right',
        tooltip: t('policies.results.gapHint'),
        render: (_, r) => (r.gap === null ? '—' : percent(r.gap)),
      },
    );
  columns.push({
    title: '',
    key: 'open',
    hideInSearch: true,
    width: 90,
    fixed: 'right',
    render: (_, r) => (
      <Typography.Link onClick={() => onOpen(r.enterpriseId)}>{t('policies.results.why')}</Typography.Link>
    ),
  });

  return (
    <ProTable<ResultItem, SearchValues>
      rowKey="enterpriseId"
      columns={columns}
      dataSource={results.data?.items ?? []}
      loading={results.isFetching}
      search={{ labelWidth: 'auto', span: { xs: 24, sm: 12, md: 12, lg: 8, xl: 8, xxl: 6 } }}
      onSubmit={(v) => {
        setSearch({ q: v.q?.trim() || undefined, subdistrictId: v.subdistrictId || undefined });
        setPage(1);
      }}
      onReset={() => {
        setSearch({});
        setPage(1);
      }}
      size="middle"
      scroll={{ x: 900 }}
      headerTitle={
        results.data ? (
          <Space size={12} wrap>
            <span>{t(`policies.results.count.${filter}`, { count: results.data.total })}</span>
            {results.data.period && (
              <span className="mtx-muted">
                {t('policies.results.period', { period: results.data.period })}
              </span>
            )}
          </Space>
        ) : undefined
      }
      toolBarRender={() =>
        filter === 'nearMiss'
          ? [
              <div key="margin" className="mtx-pol-margin">
                <span id={`margin-${policyId}`}>{t('policies.results.margin', { margin: marginPct })}</span>
                <Slider
                  min={0}
                  max={50}
                  step={1}
                  value={marginPct}
                  onChange={(v) => {
                    setMarginPct(v);
                    setPage(1);
                  }}
                  tooltip={{ formatter: (v) => `${v ?? 0}%` }}
                  style={{ width: 180 }}
                  aria-labelledby={`margin-${policyId}`}
                />
              </div>,
            ]
          : []
      }
      options={listOptions(() => results.refetch())}
      pagination={listPagination(
        t,
        { page, pageSize, total: results.data?.total },
        pageSetter(pageSize, setPage, setPageSize),
      )}
      locale={{ emptyText: results.isError ? t('common.loadFailed') : t(`policies.results.empty.${filter}`) }}
    />
  );
}

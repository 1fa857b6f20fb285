// /enterprises: the registry as a ProTable — search form and pagination on the server, filters kept in the URL.
import { useState, type JSX } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { EnterpriseListItem } from '@contracts/modules/enterprises/enterprises.contract.ts';
import { can } from '../../app/access.ts';
import { useShowError } from '../../app/errors.ts';
import { useSession } from '../../app/session.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useUnits } from '../units/units.api.ts';
import { exportEnterprises, useEnterpriseList, type EnterpriseFilters } from './enterprises.api.ts';
import { statusColours, useEnterpriseLabels } from './labels.ts';
import { actsForEnterprise, confinedToSubdistrict } from '../../app/access.ts';
import { listOptions, listPagination } from '../../components/listTable.ts';

const filterKeys = [
  'q',
  'subdistrictId',
  'buildingId',
  'field',
  'honour',
  'aboveScale',
  'status',
  'registeredFrom',
  'registeredTo',
  'sort',
] as const;

function filtersFrom(params: URLSearchParams): EnterpriseFilters {
  const f: Record<string, string> = {};
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f as EnterpriseFilters;
}

const asDate = (v: unknown): string | undefined => {
  if (!v) return undefined;
  if (typeof v === 'string') return v.slice(0, 10);
  if (dayjs.isDayjs(v)) return (v as Dayjs).format('YYYY-MM-DD');
  return undefined;
};

interface SearchValues {
  q?: string;
  subdistrictId?: string;
  field?: string;
  honour?: string;
  aboveScale?: 'true' | 'false';
  status?: string;
  registration?: unknown[];
}

export function EnterprisesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const { user } = useSession();
  const labels = useEnterpriseLabels();
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const filters = filtersFrom(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));
  const listAllowed = can(user, 'enterprise.list');
  const list = useEnterpriseList(filters, page, pageSize, listAllowed);
  const subdistricts = useUnits('subdistrict');
  useDocumentTitle(t('nav.enterprises'));

  if (actsForEnterprise(user)) {
    return <Navigate to={user?.enterpriseId ? `/enterprises/${user?.enterpriseId}` : '/plan'} replace />;
  }

  const update = (next: EnterpriseFilters, nextPage = 1, nextPageSize = pageSize) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, String(v));
    if (nextPage > 1) p.set('page', String(nextPage));
    if (nextPageSize !== 20) p.set('pageSize', String(nextPageSize));
    setParams(p);
  };

  const onSearch = (values: SearchValues) => {
    const range = Array.isArray(values.registration) ? values.registration : [];
    update({
      q: values.q?.trim() || undefined,
      subdistrictId: values.subdistrictId,
      buildingId: filters.buildingId,
      field: values.field,
      honour: values.honour,
      aboveScale: values.aboveScale,
      status: values.status,
      registeredFrom: asDate(range[0]),
      registeredTo: asDate(range[1]),
      sort: filters.sort,
    });
  };

  const sortOrder = (key: 'name' | 'registrationDate') =>
    filters.sort === key ? ('ascend' as const) : filters.sort === `-${key}` ? ('descend' as const) : null;

  const showSubdistrictFilter = !confinedToSubdistrict(user);
  // open the search form when the URL holds a filter that the collapsed form would hide
  const hasFilterBeyondFirstRow = !!(
    filters.honour ||
    filters.aboveScale ||
    filters.status ||
    filters.registeredFrom ||
    filters.registeredTo
  );
  const columns: ProColumns<EnterpriseListItem>[] = [
    {
      title: t('enterprises.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('enterprises.keywordPlaceholder') },
      order: 10,
    },
    {
      title: t('enterprises.attr.name'),
      dataIndex: 'name',
      hideInSearch: true,
      fixed: 'left',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('name') ?? (filters.sort ? null : 'ascend'),
      render: (_, r) => <Link to={`/enterprises/${r.id}`}>{r.name}</Link>,
    },
    { title: t('enterprises.attr.uscc'), dataIndex: 'uscc', hideInSearch: true, width: 200, copyable: true },
    {
      title: t('enterprises.attr.subdistrict'),
      dataIndex: 'subdistrictId',
      valueType: 'select',
      hideInSearch: !showSubdistrictFilter,
      width: 96,
      fieldProps: {
        showSearch: true,
        optionFilterProp: 'label',
        loading: subdistricts.isPending,
        options: (subdistricts.data ?? []).map((s) => ({ value: s.id, label: s.name })),
      },
      order: 9,
      render: (_, r) => r.subdistrict.name,
    },
    {
      title: t('enterprises.attr.building'),
      dataIndex: 'building',
      hideInSearch: true,
      width: 130,
      ellipsis: true,
      render: (_, r) => r.building?.name ?? '—',
    },
    {
      title: t('enterprises.attr.fields'),
      dataIndex: 'field',
      valueType: 'select',
      fieldProps: { showSearch: true, optionFilterProp: 'label', options: labels.fieldOptions },
      order: 8,
      render: (_, r) =>
        r.fields.length ? (
          <div className="mtx-tags">
            {r.fields.map((f) => (
              <Tag key={f} color="blue">
                {labels.field(f)}
              </Tag>
            ))}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('enterprises.attr.aboveScale'),
      dataIndex: 'aboveScale',
      valueType: 'select',
      width: 72,
      fieldProps: {
        options: [
          { value: 'true', label: t('common.yes') },
          { value: 'false', label: t('common.no') },
        ],
      },
      order: 6,
      render: (_, r) => (r.aboveScale ? <Tag color="gold">{t('enterprises.aboveScaleTag')}</Tag> : '—'),
    },
    {
      title: t('enterprises.attr.status'),
      dataIndex: 'status',
      valueType: 'select',
      width: 76,
      fieldProps: { options: labels.statusOptions },
      order: 5,
      render: (_, r) => <Tag color={statusColours[r.status]}>{labels.status(r.status)}</Tag>,
    },
    {
      title: t('enterprises.attr.honours'),
      dataIndex: 'honour',
      valueType: 'select',
      width: 120,
      fieldProps: { options: labels.honourOptions },
      order: 7,
      render: (_, r) =>
        r.honourKinds.length ? (
          <div className="mtx-tags">
            {r.honourKinds.map((h) => (
              <Tag key={h} color="purple">
                {labels.honour(h)}
              </Tag>
            ))}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: t('enterprises.attr.registrationDate'),
      dataIndex: 'registrationDate',
      hideInSearch: true,
      width: 110,
      sorter: true,
      sortOrder: sortOrder('registrationDate'),
    },
    {
      title: t('enterprises.registrationRange'),
      dataIndex: 'registration',
      valueType: 'dateRange',
      hideInTable: true,
      order: 4,
    },
  ];

  const initialValues: SearchValues = {
    q: filters.q,
    subdistrictId: filters.subdistrictId,
    field: filters.field,
    honour: filters.honour,
    aboveScale: filters.aboveScale,
    status: filters.status,
    registration:
      filters.registeredFrom || filters.registeredTo
        ? [
            filters.registeredFrom ? dayjs(filters.registeredFrom) : undefined,
            filters.registeredTo ? dayjs(filters.registeredTo) : undefined,
          ]
        : undefined,
  };

  const toolbar: JSX.Element[] = [];
  if (can(user, 'enterprise.create')) {
    toolbar.push(
      <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
        {t('enterprises.create')}
      </Button>,
    );
  }
  if (can(user, 'enterprise.import')) {
    toolbar.push(
      <Button key="import" icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
        {t('enterprises.import')}
      </Button>,
    );
  }
  if (can(user, 'enterprise.export')) {
    toolbar.push(
      <Button
        key="export"
        icon={<DownloadOutlined />}
        loading={exporting}
        onClick={() => {
          setExporting(true);
          exportEnterprises(filters)
            .catch(showError)
            .finally(() => setExporting(false));
        }}
      >
        {t('enterprises.export')}
      </Button>,
    );
  }

  return (
    <Page
      title={t('nav.enterprises')}
      crumbs={[{ title: t('nav.enterprises') }]}
      subTitle={confinedToSubdistrict(user) && user?.unitName ? user?.unitName : undefined}
    >
      <ProTable<EnterpriseListItem, SearchValues>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        form={{ initialValues }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: !hasFilterBeyondFirstRow,
          span: { xs: 24, sm: 12, md: 12, lg: 8, xl: 8, xxl: 6 },
        }}
        columnsState={{
          // off by default so the list fits a 1366-wide screen; the column settings (gear) bring it back
          defaultValue: { registrationDate: { show: false } },
          persistenceKey: 'mtx.enterprises.columns',
          persistenceType: 'localStorage',
        }}
        onSubmit={onSearch}
        onReset={() => update({})}
        scroll={{ x: 1030 }}
        size="middle"
        headerTitle={
          list.data ? t('enterprises.totalCount', { count: list.data.total }) : t('nav.enterprises')
        }
        toolBarRender={() => toolbar}
        options={listOptions(() => list.refetch(), true)}
        pagination={listPagination(t, { page, pageSize, total: list.data?.total })}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          let sort = filters.sort;
          const field = s && typeof s.field === 'string' ? s.field : undefined;
          if (field === 'name' || field === 'registrationDate') {
            sort = s?.order === 'descend' ? `-${field}` : s?.order === 'ascend' ? field : undefined;
          }
          const sortChanged = sort !== filters.sort;
          update(
            { ...filters, sort },
            sortChanged ? 1 : (pagination.current ?? 1),
            pagination.pageSize ?? pageSize,
          );
        }}
        locale={{ emptyText: list.isError ? t('common.loadFailed') : undefined }}
      />
    </Page>
  );
}

// /service-desk: 诉求工作台 — the requests the user may see (the plan office all; a unit those routed to it and
// those it handled; a subdistrict also its enterprises'), filtered by state (or open / overdue), category, handling
// unit, 需协调 and words; each opens its page with the steps the user may take. 代录, the figures and the
// configuration from here.
import { useState } from 'react';
import { Button, Checkbox, Input, Select, Space, TreeSelect, Typography } from 'antd';
import { BarChartOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RequestSummary } from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { requestStates } from '@contracts/modules/servicedesk/servicedesk.ts';
import { Page } from '../../components/Page.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { formatDateTime } from '../../components/format.ts';
import { useSession } from '../../app/session.ts';
import { useCategories, useDeskUnits, useRequests, type RequestFilters } from './servicedesk.api.ts';
import { mayConfigure, mayFileFor } from './servicedesk.access.ts';
import { categoryTree } from './servicedesk.helpers.ts';
import { ClockTag, RequestFlags, StateTag } from './labels.tsx';
import './servicedesk.css';

const stateFilters = ['open', 'overdue', ...requestStates] as const;

export function DeskPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const mobile = useIsMobile();
  useDocumentTitle(t('serviceDesk.menu.desk'));
  const [filters, setFilters] = useState<RequestFilters>({ state: 'open' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useRequests(filters, page, pageSize);
  const categories = useCategories();
  const units = useDeskUnits();
  const set = (next: RequestFilters) => {
    setFilters(next);
    setPage(1);
  };
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page
      title={t('serviceDesk.menu.desk')}
      extra={
        <Space wrap>
          {mayFileFor(user) && (
            <LinkButton to="/service-desk/new" type="primary" icon={<PlusOutlined />}>
              {t('serviceDesk.file.forButton')}
            </LinkButton>
          )}
          <LinkButton to="/service-desk/figures" icon={<BarChartOutlined />}>
            {t('serviceDesk.menu.figures')}
          </LinkButton>
          {mayConfigure(user) && (
            <LinkButton to="/service-desk/config" icon={<SettingOutlined />}>
              {t('serviceDesk.menu.config')}
            </LinkButton>
          )}
        </Space>
      }
    >
      <Space wrap className="mtx-sd-filters">
        <Select
          allowClear
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.state')}
          aria-label={t('serviceDesk.filter.state')}
          value={filters.state}
          onChange={(v?: RequestFilters['state']) => set({ ...filters, state: v })}
          options={stateFilters.map((s) => ({ value: s, label: t(`serviceDesk.state.${s}`) }))}
        />
        <TreeSelect
          allowClear
          showSearch
          treeDefaultExpandAll
          treeNodeFilterProp="title"
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.category')}
          value={filters.category}
          onChange={(v?: string) => set({ ...filters, category: v })}
          treeData={categoryTree(categories.data?.items ?? [])}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.unit')}
          value={filters.unitId}
          onChange={(v?: string) => set({ ...filters, unitId: v })}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Checkbox
          checked={filters.needsCoordination === 'true'}
          onChange={(e) => set({ ...filters, needsCoordination: e.target.checked ? 'true' : undefined })}
        >
          {t('serviceDesk.flag.coordination')}
        </Checkbox>
        <Input.Search
          allowClear
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.q')}
          onSearch={(q) => set({ ...filters, q: q.trim() || undefined })}
        />
      </Space>
      <ResponsiveTable<RequestSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('serviceDesk.desk.none') }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n: number) => t('common.totalItems', { total: n }),
          onChange: (p: number, s: number) => {
            setPage(s === pageSize ? p : 1);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t('serviceDesk.field.title'),
            key: 'title',
            cardTitle: true,
            render: (_, r) => (
              <div>
                <Link to={`/service-desk/requests/${r.id}`}>{r.title}</Link>
                <div>
                  <span className="mtx-muted mtx-mono">{r.number}</span> <RequestFlags r={r} />
                </div>
              </div>
            ),
          },
          {
            title: t('serviceDesk.field.enterprise'),
            key: 'enterprise',
            width: 200,
            render: (_, r) => r.enterprise.name,
          },
          { title: t('serviceDesk.field.category'), dataIndex: 'categoryName', width: 150 },
          {
            title: t('serviceDesk.field.unit'),
            key: 'unit',
            width: 150,
            render: (_, r) => r.unit?.name ?? t('serviceDesk.unit.none'),
          },
          {
            title: t('serviceDesk.field.state'),
            key: 'state',
            width: 140,
            render: (_, r) => <StateTag state={r.state} />,
          },
          {
            title: t('serviceDesk.field.clock'),
            key: 'clock',
            width: 160,
            render: (_, r) => <ClockTag r={r} />,
          },
          {
            title: t('serviceDesk.field.filedAt'),
            key: 'filedAt',
            width: 140,
            render: (_, r) => formatDateTime(r.filedAt),
          },
        ]}
      />
      {mobile && total > pageSize && (
        <Space style={{ marginTop: 12, width: '100%', justifyContent: 'center' }}>
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('serviceDesk.desk.previous')}
          </Button>
          <Typography.Text>
            {page} / {pages}
          </Typography.Text>
          <Button disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('serviceDesk.desk.next')}
          </Button>
        </Space>
      )}
    </Page>
  );
}

// /service-desk/mine: 我的诉求 — every request of the enterprise with its state, category, the clock and the
// handling unit; cards on a phone. 提交诉求 files a new one.
import { useState } from 'react';
import { Input, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RequestSummary } from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { Page } from '../../components/Page.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { formatDateTime } from '../../components/format.ts';
import { useRequests, type RequestFilters } from './servicedesk.api.ts';
import { ClockTag, StateTag } from './labels.tsx';
import './servicedesk.css';

export function MyRequestsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('serviceDesk.menu.mine'));
  const [filters, setFilters] = useState<RequestFilters>({});
  const list = useRequests(filters, 1, 200);
  return (
    <Page
      title={t('serviceDesk.menu.mine')}
      extra={
        <LinkButton to="/service-desk/new" type="primary" icon={<PlusOutlined />}>
          {t('serviceDesk.file.button')}
        </LinkButton>
      }
    >
      <Typography.Paragraph type="secondary">{t('serviceDesk.mine.intro')}</Typography.Paragraph>
      <Space wrap className="mtx-sd-filters">
        <Select
          allowClear
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.state')}
          value={filters.state}
          onChange={(v?: RequestFilters['state']) => setFilters({ ...filters, state: v })}
          options={(['open', 'answered', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`serviceDesk.state.${s}`),
          }))}
        />
        <Input.Search
          allowClear
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.q')}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
        />
      </Space>
      <ResponsiveTable<RequestSummary>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t('serviceDesk.mine.none') }}
        columns={[
          {
            title: t('serviceDesk.field.title'),
            key: 'title',
            cardTitle: true,
            render: (_, r) => (
              <div>
                <Link to={`/service-desk/requests/${r.id}`}>{r.title}</Link>
                <div className="mtx-muted mtx-mono">{r.number}</div>
              </div>
            ),
          },
          {
            title: t('serviceDesk.field.state'),
            key: 'state',
            width: 150,
            render: (_, r) => <StateTag state={r.state} />,
          },
          { title: t('serviceDesk.field.category'), dataIndex: 'categoryName', width: 180 },
          {
            title: t('serviceDesk.field.clock'),
            key: 'clock',
            width: 170,
            render: (_, r) => <ClockTag r={r} />,
          },
          {
            title: t('serviceDesk.field.unit'),
            key: 'unit',
            width: 150,
            render: (_, r) => r.unit?.name ?? t('serviceDesk.unit.none'),
          },
          {
            title: t('serviceDesk.field.filedAt'),
            key: 'filedAt',
            width: 150,
            render: (_, r) => formatDateTime(r.filedAt),
          },
        ]}
      />
    </Page>
  );
}

// /supervision/notices: the 督办单 list — the plan office's (every unit's, close-out by 销号) and the department
// leaders' (read); filters by level, state and unit. Units answer theirs in 我的待办.
import { useState } from 'react';
import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { noticeLevels, noticeStates } from '@contracts/modules/supervision/supervision.kinds.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useNotices, useUnits, type NoticeFilters } from './supervision.api.ts';
import { NoticeList } from './NoticeList.tsx';

export function NoticesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.menu.notices'));
  const [filters, setFilters] = useState<NoticeFilters>({ state: 'open' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useNotices(filters, page, pageSize);
  const units = useUnits();
  const set = (next: NoticeFilters) => {
    setFilters(next);
    setPage(1);
  };
  return (
    <Page title={t('supervision.menu.notices')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('supervision.notice.filter.level')}
          value={filters.level}
          onChange={(level) => set({ ...filters, level })}
          options={noticeLevels.map((l) => ({ value: l, label: t(`supervision.notice.level.${l}`) }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('supervision.notice.filter.state')}
          value={filters.state}
          onChange={(state) => set({ ...filters, state })}
          options={[
            { value: 'open', label: t('supervision.notice.state.open') },
            ...noticeStates.map((s) => ({ value: s, label: t(`supervision.notice.state.${s}`) })),
          ]}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 220 }}
          placeholder={t('supervision.filter.unit')}
          value={filters.unitId}
          onChange={(unitId) => set({ ...filters, unitId })}
          options={(units.data?.items ?? [])
            .filter((u) => u.kind !== 'collective')
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      </Space>
      <NoticeList
        notices={list.data?.items ?? []}
        loading={list.isLoading}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </Page>
  );
}

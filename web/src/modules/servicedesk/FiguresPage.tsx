// /service-desk/figures: the 三率 per handling unit and category by month filed — 签收及时率, 答复及时率, 满意率 (each
// hits / due), the median working days to answer and the reopened count, as of today. A rate with nothing due
// shows "—", not 100 %.
import { useState } from 'react';
import { Card, Select, Space, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useCategories, useDeskUnits, useFigures, type FiguresQuery } from './servicedesk.api.ts';
import { categoryTree, monthOf, monthsBefore, rateText, unitTotals } from './servicedesk.helpers.ts';
import './servicedesk.css';

type Cell = NonNullable<ReturnType<typeof useFigures>['data']>['cells'][number];

export function FiguresPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('serviceDesk.menu.figures'));
  const thisMonth = monthOf(new Date());
  const months = Array.from({ length: 36 }, (_, i) => monthsBefore(thisMonth, i));
  const [q, setQ] = useState<FiguresQuery>({ from: monthsBefore(thisMonth, 5), to: thisMonth });
  const figures = useFigures(q);
  const categories = useCategories();
  const units = useDeskUnits();
  const categoryName = new Map((categories.data?.items ?? []).map((c) => [c.code, c.path]));
  const monthOptions = months.map((m) => ({ value: m, label: m }));
  const cells = figures.data?.cells ?? [];
  return (
    <Page
      title={t('serviceDesk.menu.figures')}
      crumbs={[
        { title: t('serviceDesk.menu.desk'), to: '/service-desk' },
        { title: t('serviceDesk.menu.figures') },
      ]}
    >
      <Typography.Paragraph type="secondary">
        {t('serviceDesk.figures.intro', { date: figures.data?.asOf ?? '' })}
      </Typography.Paragraph>
      <Space wrap className="mtx-sd-filters">
        <Select
          className="mtx-sd-filter"
          aria-label={t('serviceDesk.figures.from')}
          value={q.from}
          options={monthOptions}
          onChange={(from: string) => setQ({ ...q, from, to: q.to < from ? from : q.to })}
          prefix={t('serviceDesk.figures.from')}
        />
        <Select
          className="mtx-sd-filter"
          aria-label={t('serviceDesk.figures.to')}
          value={q.to}
          options={monthOptions.filter((m) => m.value >= q.from)}
          onChange={(to: string) => setQ({ ...q, to })}
          prefix={t('serviceDesk.figures.to')}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.unit')}
          value={q.unitId}
          onChange={(unitId?: string) => setQ({ ...q, unitId })}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <TreeSelect
          allowClear
          treeDefaultExpandAll
          className="mtx-sd-filter"
          placeholder={t('serviceDesk.filter.category')}
          value={q.category}
          onChange={(category?: string) => setQ({ ...q, category })}
          treeData={categoryTree(categories.data?.items ?? [])}
        />
      </Space>
      {cells.length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }} title={t('serviceDesk.figures.byUnit')}>
          <ResponsiveTable<ReturnType<typeof unitTotals>[number]>
            rowKey="key"
            size="small"
            dataSource={unitTotals(cells, t('serviceDesk.unit.none'))}
            pagination={false}
            columns={[
              { title: t('serviceDesk.field.unit'), dataIndex: 'label', cardTitle: true },
              { title: t('serviceDesk.figures.filed'), dataIndex: 'filed', width: 80, align: 'right' },
              ...(['acceptedOnTime', 'answeredOnTime', 'satisfaction'] as const).map((m) => ({
                title: t(`serviceDesk.figures.${m}`),
                key: m,
                width: 150,
                align: 'right' as const,
                render: (_: unknown, u: ReturnType<typeof unitTotals>[number]) => rateText(u[m]),
              })),
            ]}
          />
        </Card>
      )}
      <Typography.Title level={5}>{t('serviceDesk.figures.byCell')}</Typography.Title>
      <ResponsiveTable<Cell & { key: string }>
        rowKey="key"
        size="small"
        loading={figures.isFetching}
        dataSource={cells.map((c) => ({ ...c, key: `${c.month}|${c.unit?.id ?? ''}|${c.category}` }))}
        pagination={cells.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('serviceDesk.figures.none') }}
        columns={[
          {
            title: t('serviceDesk.figures.cell'),
            key: 'cell',
            cardTitle: true,
            render: (_, c) => `${c.month} · ${c.unit?.name ?? t('serviceDesk.unit.none')}`,
          },
          {
            title: t('serviceDesk.field.category'),
            key: 'category',
            render: (_, c) => categoryName.get(c.category) ?? c.category,
          },
          { title: t('serviceDesk.figures.filed'), dataIndex: 'filed', width: 70, align: 'right' },
          {
            title: t('serviceDesk.figures.acceptedOnTime'),
            key: 'accepted',
            width: 130,
            align: 'right',
            render: (_, c) => rateText(c.acceptedOnTime),
          },
          {
            title: t('serviceDesk.figures.answeredOnTime'),
            key: 'answered',
            width: 130,
            align: 'right',
            render: (_, c) => rateText(c.answeredOnTime),
          },
          {
            title: t('serviceDesk.figures.satisfaction'),
            key: 'satisfaction',
            width: 130,
            align: 'right',
            render: (_, c) => rateText(c.satisfaction),
          },
          {
            title: t('serviceDesk.figures.median'),
            key: 'median',
            width: 110,
            align: 'right',
            render: (_, c) => (c.medianAnswerWorkingDays === null ? '—' : String(c.medianAnswerWorkingDays)),
          },
          { title: t('serviceDesk.figures.reopened'), dataIndex: 'reopened', width: 70, align: 'right' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('serviceDesk.figures.definitions')}
      </Typography.Paragraph>
    </Page>
  );
}

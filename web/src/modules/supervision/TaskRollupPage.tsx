// /supervision/tasks: the 22 key tasks with their progress and colour rolled up from their work items (weighted).
import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useRollup } from './supervision.api.ts';

const tagColour = { green: 'green', yellow: 'gold', red: 'red' } as const;

export function TaskRollupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.menu.tasks'));
  const rollup = useRollup();
  return (
    <Page
      title={t('supervision.menu.tasks')}
      subTitle={rollup.data ? t('supervision.rollup.asOf', { date: rollup.data.asOf }) : undefined}
    >
      <Table
        rowKey="number"
        loading={rollup.isLoading}
        dataSource={rollup.data?.tasks ?? []}
        pagination={false}
        size="middle"
        columns={[
          { title: t('supervision.field.number'), dataIndex: 'number', width: 64 },
          {
            title: t('supervision.field.task'),
            dataIndex: 'title',
            render: (title: string, r) => <Link to={`/plan/tasks/${r.number}`}>{title}</Link>,
          },
          {
            title: t('supervision.rollup.lead'),
            width: 180,
            render: (_, r) => r.leadUnits.map((u) => u.name).join('、'),
          },
          { title: t('supervision.rollup.items'), dataIndex: 'items', width: 80 },
          {
            title: t('supervision.field.reportedExpected'),
            width: 140,
            render: (_, r) => (r.expected === null ? '—' : `${r.reported}% / ${r.expected}%`),
          },
          {
            title: t('supervision.field.status'),
            width: 120,
            render: (_, r) => (
              <Tooltip title={r.reason}>
                {r.colour ? (
                  <Tag color={tagColour[r.colour]}>{t(`supervision.colour.${r.colour}`)}</Tag>
                ) : (
                  <Tag>{t('supervision.colour.none')}</Tag>
                )}
              </Tooltip>
            ),
          },
        ]}
      />
    </Page>
  );
}

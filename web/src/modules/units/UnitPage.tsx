// /units/:id — one unit: its kind, the key tasks it leads and shares (directly or via 各镇街), members and sub-units.
import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { TaskRef, UnitDetail, UnitRef } from '@contracts/modules/units/units.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { UnitTags } from '../../components/UnitTags.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useUnit } from './units.api.ts';

type ShareRow = UnitDetail['shares'][number];

function TaskTable<T extends TaskRef>({
  tasks,
  extraColumn,
}: {
  tasks: T[];
  extraColumn?: { title: string; render: (r: T) => ReactNode };
}) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  return (
    <Table<T>
      rowKey="number"
      size="small"
      pagination={false}
      dataSource={tasks}
      locale={{ emptyText: t('units.noTasks') }}
      columns={[
        { title: t('plan.taskNumber'), dataIndex: 'number', width: 64, align: 'center' },
        {
          title: t('plan.task'),
          dataIndex: 'title',
          render: (_, r) => <Link to={`/plan/tasks/${r.number}`}>{pick(r.title, r.titleEn)}</Link>,
        },
        ...(extraColumn
          ? [
              {
                title: extraColumn.title,
                key: 'extra',
                width: 160,
                render: (_: unknown, r: T) => extraColumn.render(r),
              },
            ]
          : []),
      ]}
    />
  );
}

function UnitView({ detail }: { detail: UnitDetail }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const { unit } = detail;
  const name = pick(unit.name, unit.nameEn);
  useDocumentTitle(name);
  const via = (v: UnitRef | null) =>
    v ? (
      <span>
        {t('units.via')} <UnitTags units={[v]} />
      </span>
    ) : (
      <Tag bordered={false}>{t('units.direct')}</Tag>
    );

  return (
    <Page
      title={name}
      tags={<Tag color="blue">{t(`units.kindOne.${unit.kind}`)}</Tag>}
      crumbs={[
        { title: t('nav.units'), to: '/units' },
        { title: t(`units.kind.${unit.kind}`), to: `/units?kind=${unit.kind}` },
        { title: name },
      ]}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
            <Descriptions.Item label={t('units.name')}>{unit.name}</Descriptions.Item>
            <Descriptions.Item label={t('units.nameEn')}>{unit.nameEn}</Descriptions.Item>
            <Descriptions.Item label={t('units.kindLabel')}>
              {t(`units.kindOne.${unit.kind}`)}
              {unit.subkind ? ` · ${t(`units.subkind.${unit.subkind}`)}` : ''}
            </Descriptions.Item>
            {unit.parent && (
              <Descriptions.Item label={t('units.parent')}>
                <UnitTags units={[unit.parent]} />
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('units.leadCount')}>{unit.leadCount}</Descriptions.Item>
            <Descriptions.Item label={t('units.shareCount')}>{unit.shareCount}</Descriptions.Item>
          </Descriptions>
        </Card>

        {detail.children.length > 0 && (
          <Card size="small" title={<h2 className="mtx-card-heading">{t('units.children')}</h2>}>
            <UnitTags units={detail.children} />
          </Card>
        )}

        {unit.kind === 'collective' && (
          <Card size="small" title={<h2 className="mtx-card-heading">{t('units.members')}</h2>}>
            {detail.relevantOnly && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('units.relevantOnly')} />
            )}
            <UnitTags units={detail.members} empty={t('units.noMembers')} />
          </Card>
        )}

        <Card
          size="small"
          title={<h2 className="mtx-card-heading">{t('units.leads')}</h2>}
          extra={<span className="mtx-muted">{detail.leads.length}</span>}
          styles={{ body: { padding: 0 } }}
        >
          <TaskTable tasks={detail.leads} />
        </Card>

        <Card
          size="small"
          title={<h2 className="mtx-card-heading">{t('units.shares')}</h2>}
          extra={<span className="mtx-muted">{detail.shares.length}</span>}
          styles={{ body: { padding: 0 } }}
        >
          <TaskTable<ShareRow>
            tasks={detail.shares}
            extraColumn={{ title: t('units.howShared'), render: (r) => via(r.via) }}
          />
        </Card>
      </Space>
    </Page>
  );
}

export function UnitPage() {
  const { id = '' } = useParams();
  const query = useUnit(id);
  return <QueryState query={query}>{(detail) => <UnitView detail={detail} />}</QueryState>;
}

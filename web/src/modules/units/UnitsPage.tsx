// /units: every unit the plan names, by kind, with how many key tasks each leads and shares.
import { useMemo } from 'react';
import { Card, Input, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { unitKinds, type Unit, type UnitKind } from '@contracts/modules/units/units.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useUnits } from './units.api.ts';

const isKind = (v: string | null): v is UnitKind => unitKinds.includes(v as UnitKind);

function UnitTable({ units }: { units: Unit[] }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : 'all';
  const q = params.get('q') ?? '';

  const counts = useMemo(() => {
    const c: Record<string, number> = { all: units.length };
    for (const u of units) c[u.kind] = (c[u.kind] ?? 0) + 1;
    return c;
  }, [units]);

  const shown = units.filter(
    (u) =>
      (kind === 'all' || u.kind === kind) &&
      (!q || u.name.includes(q) || u.nameEn.toLowerCase().includes(q.toLowerCase())),
  );

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Card styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={kind}
        onChange={(k) => set('kind', k)}
        items={(['all', ...unitKinds] as const).map((k) => ({
          key: k,
          label: `${k === 'all' ? t('units.all') : t(`units.kind.${k}`)} (${counts[k] ?? 0})`,
        }))}
        tabBarExtraContent={
          <Input.Search
            allowClear
            placeholder={t('units.searchPlaceholder')}
            defaultValue={q}
            onSearch={(v) => set('q', v.trim())}
            style={{ width: 200 }}
            aria-label={t('units.searchPlaceholder')}
            className="mtx-hide-mobile"
          />
        }
      />
      <Table<Unit>
        rowKey="id"
        size="middle"
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 520 }}
        columns={[
          {
            title: t('units.name'),
            dataIndex: 'name',
            render: (_, u) => <Link to={`/units/${u.id}`}>{pick(u.name, u.nameEn)}</Link>,
            sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
          },
          {
            title: t('units.kindLabel'),
            dataIndex: 'kind',
            width: 150,
            render: (_, u) => (
              <>
                <Tag>{t(`units.kindOne.${u.kind}`)}</Tag>
                {u.subkind && <Tag bordered={false}>{t(`units.subkind.${u.subkind}`)}</Tag>}
              </>
            ),
          },
          {
            title: t('units.parent'),
            dataIndex: 'parent',
            responsive: ['md'],
            render: (_, u) =>
              u.parent ? (
                <Link to={`/units/${u.parent.id}`}>{pick(u.parent.name, u.parent.nameEn)}</Link>
              ) : (
                '—'
              ),
          },
          {
            title: t('units.leadCount'),
            dataIndex: 'leadCount',
            width: 110,
            align: 'right',
            sorter: (a, b) => a.leadCount - b.leadCount,
          },
          {
            title: t('units.shareCount'),
            dataIndex: 'shareCount',
            width: 110,
            align: 'right',
            sorter: (a, b) => a.shareCount - b.shareCount,
          },
        ]}
      />
    </Card>
  );
}

export function UnitsPage() {
  const { t } = useTranslation();
  const query = useUnits();
  useDocumentTitle(t('nav.units'));
  return (
    <Page
      title={t('nav.units')}
      crumbs={[{ title: t('nav.plan'), to: '/plan' }, { title: t('nav.units') }]}
      content={t('units.intro')}
    >
      <QueryState query={query}>{(units) => <UnitTable units={units} />}</QueryState>
    </Page>
  );
}

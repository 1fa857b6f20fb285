// /tiers — tiered cultivation (梯度培育): one card per tier with its members now, entrants and leavers since the
// baseline, near misses and members per month; below, the chosen tier's members, entrants, leavers or near misses.
import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Card, Col, Empty, Row, Select, Statistic, Tabs, Tooltip } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { TierSummary, tierMemberSchema } from '@contracts/modules/policies/policies.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { formatCount } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useUnits } from '../units/units.api.ts';
import { useTierMembers, useTiers, type TierFilter } from './policies.api.ts';
import { EvaluationMonthNote } from '../../components/EvaluationMonthNote.tsx';
import { TierChart } from './TierChart.tsx';
import './policies.css';
import { confinedToSubdistrict } from '../../app/access.ts';
import { listOptions, listPagination, pageSetter } from '../../components/listTable.ts';

type TierMember = z.infer<typeof tierMemberSchema>;

const filters: readonly TierFilter[] = ['current', 'entrants', 'left', 'nearMiss'];
const palette = ['#1d39c4', '#08979c', '#d46b08', '#531dab', '#389e0d', '#c41d7f'];

function TierCard({
  tier,
  color,
  selected,
  onSelect,
}: {
  tier: TierSummary;
  color: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const { lang, pick } = useLanguage();
  const name = pick(tier.name, tier.nameEn);
  return (
    <Card
      size="small"
      hoverable
      className={`mtx-pol-tier${selected ? ' mtx-pol-tier-selected' : ''}`}
      style={{ borderTopColor: color }}
      onClick={onSelect}
      title={
        <span className="mtx-pol-tier-title">
          <button type="button" className="mtx-pol-tier-name" onClick={onSelect} aria-pressed={selected}>
            {name}
          </button>
          {tier.source && (
            <Tooltip title={tier.source}>
              <InfoCircleOutlined className="mtx-muted" aria-label={t('policies.tiers.source')} />
            </Tooltip>
          )}
        </span>
      }
    >
      <div className="mtx-pol-tier-figures">
        <Statistic
          title={t('policies.tiers.members')}
          value={formatCount(tier.members, lang)}
          valueStyle={{ color }}
        />
        <div className="mtx-pol-tier-small">
          <div>
            <span className="mtx-muted">{t('policies.tiers.entrants')}</span>{' '}
            <strong className={tier.entrantsSinceBaseline ? 'mtx-pol-up' : undefined}>
              {tier.entrantsSinceBaseline ? '+' : ''}
              {formatCount(tier.entrantsSinceBaseline, lang)}
            </strong>
          </div>
          <div>
            <span className="mtx-muted">{t('policies.tiers.left')}</span>{' '}
            <strong className={tier.leftSinceBaseline ? 'mtx-pol-down' : undefined}>
              {tier.leftSinceBaseline ? '−' : ''}
              {formatCount(tier.leftSinceBaseline, lang)}
            </strong>
          </div>
          <div>
            <span className="mtx-muted">{t('policies.tiers.nearMisses')}</span>{' '}
            <strong>{formatCount(tier.nearMisses, lang)}</strong>
          </div>
        </div>
      </div>
      {tier.series.length > 0 ? (
        <TierChart
          series={tier.series}
          color={color}
          label={t('policies.tiers.chartLabel', { name })}
          height={90}
        />
      ) : (
        <div className="mtx-muted mtx-pol-tier-nodata">{t('policies.tiers.noSeries')}</div>
      )}
      <div className="mtx-muted mtx-pol-tier-foot">
        {tier.period && <div>{t('policies.tiers.asOf', { period: tier.period })}</div>}
        {tier.source && (
          <Tooltip title={tier.source}>
            <span className="mtx-pol-tier-source">{tier.source}</span>
          </Tooltip>
        )}
      </div>
    </Card>
  );
}

function MembersTable({ tier, filter }: { tier: TierSummary; filter: TierFilter }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const subdistricts = useUnits('subdistrict');
  const [subdistrictId, setSubdistrictId] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const members = useTierMembers(tier.code, { filter, subdistrictId, page, pageSize });

  const entered = (m: TierMember) => {
    if (!m.enteredOn) return '—';
    if (m.enteredBefore)
      return (
        <Tooltip title={t('policies.tiers.enteredBeforeHint', { period: m.enteredOn })}>
          <span className="mtx-muted">{t('policies.tiers.enteredBefore')}</span>
        </Tooltip>
      );
    return m.enteredOn;
  };

  const columns: ProColumns<TierMember>[] = [
    {
      title: t('policies.results.name'),
      dataIndex: 'name',
      width: 220,
      fixed: 'left',
      render: (_, m) => <Link to={`/enterprises/${m.enterpriseId}`}>{m.name}</Link>,
    },
    { title: t('policies.results.uscc'), dataIndex: 'uscc', width: 190, className: 'mtx-mono' },
    { title: t('policies.results.subdistrict'), dataIndex: 'subdistrictName', width: 110 },
  ];
  if (filter !== 'nearMiss')
    columns.push({
      title: t('policies.tiers.enteredOn'),
      key: 'enteredOn',
      width: 120,
      render: (_, m) => entered(m),
    });
  if (filter === 'left')
    columns.push({
      title: t('policies.tiers.leftOn'),
      dataIndex: 'leftOn',
      width: 110,
      render: (_, m) => m.leftOn ?? '—',
    });
  if (filter === 'nearMiss')
    columns.push({
      title: t('policies.results.gapSentence'),
      dataIndex: 'nearMiss',
      render: (_, m) => m.nearMiss ?? '—',
    });

  return (
    <ProTable<TierMember>
      rowKey="enterpriseId"
      columns={columns}
      dataSource={members.data?.items ?? []}
      loading={members.isFetching}
      search={false}
      size="middle"
      scroll={{ x: 760 }}
      headerTitle={
        members.data ? t(`policies.tiers.count.${filter}`, { count: members.data.total }) : undefined
      }
      toolBarRender={() =>
        confinedToSubdistrict(user)
          ? []
          : [
              <Select<string>
                key="subdistrict"
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('policies.tiers.allSubdistricts')}
                value={subdistrictId}
                onChange={(v) => {
                  setSubdistrictId(v);
                  setPage(1);
                }}
                options={(subdistricts.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                style={{ width: 160 }}
                aria-label={t('policies.results.subdistrict')}
              />,
            ]
      }
      options={listOptions(() => members.refetch())}
      pagination={listPagination(
        t,
        { page, pageSize, total: members.data?.total },
        pageSetter(pageSize, setPage, setPageSize),
      )}
      locale={{ emptyText: members.isError ? t('common.loadFailed') : t(`policies.tiers.empty.${filter}`) }}
    />
  );
}

function TiersView({ tiers }: { tiers: TierSummary[] }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const [params, setParams] = useSearchParams();
  const code = tiers.some((x) => x.code === params.get('tier'))
    ? params.get('tier')
    : (tiers[0]?.code ?? null);
  const raw = params.get('filter');
  const filter: TierFilter = filters.includes(raw as TierFilter) ? (raw as TierFilter) : 'current';
  const tier = tiers.find((x) => x.code === code) ?? null;
  const select = (next: { tier?: string; filter?: TierFilter }) => {
    const p = new URLSearchParams(params);
    if (next.tier) p.set('tier', next.tier);
    if (next.filter) p.set('filter', next.filter);
    setParams(p, { replace: true });
  };
  if (tiers.length === 0) return <Empty description={t('policies.tiers.none')} />;
  return (
    <>
      <Row gutter={[16, 16]}>
        {tiers.map((x, i) => (
          <Col key={x.code} xs={24} md={12} xl={tiers.length >= 4 ? 6 : 8}>
            <TierCard
              tier={x}
              color={palette[i % palette.length] ?? '#1d39c4'}
              selected={x.code === code}
              onSelect={() => select({ tier: x.code })}
            />
          </Col>
        ))}
      </Row>
      {tier && (
        <Card
          style={{ marginTop: 16 }}
          title={<h2 className="mtx-card-heading">{pick(tier.name, tier.nameEn)}</h2>}
          styles={{ body: { paddingTop: 4 } }}
        >
          {tier.ruleText.length > 0 && (
            <div className="mtx-pol-tier-rule">
              <span className="mtx-muted">{t('policies.tiers.rule')}</span>
              <div className="mtx-pol-tier-rule-lines">
                {tier.ruleText.map((line, i) => (
                  <div key={i}>{line}</div>
                ))}
              </div>
            </div>
          )}
          <Tabs
            activeKey={filter}
            onChange={(f) => select({ filter: f as TierFilter })}
            destroyOnHidden
            items={filters.map((f) => ({
              key: f,
              label: t(`policies.tiers.filter.${f}`),
              children: <MembersTable key={`${tier.code}:${f}`} tier={tier} filter={f} />,
            }))}
          />
        </Card>
      )}
    </>
  );
}

export function TiersPage() {
  const { t } = useTranslation();
  const tiers = useTiers();
  useDocumentTitle(t('policies.tiers.title'));
  return (
    <Page
      title={t('policies.tiers.title')}
      crumbs={[{ title: t('policies.tiers.title') }]}
      content={
        <>
          <span className="mtx-muted">{t('policies.tiers.intro')}</span>
          <div>
            <EvaluationMonthNote month={tiers.data?.find((x) => x.period)?.period} />
          </div>
        </>
      }
    >
      <QueryState query={tiers}>{(list) => <TiersView tiers={list} />}</QueryState>
    </Page>
  );
}

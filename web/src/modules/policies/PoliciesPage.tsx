// /policies: every policy with its status, version and last evaluation (eligible, near misses, total amount);
// the plan office creates policies and re-evaluates all active ones from here.
import type { JSX } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Space, Tooltip } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { PolicySummary } from '@contracts/modules/policies/policies.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { formatCount, formatDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { ExampleTag, PolicyStatusTag, useMoney } from './labels.tsx';
import { mayEditPolicies, mayEvaluatePolicies } from './policies.access.ts';
import { usePolicies } from './policies.api.ts';
import { EvaluateButton } from './EvaluateButton.tsx';
import './policies.css';
import { listOptions } from '../../components/listTable.ts';
import { EvaluationMonthNote } from '../../components/EvaluationMonthNote.tsx';

export function PoliciesPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLanguage();
  const navigate = useNavigate();
  const { user } = useSession();
  const money = useMoney();
  const list = usePolicies();
  useDocumentTitle(t('policies.title'));
  const mayEdit = mayEditPolicies(user);

  const columns: ProColumns<PolicySummary>[] = [
    {
      title: t('policies.attr.name'),
      dataIndex: 'name',
      width: 260,
      fixed: 'left',
      render: (_, p) => (
        <Space size={6} wrap>
          <Link to={`/policies/${p.id}`}>{pick(p.name, p.nameEn)}</Link>
          {p.example && <ExampleTag />}
        </Space>
      ),
    },
    {
      title: t('policies.attr.status'),
      dataIndex: 'status',
      width: 84,
      filters: (['draft', 'active', 'retired'] as const).map((s) => ({
        text: t(`policies.status.${s}`),
        value: s,
      })),
      onFilter: (value, p) => p.status === value,
      render: (_, p) => <PolicyStatusTag status={p.status} />,
    },
    {
      title: t('policies.attr.version'),
      dataIndex: 'version',
      width: 72,
      render: (_, p) => t('policies.versionN', { version: p.version }),
    },
    {
      title: t('policies.list.eligible'),
      key: 'eligible',
      width: 96,
      align: 'right',
      sorter: (a, b) => (a.evaluation?.eligible ?? -1) - (b.evaluation?.eligible ?? -1),
      render: (_, p) =>
        p.evaluation ? (
          <Link to={`/policies/${p.id}?tab=eligible`}>{formatCount(p.evaluation.eligible, lang)}</Link>
        ) : (
          '—'
        ),
    },
    {
      title: t('policies.list.nearMisses'),
      key: 'nearMisses',
      width: 96,
      align: 'right',
      render: (_, p) =>
        p.evaluation ? (
          <Link to={`/policies/${p.id}?tab=nearMiss`}>{formatCount(p.evaluation.nearMisses, lang)}</Link>
        ) : (
          '—'
        ),
    },
    {
      title: t('policies.list.totalAmount'),
      key: 'totalAmount',
      width: 120,
      align: 'right',
      sorter: (a, b) => (a.evaluation?.totalAmount ?? -1) - (b.evaluation?.totalAmount ?? -1),
      render: (_, p) =>
        !p.hasBenefit ? (
          <span className="mtx-muted">{t('policies.noBenefitShort')}</span>
        ) : (
          money(p.evaluation?.totalAmount)
        ),
    },
    {
      title: t('policies.list.evaluated'),
      key: 'evaluation',
      width: 170,
      render: (_, p) =>
        p.evaluation ? (
          <Tooltip
            title={t('policies.list.evaluatedHint', {
              at: formatDateTime(p.evaluation.evaluatedAt),
              version: p.evaluation.version,
              enterprises: formatCount(p.evaluation.enterprises, lang),
            })}
          >
            <span>
              {t('policies.list.periodOf', { period: p.evaluation.period })}
              {p.evaluation.version !== p.version && (
                <span className="mtx-pol-warn">
                  {' '}
                  · {t('policies.list.oldVersion', { version: p.evaluation.version })}
                </span>
              )}
            </span>
          </Tooltip>
        ) : (
          <span className="mtx-muted">{t('policies.list.notEvaluated')}</span>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: mayEdit ? 130 : 70,
      fixed: 'right',
      render: (_, p) => (
        <Space size={4}>
          <Link to={`/policies/${p.id}`}>{t('policies.open')}</Link>
          {mayEdit && (
            <Link to={`/policies/${p.id}/edit`}>
              <EditOutlined /> {t('common.edit')}
            </Link>
          )}
        </Space>
      ),
    },
  ];

  const toolbar: JSX.Element[] = [];
  if (mayEdit)
    toolbar.push(
      <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/policies/new')}>
        {t('policies.create')}
      </Button>,
    );
  if (mayEvaluatePolicies(user)) toolbar.push(<EvaluateButton key="evaluate" hint />);

  return (
    <Page
      title={t('policies.title')}
      crumbs={[{ title: t('policies.title') }]}
      extra={<LinkButton to="/tiers">{t('policies.tiers.title')}</LinkButton>}
      content={
        <>
          <span className="mtx-muted">{t('policies.intro')}</span>{' '}
          <EvaluationMonthNote
            month={(list.data ?? [])
              .map((p) => p.evaluation?.period ?? '')
              .sort()
              .at(-1)}
          />
        </>
      }
    >
      <ProTable<PolicySummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        search={false}
        size="middle"
        scroll={{ x: 1100 }}
        headerTitle={list.data ? t('policies.count', { count: list.data.length }) : t('policies.title')}
        toolBarRender={() => toolbar}
        options={listOptions(() => list.refetch())}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
        locale={{ emptyText: list.isError ? t('common.loadFailed') : t('policies.none') }}
      />
    </Page>
  );
}

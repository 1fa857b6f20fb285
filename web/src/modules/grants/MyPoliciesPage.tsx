// /enterprises/:id/policies: every active policy as one enterprise sees it — qualifies or not and why, the near miss,
// the amount, and its grants. For the enterprise's own user (我的政策) or staff looking at one enterprise.
import { useState } from 'react';
import { Alert, Card, Col, Collapse, Empty, Result, Row, Segmented, Space, Tag, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { EnterprisePolicy } from '@contracts/modules/policies/policies.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { Page, type Crumb } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useEnterprise } from '../enterprises/enterprises.api.ts';
import { ExplanationTree } from '../policies/ExplanationView.tsx';
import { mayViewEnterprisePolicies, mayViewGrants } from './grants.access.ts';
import { useEnterprisePolicies } from './grants.api.ts';
import { useMoney } from './labels.tsx';
import { GrantLine, sortPolicies, VerdictTag, verdictOf, type Verdict } from './PolicyVerdict.tsx';
import './grants.css';
import { actsForEnterprise } from '../../app/access.ts';
import { EvaluationMonthNote } from '../../components/EvaluationMonthNote.tsx';

type Filter = 'all' | Verdict;

function PolicyCard({ item, staff }: { item: EnterprisePolicy; staff: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const money = useMoney();
  const { policy, explanation } = item;
  const verdict = verdictOf(item);
  return (
    <Card
      className={`mtx-policy-card mtx-policy-${verdict}`}
      title={
        <Space size={8} wrap>
          <h2 className="mtx-card-heading">{pick(policy.name, policy.nameEn)}</h2>
          {policy.example && <Tag>{t('grants.policies.example')}</Tag>}
        </Space>
      }
      extra={<VerdictTag verdict={verdict} />}
    >
      {explanation ? (
        <>
          <Typography.Paragraph className="mtx-policy-summary">
            {pick(explanation.summary, explanation.summaryEn)}
          </Typography.Paragraph>
          {explanation.eligible && explanation.amount !== null && (
            <div className="mtx-policy-amount">
              <span className="mtx-muted">{t('grants.policies.amount')}</span>
              <span className="mtx-policy-amount-value">{money(explanation.amount)}</span>
            </div>
          )}
          {explanation.nearMiss && (
            <Alert
              type="info"
              showIcon
              icon={<BulbOutlined />}
              className="mtx-section"
              message={t('grants.policies.nearMiss', { text: explanation.nearMiss.text })}
            />
          )}
          <Collapse
            size="small"
            ghost
            className="mtx-policy-why"
            items={[
              {
                key: 'why',
                label: t('grants.policies.why', { period: explanation.period }),
                children: <ExplanationTree explanation={explanation} />,
              },
            ]}
          />
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('grants.policies.notEvaluated')}</Typography.Paragraph>
      )}
      {item.grants.length > 0 && (
        <div className="mtx-policy-grants">
          <Typography.Text type="secondary">{t('grants.policies.grants')}</Typography.Text>
          <ul>
            {item.grants.map((g) => (
              <li key={g.batchId}>
                <GrantLine grant={g} batchLink={staff} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <Typography.Paragraph type="secondary" className="mtx-policy-about">
        {policy.summary}
        {policy.source && <> {t('grants.policies.source', { source: policy.source })}</>}
      </Typography.Paragraph>
    </Card>
  );
}

function PolicyList({ list, staff }: { list: EnterprisePolicy[]; staff: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [filter, setFilter] = useState<Filter>('all');
  if (list.length === 0) return <Empty description={t('grants.policies.none')} />;
  const sorted = sortPolicies(list);
  const count = (v: Verdict) => list.filter((p) => verdictOf(p) === v).length;
  const eligibleAmount = list.reduce(
    (sum, p) => sum + (p.explanation?.eligible && p.explanation.amount !== null ? p.explanation.amount : 0),
    0,
  );
  const shown = filter === 'all' ? sorted : sorted.filter((p) => verdictOf(p) === filter);
  const month = list
    .map((p) => p.explanation?.period ?? '')
    .sort()
    .at(-1);
  return (
    <>
      <EvaluationMonthNote month={month} />
      <Space wrap size={16} className="mtx-section mtx-policy-bar">
        <Typography.Text>
          {t('grants.policies.tally', { eligible: count('eligible'), total: list.length })}
          {eligibleAmount > 0 && t('grants.policies.tallyAmount', { amount: money(eligibleAmount) })}
        </Typography.Text>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('grants.policies.filterAll', { count: list.length }) },
            { value: 'eligible', label: t('grants.policies.filterEligible', { count: count('eligible') }) },
            {
              value: 'ineligible',
              label: t('grants.policies.filterIneligible', { count: count('ineligible') }),
            },
          ]}
        />
      </Space>
      {shown.length === 0 ? (
        <Empty description={t('grants.policies.noneInFilter')} />
      ) : (
        <Row gutter={[16, 16]}>
          {shown.map((p) => (
            <Col key={p.policy.id} xs={24} xl={12}>
              <PolicyCard item={p} staff={staff} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

export function MyPoliciesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = useSession();
  const own = actsForEnterprise(user);
  const allowed = mayViewEnterprisePolicies(user, id);
  const query = useEnterprisePolicies(allowed ? id : undefined);
  // staff see which enterprise this is; an enterprise user knows its own
  const enterprise = useEnterprise(allowed && !own ? id : undefined);
  const name = own ? (user?.enterpriseName ?? '') : (enterprise.data?.name ?? '');
  const title = own ? t('grants.menu.myPolicies') : t('grants.policies.title');
  useDocumentTitle(own ? title : `${name || '…'} · ${title}`);

  if (!allowed) return <Result status="403" title="403" subTitle={t('errors.FORBIDDEN')} />;

  const crumbs: Crumb[] = own
    ? [{ title: t('nav.myEnterprise'), to: `/enterprises/${id}` }, { title }]
    : [
        { title: t('nav.enterprises'), to: '/enterprises' },
        { title: name || '…', to: `/enterprises/${id}` },
        { title },
      ];
  return (
    <Page title={title} subTitle={name || undefined} crumbs={crumbs}>
      <Typography.Paragraph className="mtx-grant-intro">{t('grants.policies.intro')}</Typography.Paragraph>
      <QueryState query={query}>
        {(list) => <PolicyList list={list} staff={mayViewGrants(user)} />}
      </QueryState>
    </Page>
  );
}

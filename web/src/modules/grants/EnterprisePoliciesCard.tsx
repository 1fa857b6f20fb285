// A compact card of one enterprise's policies for its detail page: ✓/✗ per policy with the amount or the near miss,
// and a link to the full view (/enterprises/:id/policies).
import { Alert, Card, List, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../app/errors.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useEnterprisePolicies } from './grants.api.ts';
import { BatchStatusTag, useMoney } from './labels.tsx';
import { sortPolicies, VerdictIcon, verdictOf } from './PolicyVerdict.tsx';
import './grants.css';

export function EnterprisePoliciesCard({
  enterpriseId,
  limit = 6,
}: {
  enterpriseId: string;
  limit?: number;
}) {
  const { t, i18n } = useTranslation();
  const { pick } = useLanguage();
  const money = useMoney();
  const query = useEnterprisePolicies(enterpriseId);
  const list = query.data ? sortPolicies(query.data) : [];
  const eligible = list.filter((p) => p.explanation?.eligible).length;
  return (
    <Card
      size="small"
      className="mtx-policies-card"
      title={<h2 className="mtx-card-heading">{t('grants.policies.cardTitle')}</h2>}
      extra={<Link to={`/enterprises/${enterpriseId}/policies`}>{t('grants.policies.cardMore')}</Link>}
    >
      {query.isPending ? (
        <div className="mtx-center" style={{ minHeight: 80 }}>
          <Spin />
        </div>
      ) : query.isError ? (
        <Alert type="error" showIcon message={errorText(t, query.error, i18n.language)} />
      ) : list.length === 0 ? (
        <Typography.Text type="secondary">{t('grants.policies.none')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('grants.policies.tally', { eligible, total: list.length })}
          </Typography.Paragraph>
          <List
            size="small"
            split={false}
            dataSource={list.slice(0, limit)}
            renderItem={(p) => {
              const verdict = verdictOf(p);
              const e = p.explanation;
              const latest = p.grants.find((g) => g.status !== 'cancelled') ?? p.grants[0];
              return (
                <List.Item key={p.policy.id} className="mtx-policies-card-row">
                  <Space size={8} align="start">
                    <VerdictIcon verdict={verdict} />
                    <span>
                      <span>{pick(p.policy.name, p.policy.nameEn)}</span>
                      {e?.nearMiss && !e.eligible && (
                        <Typography.Text type="secondary" className="mtx-policies-card-sub">
                          {e.nearMiss.text}
                        </Typography.Text>
                      )}
                    </span>
                  </Space>
                  <Space size={6}>
                    {latest && <BatchStatusTag status={latest.status} />}
                    {e?.eligible && e.amount !== null && (
                      <Typography.Text strong>{money(e.amount)}</Typography.Text>
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
          {list.length > limit && (
            <Link to={`/enterprises/${enterpriseId}/policies`}>
              {t('grants.policies.cardAll', { count: list.length })}
            </Link>
          )}
        </>
      )}
    </Card>
  );
}

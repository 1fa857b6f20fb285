// A policy page's 相关问答: the published service-desk answers the plan office linked to the policy, each opening its
// public page (anonymised, as the public reads it).
import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePolicyAnswers } from './servicedesk.api.ts';

export function PolicyAnswers({ policyId }: { policyId: string }) {
  const { t } = useTranslation();
  const answers = usePolicyAnswers(policyId);
  const entries = (answers.data?.groups ?? []).flatMap((g) => g.entries);
  if (!answers.isLoading && entries.length === 0) return null;
  return (
    <Card size="small" title={t('serviceDesk.policyAnswers.title')} style={{ marginTop: 16 }}>
      <List
        size="small"
        loading={answers.isLoading}
        dataSource={entries}
        renderItem={(e) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/public/service-desk/${e.id}`}>{e.title}</Link>}
              description={
                <Typography.Text type="secondary">
                  {e.categoryName} · {e.unitName} ·{' '}
                  {t('serviceDesk.policyAnswers.answeredOn', { date: e.answeredOn })}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

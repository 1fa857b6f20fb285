// Under a decided notice: how each objection was handled (receipt number, what it was about, the outcome, the office's
// answer) — what the decision document lists too. No filer's name, contact or text.
import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicNotice } from '@contracts/modules/grants/grants.contract.ts';
import { ObjectionStatusTag } from './labels.tsx';

export function DecisionObjections({ notice }: { notice: PublicNotice }) {
  const { t } = useTranslation();
  const list = notice.objections;
  return (
    <Card
      className="mtx-section"
      title={<h2 className="mtx-card-heading">{t('grants.decision.objectionsTitle')}</h2>}
    >
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('grants.decision.noObjections')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph>
            {t('grants.decision.objectionsSummary', {
              count: list.length,
              upheld: list.filter((o) => o.status === 'upheld').length,
              dismissed: list.filter((o) => o.status === 'dismissed').length,
            })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={list}
            renderItem={(o) => (
              <List.Item key={o.receipt ?? o.response ?? ''}>
                <div>
                  <span className="mtx-mono">{o.receipt ?? '—'}</span>{' '}
                  <ObjectionStatusTag status={o.status} />{' '}
                  {o.enterpriseName
                    ? t('grants.objections.about', { name: o.enterpriseName })
                    : t('grants.objections.aboutWhole')}
                  {o.response && (
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {t('grants.decision.response', { response: o.response })}
                    </Typography.Paragraph>
                  )}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

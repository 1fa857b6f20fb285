// /assessment/units/:id?period=: one unit's scorecard, every line with its reason and the records behind it; a closed
// year's frozen scores with its revisions (修订) beside.
import { Alert, Descriptions, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { scorecardSchema } from '@contracts/modules/assessment/assessment.contract.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useScorecard } from './assessment.api.ts';

type Card = z.infer<typeof scorecardSchema>;

function Lines({ card }: { card: Card }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="code"
      dataSource={card.lines}
      pagination={false}
      size="middle"
      expandable={{
        rowExpandable: (l) => l.records.length > 0,
        expandedRowRender: (l) => (
          <List
            size="small"
            dataSource={l.records}
            renderItem={(r) => (
              <List.Item>
                <Tag>{t(`assessment.record.${r.kind}`)}</Tag>
                {r.label}
                {r.value ? `：${r.value}` : ''}
              </List.Item>
            )}
          />
        ),
      }}
      columns={[
        { title: t('assessment.field.indicator'), dataIndex: 'name' },
        { title: t('assessment.field.points'), dataIndex: 'points', width: 100 },
        { title: t('assessment.field.max'), width: 100, render: (_, l) => (l.maxCenti / 100).toFixed(2) },
        { title: t('assessment.field.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

export function ScorecardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const period = params.get('period') ?? String(new Date().getFullYear());
  const q = useScorecard(id, period);
  useDocumentTitle(q.data?.card.unit.name ?? t('assessment.scorecard'));
  const card = q.data?.card;
  return (
    <Page
      title={card ? `${card.unit.name} · ${period}` : t('assessment.scorecard')}
      crumbs={[{ title: t('assessment.menu'), to: '/assessment' }, { title: t('assessment.scorecard') }]}
      loading={q.isLoading}
    >
      {q.error && <Alert type="error" message={(q.error as Error).message} />}
      {q.data && card && (
        <>
          {q.data.scheme.example && (
            <Alert type="info" message={t('assessment.exampleHint')} style={{ marginBottom: 16 }} />
          )}
          <Descriptions column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('assessment.field.total')}>
              <Typography.Text strong>{card.total}</Typography.Text> / {(card.maxCenti / 100).toFixed(2)}
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.field.place')}>
              {card.place} / {card.of}
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.field.state')}>
              {q.data.state === 'frozen' ? t('assessment.frozen') : t('assessment.live')}
            </Descriptions.Item>
          </Descriptions>
          <Lines card={card} />
          {q.data.revisions.map((r) => (
            <div key={r.revision} style={{ marginTop: 24 }}>
              <Typography.Title level={5}>
                <Tag color="orange">{t('assessment.revision', { n: r.revision })}</Tag>
                {r.card.total}（{r.reason}，{r.computedAt.slice(0, 10)}）
              </Typography.Title>
              <Lines card={r.card} />
            </div>
          ))}
          <p style={{ marginTop: 16 }}>
            <Link to="/assessment">{t('assessment.back')}</Link>
          </p>
        </>
      )}
    </Page>
  );
}

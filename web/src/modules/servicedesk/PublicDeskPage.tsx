// /public/service-desk: the service desk for the public — the district's anonymised monthly figures (categories
// of fewer than 3 requests withheld) and the published requests with their answers, grouped by category, as a
// knowledge base with a search box. Only requests whose enterprise allowed it are published; texts are anonymised.
import { useState } from 'react';
import { Card, Col, Empty, Input, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PublicPage as Page } from '../public/PublicPage.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useKnowledge, usePublicFigures } from './servicedesk.api.ts';
import { monthOf, monthsBefore, percent, searchKnowledge } from './servicedesk.helpers.ts';
import './servicedesk.css';

type Month = NonNullable<ReturnType<typeof usePublicFigures>['data']>['months'][number];

export function PublicDeskPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('serviceDesk.public.title'));
  const to = monthOf(new Date());
  const figures = usePublicFigures(monthsBefore(to, 11), to);
  const knowledge = useKnowledge();
  const [q, setQ] = useState('');
  const months = [...(figures.data?.months ?? [])].reverse();
  const latest = months.find((m) => m.filed > 0);
  return (
    <Page title={t('serviceDesk.public.title')}>
      <Typography.Paragraph className="mtx-pub-intro">{t('serviceDesk.public.intro')}</Typography.Paragraph>
      {latest && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {(
            [
              ['filed', String(latest.filed)],
              ['acceptedOnTime', percent(latest.acceptedOnTime)],
              ['answeredOnTime', percent(latest.answeredOnTime)],
              ['satisfaction', percent(latest.satisfaction)],
            ] as const
          ).map(([k, v]) => (
            <Col key={k} xs={12} md={6}>
              <Card size="small">
                <Statistic title={t(`serviceDesk.public.stat.${k}`, { month: latest.month })} value={v} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card size="small" title={t('serviceDesk.public.figures')} style={{ marginBottom: 16 }}>
        <ResponsiveTable<Month>
          rowKey="month"
          size="small"
          loading={figures.isLoading}
          dataSource={months}
          pagination={false}
          locale={{ emptyText: t('serviceDesk.public.noFigures') }}
          columns={[
            { title: t('serviceDesk.public.month'), dataIndex: 'month', width: 90 },
            { title: t('serviceDesk.figures.filed'), dataIndex: 'filed', width: 80, align: 'right' },
            {
              title: t('serviceDesk.figures.acceptedOnTime'),
              key: 'a',
              align: 'right',
              render: (_, m) => percent(m.acceptedOnTime),
            },
            {
              title: t('serviceDesk.figures.answeredOnTime'),
              key: 'b',
              align: 'right',
              render: (_, m) => percent(m.answeredOnTime),
            },
            {
              title: t('serviceDesk.figures.satisfaction'),
              key: 'c',
              align: 'right',
              render: (_, m) => percent(m.satisfaction),
            },
            {
              title: t('serviceDesk.public.byCategory'),
              key: 'cats',
              render: (_, m) =>
                m.categories
                  .map(
                    (c) =>
                      `${c.categoryName} ${c.suppressed || c.filed === null ? t('serviceDesk.public.withheld') : c.filed}`,
                  )
                  .join('；') || '—',
            },
          ]}
        />
        <Typography.Text type="secondary">{t('serviceDesk.public.figuresNote')}</Typography.Text>
      </Card>
      <Card
        size="small"
        title={t('serviceDesk.public.knowledge')}
        extra={
          <Input.Search
            allowClear
            className="mtx-sd-kb-search"
            placeholder={t('serviceDesk.public.search')}
            aria-label={t('serviceDesk.public.search')}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
          />
        }
        className="mtx-sd-kb"
      >
        <QueryState query={knowledge}>
          {(kb) => {
            const groups = searchKnowledge(kb.groups, q);
            if (!groups.length)
              return (
                <Empty
                  description={q ? t('serviceDesk.public.noMatch') : t('serviceDesk.public.noEntries')}
                />
              );
            return groups.map((g) => (
              <section key={g.category} className="mtx-sd-kb-group">
                <Typography.Title level={5}>
                  {g.categoryName} <Typography.Text type="secondary">({g.entries.length})</Typography.Text>
                </Typography.Title>
                {g.entries.map((e) => (
                  <article key={e.id} className="mtx-sd-kb-entry">
                    <Link to={`/public/service-desk/${e.id}`}>
                      <strong>{e.title}</strong>
                    </Link>
                    <Typography.Paragraph
                      ellipsis={{ rows: 2 }}
                      className="mtx-sd-text"
                      style={{ margin: '4px 0' }}
                    >
                      {t('serviceDesk.public.answerBy', { unit: e.unitName })}
                      {e.answer}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {e.number} · {t('serviceDesk.public.answeredOn', { date: e.answeredOn })}
                    </Typography.Text>
                  </article>
                ))}
              </section>
            ));
          }}
        </QueryState>
      </Card>
    </Page>
  );
}

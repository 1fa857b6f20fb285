// /public/tasks: the public's view of the 22 key tasks — each task's and section's colour and progress, nothing below
// task level (no work items, units' reports or 督办单).
import { Card, Col, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PublicPage as Page } from '../public/PublicPage.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { usePublicTaskColours } from './supervision.api.ts';
import { ColourTag, progress } from './labels.tsx';

export function PublicTaskColoursPage() {
  const { t } = useTranslation();
  const data = usePublicTaskColours();
  useDocumentTitle(t('supervision.public.title'));
  return (
    <Page title={t('supervision.public.title')}>
      <Typography.Paragraph className="mtx-pub-intro">
        {data.data ? t('supervision.public.intro', { date: data.data.asOf }) : null}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        {(data.data?.sections ?? []).map((s) => (
          <Col key={s.number} xs={24} sm={12} lg={8}>
            <Card size="small" title={s.title} extra={<ColourTag colour={s.colour} reason={s.reason} />}>
              {t('supervision.public.section', { tasks: s.tasks, progress: progress(s) })}
            </Card>
          </Col>
        ))}
      </Row>
      <Table
        rowKey="number"
        loading={data.isLoading}
        dataSource={data.data?.tasks ?? []}
        pagination={false}
        size="middle"
        columns={[
          { title: t('supervision.field.number'), dataIndex: 'number', width: 64 },
          { title: t('supervision.field.task'), dataIndex: 'title' },
          { title: t('supervision.field.reportedExpected'), width: 140, render: (_, r) => progress(r) },
          {
            title: t('supervision.field.status'),
            width: 100,
            render: (_, r) => <ColourTag colour={r.colour} />,
          },
        ]}
      />
    </Page>
  );
}

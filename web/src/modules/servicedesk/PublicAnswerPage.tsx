// /public/service-desk/:id: one published request and its answer, anonymised — what a policy page links to.
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { PublicPage as Page } from '../public/PublicPage.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useKnowledgeEntry } from './servicedesk.api.ts';
import './servicedesk.css';

export function PublicAnswerPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const entry = useKnowledgeEntry(id);
  useDocumentTitle(entry.data?.title ?? t('serviceDesk.public.title'));
  return (
    <QueryState query={entry}>
      {(e) => (
        <Page
          title={e.title}
          subTitle={e.number}
          crumbs={[{ title: t('serviceDesk.public.title'), to: '/public/service-desk' }, { title: e.number }]}
        >
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('serviceDesk.field.category')}>{e.categoryName}</Descriptions.Item>
            <Descriptions.Item label={t('serviceDesk.field.unit')}>{e.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('serviceDesk.public.answeredOnLabel')}>
              {e.answeredOn}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('serviceDesk.public.question')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph className="mtx-sd-text">{e.question}</Typography.Paragraph>
          </Card>
          <Card size="small" title={t('serviceDesk.detail.answer')}>
            <Typography.Paragraph className="mtx-sd-text">{e.answer}</Typography.Paragraph>
          </Card>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('serviceDesk.public.anonymised')}
          </Typography.Paragraph>
        </Page>
      )}
    </QueryState>
  );
}

// /public: the district's targets for anyone, without login — district-level figures only, no enterprise names.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PublicPage as Page } from './PublicPage.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useOverviewSubtitle } from '../monitoring/overviewSubtitle.ts';
import { useOverview } from '../monitoring/monitoring.api.ts';
import { OverviewGrid } from '../monitoring/OverviewGrid.tsx';
import { OverviewHeader } from '../monitoring/OverviewHeader.tsx';

export function PublicOverviewPage() {
  const { t } = useTranslation();
  const query = useOverview('public');
  const subTitle = useOverviewSubtitle(query.data);
  useDocumentTitle(t('public.title'));
  return (
    <Page title={t('public.title')} subTitle={subTitle}>
      <Typography.Paragraph className="mtx-pub-intro">{t('public.intro')}</Typography.Paragraph>
      <QueryState query={query}>
        {(data) => (
          <>
            <OverviewHeader data={data} audience="public" />
            <OverviewGrid data={data} targetPath={(code) => `/public/targets/${code}`} />
          </>
        )}
      </QueryState>
    </Page>
  );
}

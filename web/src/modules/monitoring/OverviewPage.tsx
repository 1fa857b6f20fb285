// /monitoring: every target at a glance — value against goal, status, trend, projection — for signed-in users.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useOverviewSubtitle } from './overviewSubtitle.ts';
import { useOverview } from './monitoring.api.ts';
import { OverviewGrid } from './OverviewGrid.tsx';
import { OverviewHeader } from './OverviewHeader.tsx';

export function OverviewPage() {
  const { t } = useTranslation();
  const query = useOverview('staff');
  const subTitle = useOverviewSubtitle(query.data);
  useDocumentTitle(t('monitoring.overviewTitle'));
  return (
    <Page
      title={t('monitoring.overviewTitle')}
      crumbs={[{ title: t('monitoring.menu') }]}
      subTitle={subTitle}
    >
      <QueryState query={query}>
        {(data) => (
          <>
            <OverviewHeader data={data} audience="staff" />
            {!data.month && (
              <Alert
                type="info"
                showIcon
                message={t('monitoring.notComputed')}
                style={{ marginBottom: 16 }}
              />
            )}
            <OverviewGrid data={data} targetPath={(code) => `/monitoring/targets/${code}`} />
          </>
        )}
      </QueryState>
    </Page>
  );
}

// /public/notices: the public notices (公示) of no-application grants, open ones first — for anyone, without login.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PublicPage as Page } from './PublicPage.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { noticeWindow, useMoney } from '../grants/labels.tsx';
import { NoticeStateTag } from './NoticeStateTag.tsx';
import { usePublicNotices, type PublicNoticeListItem } from './notices.api.ts';
import '../grants/grants.css';

export function PublicNoticesPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const query = usePublicNotices();
  useDocumentTitle(t('grants.notices.title'));
  return (
    <Page title={t('grants.notices.title')}>
      <Typography.Paragraph className="mtx-pub-intro">{t('grants.notices.intro')}</Typography.Paragraph>
      <QueryState query={query}>
        {(list) => {
          // open notices first, then the newest
          const sorted = [...list].sort(
            (a, b) =>
              Number(b.open) - Number(a.open) ||
              (b.noticeStartsOn ?? '').localeCompare(a.noticeStartsOn ?? ''),
          );
          return (
            <ResponsiveTable<PublicNoticeListItem>
              rowKey="id"
              size="middle"
              dataSource={sorted}
              pagination={sorted.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 820 }}
              locale={{ emptyText: t('grants.notices.none') }}
              columns={[
                {
                  title: t('grants.notices.policy'),
                  dataIndex: 'policyName',
                  render: (_, n) => (
                    <div>
                      <Link to={`/public/notices/${n.id}`}>{n.policyName}</Link>
                      <div className="mtx-muted mtx-mono mtx-notice-list-number">{n.number}</div>
                    </div>
                  ),
                },
                {
                  title: t('grants.batch.status'),
                  key: 'state',
                  width: 120,
                  render: (_, n) => <NoticeStateTag notice={n} />,
                },
                {
                  title: t('grants.batch.noticeWindow'),
                  key: 'window',
                  width: 210,
                  render: (_, n) => noticeWindow(n.noticeStartsOn, n.noticeEndsOn),
                },
                {
                  title: t('grants.notices.enterprises'),
                  dataIndex: 'items',
                  width: 100,
                  align: 'right',
                },
                {
                  title: t('grants.batch.totalAmount'),
                  dataIndex: 'totalAmount',
                  width: 140,
                  align: 'right',
                  render: (_, n) => money(n.totalAmount),
                },
              ]}
            />
          );
        }}
      </QueryState>
    </Page>
  );
}

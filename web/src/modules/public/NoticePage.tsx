// /public/notices/:id: one public notice (公示) of a no-application grant — the notice text, the enterprises and
// amounts, and the objection form while objections are open. No login.
import { useState } from 'react';
import { Alert, Card, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { PublicNotice } from '@contracts/modules/grants/grants.contract.ts';
import { PublicPage as Page } from './PublicPage.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ResponsiveTable } from '../../components/ResponsiveTable.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { noticeDaysLeft, noticeWindow, formatDay, useMoney } from '../grants/labels.tsx';
import { BasisView } from '../grants/BasisView.tsx';
import { DecisionObjections } from '../grants/DecisionObjections.tsx';
import { NoticeDocumentButton } from '../grants/Downloads.tsx';
import { NoticeObjectionForm } from './NoticeObjectionForm.tsx';
import { NoticeStateTag } from './NoticeStateTag.tsx';
import { usePublicNotice } from './notices.api.ts';
import '../grants/grants.css';

type Item = PublicNotice['items'][number];

function NoticeView({ notice }: { notice: PublicNotice }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [q, setQ] = useState('');
  useDocumentTitle(`${notice.policyName} · ${t('grants.notices.title')}`);
  const needle = q.trim().toLowerCase();
  const rows = notice.items
    .map((item, i) => ({ ...item, index: i + 1 }))
    .filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.uscc.toLowerCase().includes(needle));
  const left = notice.open ? noticeDaysLeft(notice.noticeEndsOn) : null;
  const decided = notice.status === 'decided';
  return (
    <Page
      title={t(decided ? 'grants.notices.noticeTitleDecided' : 'grants.notices.noticeTitle', {
        policy: notice.policyName,
      })}
      tags={<NoticeStateTag notice={notice} />}
      extra={<NoticeDocumentButton batch={notice} />}
      crumbs={[{ title: t('grants.notices.title'), to: '/public/notices' }, { title: notice.number }]}
    >
      <Card className="mtx-section mtx-notice-doc">
        <Typography.Paragraph className="mtx-notice-number">
          <span className="mtx-mono">{notice.number}</span>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t(decided ? 'grants.notices.bodyDecided' : 'grants.notices.body', {
            policy: notice.policyName,
            count: notice.items.length,
            total: money(notice.totalAmount, true),
            start: formatDay(notice.noticeStartsOn),
            end: formatDay(notice.noticeEndsOn),
          })}
        </Typography.Paragraph>
        <div className="mtx-section">
          <BasisView basis={notice.basis} />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('grants.notices.window', { window: noticeWindow(notice.noticeStartsOn, notice.noticeEndsOn) })}
          {left !== null && <> · {t('grants.notices.daysLeft', { days: left })}</>}
          {' · '}
          <Link to="/public/objections">{t('grants.follow.link')}</Link>
        </Typography.Paragraph>
      </Card>
      <Card
        className="mtx-section mtx-notice-list"
        title={
          <h2 className="mtx-card-heading">
            {t(decided ? 'grants.notices.listTitleDecided' : 'grants.notices.listTitle', {
              count: notice.items.length,
              total: money(notice.totalAmount, true),
            })}
          </h2>
        }
        extra={
          <Input.Search
            allowClear
            size="small"
            placeholder={t('grants.notices.search')}
            aria-label={t('grants.notices.search')}
            onChange={(e) => setQ(e.target.value)}
            onSearch={setQ}
            className="mtx-notice-search"
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <ResponsiveTable<Item & { index: number }>
          rowKey="enterpriseId"
          size="small"
          dataSource={rows}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 560 }}
          locale={{ emptyText: t('grants.notices.noItems') }}
          columns={[
            {
              title: t('grants.notices.index'),
              dataIndex: 'index',
              width: 64,
              align: 'right',
              cardHidden: true,
            },
            { title: t('grants.items.name'), dataIndex: 'name', cardTitle: true },
            {
              title: t('grants.items.uscc'),
              dataIndex: 'uscc',
              width: 200,
              render: (v: string) => <span className="mtx-mono">{v}</span>,
            },
            {
              title: t('grants.items.amount'),
              dataIndex: 'amount',
              width: 150,
              align: 'right',
              render: (v: number) => money(v, true),
            },
          ]}
        />
      </Card>
      {decided && <DecisionObjections notice={notice} />}
      {notice.open ? (
        <NoticeObjectionForm notice={notice} />
      ) : (
        <Alert
          type="info"
          showIcon
          message={
            notice.status === 'decided' ? t('grants.notices.closedDecided') : t('grants.notices.closedText')
          }
        />
      )}
    </Page>
  );
}

export function PublicNoticePage() {
  const { id } = useParams();
  const query = usePublicNotice(id);
  return <QueryState query={query}>{(notice) => <NoticeView notice={notice} />}</QueryState>;
}

// /assessment: the rankings (赛马比拼) of units and of subdistricts for a month or a year, the downloads (scorecards
// .xlsx, the month's bulletin .docx) and, for the plan office, the scheme and closing the year.
import { useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useSession } from '../../app/session.ts';
import { mayDownload, mayManageAssessment } from './assessment.access.ts';
import {
  downloadBulletin,
  downloadScorecards,
  useCloseYear,
  useRanking,
  useReviseYear,
  useScheme,
} from './assessment.api.ts';

const thisYear = new Date().getFullYear();
const months = Array.from({ length: 12 }, (_, k) => String(k + 1).padStart(2, '0'));

function RankingTable({ period, group }: { period: string; group: 'units' | 'subdistricts' }) {
  const { t } = useTranslation();
  const ranking = useRanking(period, group);
  if (ranking.data === null) return <p>{t('assessment.noScheme')}</p>;
  return (
    <Table
      rowKey={(r) => r.unit.id}
      loading={ranking.isLoading}
      dataSource={ranking.data?.rows ?? []}
      pagination={false}
      size="middle"
      columns={[
        { title: t('assessment.field.place'), dataIndex: 'place', width: 80 },
        {
          title: t('assessment.field.unit'),
          render: (_, r) => <Link to={`/assessment/units/${r.unit.id}?period=${period}`}>{r.unit.name}</Link>,
        },
        { title: t('assessment.field.total'), dataIndex: 'total', width: 120 },
        { title: t('assessment.field.max'), width: 120, render: (_, r) => (r.maxCenti / 100).toFixed(2) },
        {
          title: t('assessment.field.revised'),
          width: 200,
          render: (_, r) =>
            r.revised ? (
              <Tag color="orange">
                {t('assessment.revision', { n: r.revised.revision })}: {r.revised.total}（{r.revised.place}）
              </Tag>
            ) : null,
        },
      ]}
    />
  );
}

export function AssessmentPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  useDocumentTitle(t('assessment.menu'));
  const [year, setYear] = useState(thisYear);
  const [month, setMonth] = useState<string>('');
  const period = month ? `${year}-${month}` : String(year);
  const scheme = useScheme(year);
  const close = useCloseYear();
  const revise = useReviseYear();
  const [reason, setReason] = useState('');
  const fail = (e: Error) => message.error(e.message);
  return (
    <Page
      title={t('assessment.menu')}
      subTitle={scheme.data ? scheme.data.title : undefined}
      tags={
        <Space>
          {scheme.data?.example && <Tag color="blue">{t('assessment.example')}</Tag>}
          {scheme.data?.closedAt && <Tag color="red">{t('assessment.closed')}</Tag>}
        </Space>
      }
      extra={
        <Space wrap>
          <Select
            value={year}
            onChange={setYear}
            options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}` }))}
          />
          <Select
            value={month}
            onChange={setMonth}
            style={{ width: 120 }}
            options={[
              { value: '', label: t('assessment.wholeYear') },
              ...months.map((m) => ({ value: m, label: t('assessment.month', { m: Number(m) }) })),
            ]}
          />
          {mayDownload(user) && (
            <Button onClick={() => void downloadScorecards(period).catch(fail)}>
              {t('assessment.exportXlsx')}
            </Button>
          )}
          {mayDownload(user) && month && (
            <Button onClick={() => void downloadBulletin(period).catch(fail)}>
              {t('assessment.bulletin')}
            </Button>
          )}
          {mayManageAssessment(user) && (
            <Link to={`/assessment/scheme?year=${year}`}>{t('assessment.scheme')}</Link>
          )}
        </Space>
      }
    >
      {mayManageAssessment(user) && scheme.data && (
        <Space style={{ marginBottom: 16 }}>
          {!scheme.data.closedAt ? (
            <Popconfirm
              title={t('assessment.closeConfirm', { year })}
              onConfirm={() =>
                close.mutate(year, {
                  onSuccess: () => message.success(t('assessment.closedOk')),
                  onError: fail,
                })
              }
            >
              <Button danger>{t('assessment.closeYear')}</Button>
            </Popconfirm>
          ) : (
            <>
              <Input
                placeholder={t('assessment.reviseReason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 260 }}
              />
              <Button
                disabled={!reason.trim()}
                onClick={() =>
                  revise.mutate(
                    { year, reason },
                    {
                      onSuccess: (r) =>
                        message.success(
                          r.stored ? t('assessment.revisedOk', { n: r.revision }) : t('assessment.unchanged'),
                        ),
                      onError: fail,
                    },
                  )
                }
              >
                {t('assessment.revise')}
              </Button>
            </>
          )}
        </Space>
      )}
      <Tabs
        items={[
          {
            key: 'units',
            label: t('assessment.tab.units'),
            children: <RankingTable period={period} group="units" />,
          },
          {
            key: 'subdistricts',
            label: t('assessment.tab.subdistricts'),
            children: <RankingTable period={period} group="subdistricts" />,
          },
        ]}
      />
    </Page>
  );
}

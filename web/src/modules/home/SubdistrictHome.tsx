// A subdistrict user's home: its reporting rate for the month being filed, its rank among the subdistricts, and the
// enterprises that have not reported, with one-click 催报 to all of them (the server sends each once a day).
import { useState } from 'react';
import { Alert, Button, Card, Col, Popconfirm, Progress, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { today } from '@contracts/platform/time/date.ts';
import { errorText } from '../../app/errors.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { lastClosedPeriod } from '../reports/periods.ts';
import { mayUrge } from './home.access.ts';
import { useMissing, useStanding, useUrge, type MissingItem, type Standing } from './home.api.ts';
import { InboxCard } from './InboxCard.tsx';
import { PhoneReveal } from '../enterprises/PhoneReveal.tsx';

const PAGE_SIZE = 10;
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 100);

function StandingCard({ s }: { s: Standing }) {
  const { t } = useTranslation();
  const open = today(new Date()) <= s.deadline;
  const rate = pct(s.reported, s.expected);
  return (
    <Card className="mtx-home-card" title={<h2>{t('home.street.standing', { period: s.period })}</h2>}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Progress
            type="circle"
            percent={rate}
            size={112}
            format={(p) => `${p}%`}
            strokeColor={open ? '#1677ff' : rate >= 90 ? '#389e0d' : rate >= 75 ? '#d48806' : '#cf1322'}
            aria-label={t('home.street.rate')}
          />
          <div className="mtx-home-muted">{t('home.street.rate')}</div>
        </Col>
        <Col xs={12} md={8}>
          <Statistic title={t('home.street.reported')} value={s.reported} suffix={`/ ${s.expected}`} />
          <Statistic
            title={t('home.street.onTime')}
            value={s.onTime}
            suffix={`/ ${s.expected}`}
            className="mtx-section"
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('home.street.rank')}
            value={s.rank ?? '—'}
            suffix={s.rank ? t('home.street.rankOf', { n: s.ranked }) : undefined}
          />
          <Typography.Paragraph className="mtx-section">
            {open
              ? t('home.street.open', { deadline: s.deadline })
              : t('home.street.closed', { deadline: s.deadline })}
          </Typography.Paragraph>
        </Col>
      </Row>
    </Card>
  );
}

function MissingCard({ period, user }: { period: string; user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const missing = useMissing(period, page, PAGE_SIZE);
  const urge = useUrge();
  const total = missing.data?.total ?? 0;
  const columns: ColumnsType<MissingItem> = [
    {
      title: t('home.street.enterprise'),
      key: 'name',
      render: (_, r) => <Link to={`/enterprises/${r.id}`}>{r.name}</Link>,
    },
    { title: t('home.street.uscc'), dataIndex: 'uscc', key: 'uscc', responsive: ['md'] },
    { title: t('home.street.contact'), dataIndex: 'contactPerson', key: 'contact', responsive: ['lg'] },
    {
      title: t('home.street.phone'),
      dataIndex: 'contactPhone',
      key: 'phone',
      render: (phone: string, r) => <PhoneReveal enterpriseId={r.id} phone={phone} />,
    },
    {
      title: t('home.street.lastReported'),
      dataIndex: 'lastReported',
      key: 'last',
      render: (v: string | null) => v ?? t('home.street.never'),
      responsive: ['md'],
    },
  ];
  const result = urge.data;
  return (
    <Card
      className="mtx-home-card"
      title={<h2>{t('home.street.missing', { period, count: total })}</h2>}
      extra={
        mayUrge(user) && total > 0 ? (
          <Popconfirm
            title={t('home.street.urgeConfirm', { count: total, period })}
            okText={t('home.street.urgeOk')}
            cancelText={t('common.cancel')}
            onConfirm={() => urge.mutate(period)}
          >
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              loading={urge.isPending}
              disabled={urge.isPending}
            >
              {t('home.street.urge', { count: total })}
            </Button>
          </Popconfirm>
        ) : null
      }
    >
      {result && (
        <Alert
          type={result.reminded > 0 ? 'success' : 'info'}
          showIcon
          closable
          className="mtx-home-stat-row mtx-urge-result"
          role="status"
          message={
            result.reminded > 0
              ? t('home.street.urged', { count: result.reminded, already: result.alreadyToday })
              : t('home.street.urgedAlready', { count: result.alreadyToday })
          }
        />
      )}
      {urge.isError && (
        <Alert
          type="error"
          showIcon
          className="mtx-home-stat-row"
          message={errorText(t, urge.error, i18n.language)}
        />
      )}
      <QueryState query={missing}>
        {(p) => (
          <Table<MissingItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={p.items}
            locale={{ emptyText: t('home.street.allReported') }}
            pagination={{
              current: p.page,
              pageSize: PAGE_SIZE,
              total: p.total,
              onChange: setPage,
              hideOnSinglePage: true,
              showTotal: (n) => t('common.totalItems', { total: n }),
            }}
          />
        )}
      </QueryState>
    </Card>
  );
}

export function SubdistrictHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const period = lastClosedPeriod();
  const standing = useStanding(period, true);
  const title = t('home.menu');
  useDocumentTitle(title);
  return (
    <Page
      title={title}
      subTitle={user.unitName ?? undefined}
      extra={
        <LinkButton to={`/monitoring/reporting?period=${period}`}>{t('home.street.reporting')}</LinkButton>
      }
    >
      <Row gutter={[16, 16]} className="mtx-home-stat-row">
        <Col xs={24} xl={14}>
          <QueryState query={standing}>{(s) => <StandingCard s={s} />}</QueryState>
        </Col>
        <Col xs={24} xl={10}>
          <InboxCard />
        </Col>
      </Row>
      <MissingCard period={period} user={user} />
    </Page>
  );
}

// An enterprise user's home: this month's report (filed or not, and by when), its policies and its grant results.
import { Alert, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, ClockCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { daysBetween, today, type CivilDate } from '@contracts/platform/time/date.ts';
import { useLanguage } from '../../app/i18n.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useReportMonth } from '../reports/reports.api.ts';
import { lastClosedPeriod } from '../reports/periods.ts';
import { useEnterprisePolicies } from '../grants/grants.api.ts';
import { GrantLine, sortPolicies, VerdictTag, verdictOf } from '../grants/PolicyVerdict.tsx';
import { useMoney } from '../grants/labels.tsx';
import { InboxCard } from './InboxCard.tsx';

function ReportCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const period = lastClosedPeriod();
  const month = useReportMonth(enterpriseId, period);
  const formLink = `/enterprises/${enterpriseId}/reports/${period}`;
  return (
    <Card className="mtx-home-card" title={<h2>{t('home.firm.report', { period })}</h2>}>
      <QueryState query={month}>
        {(m) => {
          const days = daysBetween(today(new Date()), m.deadline as CivilDate);
          if (m.current) {
            return (
              <Space direction="vertical" size={8}>
                <Space size={8} className="mtx-home-big">
                  <CheckCircleTwoTone twoToneColor="#52c41a" />
                  {t('home.firm.filed')}
                </Space>
                <Typography.Text>
                  {t('home.firm.filedAt', { at: formatDateTime(m.current.submittedAt) })}{' '}
                  <Tag color={m.current.onTime ? 'green' : 'orange'}>
                    {m.current.onTime ? t('home.firm.onTime') : t('home.firm.late')}
                  </Tag>
                </Typography.Text>
                <LinkButton to={formLink}>{t('home.firm.view')}</LinkButton>
              </Space>
            );
          }
          const overdue = days < 0;
          return (
            <Space direction="vertical" size={8}>
              <Space size={8} className="mtx-home-big">
                {overdue ? (
                  <ExclamationCircleTwoTone twoToneColor="#f5222d" />
                ) : (
                  <ClockCircleTwoTone twoToneColor="#fa8c16" />
                )}
                {t('home.firm.notFiled')}
              </Space>
              <Typography.Text type={overdue ? 'danger' : undefined}>
                {overdue
                  ? t('home.firm.overdue', { deadline: m.deadline, days: -days })
                  : t('home.firm.due', { deadline: m.deadline, days })}
              </Typography.Text>
              <LinkButton type="primary" to={formLink}>
                {t('home.firm.fileNow')}
              </LinkButton>
            </Space>
          );
        }}
      </QueryState>
    </Card>
  );
}

function PoliciesCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const money = useMoney();
  const policies = useEnterprisePolicies(enterpriseId);
  const all = `/enterprises/${enterpriseId}/policies`;
  return (
    <QueryState query={policies}>
      {(list) => {
        const sorted = sortPolicies(list);
        const eligible = list.filter((p) => verdictOf(p) === 'eligible');
        const grants = list.flatMap((p) => p.grants.map((g) => ({ g, policy: p.policy })));
        return (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card
                className="mtx-home-card"
                title={<h2>{t('home.firm.policies')}</h2>}
                extra={<Link to={all}>{t('home.all')}</Link>}
              >
                {list.length === 0 ? (
                  <Empty description={t('home.firm.noPolicies')} />
                ) : (
                  <>
                    <Typography.Paragraph>
                      {t('home.firm.policyTally', { eligible: eligible.length, total: list.length })}
                    </Typography.Paragraph>
                    <ul className="mtx-home-list">
                      {sorted.slice(0, 6).map((p) => (
                        <li key={p.policy.id}>
                          <span className="mtx-home-grow">{pick(p.policy.name, p.policy.nameEn)}</span>
                          {p.explanation?.eligible && p.explanation.amount !== null && (
                            <Typography.Text strong>{money(p.explanation.amount)}</Typography.Text>
                          )}
                          <VerdictTag verdict={verdictOf(p)} />
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card className="mtx-home-card" title={<h2>{t('home.firm.grants')}</h2>}>
                {grants.length === 0 ? (
                  <Empty description={t('home.firm.noGrants')} />
                ) : (
                  <ul className="mtx-home-list">
                    {grants.map(({ g, policy }) => (
                      <li key={g.batchId}>
                        <span className="mtx-home-grow">{pick(policy.name, policy.nameEn)}</span>
                        <GrantLine grant={g} batchLink={false} />
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </Col>
          </Row>
        );
      }}
    </QueryState>
  );
}

export function EnterpriseHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const title = t('home.menu');
  useDocumentTitle(title);
  const id = user.enterpriseId!;
  return (
    <Page
      title={title}
      subTitle={user.enterpriseName ?? undefined}
      extra={<LinkButton to={`/enterprises/${id}`}>{t('home.firm.profile')}</LinkButton>}
    >
      <Alert type="info" showIcon className="mtx-home-stat-row" message={t('home.firm.intro')} />
      <Row gutter={[16, 16]} className="mtx-home-stat-row">
        <Col xs={24} xl={12}>
          <ReportCard enterpriseId={id} />
        </Col>
        <Col xs={24} xl={12}>
          <InboxCard />
        </Col>
      </Row>
      <PoliciesCard enterpriseId={id} />
    </Page>
  );
}

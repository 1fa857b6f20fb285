// /plan: the plan at a glance — status, period and baseline, the overall targets, the key tasks by section, safeguards.
import { Card, Col, Collapse, Descriptions, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { AimOutlined, CalendarOutlined, FundOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PlanOverview, Section, Target } from '@contracts/modules/plan/plan.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { formatGoal } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { UnitTags } from '../../components/UnitTags.tsx';
import { usePlan } from './plan.api.ts';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { usePublicTaskColours } from '../supervision/supervision.api.ts';
import { ColourTag, progress } from '../supervision/labels.tsx';

export function PlanStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color="orange">{t(`plan.status.${status}`, { defaultValue: status })}</Tag>;
}

function TargetCard({ target }: { target: Target }) {
  const { t } = useTranslation();
  const { lang, pick } = useLanguage();
  return (
    <Tooltip title={<span lang="zh-CN">“{target.quote}”</span>} placement="top">
      <Card size="small" className="mtx-target" aria-label={pick(target.name, target.nameEn)} tabIndex={0}>
        <div className="mtx-target-name">{pick(target.name, target.nameEn)}</div>
        <div className="mtx-target-goal">{formatGoal(target.goal, target.unit, lang)}</div>
        <div className="mtx-target-meta">
          {target.strive && <Tag color="volcano">{t('plan.strive')}</Tag>}
          <Tag>{t(`plan.aim.${target.aim}`)}</Tag>
          <span className="mtx-muted">
            <CalendarOutlined /> {t('plan.deadlineOn', { date: target.deadline })}
          </span>
        </div>
      </Card>
    </Tooltip>
  );
}

type TaskRow = Section['tasks'][number];

type Colours = NonNullable<ReturnType<typeof usePublicTaskColours>['data']>;

function SectionCard({ section, colours }: { section: Section; colours: Colours | undefined }) {
  const { t } = useTranslation();
  const { pick, isEn } = useLanguage();
  const mobile = useIsMobile();
  // the 督查督办 colours (the public's task-level view): a task's colour and progress beside it
  const colourOf = (n: number) => colours?.tasks.find((c) => c.number === n);
  const sectionColour = colours?.sections.find((c) => c.number === section.number);
  const heading = isEn ? `${section.number}. ${section.titleEn}` : `${section.numeral}、${section.title}`;
  return (
    <Card
      className="mtx-section"
      title={<h3 className="mtx-card-heading">{heading}</h3>}
      extra={
        <span className="mtx-muted">
          {sectionColour && <ColourTag colour={sectionColour.colour} reason={sectionColour.reason} />}
          {t('plan.taskCount', { count: section.tasks.length })}
        </span>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<TaskRow>
        rowKey="number"
        size="middle"
        pagination={false}
        dataSource={section.tasks}
        tableLayout="fixed"
        columns={[
          { title: t('plan.taskNumber'), dataIndex: 'number', width: mobile ? 48 : 64, align: 'center' },
          {
            title: t('plan.task'),
            dataIndex: 'title',
            width: mobile ? undefined : '32%',
            render: (_, r) => (
              <>
                <Link to={`/plan/tasks/${r.number}`}>{pick(r.title, r.titleEn)}</Link>
                {mobile && colourOf(r.number) && (
                  <div className="mtx-task-leads">
                    <ColourTag colour={colourOf(r.number)!.colour} /> {progress(colourOf(r.number)!)}
                  </div>
                )}
                {mobile && (
                  <div className="mtx-task-leads">
                    <span className="mtx-muted">{t('plan.leadUnits')}：</span>
                    <UnitTags units={r.leadUnits} />
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('plan.taskColour'),
            key: 'colour',
            width: 150,
            hidden: mobile || !colours,
            render: (_, r) => {
              const c = colourOf(r.number);
              return c ? (
                <span style={{ whiteSpace: 'nowrap' }}>
                  <ColourTag colour={c.colour} />
                  <span className="mtx-muted">{progress(c)}</span>
                </span>
              ) : null;
            },
          },
          {
            title: t('plan.leadUnits'),
            dataIndex: 'leadUnits',
            width: '24%',
            hidden: mobile,
            render: (_, r) => <UnitTags units={r.leadUnits} />,
          },
          {
            title: t('plan.responsibleUnits'),
            dataIndex: 'responsibleUnits',
            responsive: ['lg'],
            render: (_, r) => <UnitTags units={r.responsibleUnits} />,
          },
        ]}
      />
    </Card>
  );
}

function PlanView({ data }: { data: PlanOverview }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const { plan } = data;
  const { user } = useSession();
  const colours = usePublicTaskColours();
  useDocumentTitle(t('nav.plan'));
  return (
    <Page
      title={pick(plan.title, plan.titleEn)}
      tags={<PlanStatusTag status={plan.status} />}
      extra={
        // progress against the targets: the signed-in overview, or the public view for visitors
        <LinkButton to={user ? '/monitoring' : '/public'} icon={<FundOutlined />}>
          {t('public.progressLink')}
        </LinkButton>
      }
      crumbs={[{ title: t('nav.plan') }]}
      content={
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('plan.district')}>
            {pick(plan.district.name, plan.district.nameEn)}
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.period')}>
            {t('plan.periodValue', { end: plan.endDate })}
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.baseline')}>{plan.baselineDate}</Descriptions.Item>
        </Descriptions>
      }
    >
      <Typography.Paragraph
        className="mtx-preamble"
        ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }}
      >
        {plan.preamble}
      </Typography.Paragraph>

      <section aria-labelledby="targets-heading" className="mtx-block">
        <h2 id="targets-heading" className="mtx-h2">
          <AimOutlined /> {t('plan.targets')}
        </h2>
        <Row gutter={[12, 12]}>
          {data.targets.map((target) => (
            <Col key={target.code} xs={12} sm={12} lg={8} xxl={6}>
              <TargetCard target={target} />
            </Col>
          ))}
        </Row>
        <Card size="small" className="mtx-goal-statement" title={t('plan.goalStatement')}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{plan.goalStatement}</Typography.Paragraph>
        </Card>
      </section>

      <section aria-labelledby="tasks-heading" className="mtx-block">
        <h2 id="tasks-heading" className="mtx-h2">
          {t('plan.tasks')}
        </h2>
        {data.sections.map((s) => (
          <SectionCard key={s.number} section={s} colours={colours.data} />
        ))}
      </section>

      {data.safeguards.length > 0 && (
        <section aria-labelledby="safeguards-heading" className="mtx-block">
          <h2 id="safeguards-heading" className="mtx-h2">
            {t('plan.safeguards')}
          </h2>
          <Collapse
            items={data.safeguards.map((g) => ({
              key: String(g.number),
              label: `${g.number}. ${g.title}`,
              children: (
                <>
                  <Typography.Paragraph>{g.text}</Typography.Paragraph>
                  {(g.leadUnits.length > 0 || g.responsibleUnits.length > 0) && (
                    <Descriptions size="small" column={1}>
                      {g.leadUnits.length > 0 && (
                        <Descriptions.Item label={t('plan.leadUnits')}>
                          <UnitTags units={g.leadUnits} />
                        </Descriptions.Item>
                      )}
                      {g.responsibleUnits.length > 0 && (
                        <Descriptions.Item label={t('plan.responsibleUnits')}>
                          <UnitTags units={g.responsibleUnits} />
                        </Descriptions.Item>
                      )}
                    </Descriptions>
                  )}
                </>
              ),
            }))}
          />
        </section>
      )}
    </Page>
  );
}

export function PlanPage() {
  const query = usePlan();
  return <QueryState query={query}>{(data) => <PlanView data={data} />}</QueryState>;
}

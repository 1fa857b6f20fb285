// A department user's home: the targets it owns (named owner, or lead unit of the target's key task) on the
// overview's cards, and the key tasks it leads and shares.
import { Card, Col, Empty, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useOverview } from '../monitoring/monitoring.api.ts';
import { OverviewGrid } from '../monitoring/OverviewGrid.tsx';
import { useUnit } from '../units/units.api.ts';
import { InboxCard } from './InboxCard.tsx';

function TasksCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const unit = useUnit(unitId);
  return (
    <Card className="mtx-home-card" title={<h2>{t('home.dept.tasks')}</h2>}>
      <QueryState query={unit}>
        {(u) =>
          u.leads.length + u.shares.length === 0 ? (
            <Empty description={t('home.dept.noTasks')} />
          ) : (
            <ul className="mtx-home-list">
              {u.leads.map((task) => (
                <li key={task.number}>
                  <Tag color="gold">{t('home.dept.lead')}</Tag>
                  <span className="mtx-home-grow">
                    <Link to={`/plan/tasks/${task.number}`}>
                      {task.number}. {pick(task.title, task.titleEn)}
                    </Link>
                  </span>
                </li>
              ))}
              {u.shares.map((task) => (
                <li key={task.number}>
                  <Tag>{t('home.dept.share')}</Tag>
                  <span className="mtx-home-grow">
                    <Link to={`/plan/tasks/${task.number}`}>
                      {task.number}. {pick(task.title, task.titleEn)}
                    </Link>
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}

export function DepartmentHome({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const overview = useOverview('staff');
  const unitId = user.unitId!;
  const title = t('home.menu');
  useDocumentTitle(title);
  return (
    <Page
      title={title}
      subTitle={user.unitName ?? undefined}
      extra={<LinkButton to="/monitoring">{t('home.dept.overview')}</LinkButton>}
    >
      <h2 className="mtx-home-section-title">{t('home.dept.targets')}</h2>
      <div className="mtx-home-stat-row">
        <QueryState query={overview}>
          {(data) => {
            const owned = data.targets.filter((x) => x.owners.some((o) => o.id === unitId));
            return owned.length === 0 ? (
              <Card>
                <Empty description={t('home.dept.noTargets')} />
              </Card>
            ) : (
              <OverviewGrid
                data={{ ...data, targets: owned }}
                targetPath={(code) => `/monitoring/targets/${code}`}
              />
            );
          }}
        </QueryState>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <TasksCard unitId={unitId} />
        </Col>
        <Col xs={24} xl={10}>
          <InboxCard />
        </Col>
      </Row>
    </Page>
  );
}

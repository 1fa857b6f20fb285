// /plan/tasks/:number — one key task: its section, full text, lead and responsible units, the original wording, neighbours.
import { Card, Descriptions, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { TaskDetail } from '@contracts/modules/plan/plan.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { NotFound } from '../../app/NotFound.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { UnitTags } from '../../components/UnitTags.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useTask } from './plan.api.ts';
import { TaskItemsCard } from '../supervision/TaskItems.tsx';

function TaskView({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const { pick, isEn } = useLanguage();
  const mobile = useIsMobile();
  const title = pick(task.title, task.titleEn);
  const section = isEn
    ? `${task.section.number}. ${task.section.titleEn}`
    : `${task.section.numeral}、${task.section.title}`;
  useDocumentTitle(title);
  return (
    <Page
      title={t('plan.taskHeading', { number: task.number, title })}
      crumbs={[
        { title: t('nav.plan'), to: '/plan' },
        { title: section },
        { title: t('plan.taskShort', { number: task.number }) },
      ]}
      extra={
        <Space wrap>
          {task.previous !== null && (
            <LinkButton to={`/plan/tasks/${task.previous}`} icon={<LeftOutlined />}>
              {t('plan.previousTask', { number: task.previous })}
            </LinkButton>
          )}
          {task.next !== null && (
            <LinkButton to={`/plan/tasks/${task.next}`} icon={<RightOutlined />} iconPosition="end">
              {t('plan.nextTask', { number: task.next })}
            </LinkButton>
          )}
        </Space>
      }
    >
      <Card size={mobile ? 'small' : 'default'}>
        <Descriptions
          column={1}
          bordered
          size={mobile ? 'small' : 'middle'}
          layout={mobile ? 'vertical' : 'horizontal'}
          className="mtx-task-desc"
        >
          <Descriptions.Item label={t('plan.section')}>{section}</Descriptions.Item>
          {isEn && <Descriptions.Item label={t('plan.titleZh')}>{task.title}</Descriptions.Item>}
          <Descriptions.Item label={t('plan.taskText')}>
            <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-line' }}>
              {task.text}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.leadUnits')}>
            <UnitTags units={task.leadUnits} />
          </Descriptions.Item>
          <Descriptions.Item
            label={t(`plan.responsibleLabels.${task.responsibleLabel}`, {
              defaultValue: task.responsibleLabel,
            })}
          >
            <UnitTags units={task.responsibleUnits} empty={t('plan.noResponsibleUnits')} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.unitsQuote')}>
            <Typography.Text type="secondary" lang="zh-CN">
              {task.unitsQuote}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <TaskItemsCard taskNumber={task.number} />
    </Page>
  );
}

export function TaskPage() {
  const { number } = useParams();
  const n = Number(number);
  const query = useTask(n);
  if (!/^\d+$/.test(number ?? '') || n < 1) return <NotFound />;
  return <QueryState query={query}>{(task) => <TaskView task={task} />}</QueryState>;
}

// A key task's page, its 督查督办 part: the task's colour and progress for everyone, and for supervision staff the
// task's work items (the ones they may read) with their colours and latest progress; an item opens the drawer with
// its every report version, notices and colour history.
import { useState } from 'react';
import { Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/session.ts';
import { mayViewSupervision } from './supervision.access.ts';
import { useLedger, usePublicTaskColours } from './supervision.api.ts';
import { ColourTag, progress, StatusTag } from './labels.tsx';
import { ItemDrawer } from './ItemDrawer.tsx';

export function TaskItemsCard({ taskNumber }: { taskNumber: number }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = mayViewSupervision(user);
  const colours = usePublicTaskColours();
  const items = useLedger({ taskNumber }, 1, 100, staff);
  const [openId, setOpenId] = useState<string>();
  const task = colours.data?.tasks.find((c) => c.number === taskNumber);
  return (
    <Card
      style={{ marginTop: 16 }}
      title={t('supervision.taskPage.title')}
      extra={
        task && (
          <Space>
            <ColourTag colour={task.colour} />
            <Typography.Text type="secondary">{progress(task)}</Typography.Text>
          </Space>
        )
      }
    >
      {staff ? (
        <>
          <List
            size="small"
            loading={items.isLoading}
            dataSource={items.data?.items ?? []}
            locale={{ emptyText: t('supervision.taskPage.empty') }}
            renderItem={(i) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <a onClick={() => setOpenId(i.id)}>
                        {i.number}. {i.title}
                      </a>
                      <StatusTag status={i.status} />
                    </Space>
                  }
                  description={
                    <Typography.Text type="secondary">
                      {i.owner.name} · {t('supervision.field.due')} {i.dueDate}
                      {i.latestReport && ` · ${i.latestReport.period}：${i.latestReport.progress}`}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
          <Link to={`/supervision?taskNumber=${taskNumber}`}>{t('supervision.taskPage.ledger')}</Link>
          <ItemDrawer id={openId} onClose={() => setOpenId(undefined)} />
        </>
      ) : (
        <Typography.Text type="secondary">{t('supervision.taskPage.publicNote')}</Typography.Text>
      )}
    </Card>
  );
}

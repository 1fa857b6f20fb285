// /inbox — every notification of the signed-in user, newest first: category, title, body, time and read state.
// Opening one marks it read; its link opens the page it is about; everything can be marked read at once.
import { useState } from 'react';
import { Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { InboxItem } from '@contracts/modules/notifications/notifications.contract.ts';
import { useShowError } from '../../app/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { appPath, useInboxList, useMarkAllRead, useMarkRead } from './inbox.api.ts';
import { categoryColours } from './labels.ts';
import './inbox.css';

const PAGE_SIZE = 20;

export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('filter') === 'unread';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [opened, setOpened] = useState<Set<string>>(() => new Set(params.getAll('open')));
  const list = useInboxList(unreadOnly, page, PAGE_SIZE);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  useDocumentTitle(t('inbox.title'));

  const setQuery = (filter: 'all' | 'unread', nextPage: number) => {
    const p = new URLSearchParams();
    if (filter === 'unread') p.set('filter', 'unread');
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
  };

  const read = (item: InboxItem) => {
    if (!item.read) markRead.mutate(item.id, { onError: showError });
  };

  const toggle = (item: InboxItem) => {
    read(item);
    setOpened((s) => {
      const next = new Set(s);
      if (next.has(item.id)) next.delete(item.id);
      else next.add(item.id);
      return next;
    });
  };

  const follow = (item: InboxItem, path: string) => {
    read(item);
    navigate(path);
  };

  return (
    <Page
      title={t('inbox.title')}
      subTitle={list.data ? t('inbox.summary', { unread: list.data.unread }) : undefined}
      extra={
        <Button
          icon={<CheckOutlined />}
          disabled={!list.data?.unread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: showError })}
        >
          {t('inbox.markAllRead')}
        </Button>
      }
    >
      <Card
        title={
          <Segmented<'all' | 'unread'>
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setQuery(v, 1)}
            options={[
              { value: 'all', label: t('inbox.filterAll') },
              { value: 'unread', label: t('inbox.filterUnread') },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <QueryState query={list}>
          {(data) => (
            <List<InboxItem>
              dataSource={data.items}
              locale={{ emptyText: unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty') }}
              pagination={
                data.total > PAGE_SIZE
                  ? {
                      current: page,
                      pageSize: PAGE_SIZE,
                      total: data.total,
                      showSizeChanger: false,
                      onChange: (p) => setQuery(unreadOnly ? 'unread' : 'all', p),
                      style: { padding: '0 16px 16px' },
                    }
                  : false
              }
              renderItem={(item) => {
                const isOpen = opened.has(item.id);
                const path = appPath(item.link);
                return (
                  <List.Item
                    className={item.read ? 'mtx-inbox-row' : 'mtx-inbox-row mtx-inbox-row-unread'}
                    onClick={() => toggle(item)}
                  >
                    <List.Item.Meta
                      title={
                        <Space size={8} wrap>
                          <Tag color={categoryColours[item.category] ?? 'default'} className="mtx-inbox-tag">
                            {t(`inbox.category.${item.category}`, { defaultValue: item.category })}
                          </Tag>
                          <button
                            type="button"
                            className="mtx-inbox-title-button"
                            aria-expanded={isOpen}
                            onClick={(e) => {
                              e.stopPropagation();
                              toggle(item);
                            }}
                          >
                            <span
                              className={
                                item.read ? 'mtx-inbox-title' : 'mtx-inbox-title mtx-inbox-title-unread'
                              }
                            >
                              {item.title}
                            </span>
                          </button>
                          {item.read ? (
                            <Typography.Text type="secondary" className="mtx-inbox-state">
                              {t('inbox.read')}
                            </Typography.Text>
                          ) : (
                            <Badge status="processing" text={t('inbox.unread')} />
                          )}
                        </Space>
                      }
                      description={
                        <>
                          <Typography.Paragraph
                            className="mtx-inbox-body"
                            ellipsis={isOpen ? false : { rows: 1 }}
                          >
                            {item.body}
                          </Typography.Paragraph>
                          <div className="mtx-inbox-foot">
                            <span className="mtx-inbox-time">{formatDateTime(item.createdAt)}</span>
                            {path && (
                              <Button
                                type="link"
                                size="small"
                                icon={<ExportOutlined />}
                                onClick={(e) => {
                                  e.stopPropagation();
                                  follow(item, path);
                                }}
                              >
                                {t('inbox.openLink')}
                              </Button>
                            )}
                          </div>
                        </>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

// The header bell: the unread count (polled every minute and on focus) and a panel with the latest five notifications.
import { useState } from 'react';
import { Badge, Button, Empty, List, Popover, Space, Spin, Tag, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useIsMobile } from '../../components/useIsMobile.ts';
import type { InboxItem } from '@contracts/modules/notifications/notifications.contract.ts';
import { useShowError } from '../../app/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { appPath, useInboxList, useMarkAllRead, useMarkRead, useUnreadCount } from './inbox.api.ts';
import { categoryColours } from './labels.ts';
import './inbox.css';

function Latest({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useShowError();
  const list = useInboxList(false, 1, 5);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  const open = (item: InboxItem) => {
    if (!item.read) markRead.mutate(item.id, { onError: showError });
    onClose();
    navigate(appPath(item.link) ?? `/inbox?open=${item.id}`);
  };

  return (
    <div className="mtx-inbox-panel">
      <div className="mtx-inbox-panel-head">
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          icon={<CheckOutlined />}
          disabled={!list.data?.unread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onError: showError })}
        >
          {t('inbox.markAllRead')}
        </Button>
      </div>
      {list.isPending ? (
        <div className="mtx-center" style={{ minHeight: 120 }}>
          <Spin />
        </div>
      ) : !list.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        <List<InboxItem>
          size="small"
          dataSource={list.data.items}
          renderItem={(item) => (
            <List.Item
              className={item.read ? 'mtx-inbox-item' : 'mtx-inbox-item mtx-inbox-unread'}
              onClick={() => open(item)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  open(item);
                }
              }}
              tabIndex={0}
              role="link"
            >
              <div className="mtx-inbox-item-body">
                <Space size={6} align="start">
                  <Tag color={categoryColours[item.category] ?? 'default'} className="mtx-inbox-tag">
                    {t(`inbox.category.${item.category}`, { defaultValue: item.category })}
                  </Tag>
                  <span className="mtx-inbox-title">{item.title}</span>
                </Space>
                <div className="mtx-inbox-time">
                  {!item.read && <Badge status="processing" text={t('inbox.unread')} />}
                  <span>{formatDateTime(item.createdAt)}</span>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
      <div className="mtx-inbox-panel-foot">
        <Button
          type="link"
          block
          onClick={() => {
            onClose();
            navigate('/inbox');
          }}
        >
          {t('inbox.viewAll')}
        </Button>
      </div>
    </div>
  );
}

export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount(true);
  const unread = count.data ?? 0;
  const label = unread > 0 ? t('inbox.bellUnread', { count: unread }) : t('inbox.title');
  const bell = (
    <Button
      type="text"
      className="mtx-header-action mtx-inbox-bell"
      aria-label={label}
      title={label}
      onClick={mobile ? () => navigate('/inbox') : undefined}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
        <BellOutlined className="mtx-inbox-bell-icon" />
      </Badge>
    </Button>
  );
  // on a phone the latest five would not fit beside the header: the bell opens the inbox page
  if (mobile) return bell;
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      // mounted only while open, so the latest five are fetched fresh each time
      content={<Latest onClose={() => setOpen(false)} />}
      destroyOnHidden
      styles={{ body: { padding: 0 } }}
    >
      {bell}
    </Popover>
  );
}

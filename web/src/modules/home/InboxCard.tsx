// The home's latest notifications (reminders, alerts, decisions), newest first, each leading to its page.
import { Badge, Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../components/format.ts';
import { appPath, useInboxList } from '../inbox/inbox.api.ts';

export function InboxCard() {
  const { t } = useTranslation();
  const inbox = useInboxList(false, 1, 5);
  return (
    <Card
      className="mtx-home-card"
      title={<h2>{t('home.inbox')}</h2>}
      extra={<Link to="/inbox">{t('home.all')}</Link>}
    >
      <QueryState query={inbox}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty description={t('home.inboxEmpty')} />
          ) : (
            <ul className="mtx-home-list">
              {page.items.map((n) => {
                const to = appPath(n.link);
                return (
                  <li key={n.id}>
                    <Badge status={n.read ? 'default' : 'processing'} />
                    <span className="mtx-home-grow">{to ? <Link to={to}>{n.title}</Link> : n.title}</span>
                    <span className="mtx-home-muted">{formatDateTime(n.createdAt)}</span>
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}

// Pending 忘记密码 requests on the accounts page: approve (a new initial password, delivered to the account's
// enterprise contact, to be changed at login) or reject. Shown only when there is something to decide.
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useShowError } from '../../app/errors.ts';
import { useDecideReset, useResetRequests } from './users.api.ts';

export function ResetRequests() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const requests = useResetRequests();
  const decide = useDecideReset();
  const items = requests.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card
      title={t('accounts.resetsTitle', { count: items.length })}
      size="small"
      style={{ marginBottom: 16 }}
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        columns={[
          {
            title: t('auth.username'),
            dataIndex: 'username',
            render: (v: string) => <span className="mtx-mono">{v}</span>,
          },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.roleLabel'), dataIndex: 'role', render: (r: string) => t(`users.role.${r}`) },
          {
            title: t('accounts.requestedAt'),
            dataIndex: 'requestedAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('accounts.address'),
            dataIndex: 'ip',
            render: (v: string) => <span className="mtx-mono">{v}</span>,
          },
          {
            title: t('accounts.delivery'),
            dataIndex: 'reachable',
            render: (v: boolean) =>
              v ? (
                <Tag color="green">{t('accounts.reachable')}</Tag>
              ) : (
                <Tag>{t('accounts.unreachableReset')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space>
                <Popconfirm
                  title={t('accounts.approveConfirm', { username: r.username })}
                  disabled={!r.reachable}
                  onConfirm={() =>
                    decide.mutate(
                      { id: r.id, approve: true },
                      {
                        onSuccess: (d) =>
                          void message.success(
                            t(d.delivered > 0 ? 'accounts.approved' : 'accounts.approvedUndelivered'),
                          ),
                        onError: showError,
                      },
                    )
                  }
                >
                  <Button
                    size="small"
                    type="primary"
                    disabled={!r.reachable}
                    aria-label={`${t('accounts.approve')} ${r.username}`}
                  >
                    {t('accounts.approve')}
                  </Button>
                </Popconfirm>
                <Button
                  size="small"
                  aria-label={`${t('accounts.reject')} ${r.username}`}
                  onClick={() =>
                    decide.mutate(
                      { id: r.id, approve: false },
                      { onSuccess: () => void message.success(t('accounts.rejected')), onError: showError },
                    )
                  }
                >
                  {t('accounts.reject')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

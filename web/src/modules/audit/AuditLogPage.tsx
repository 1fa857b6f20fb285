// /audit (administrators): the district's whole audit log — filter by user, record (kind + id), action and dates,
// a 登录记录 tab for the login history (addresses partly masked by the server), each entry's before/after on expand,
// and the filtered log as .xlsx. Every page read is itself on record (the server audits it).
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { AuditLogEntry } from '@contracts/platform/audit/audit.contract.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useShowError } from '../../app/errors.ts';
import { useUsers } from '../users/users.api.ts';
import { downloadAuditLog, useAuditLog, type AuditLogFilter } from './audit.api.ts';

const actions = [
  'create',
  'update',
  'delete',
  'import',
  'load',
  'export',
  'read',
  'refused',
  'login',
  'login_failed',
  'logout',
  'password_change_failed',
  'bulk_create',
  'reset_requested',
  'reset_approved',
  'reset_rejected',
] as const;
const entities = [
  'user',
  'users',
  'enterprise',
  'report',
  'policy',
  'grantBatch',
  'plan',
  'access',
  'export',
  'login',
  'audit',
];
const actionColours: Record<string, string> = {
  login: 'green',
  login_failed: 'red',
  refused: 'red',
  password_change_failed: 'red',
  delete: 'volcano',
  create: 'blue',
  update: 'geekblue',
  export: 'purple',
  read: 'default',
};

interface FormValues {
  userId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditLogPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auditLog.title'));
  const showError = useShowError();
  const users = useUsers();
  const [form] = Form.useForm<FormValues>();
  const [tab, setTab] = useState<'all' | 'logins'>('all');
  const [filter, setFilter] = useState<AuditLogFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const effective: AuditLogFilter = { ...filter, ...(tab === 'logins' ? { logins: true } : {}) };
  const log = useAuditLog(effective, page, pageSize);
  const [downloading, setDownloading] = useState(false);

  const apply = (v: FormValues) => {
    setPage(1);
    setFilter({
      userId: v.userId || undefined,
      entity: v.entity?.trim() || undefined,
      entityId: v.entityId?.trim() || undefined,
      action: v.action || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
  };
  const actionLabel = (a: string) => t(`auditLog.action.${a}`, { defaultValue: a });

  return (
    <Page title={t('auditLog.title')} crumbs={[{ title: t('auditLog.title') }]}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FormValues> form={form} layout="inline" onFinish={apply} aria-label={t('auditLog.filter')}>
          <Form.Item name="userId" label={t('auditLog.user')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 200 }}
              placeholder={t('auditLog.anyUser')}
              options={(users.data ?? []).map((u) => ({
                value: u.id,
                label: `${u.displayName} (${u.username})`,
              }))}
            />
          </Form.Item>
          <Form.Item name="entity" label={t('auditLog.entity')}>
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('auditLog.anyEntity')}
              options={entities.map((e) => ({
                value: e,
                label: t(`auditLog.entityKind.${e}`, { defaultValue: e }),
              }))}
            />
          </Form.Item>
          <Form.Item name="entityId" label={t('auditLog.entityId')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="action" label={t('auditLog.actionLabel')}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('auditLog.anyAction')}
              options={actions.map((a) => ({ value: a, label: actionLabel(a) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('auditLog.time')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('auditLog.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('auditLog.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as 'all' | 'logins');
            setPage(1);
          }}
          items={[
            { key: 'all', label: t('auditLog.all') },
            { key: 'logins', label: t('auditLog.logins') },
          ]}
          tabBarExtraContent={
            <Button
              icon={<DownloadOutlined />}
              loading={downloading}
              onClick={() => {
                setDownloading(true);
                downloadAuditLog(effective)
                  .catch(showError)
                  .finally(() => setDownloading(false));
              }}
            >
              {t('auditLog.export')}
            </Button>
          }
        />
        <Table<AuditLogEntry>
          rowKey="id"
          size="small"
          loading={log.isFetching}
          dataSource={log.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('auditLog.total', { total }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          expandable={{
            rowExpandable: (r) => r.before !== null || r.after !== null,
            expandedRowRender: (r) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {r.before !== null && (
                  <div>
                    <Typography.Text type="secondary">{t('auditLog.before')}</Typography.Text>
                    <pre className="mtx-mono" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {JSON.stringify(r.before, null, 2)}
                    </pre>
                  </div>
                )}
                {r.after !== null && (
                  <div>
                    <Typography.Text type="secondary">{t('auditLog.after')}</Typography.Text>
                    <pre className="mtx-mono" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {JSON.stringify(r.after, null, 2)}
                    </pre>
                  </div>
                )}
              </Space>
            ),
          }}
          columns={[
            {
              title: t('auditLog.time'),
              dataIndex: 'at',
              width: 170,
              render: (v: string) => formatDateTime(v),
            },
            { title: t('auditLog.user'), dataIndex: 'actorLabel', width: 200 },
            {
              title: t('auditLog.actionLabel'),
              dataIndex: 'action',
              width: 130,
              render: (a: string) => <Tag color={actionColours[a] ?? 'default'}>{actionLabel(a)}</Tag>,
            },
            {
              title: t('auditLog.entity'),
              dataIndex: 'entity',
              width: 110,
              render: (e: string) => t(`auditLog.entityKind.${e}`, { defaultValue: e }),
            },
            {
              title: t('auditLog.entityId'),
              dataIndex: 'entityId',
              ellipsis: true,
              render: (v: string) => <span className="mtx-mono">{v}</span>,
            },
            {
              title: t('auditLog.note'),
              dataIndex: 'note',
              width: 160,
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
      </Card>
    </Page>
  );
}

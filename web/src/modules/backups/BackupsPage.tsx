// /backups (administrators): the archives in the backup directory with size, time and what each holds; "back up now";
// "verify" restores an archive into a scratch database and shows each table's row count and checksum against the
// archive's manifest; "download".
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Modal, Space, Table, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, DatabaseOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { BackupItem, VerifyResult } from '@contracts/platform/backup/backup.contract.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useShowError } from '../../app/errors.ts';
import { downloadBackup, useBackups, useCreateBackup, useVerifyBackup } from './backups.api.ts';

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function BackupsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('backups.title'));
  const showError = useShowError();
  const list = useBackups();
  const create = useCreateBackup();
  const verify = useVerifyBackup();
  const [verifying, setVerifying] = useState<string | null>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);

  const runVerify = (name: string) => {
    setVerifying(name);
    verify
      .mutateAsync(name)
      .then(setResult)
      .catch(showError)
      .finally(() => setVerifying(null));
  };
  const schedule = list.data?.schedule;

  return (
    <Page
      title={t('backups.title')}
      crumbs={[{ title: t('backups.title') }]}
      extra={
        <Button
          type="primary"
          icon={<DatabaseOutlined />}
          loading={create.isPending}
          onClick={() => create.mutateAsync().catch(showError)}
        >
          {t('backups.create')}
        </Button>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('backups.dir')}>
            <Typography.Text code>{list.data?.dir ?? '…'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.schedule')}>
            {schedule
              ? schedule.hour === null
                ? t('backups.scheduleOff')
                : t('backups.daily', { hour: String(schedule.hour).padStart(2, '0') })
              : '…'}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.keep')}>{schedule?.keep ?? '…'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Table<BackupItem>
          rowKey="name"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('backups.none') }}
          columns={[
            {
              title: t('backups.time'),
              key: 'time',
              render: (_, b) => formatDateTime(b.summary?.createdAt ?? b.modifiedAt),
            },
            {
              title: t('backups.name'),
              dataIndex: 'name',
              render: (n: string) => <Typography.Text code>{n}</Typography.Text>,
            },
            {
              title: t('backups.size'),
              dataIndex: 'bytes',
              align: 'right',
              render: (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{size(n)}</span>,
            },
            {
              title: t('backups.contents'),
              key: 'contents',
              render: (_, b) =>
                b.summary ? (
                  <Space size={4} wrap>
                    <Tag>{b.summary.store === 'pg' ? 'PostgreSQL' : 'PGlite'}</Tag>
                    <Tag>v{b.summary.appVersion}</Tag>
                    <span>{t('backups.tablesRows', { tables: b.summary.tables, rows: b.summary.rows })}</span>
                    <span>{t('backups.migrations', { count: b.summary.migrations.count })}</span>
                    {b.summary.districts.map((d) => (
                      <Tag key={d.id} color="blue">
                        {d.name}
                        {d.plans.map((p) => ` · ${t('backups.planVersion', { version: p.dataVersion })}`)}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="danger">{b.error}</Typography.Text>
                ),
            },
            {
              title: t('backups.actions'),
              key: 'actions',
              render: (_, b) => (
                <Space>
                  <Button
                    size="small"
                    icon={<SafetyCertificateOutlined />}
                    loading={verifying === b.name}
                    disabled={verifying !== null}
                    onClick={() => runVerify(b.name)}
                  >
                    {t('backups.verify')}
                  </Button>
                  <Button
                    size="small"
                    icon={<CloudDownloadOutlined />}
                    onClick={() => downloadBackup(b.name).catch(showError)}
                  >
                    {t('backups.download')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!result}
        width={820}
        title={t('backups.verifyTitle', { name: result?.name ?? '' })}
        onCancel={() => setResult(null)}
        footer={<Button onClick={() => setResult(null)}>{t('backups.close')}</Button>}
      >
        {result && (
          <>
            <Alert
              style={{ marginBottom: 12 }}
              type={result.ok ? 'success' : 'error'}
              showIcon
              message={
                result.ok
                  ? t('backups.verifyOk', { tables: result.tables.length })
                  : (result.error ??
                    t('backups.verifyFailed', { bad: result.tables.filter((x) => !x.ok).length }))
              }
              description={t(result.scratch === 'pg' ? 'backups.scratchPg' : 'backups.scratchPglite')}
            />
            <Table
              rowKey="name"
              size="small"
              pagination={false}
              scroll={{ y: 400 }}
              dataSource={result.tables}
              columns={[
                { title: t('backups.table'), dataIndex: 'name' },
                { title: t('backups.expectedRows'), dataIndex: 'expectedRows', align: 'right' },
                { title: t('backups.rows'), dataIndex: 'rows', align: 'right' },
                {
                  title: t('backups.checksum'),
                  dataIndex: 'sha256',
                  render: (s: string) => <Typography.Text code>{s.slice(0, 12)}…</Typography.Text>,
                },
                {
                  title: t('backups.result'),
                  dataIndex: 'ok',
                  render: (ok: boolean) =>
                    ok ? (
                      <Tag color="green">{t('backups.match')}</Tag>
                    ) : (
                      <Tag color="red">{t('backups.mismatch')}</Tag>
                    ),
                },
              ]}
            />
          </>
        )}
      </Modal>
    </Page>
  );
}

// 批量开通企业账号: the registry's enterprises without an account, chosen (or all), one account each; the result lists
// what was created and what was skipped and why. Initial passwords go to each enterprise's contact, never to screen.
import { useState } from 'react';
import { Alert, Button, Modal, Result, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulkEnterpriseAccountsResult } from '@contracts/platform/auth/auth.contract.ts';
import { errorText } from '../../app/errors.ts';
import { useAccountCandidates, useCreateEnterpriseAccounts } from './users.api.ts';

export function BulkAccountsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const candidates = useAccountCandidates(open);
  const create = useCreateEnterpriseAccounts();
  const [selected, setSelected] = useState<string[]>([]);
  const [result, setResult] = useState<BulkEnterpriseAccountsResult | null>(null);
  const close = () => {
    setResult(null);
    setSelected([]);
    create.reset();
    onClose();
  };
  const run = (body: { enterpriseIds: string[] } | { all: true }) =>
    create.mutate(body, { onSuccess: (r) => setResult(r) });
  const items = candidates.data ?? [];

  return (
    <Modal
      title={t('accounts.bulkTitle')}
      open={open}
      onCancel={close}
      width={860}
      destroyOnHidden
      footer={
        result
          ? [
              <Button key="close" type="primary" onClick={close}>
                {t('accounts.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="all"
                disabled={items.length === 0}
                loading={create.isPending}
                onClick={() => run({ all: true })}
              >
                {t('accounts.createAll', { count: items.length })}
              </Button>,
              <Button
                key="selected"
                type="primary"
                disabled={selected.length === 0}
                loading={create.isPending}
                onClick={() => run({ enterpriseIds: selected })}
              >
                {t('accounts.createSelected', { count: selected.length })}
              </Button>,
            ]
      }
    >
      {create.isError && (
        <Alert
          type="error"
          showIcon
          message={errorText(t, create.error, i18n.language)}
          style={{ marginBottom: 12 }}
        />
      )}
      {result ? (
        <>
          <Result
            status={result.created.length > 0 ? 'success' : 'info'}
            title={t('accounts.bulkDone', { created: result.created.length, skipped: result.skipped.length })}
            subTitle={
              result.remaining > 0
                ? `${t('accounts.bulkDelivered')} ${t('accounts.bulkRemaining', { count: result.remaining })}`
                : t('accounts.bulkDelivered')
            }
          />
          <Table
            size="small"
            rowKey="enterpriseId"
            pagination={{ pageSize: 8, showSizeChanger: false }}
            dataSource={[
              ...result.created.map((c) => ({ ...c, outcome: 'created' as const, reason: null })),
              ...result.skipped.map((s) => ({
                ...s,
                outcome: 'skipped' as const,
                username: '',
                delivered: 0,
              })),
            ]}
            columns={[
              { title: t('accounts.enterprise'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
              {
                title: t('auth.username'),
                dataIndex: 'username',
                render: (v: string) => <span className="mtx-mono">{v || '—'}</span>,
              },
              {
                title: t('accounts.outcome'),
                key: 'outcome',
                render: (_, r) =>
                  r.outcome === 'created' ? (
                    r.delivered > 0 ? (
                      <Tag color="green">{t('accounts.createdDelivered')}</Tag>
                    ) : (
                      <Tag color="orange">{t('accounts.createdUndelivered')}</Tag>
                    )
                  ) : (
                    <Tag>{t(`accounts.skip.${r.reason}`)}</Tag>
                  ),
              },
            ]}
          />
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('accounts.bulkHelp')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="enterpriseId"
            loading={candidates.isFetching}
            dataSource={items}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as string[]),
              getCheckboxProps: (r) => ({ disabled: !r.reachable }),
            }}
            columns={[
              { title: t('accounts.enterprise'), dataIndex: 'name' },
              {
                title: t('accounts.usernameWillBe'),
                dataIndex: 'uscc',
                render: (v: string) => <span className="mtx-mono">{v}</span>,
              },
              {
                title: t('accounts.subdistrict'),
                dataIndex: 'subdistrictName',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('accounts.delivery'),
                dataIndex: 'reachable',
                render: (v: boolean) =>
                  v ? (
                    <Tag color="green">{t('accounts.reachable')}</Tag>
                  ) : (
                    <Tag>{t('accounts.skip.unreachable')}</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

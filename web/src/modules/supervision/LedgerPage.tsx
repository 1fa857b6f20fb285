// /supervision: the 督查督办 workspace — the ledger (工作台账) with filters by unit, task, colour and state, colour
// tags with their reason on hover, an item drawer with its reports, and the ledger's export and import.
import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { ItemView } from '@contracts/modules/supervision/supervision.contract.ts';
import {
  colours,
  itemStates,
  type Colour,
  type ItemState,
} from '@contracts/modules/supervision/supervision.kinds.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { listOptions, listPagination } from '../../components/listTable.ts';
import { useSession } from '../../app/session.ts';
import {
  downloadLedger,
  importLedger,
  useLedger,
  useRollup,
  useUnits,
  type LedgerFilters,
  type LedgerImport,
} from './supervision.api.ts';
import { mayCreateItems, mayManageLedger } from './supervision.access.ts';
import { SettingsButton } from './SettingsButton.tsx';
import { ItemForm } from './ItemForm.tsx';
import { StatusTag } from './labels.tsx';
import { ItemDrawer } from './ItemDrawer.tsx';
import { useQueryClient } from '@tanstack/react-query';

export function LedgerPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  useDocumentTitle(t('supervision.menu.workspace'));
  // a task's page links here with ?taskNumber=N
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<LedgerFilters>(() => {
    const n = Number(params.get('taskNumber'));
    return Number.isInteger(n) && n > 0 ? { taskNumber: n } : {};
  });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const list = useLedger(filters, page, pageSize);
  const units = useUnits();
  const tasks = useRollup();
  const set = (next: LedgerFilters) => {
    setFilters(next);
    setPage(1);
  };

  const columns: ProColumns<ItemView>[] = [
    { title: t('supervision.field.number'), dataIndex: 'number', width: 64 },
    {
      title: t('supervision.field.task'),
      width: 180,
      ellipsis: true,
      render: (_, i) => (i.task ? `${i.task.number}、${i.task.title}` : '—'),
    },
    {
      title: t('supervision.field.title'),
      ellipsis: true,
      render: (_, i) => <a onClick={() => setOpenId(i.id)}>{i.title}</a>,
    },
    { title: t('supervision.field.owner'), width: 140, render: (_, i) => i.owner.name },
    { title: t('supervision.field.due'), dataIndex: 'dueDate', width: 110 },
    {
      title: t('supervision.field.reportedExpected'),
      width: 130,
      render: (_, i) => `${i.status.reported ?? '—'}% / ${i.status.expected}%`,
    },
    { title: t('supervision.field.status'), width: 160, render: (_, i) => <StatusTag status={i.status} /> },
    {
      title: t('supervision.field.state'),
      width: 80,
      render: (_, i) => t(`supervision.state.${i.state}`),
    },
  ];

  return (
    <Page
      title={t('supervision.menu.workspace')}
      extra={
        <Space>
          {mayCreateItems(user) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('supervision.form.create')}
            </Button>
          )}
          {mayManageLedger(user) && <LedgerFileButtons />}
          {mayManageLedger(user) && <SettingsButton />}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 200 }}
          placeholder={t('supervision.filter.unit')}
          value={filters.unitId}
          onChange={(v?: string) => set({ ...filters, unitId: v })}
          options={(units.data?.items ?? [])
            .filter((u) => u.kind !== 'collective')
            .map((u) => ({ value: u.id, label: u.name }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 260 }}
          placeholder={t('supervision.filter.task')}
          value={filters.taskNumber}
          onChange={(v?: number) => set({ ...filters, taskNumber: v })}
          options={(tasks.data?.tasks ?? []).map((x) => ({
            value: x.number,
            label: `${x.number}、${x.title}`,
          }))}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('supervision.filter.colour')}
          value={filters.colour}
          onChange={(v?: Colour) => set({ ...filters, colour: v })}
          options={colours.map((c) => ({ value: c, label: t(`supervision.colour.${c}`) }))}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('supervision.filter.state')}
          value={filters.state}
          onChange={(v?: ItemState) => set({ ...filters, state: v })}
          options={itemStates.map((s) => ({ value: s, label: t(`supervision.state.${s}`) }))}
        />
      </Space>
      <ProTable<ItemView>
        rowKey="id"
        search={false}
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        options={listOptions(() => list.refetch())}
        pagination={listPagination(t, { page, pageSize, total: list.data?.total }, (p, s) => {
          setPage(s === pageSize ? p : 1);
          setPageSize(s);
        })}
      />
      <ItemDrawer id={openId} onClose={() => setOpenId(undefined)} />
      {creating && <ItemForm ownUnitId={user?.unitId} onClose={() => setCreating(false)} />}
    </Page>
  );
}

/** Export the ledger; import it with a preview first (counts, or every bad row), then the import itself. */
function LedgerFileButtons() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<LedgerImport | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: File, preview: boolean) => {
    setBusy(true);
    try {
      const r = await importLedger(f, preview);
      if (!preview && r.ok) {
        void message.success(t('supervision.import.done', r.result));
        setFile(null);
        setOutcome(null);
        await qc.invalidateQueries({ queryKey: ['supervision'] });
      } else setOutcome(r);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      <Button
        icon={<DownloadOutlined />}
        onClick={() => void downloadLedger().catch((e: Error) => message.error(e.message))}
      >
        {t('supervision.export')}
      </Button>
      <Upload
        accept=".xlsx,.csv,.xls,.ods"
        showUploadList={false}
        beforeUpload={(f) => {
          setFile(f);
          void run(f, true);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {t('supervision.import.button')}
        </Button>
      </Upload>
      <Modal
        open={!!outcome}
        width={720}
        title={t('supervision.import.preview')}
        onCancel={() => setOutcome(null)}
        okText={t('supervision.import.confirm')}
        okButtonProps={{ disabled: !outcome?.ok, loading: busy }}
        onOk={() => file && void run(file, false)}
      >
        {outcome?.ok ? (
          <Typography.Paragraph>{t('supervision.import.summary', outcome.result)}</Typography.Paragraph>
        ) : (
          outcome && (
            <>
              <Typography.Paragraph type="danger">{outcome.message}</Typography.Paragraph>
              <Table
                size="small"
                rowKey={(e) => `${e.row}:${e.column}:${e.reason}`}
                pagination={{ pageSize: 10 }}
                dataSource={outcome.errors}
                columns={[
                  { title: t('supervision.import.row'), dataIndex: 'row', width: 60 },
                  { title: t('supervision.import.column'), dataIndex: 'column', width: 120 },
                  { title: t('supervision.import.reason'), dataIndex: 'reason' },
                ]}
              />
            </>
          )
        )}
      </Modal>
    </Space>
  );
}

// /meetings/:id: one meeting — its particulars, the agenda editor (generate from the ledger, add, remove, reorder,
// save), the minutes (summary, what was said on each matter, decisions with owner and due date), publishing
// (each decision becomes a work item) and the minutes as .docx. Read-only for units.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  SendOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { AgendaEntryView, MeetingDetail } from '@contracts/modules/meetings/meetings.contract.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { setServerFieldErrors, useShowError } from '../../app/errors.ts';
import {
  downloadMinutes,
  generateAgenda,
  useMeeting,
  usePublish,
  useSaveAgenda,
  useSaveMinutes,
  useUnits,
  type AgendaEntryInput,
} from './meetings.api.ts';
import { MeetingForm, stateColour, when } from './MeetingsPage.tsx';

const sourceColour = { red: 'red', newlyYellow: 'gold', coordination: 'purple', manual: 'default' } as const;

type Draft = AgendaEntryInput & { key: string; units: { id: string; name: string }[] };
let serial = 0;
const draftOf = (e: AgendaEntryView): Draft => ({
  key: e.id ?? `new-${serial++}`,
  id: e.id,
  sources: e.sources,
  itemId: e.itemId,
  text: e.text,
  reasons: e.reasons,
  unitIds: e.units.map((u) => u.id),
  units: e.units,
  discussion: e.discussion,
});

function AgendaEditor({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const id = detail.meeting.id;
  const editable = detail.meeting.editable;
  const [draft, setDraft] = useState<Draft[]>(() => detail.agenda.map(draftOf));
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [addForm] = Form.useForm<{ text: string; unitIds?: string[] }>();
  const units = useUnits();
  const save = useSaveAgenda(id);
  useEffect(() => {
    if (!dirty) setDraft(detail.agenda.map(draftOf));
  }, [detail.agenda, dirty]);
  const change = (next: Draft[]) => {
    setDraft(next);
    setDirty(true);
  };
  const move = (i: number, by: number) => {
    const next = [...draft];
    const [e] = next.splice(i, 1);
    next.splice(i + by, 0, e!);
    change(next);
  };
  const generate = async () => {
    setGenerating(true);
    try {
      const preview = await generateAgenda(id);
      // The generated entries replace those from the ledger; matters added by hand stay, at the end.
      const manual = draft.filter((d) => !d.itemId);
      const kept = new Map(draft.filter((d) => d.itemId).map((d) => [d.itemId, d]));
      change([
        ...preview.entries.map((e) => ({ ...draftOf(e), id: kept.get(e.itemId)?.id ?? null })),
        ...manual,
      ]);
      void message.info(
        t('meetings.agenda.generated', { count: preview.entries.length, since: when(preview.since) }),
      );
    } catch (e) {
      showError(e);
    } finally {
      setGenerating(false);
    }
  };
  const submit = async () => {
    try {
      await save.mutateAsync(draft.map(({ key: _key, units: _units, ...e }) => e));
      setDirty(false);
      void message.success(t('meetings.saved'));
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card
      title={t('meetings.agenda.title')}
      extra={
        editable && (
          <Space>
            <Button icon={<ThunderboltOutlined />} loading={generating} onClick={generate}>
              {t('meetings.agenda.generate')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('meetings.agenda.add')}
            </Button>
            <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={submit}>
              {t('meetings.agenda.save')}
            </Button>
          </Space>
        )
      }
    >
      {dirty && <Typography.Paragraph type="warning">{t('meetings.agenda.unsaved')}</Typography.Paragraph>}
      <Table<Draft>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={draft}
        locale={{ emptyText: t('meetings.agenda.empty') }}
        columns={[
          { title: '#', width: 48, render: (_, __, i) => i + 1 },
          {
            title: t('meetings.agenda.matter'),
            render: (_, e) => (
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{e.text}</Typography.Text>
                {e.reasons.map((r) => (
                  <Typography.Text key={r} type="secondary">
                    {r}
                  </Typography.Text>
                ))}
                {!editable && e.discussion && <Typography.Text>{e.discussion}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('meetings.agenda.why'),
            width: 160,
            render: (_, e) =>
              e.sources.map((s) => (
                <Tag key={s} color={sourceColour[s as keyof typeof sourceColour]}>
                  {t(`meetings.source.${s}`)}
                </Tag>
              )),
          },
          {
            title: t('meetings.agenda.units'),
            width: 180,
            render: (_, e) => e.units.map((u) => u.name).join('、'),
          },
          ...(editable
            ? [
                {
                  title: '',
                  width: 120,
                  render: (_: unknown, __: Draft, i: number) => (
                    <Space size={0}>
                      <Button
                        type="text"
                        size="small"
                        aria-label={t('meetings.agenda.up')}
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      />
                      <Button
                        type="text"
                        size="small"
                        aria-label={t('meetings.agenda.down')}
                        icon={<ArrowDownOutlined />}
                        disabled={i === draft.length - 1}
                        onClick={() => move(i, 1)}
                      />
                      <Button
                        type="text"
                        size="small"
                        danger
                        aria-label={t('meetings.agenda.remove')}
                        icon={<DeleteOutlined />}
                        onClick={() => change(draft.filter((_d, k) => k !== i))}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={adding}
        title={t('meetings.agenda.add')}
        onCancel={() => setAdding(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await addForm.validateFields();
          const ids = v.unitIds ?? [];
          const names = new Map((units.data?.items ?? []).map((u) => [u.id, u.name]));
          change([
            ...draft,
            {
              key: `new-${serial++}`,
              id: null,
              sources: ['manual'],
              itemId: null,
              text: v.text,
              reasons: [],
              unitIds: ids,
              units: ids.map((u) => ({ id: u, name: names.get(u) ?? '' })),
              discussion: '',
            },
          ]);
          setAdding(false);
        }}
      >
        <Form form={addForm} layout="vertical" preserve={false}>
          <Form.Item name="text" label={t('meetings.agenda.matter')} rules={[{ required: true }]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="unitIds" label={t('meetings.agenda.units')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

interface MinutesValues {
  summary?: string;
  discussions?: Record<string, string>;
  decisions?: { agendaEntryId?: string | null; text: string; ownerUnitId: string; dueDate: Dayjs }[];
}

function MinutesEditor({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<MinutesValues>();
  const units = useUnits();
  const save = useSaveMinutes(detail.meeting.id);
  const initial: MinutesValues = {
    summary: detail.meeting.summary,
    discussions: Object.fromEntries(detail.agenda.map((e) => [e.id!, e.discussion])),
    decisions: detail.decisions.map((d) => ({
      agendaEntryId: d.agendaEntryId,
      text: d.text,
      ownerUnitId: d.owner.id,
      dueDate: dayjs(d.dueDate),
    })),
  };
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({
        summary: v.summary ?? '',
        discussions: Object.fromEntries(
          Object.entries(v.discussions ?? {}).filter(([, text]) => text !== undefined),
        ) as Record<string, string>,
        decisions: (v.decisions ?? []).map((d) => ({
          agendaEntryId: d.agendaEntryId ?? null,
          text: d.text,
          ownerUnitId: d.ownerUnitId,
          dueDate: d.dueDate.format('YYYY-MM-DD'),
        })),
      });
      void message.success(t('meetings.saved'));
    } catch (e) {
      if (!setServerFieldErrors(form, e)) showError(e);
    }
  };
  const unitOptions = (units.data?.items ?? [])
    .filter((u) => u.kind !== 'collective')
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <Card
      title={t('meetings.minutes.title')}
      extra={
        <Button type="primary" loading={save.isPending} onClick={submit}>
          {t('meetings.minutes.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="summary" label={t('meetings.minutes.summary')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        {detail.agenda.map((e, i) => (
          <Form.Item
            key={e.id}
            name={['discussions', e.id!]}
            label={`${i + 1}. ${e.text}`}
            tooltip={e.reasons.join('；') || undefined}
          >
            <Input.TextArea rows={2} maxLength={4000} placeholder={t('meetings.minutes.discussion')} />
          </Form.Item>
        ))}
        <Typography.Title level={5}>{t('meetings.decisions.title')}</Typography.Title>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item
                    name={[f.name, 'text']}
                    rules={[{ required: true, message: t('meetings.decisions.textRequired') }]}
                  >
                    <Input
                      placeholder={t('meetings.decisions.text')}
                      style={{ width: 320 }}
                      maxLength={500}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'ownerUnitId']}
                    rules={[{ required: true, message: t('meetings.decisions.ownerRequired') }]}
                  >
                    <Select
                      showSearch
                      optionFilterProp="label"
                      placeholder={t('meetings.decisions.owner')}
                      options={unitOptions}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'dueDate']}
                    rules={[{ required: true, message: t('meetings.decisions.dueRequired') }]}
                  >
                    <DatePicker placeholder={t('meetings.decisions.due')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'agendaEntryId']}>
                    <Select
                      allowClear
                      placeholder={t('meetings.decisions.entry')}
                      style={{ width: 220 }}
                      options={detail.agenda.map((e, i) => ({ value: e.id!, label: `${i + 1}. ${e.text}` }))}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    aria-label={t('meetings.agenda.remove')}
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                {t('meetings.decisions.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

function DecisionsTable({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('meetings.decisions.title')}>
      {detail.meeting.summary && <Typography.Paragraph>{detail.meeting.summary}</Typography.Paragraph>}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={detail.decisions}
        locale={{ emptyText: t('meetings.decisions.empty') }}
        columns={[
          { title: '#', width: 48, render: (_, __, i) => i + 1 },
          { title: t('meetings.decisions.text'), dataIndex: 'text' },
          { title: t('meetings.decisions.owner'), width: 180, render: (_, d) => d.owner.name },
          { title: t('meetings.decisions.due'), dataIndex: 'dueDate', width: 120 },
          {
            title: t('meetings.decisions.workItem'),
            width: 120,
            render: (_, d) =>
              d.workItemNumber === null ? '—' : `${t('meetings.decisions.number')} ${d.workItemNumber}`,
          },
        ]}
      />
    </Card>
  );
}

export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  const publish = usePublish(id);
  const showError = useShowError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const d = meeting.data;
  useDocumentTitle(d?.meeting.title ?? t('meetings.menu'));
  return (
    <Page
      title={d?.meeting.title ?? ''}
      loading={meeting.isLoading}
      crumbs={[{ title: t('meetings.menu'), to: '/meetings' }, { title: d?.meeting.title ?? '' }]}
      tags={
        d ? (
          <Tag color={stateColour[d.meeting.state]}>{t(`meetings.state.${d.meeting.state}`)}</Tag>
        ) : undefined
      }
      extra={
        d && (
          <Space>
            {d.meeting.editable && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('meetings.edit')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => downloadMinutes(id).catch(showError)}>
              {t('meetings.minutes.download')}
            </Button>
            {d.meeting.editable && d.meeting.state === 'held' && (
              <Popconfirm
                title={t('meetings.publish.confirm', { count: d.decisions.length })}
                onConfirm={async () => {
                  try {
                    await publish.mutateAsync();
                    void message.success(t('meetings.publish.done'));
                  } catch (e) {
                    showError(e);
                  }
                }}
              >
                <Button type="primary" icon={<SendOutlined />} loading={publish.isPending}>
                  {t('meetings.publish.button')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {d && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('meetings.field.kind')}>
                {t(`meetings.kind.${d.meeting.kind}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('meetings.field.scheduledAt')}>
                {when(d.meeting.scheduledAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('meetings.field.place')}>
                {d.meeting.place || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('meetings.field.chair')}>
                {d.meeting.chair || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('meetings.field.attendees')} span={2}>
                {d.meeting.attendees.map((a) => a.name).join('、') || '—'}
              </Descriptions.Item>
              {d.meeting.publishedAt && (
                <Descriptions.Item label={t('meetings.field.publishedAt')}>
                  {when(d.meeting.publishedAt)} · {d.meeting.publishedByLabel}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <AgendaEditor detail={d} />
          {d.meeting.editable ? (
            <MinutesEditor key={d.meeting.state} detail={d} />
          ) : (
            <DecisionsTable detail={d} />
          )}
          <MeetingForm
            open={editing}
            id={id}
            initial={{
              kind: d.meeting.kind,
              title: d.meeting.title,
              scheduledAt: dayjs(d.meeting.scheduledAt),
              place: d.meeting.place,
              chair: d.meeting.chair,
              attendeeUnitIds: d.meeting.attendees.map((a) => a.id),
            }}
            onClose={() => setEditing(false)}
            onSaved={() => setEditing(false)}
          />
        </Space>
      )}
    </Page>
  );
}

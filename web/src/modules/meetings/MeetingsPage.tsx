// /meetings: dispatch meetings (调度会 · 会商) — the list, newest first; the plan office schedules a new one.
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { meetingKinds, type MeetingKind } from '@contracts/modules/meetings/meetings.kinds.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useSession } from '../../app/session.ts';
import { setServerFieldErrors, useShowError } from '../../app/errors.ts';
import { useMeetings, useSaveMeeting, useUnits } from './meetings.api.ts';
import { mayManageMeetings } from './meetings.access.ts';

export const stateColour = { planned: 'blue', held: 'orange', published: 'green' } as const;
export const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

interface MeetingFormValues {
  kind: MeetingKind;
  title: string;
  scheduledAt: Dayjs;
  place?: string;
  chair?: string;
  attendeeUnitIds?: string[];
}

/** The meeting's own fields (create or edit). */
export function MeetingForm(props: {
  open: boolean;
  id?: string;
  initial?: Partial<MeetingFormValues>;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<MeetingFormValues>();
  const units = useUnits();
  const save = useSaveMeeting();
  const showError = useShowError();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const saved = await save.mutateAsync({
        id: props.id,
        body: { ...v, scheduledAt: v.scheduledAt.toISOString(), attendeeUnitIds: v.attendeeUnitIds ?? [] },
      });
      props.onSaved(saved.meeting.id);
    } catch (e) {
      if (!setServerFieldErrors(form, e)) showError(e);
    }
  };
  return (
    <Modal
      open={props.open}
      title={t(props.id ? 'meetings.edit' : 'meetings.new')}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'dispatch', ...props.initial }}
        preserve={false}
      >
        <Form.Item name="kind" label={t('meetings.field.kind')} rules={[{ required: true }]}>
          <Select options={meetingKinds.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.field.title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="scheduledAt" label={t('meetings.field.scheduledAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="place" label={t('meetings.field.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="chair" label={t('meetings.field.chair')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="attendeeUnitIds" label={t('meetings.field.attendees')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={units.isLoading}
            options={(units.data?.items ?? [])
              .filter((u) => u.kind !== 'collective')
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MeetingsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  useDocumentTitle(t('meetings.menu'));
  const list = useMeetings();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title={t('meetings.menu')}
      extra={
        mayManageMeetings(user) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('meetings.new')}
          </Button>
        ) : undefined
      }
    >
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('meetings.field.scheduledAt'),
            dataIndex: 'scheduledAt',
            width: 160,
            render: (v: string) => when(v),
          },
          {
            title: t('meetings.field.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: string) => t(`meetings.kind.${k}`),
          },
          {
            title: t('meetings.field.title'),
            render: (_, m) => <Link to={`/meetings/${m.id}`}>{m.title}</Link>,
          },
          { title: t('meetings.field.place'), dataIndex: 'place', width: 180 },
          { title: t('meetings.agenda.title'), dataIndex: 'agendaEntries', width: 90 },
          { title: t('meetings.decisions.title'), dataIndex: 'decisions', width: 90 },
          {
            title: t('meetings.field.state'),
            dataIndex: 'state',
            width: 100,
            render: (s: keyof typeof stateColour) => (
              <Tag color={stateColour[s]}>{t(`meetings.state.${s}`)}</Tag>
            ),
          },
        ]}
      />
      <MeetingForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          navigate(`/meetings/${id}`);
        }}
      />
    </Page>
  );
}

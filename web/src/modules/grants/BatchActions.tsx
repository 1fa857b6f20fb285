// The office's steps on a batch: 发布公示 (notice days), 决定 (only once the notice is over and no objection is open),
// 撤销 (review only, with a reason). The server checks each step again and answers 409 when it is not allowed.
import { ModalForm, ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, App, Button, Form, Space, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, NotificationOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  cancelSchema,
  decideSchema,
  publishSchema,
  type GrantBatch,
} from '@contracts/modules/grants/grants.contract.ts';
import { useCancelBatch, useDecideBatch, useGrantSettings, usePublishBatch } from './grants.api.ts';
import { formatDay, noticeOver, useMoney } from './labels.tsx';
import { useStep } from './useStep.tsx';

function PublishButton({ batch }: { batch: GrantBatch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ noticeDays?: number }>();
  const step = useStep(form);
  const publish = usePublishBatch(batch.id);
  const settings = useGrantSettings();
  return (
    <ModalForm<{ noticeDays?: number }>
      title={t('grants.actions.publishTitle', { number: batch.number })}
      form={form}
      width={520}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      trigger={
        <Button type="primary" icon={<NotificationOutlined />}>
          {t('grants.actions.publish')}
        </Button>
      }
      initialValues={{ noticeDays: batch.noticeDays }}
      submitter={{ searchConfig: { submitText: t('grants.actions.publish'), resetText: t('common.cancel') } }}
      onValuesChange={step.clear}
      onFinish={async (v) => {
        const r = publishSchema.safeParse({ noticeDays: v.noticeDays ?? undefined });
        const ok = await step.run(r, (data) => publish.mutateAsync(data));
        if (ok) void message.success(t('grants.actions.published'));
        return ok;
      }}
    >
      {step.banner}
      {batch.included === 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('grants.actions.publishNone')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph>
        {t('grants.actions.publishText', { included: batch.included, total: money(batch.totalAmount) })}
      </Typography.Paragraph>
      <ProFormDigit
        name="noticeDays"
        label={t('grants.actions.noticeDays')}
        fieldProps={{ precision: 0, addonAfter: t('grants.actions.days'), style: { width: 200 } }}
        rules={[{ required: true, message: t('grants.actions.noticeDaysRequired') }]}
        extra={t('grants.actions.noticeDaysHelp', { min: settings.data?.minNoticeWorkingDays ?? 5 })}
      />
    </ModalForm>
  );
}

/** Why deciding is not possible yet, or null when it is. */
function decideBlocker(
  batch: GrantBatch,
  t: (k: string, o?: Record<string, unknown>) => string,
): string | null {
  if (!noticeOver(batch.noticeEndsOn)) {
    return t('grants.actions.decideWaitNotice', { end: formatDay(batch.noticeEndsOn) });
  }
  if (batch.openObjections > 0)
    return t('grants.actions.decideWaitObjections', { count: batch.openObjections });
  return null;
}

function DecideButton({ batch }: { batch: GrantBatch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ note?: string }>();
  const step = useStep(form);
  const decide = useDecideBatch(batch.id);
  const blocker = decideBlocker(batch, t);
  if (blocker) {
    return (
      <Tooltip title={blocker}>
        {/* a disabled button fires no mouse events: the span carries the tooltip */}
        <span tabIndex={0} aria-label={blocker}>
          <Button type="primary" icon={<CheckCircleOutlined />} disabled>
            {t('grants.actions.decide')}
          </Button>
        </span>
      </Tooltip>
    );
  }
  return (
    <ModalForm<{ note?: string }>
      title={t('grants.actions.decideTitle', { number: batch.number })}
      form={form}
      width={520}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      trigger={
        <Button type="primary" icon={<CheckCircleOutlined />}>
          {t('grants.actions.decide')}
        </Button>
      }
      submitter={{ searchConfig: { submitText: t('grants.actions.decide'), resetText: t('common.cancel') } }}
      onValuesChange={step.clear}
      onFinish={async (v) => {
        const r = decideSchema.safeParse({ note: v.note?.trim() ?? '' });
        const ok = await step.run(r, (data) => decide.mutateAsync(data));
        if (ok) void message.success(t('grants.actions.decided'));
        return ok;
      }}
    >
      {step.banner}
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('grants.actions.decideText', {
          included: batch.included,
          total: money(batch.totalAmount),
        })}
      />
      <ProFormTextArea
        name="note"
        label={t('grants.actions.decideNote')}
        fieldProps={{ maxLength: 300, showCount: true, autoSize: { minRows: 2, maxRows: 5 } }}
      />
    </ModalForm>
  );
}

function CancelButton({ batch }: { batch: GrantBatch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const step = useStep(form);
  const cancel = useCancelBatch(batch.id);
  return (
    <ModalForm<{ reason?: string }>
      title={t('grants.actions.cancelTitle', { number: batch.number })}
      form={form}
      width={520}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      trigger={
        <Button danger icon={<StopOutlined />}>
          {t('grants.actions.cancel')}
        </Button>
      }
      submitter={{
        searchConfig: { submitText: t('grants.actions.cancel'), resetText: t('grants.actions.keep') },
        submitButtonProps: { danger: true },
      }}
      onValuesChange={step.clear}
      onFinish={async (v) => {
        const r = cancelSchema.safeParse({ reason: v.reason ?? '' });
        const ok = await step.run(r, (data) => cancel.mutateAsync(data));
        if (ok) void message.success(t('grants.actions.cancelled'));
        return ok;
      }}
    >
      {step.banner}
      <Typography.Paragraph type="secondary">{t('grants.actions.cancelText')}</Typography.Paragraph>
      <ProFormTextArea
        name="reason"
        label={t('grants.actions.cancelReason')}
        rules={[{ required: true, whitespace: true, message: t('grants.actions.cancelReasonRequired') }]}
        fieldProps={{ maxLength: 300, showCount: true, autoSize: { minRows: 3, maxRows: 6 } }}
      />
    </ModalForm>
  );
}

/** The buttons for the batch's current step (none once decided or cancelled). */
export function BatchActions({ batch }: { batch: GrantBatch }) {
  if (batch.status === 'review') {
    return (
      <Space wrap>
        <CancelButton batch={batch} />
        <PublishButton batch={batch} />
      </Space>
    );
  }
  if (batch.status === 'notice') return <DecideButton batch={batch} />;
  return null;
}

// The buttons of every step the server offers the user on this request now (its `actions`), each opening a small
// form: 派单/改派, 签收, 退单 (naming the unit believed responsible), 审定, notes (internal or to the enterprise),
// 补充材料 asked for or supplied, 延期 asked for or decided, 答复, 需协调. The server's field errors land on the fields;
// a step out of order comes back as its 409 message.
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { setServerFieldErrors, useShowError } from '../../app/errors.ts';
import { useDeskUnits, useStep, type StepAction } from './servicedesk.api.ts';

/** The steps shown as buttons here, in the order a handler meets them (rating has its own card). */
const buttonOrder: StepAction[] = [
  'dispatch',
  'decide',
  'accept',
  'return',
  'answer',
  'requestSupplement',
  'supplement',
  'note',
  'requestExtension',
  'decideExtension',
  'coordinate',
];
const primary = new Set<StepAction>(['accept', 'answer', 'decide', 'supplement']);

export function StepActions({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<StepAction | null>(null);
  const offered = buttonOrder.filter((a) => r.actions.includes(a));
  if (!offered.length) return null;
  const label = (a: StepAction) =>
    a === 'dispatch' && r.state !== 'filed' ? t('serviceDesk.step.reassign') : t(`serviceDesk.step.${a}`);
  return (
    <>
      <div className="mtx-sd-actions" role="group" aria-label={t('serviceDesk.detail.actions')}>
        {offered.map((a) => (
          <Button key={a} type={primary.has(a) ? 'primary' : 'default'} onClick={() => setOpen(a)}>
            {label(a)}
          </Button>
        ))}
      </div>
      {open && <StepModal r={r} action={open} title={label(open)} onClose={() => setOpen(null)} />}
    </>
  );
}

interface Values {
  unitId?: string;
  suggestedUnitId?: string;
  text?: string;
  reason?: string;
  internal?: boolean;
  days?: number;
  approve?: boolean;
}

function StepModal({
  r,
  action,
  title,
  onClose,
}: {
  r: RequestDetail;
  action: StepAction;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const step = useStep(r.id);
  const needsUnits = action === 'dispatch' || action === 'return' || action === 'decide';
  const units = useDeskUnits(needsUnits);
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  const textField = (name: 'text' | 'reason', lbl: string, msg: string | null, rows = 4, max = 2000) => (
    <Form.Item name={name} label={lbl} rules={msg ? required(msg) : []}>
      <Input.TextArea rows={rows} maxLength={max} showCount />
    </Form.Item>
  );
  const unitField = (name: 'unitId' | 'suggestedUnitId', lbl: string) => (
    <Form.Item
      name={name}
      label={lbl}
      rules={[{ required: true, message: t('serviceDesk.step.unitRequired') }]}
    >
      <Select
        showSearch
        optionFilterProp="label"
        loading={units.isLoading}
        options={unitOptions}
        placeholder={t('serviceDesk.step.unitPlaceholder')}
      />
    </Form.Item>
  );
  const initial: Values = {
    internal: true,
    approve: true,
    days: 3,
    ...(action === 'decide' && r.returnSuggestedUnit ? { unitId: r.returnSuggestedUnit.id } : {}),
    ...(action === 'dispatch' && r.unit ? { unitId: r.unit.id } : {}),
  };

  const body = (v: Values): Record<string, unknown> => {
    switch (action) {
      case 'dispatch':
        return { unitId: v.unitId, text: v.text ?? '' };
      case 'accept':
        return v.text ? { text: v.text } : {};
      case 'return':
        return { reason: v.reason, suggestedUnitId: v.suggestedUnitId };
      case 'decide':
        return { unitId: v.unitId, text: v.text };
      case 'note':
        return { text: v.text, internal: !!v.internal };
      case 'requestExtension':
        return { days: v.days, reason: v.reason };
      case 'decideExtension':
        return { approve: !!v.approve, text: v.text ?? '' };
      default:
        return { text: v.text };
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await step.mutateAsync({ action, body: body(v) });
      void message.success(t('serviceDesk.step.done', { step: title }));
      onClose();
    } catch (e) {
      if (!setServerFieldErrors(form, e)) showError(e);
    }
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={title}
      okButtonProps={{ loading: step.isPending }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} preserve={false}>
        {action === 'dispatch' && (
          <>
            {unitField('unitId', t('serviceDesk.step.unit'))}
            {textField('text', t('serviceDesk.step.dispatchText'), null, 2, 1000)}
          </>
        )}
        {action === 'accept' && textField('text', t('serviceDesk.step.acceptText'), null, 2)}
        {action === 'return' && (
          <>
            {unitField('suggestedUnitId', t('serviceDesk.step.suggestedUnit'))}
            {textField('reason', t('serviceDesk.step.returnReason'), t('serviceDesk.step.reasonRequired'))}
          </>
        )}
        {action === 'decide' && (
          <>
            {r.returnSuggestedUnit && (
              <Typography.Paragraph>
                {t('serviceDesk.step.returnedTo', { unit: r.returnSuggestedUnit.name })}
              </Typography.Paragraph>
            )}
            {unitField('unitId', t('serviceDesk.step.decidedUnit'))}
            {textField('text', t('serviceDesk.step.decideText'), t('serviceDesk.step.textRequired'), 3, 1000)}
          </>
        )}
        {action === 'note' && (
          <>
            {textField('text', t('serviceDesk.step.noteText'), t('serviceDesk.step.textRequired'))}
            <Form.Item name="internal" valuePropName="checked" extra={t('serviceDesk.step.internalHint')}>
              <Checkbox>{t('serviceDesk.step.internal')}</Checkbox>
            </Form.Item>
          </>
        )}
        {action === 'requestSupplement' &&
          textField('text', t('serviceDesk.step.supplementAsk'), t('serviceDesk.step.textRequired'))}
        {action === 'supplement' &&
          textField(
            'text',
            t('serviceDesk.step.supplementText'),
            t('serviceDesk.step.textRequired'),
            5,
            5000,
          )}
        {action === 'requestExtension' && (
          <>
            <Form.Item
              name="days"
              label={t('serviceDesk.step.extensionDays')}
              rules={[{ required: true, type: 'number', min: 1, max: 30 }]}
            >
              <InputNumber min={1} max={30} precision={0} addonAfter={t('serviceDesk.clock.workingDays')} />
            </Form.Item>
            {textField('reason', t('serviceDesk.step.extensionReason'), t('serviceDesk.step.reasonRequired'))}
          </>
        )}
        {action === 'decideExtension' && (
          <>
            {r.pendingExtension && (
              <Typography.Paragraph>
                {t('serviceDesk.step.pendingExtension', r.pendingExtension)}
              </Typography.Paragraph>
            )}
            <Form.Item name="approve">
              <Radio.Group
                options={[
                  { value: true, label: t('serviceDesk.step.approve') },
                  { value: false, label: t('serviceDesk.step.refuse') },
                ]}
              />
            </Form.Item>
            {textField('text', t('serviceDesk.step.decisionText'), null, 2, 1000)}
          </>
        )}
        {action === 'answer' && (
          <>
            <Typography.Paragraph type="secondary">{t('serviceDesk.step.answerHint')}</Typography.Paragraph>
            {textField('text', t('serviceDesk.step.answerText'), t('serviceDesk.step.textRequired'), 6, 5000)}
          </>
        )}
        {action === 'coordinate' &&
          textField(
            'text',
            t('serviceDesk.step.coordinateText'),
            t('serviceDesk.step.textRequired'),
            3,
            1000,
          )}
        {needsUnits && units.isError && (
          <Typography.Text type="danger">{t('common.loadFailed')}</Typography.Text>
        )}
      </Form>
    </Modal>
  );
}

// 亮灯与督办设置: the plan office sets the colour thresholds and the ladder's working-day limits; a bad value is shown on
// its field (the server decides). Everyone else reads them in the colours' reasons.
import { useState } from 'react';
import { App, Button, Divider, Form, InputNumber, Modal, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SupervisionSettings } from '@contracts/modules/supervision/supervision.contract.ts';
import { setServerFieldErrors, useShowError } from '../../app/errors.ts';
import { useSaveSettings, useSettings } from './supervision.api.ts';

const thresholdFields = ['yellowBehindPoints', 'redBehindPoints', 'dueSoonWorkingDays'] as const;
const ladderFields = [
  'reminderWorkingDays',
  'yellowAfterWorkingDays',
  'redAfterWorkingDays',
  'responseWorkingDays',
  'reissueAfterWorkingDays',
] as const;

export function SettingsButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const settings = useSettings(open);
  const save = useSaveSettings();
  const showError = useShowError();
  const [form] = Form.useForm<SupervisionSettings>();
  const unit = (field: string) =>
    t(field.endsWith('Points') ? 'supervision.settings.points' : 'supervision.settings.workingDays');
  const field = (group: 'thresholds' | 'ladder', name: string) => (
    <Form.Item
      key={name}
      name={[group, name]}
      label={t(`supervision.settings.${name}`)}
      rules={[{ required: true, message: t('supervision.settings.required') }]}
    >
      <InputNumber
        min={0}
        max={group === 'thresholds' && name !== 'dueSoonWorkingDays' ? 100 : 60}
        precision={0}
        addonAfter={unit(name)}
      />
    </Form.Item>
  );
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)}>
        {t('supervision.settings.open')}
      </Button>
      <Modal
        open={open}
        title={t('supervision.settings.title')}
        okText={t('supervision.settings.save')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending, disabled: !settings.data }}
        destroyOnHidden
      >
        {settings.data && (
          <Form<SupervisionSettings>
            form={form}
            layout="horizontal"
            labelCol={{ span: 12 }}
            initialValues={{ thresholds: settings.data.thresholds, ladder: settings.data.ladder }}
            onFinish={(v) =>
              save.mutate(v, {
                onSuccess: () => {
                  void message.success(t('supervision.settings.saved'));
                  setOpen(false);
                },
                onError: (e) => {
                  if (!setServerFieldErrors(form, e)) showError(e);
                },
              })
            }
          >
            <Typography.Paragraph type="secondary">
              {settings.data.isDefault
                ? t('supervision.settings.defaults')
                : t('supervision.settings.updated', {
                    by: settings.data.updatedBy,
                    at: settings.data.updatedAt?.slice(0, 10),
                  })}
            </Typography.Paragraph>
            <Divider orientation="left">{t('supervision.settings.colours')}</Divider>
            {thresholdFields.map((f) => field('thresholds', f))}
            <Divider orientation="left">{t('supervision.settings.ladder')}</Divider>
            {ladderFields.map((f) => field('ladder', f))}
          </Form>
        )}
      </Modal>
    </>
  );
}

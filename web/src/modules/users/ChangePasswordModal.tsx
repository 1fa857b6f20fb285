// The signed-in user's own password change, opened from the user menu in the header.
import { useState } from 'react';
import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Alert, App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePasswordBodySchema } from '@contracts/platform/auth/auth.contract.ts';
import { errorText, issuePaths, setFieldErrors, setServerFieldErrors } from '../../app/errors.ts';
import { useChangeOwnPassword } from './users.api.ts';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const change = useChangeOwnPassword();

  const onFinish = async (v: Values): Promise<boolean> => {
    setFormError(null);
    if (v.newPassword !== v.confirmPassword) {
      setFieldErrors(form, [{ path: ['confirmPassword'], message: t('auth.passwordsDiffer') }]);
      return false;
    }
    const parsed = changePasswordBodySchema.safeParse({
      currentPassword: v.currentPassword ?? '',
      newPassword: v.newPassword ?? '',
    });
    if (!parsed.success) {
      setFieldErrors(form, issuePaths(parsed.error.issues));
      return false;
    }
    try {
      await change.mutateAsync(parsed.data);
      void message.success(t('auth.passwordChanged'));
      form.resetFields();
      onClose();
      return true;
    } catch (e) {
      setServerFieldErrors(form, e);
      setFormError(errorText(t, e, i18n.language));
      return false;
    }
  };

  return (
    <ModalForm<Values>
      title={t('auth.changePassword')}
      open={open}
      form={form}
      width={440}
      modalProps={{ destroyOnHidden: true, onCancel: onClose }}
      onFinish={onFinish}
    >
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />}
      <ProFormText.Password
        name="currentPassword"
        label={t('auth.currentPassword')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
        fieldProps={{ autoComplete: 'current-password' }}
      />
      <ProFormText.Password
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('auth.passwordHelp')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
        fieldProps={{ autoComplete: 'new-password' }}
      />
      <ProFormText.Password
        name="confirmPassword"
        label={t('auth.confirmPassword')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
        fieldProps={{ autoComplete: 'new-password' }}
      />
    </ModalForm>
  );
}

// 忘记密码 on the login page: the username goes to the administrators as a reset request; the answer is the same
// whether or not it exists, and the new password arrives through the enterprise's registered contact.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Result } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { okSchema } from '@contracts/platform/http/common.contract.ts';
import { api } from '../../app/api.ts';
import { errorText } from '../../app/errors.ts';

export function ForgotPasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ username: string }>();
  const [done, setDone] = useState(false);
  const file = useMutation({
    mutationFn: (username: string) => api.post('/auth/password-reset-requests', { username }, okSchema),
    meta: { silent: true },
  });
  const close = () => {
    setDone(false);
    file.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      title={t('accounts.forgot')}
      open={open}
      onCancel={close}
      destroyOnHidden
      okText={done ? t('accounts.close') : t('accounts.submitRequest')}
      cancelButtonProps={done ? { style: { display: 'none' } } : {}}
      confirmLoading={file.isPending}
      onOk={async () => {
        if (done) return close();
        const { username } = await form.validateFields();
        file.mutate(username.trim(), { onSuccess: () => setDone(true) });
      }}
    >
      {done ? (
        <Result
          status="success"
          title={t('accounts.requestFiled')}
          subTitle={t('accounts.requestFiledHelp')}
        />
      ) : (
        <Form form={form} layout="vertical" requiredMark={false}>
          <p>{t('accounts.forgotHelp')}</p>
          {file.isError && (
            <Alert
              type="error"
              showIcon
              message={errorText(t, file.error, i18n.language)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

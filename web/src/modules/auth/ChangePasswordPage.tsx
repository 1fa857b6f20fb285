// /change-password: where a new or reset account lands after login — the initial password must be replaced before
// anything else works (the server answers 403 PASSWORD_CHANGE_REQUIRED until then). Also reachable by anyone signed in.
import { useEffect, useState } from 'react';
import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { changePasswordBodySchema } from '@contracts/platform/auth/auth.contract.ts';
import { errorText, issuePaths, setFieldErrors, setServerFieldErrors } from '../../app/errors.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { sessionKeys, useLogout, useSession } from '../../app/session.ts';
import { useChangeOwnPassword } from '../users/users.api.ts';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

export function ChangePasswordPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { user, loading } = useSession();
  const logout = useLogout();
  const change = useChangeOwnPassword();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('auth.changePassword')} · ${t('app.name')}`;
  }, [t]);

  if (!loading && !user) return <Navigate to="/login" replace />;

  const onFinish = async (v: Values) => {
    setError(null);
    if (v.newPassword !== v.confirmPassword) {
      setFieldErrors(form, [{ path: ['confirmPassword'], message: t('auth.passwordsDiffer') }]);
      return;
    }
    const parsed = changePasswordBodySchema.safeParse({
      currentPassword: v.currentPassword ?? '',
      newPassword: v.newPassword ?? '',
    });
    if (!parsed.success) {
      setFieldErrors(form, issuePaths(parsed.error.issues));
      return;
    }
    try {
      await change.mutateAsync(parsed.data);
      await qc.invalidateQueries({ queryKey: sessionKeys.me });
      navigate('/', { replace: true });
    } catch (e) {
      setServerFieldErrors(form, e);
      setError(errorText(t, e, i18n.language));
    }
  };

  return (
    <AuthFrame
      title={t('auth.changePassword')}
      subtitle={user ? `${user.displayName} (${user.username})` : ' '}
    >
      {user?.mustChangePassword && (
        <Alert type="info" showIcon message={t('accounts.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void onFinish(v)}
        onValuesChange={() => setError(null)}
        aria-label={t('auth.changePassword')}
      >
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form.Item
          name="currentPassword"
          label={user?.mustChangePassword ? t('accounts.initialPassword') : t('auth.currentPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordHelp')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t('auth.changePassword')}
        </Button>
      </Form>
      <div className="mtx-login-foot">
        <Button type="link" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}>
          {t('auth.logout')}
        </Button>
      </div>
    </AuthFrame>
  );
}

// /login: username and password; a failure shows the server's message only (never which part was wrong); 忘记密码
// files a reset request for an administrator.
import { useEffect, useState } from 'react';
import { FundOutlined, LockOutlined, UserOutlined, ReadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../../app/errors.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { useLogin, useMeta, useSession } from '../../app/session.ts';
import { useLanguage } from '../../app/i18n.ts';
import { ForgotPasswordModal } from './ForgotPasswordModal.tsx';

/** Only same-site paths may be a redirect target (no open redirect through ?next=). */
function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { pick } = useLanguage();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { user } = useSession();
  const meta = useMeta();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const [forgotOpen, setForgotOpen] = useState(false);
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = `${t('auth.loginTitle')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    if (user && !login.isPending) navigate(next ?? '/', { replace: true });
  }, [user, login.isPending, navigate, next]);

  const onFinish = (values: { username: string; password: string }) => {
    setError(null);
    login.mutate(values, {
      onError: (e) => setError(errorText(t, e, i18n.language)),
    });
  };

  return (
    <AuthFrame
      title={t('app.name')}
      subtitle={
        <>
          {meta.data ? pick(meta.data.district.name, meta.data.district.nameEn) : ' '}
          {' · '}
          {t('app.tagline')}
        </>
      }
      after={<ForgotPasswordModal open={forgotOpen} onClose={() => setForgotOpen(false)} />}
    >
      <Form<{ username: string; password: string }>
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={onFinish}
        onValuesChange={() => setError(null)}
        aria-label={t('auth.loginTitle')}
      >
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
        >
          <Input
            prefix={<UserOutlined />}
            autoComplete="username"
            autoFocus
            placeholder={t('auth.username')}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            placeholder={t('auth.password')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
      </Form>
      <div className="mtx-login-foot">
        <Button type="link" size="small" onClick={() => setForgotOpen(true)} style={{ padding: 0 }}>
          {t('accounts.forgot')}
        </Button>
        <span className="mtx-muted"> · </span>
        <Link to="/plan">
          <ReadOutlined /> {t('auth.browsePlan')}
        </Link>
        <span className="mtx-muted"> · </span>
        <Link to="/public">
          <FundOutlined /> {t('public.browse')}
        </Link>
      </div>
    </AuthFrame>
  );
}

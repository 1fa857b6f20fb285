// The frame of the signed-out pages (login, the first-login password change): the language switch, and a card with
// the logo, a title and a line beneath it.
import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { Logo } from '../../components/Logo.tsx';

export function AuthFrame({
  title,
  subtitle,
  children,
  after,
}: {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
  /** Beside the card, e.g. a modal. */
  after?: ReactNode;
}) {
  return (
    <div className="mtx-login">
      <div className="mtx-login-lang">
        <LanguageSwitch />
      </div>
      <Card className="mtx-login-card" variant="borderless">
        <div className="mtx-login-head">
          <Logo size={48} />
          <div>
            <h1 className="mtx-login-title">{title}</h1>
            <Typography.Text type="secondary">{subtitle}</Typography.Text>
          </div>
        </div>
        {children}
      </Card>
      {after}
    </div>
  );
}

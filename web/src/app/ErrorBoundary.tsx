// Last-resort error screens: a class boundary around the whole app and the router's per-route error element.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { LinkButton } from '../components/LinkButton.tsx';
import { NotFound } from './NotFound.tsx';

function Crashed({ detail }: { detail?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('errors.crashed')}
      subTitle={detail}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>,
        <LinkButton key="home" to="/">
          {t('common.backHome')}
        </LinkButton>,
      ]}
    />
  );
}

/** The router's errorElement: a failed lazy chunk or a render error inside one route. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  console.error(error);
  return <Crashed detail={error instanceof Error ? error.message : undefined} />;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (this.state.error) {
      // outside the router: plain links only
      return (
        <Result
          status="error"
          title="页面出错了 / Something went wrong"
          subTitle={this.state.error.message}
          extra={
            <Button type="primary" onClick={() => window.location.assign('/')}>
              重新加载 / Reload
            </Button>
          }
        />
      );
    }
    return this.props.children;
  }
}

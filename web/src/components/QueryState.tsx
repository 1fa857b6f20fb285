// Renders a query's three states: a spinner while loading, a result page on failure (404 as "not found"), else the data.
import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LinkButton } from './LinkButton.tsx';
import { ApiError } from '../app/api.ts';
import { errorText } from '../app/errors.ts';

export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  if (query.isPending) {
    return (
      <div className="mtx-center" role="status" aria-live="polite">
        <Spin size="large" tip={t('common.loading')}>
          <div style={{ width: 120, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (query.isError) {
    const e = query.error;
    if (e instanceof ApiError && e.status === 404) {
      return (
        <Result
          status="404"
          title={t('common.notFound')}
          subTitle={errorText(t, e, i18n.language)}
          extra={
            <LinkButton to="/" type="primary">
              {t('common.backHome')}
            </LinkButton>
          }
        />
      );
    }
    if (e instanceof ApiError && e.status === 403) {
      return <Result status="403" title={t('errors.FORBIDDEN')} subTitle={errorText(t, e, i18n.language)} />;
    }
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorText(t, e, i18n.language)}
        extra={
          <Button onClick={() => void query.refetch()} type="primary">
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return <>{children(query.data)}</>;
}

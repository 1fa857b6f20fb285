// The 404 page for paths no route knows.
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../components/LinkButton.tsx';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 className="mtx-result-title">404</h1>}
      subTitle={t('common.pageNotFound')}
      extra={
        <LinkButton to="/" type="primary">
          {t('common.backHome')}
        </LinkButton>
      }
    />
  );
}

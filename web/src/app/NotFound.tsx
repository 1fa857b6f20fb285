// The 404 page for paths no route knows, with the way back (own home, previous page).
import { Button, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LinkButton } from '../components/LinkButton.tsx';

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="mtx-result-title">404</h1>}
      subTitle={t('common.pageNotFound')}
      extra={
        <Space wrap>
          <LinkButton to="/" type="primary">
            {t('common.backHome')}
          </LinkButton>
          {window.history.length > 1 && <Button onClick={() => navigate(-1)}>{t('common.goBack')}</Button>}
        </Space>
      }
    />
  );
}

// The 403 page: a signed-in user on a page their role may not open, with the way back (previous page, own home).
import { Button, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LinkButton } from '../components/LinkButton.tsx';

export function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={<h1 className="mtx-result-title">403</h1>}
      subTitle={t('common.pageForbidden')}
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

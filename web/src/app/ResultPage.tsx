// The 403 and 404 pages' common frame: the code, what happened, and the way back (own home, previous page).
import { Button, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LinkButton } from '../components/LinkButton.tsx';

export function ResultPage({ status, subTitle }: { status: '403' | '404'; subTitle: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status={status}
      title={<h1 className="mtx-result-title">{status}</h1>}
      subTitle={subTitle}
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

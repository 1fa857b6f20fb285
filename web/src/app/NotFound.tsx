// The 404 page for paths no route knows, with the way back (own home, previous page).
import { useTranslation } from 'react-i18next';
import { ResultPage } from './ResultPage.tsx';

export function NotFound() {
  const { t } = useTranslation();
  return <ResultPage status="404" subTitle={t('common.pageNotFound')} />;
}

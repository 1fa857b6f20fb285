// The 403 page: a signed-in user on a page their role may not open, with the way back (previous page, own home).
import { useTranslation } from 'react-i18next';
import { ResultPage } from './ResultPage.tsx';

export function Forbidden() {
  const { t } = useTranslation();
  return <ResultPage status="403" subTitle={t('common.pageForbidden')} />;
}

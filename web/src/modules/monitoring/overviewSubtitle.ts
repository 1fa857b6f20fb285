// The line under an overview's title, staff and public alike: the district, the baseline and the deadline.
import { useTranslation } from 'react-i18next';
import type { Overview } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useLanguage } from '../../app/i18n.ts';

export function useOverviewSubtitle(data: Overview | undefined): string | undefined {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  return data
    ? t('monitoring.overviewSubtitle', {
        district: pick(data.district.name, data.district.nameEn),
        baseline: data.baseline,
        deadline: data.deadline,
      })
    : undefined;
}

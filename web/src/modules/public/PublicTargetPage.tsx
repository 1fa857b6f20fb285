// /public/targets/:code: one target for the public — evaluation, trend and breakdowns; small groups withheld, no drill-down.
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import type { TargetDetail } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { PublicPage as Page } from './PublicPage.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { Breakdowns } from '../monitoring/Breakdowns.tsx';
import { useTargetParams } from '../monitoring/targetParams.ts';
import { useOverview, useTarget } from '../monitoring/monitoring.api.ts';
import {
  EnterpriseChanges,
  EvaluationStats,
  MonthPicker,
  TargetFacts,
  TargetTags,
  TrendCard,
} from '../monitoring/TargetView.tsx';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

function PublicTargetBody({ detail, baseline }: { detail: TargetDetail; baseline: string | null }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const { dimension, set } = useTargetParams();
  const name = pick(detail.target.name, detail.target.nameEn);
  useDocumentTitle(`${name} · ${t('public.title')}`);
  return (
    <Page
      title={name}
      tags={<TargetTags detail={detail} />}
      crumbs={[{ title: t('public.title'), to: '/public' }, { title: name }]}
      extra={<MonthPicker detail={detail} onChange={(m) => set({ month: m })} />}
      content={<TargetFacts detail={detail} />}
    >
      <EvaluationStats detail={detail} />
      <EnterpriseChanges detail={detail} />
      <TrendCard detail={detail} baseline={baseline} />
      {detail.target.formulaKind !== 'manual' && (
        <Breakdowns
          detail={detail}
          dimension={dimension}
          onDimension={(d) => set({ dim: d === 'subdistrict' ? undefined : d })}
        />
      )}
    </Page>
  );
}

export function PublicTargetPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const m = params.get('month');
  const query = useTarget('public', code, m && monthPattern.test(m) ? m : undefined);
  const overview = useOverview('public');
  return (
    <QueryState query={query}>
      {(detail) => <PublicTargetBody detail={detail} baseline={overview.data?.baseline ?? null} />}
    </QueryState>
  );
}

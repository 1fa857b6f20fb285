// /monitoring/targets/:code: one target — evaluation, trend with path and cone, breakdowns with drill-down,
// revisions, and for manual targets the values departments entered. Month, dimension and open group live in the URL.
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import type { TargetDetail } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { Breakdowns } from './Breakdowns.tsx';
import { useTargetParams } from './targetParams.ts';
import { ContributorsDrawer } from './ContributorsDrawer.tsx';
import { ManualValues } from './ManualValues.tsx';
import { useOverview, useTarget } from './monitoring.api.ts';
import { RevisionsTable } from './RevisionsTable.tsx';
import {
  EnterpriseChanges,
  EvaluationStats,
  MonthPicker,
  TargetFacts,
  TargetTags,
  TrendCard,
} from './TargetView.tsx';
import { mayDrillDown, mayEnterManualValue, mayRecompute } from './monitoring.access.ts';
import { isStaff } from '../../app/access.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The `group` value that opens the drill-down over every enterprise. */
const ALL = 'all';

function TargetBody({ detail, baseline }: { detail: TargetDetail; baseline: string | null }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const { user } = useSession();
  const { params, dimension, set } = useTargetParams();
  const group = params.get('group');
  const target = detail.target;
  const name = pick(target.name, target.nameEn);
  useDocumentTitle(name);

  const drillAllowed = mayDrillDown(user, target);
  const staff = isStaff(user);
  const rows = detail.breakdowns[dimension];
  const groupRow = group && group !== ALL ? rows.find((r) => r.key === group) : undefined;

  return (
    <Page
      title={name}
      tags={<TargetTags detail={detail} />}
      crumbs={[{ title: t('monitoring.menu'), to: '/monitoring' }, { title: name }]}
      extra={<MonthPicker detail={detail} onChange={(m) => set({ month: m, group: undefined })} />}
      content={<TargetFacts detail={detail} />}
    >
      <EvaluationStats detail={detail} />
      <EnterpriseChanges detail={detail} />
      <TrendCard detail={detail} baseline={baseline} />
      {target.formulaKind !== 'manual' && (
        <Breakdowns
          detail={detail}
          dimension={dimension}
          onDimension={(d) => set({ dim: d === 'subdistrict' ? undefined : d, group: undefined })}
          selectedGroup={groupRow?.key ?? null}
          onDrill={drillAllowed ? (g) => set({ group: g ?? ALL }) : undefined}
          exportable
        />
      )}
      {staff && (
        <ManualValues
          official={target.formulaKind !== 'manual'}
          code={target.code}
          unit={target.unit}
          canAdd={mayEnterManualValue(user)}
          isAdmin={mayRecompute(user)}
        />
      )}
      <RevisionsTable detail={detail} />
      {drillAllowed && detail.month && (
        <ContributorsDrawer
          code={target.code}
          unit={target.formulaKind === 'flowRatio' ? '亿元' : target.unit}
          month={detail.month}
          dimension={dimension}
          group={groupRow?.key}
          groupLabel={groupRow ? pick(groupRow.label, groupRow.labelEn) : undefined}
          targetName={name}
          open={!!group && (group === ALL || !!groupRow)}
          onClose={() => set({ group: undefined })}
        />
      )}
    </Page>
  );
}

export function TargetPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const m = params.get('month');
  const month = m && monthPattern.test(m) ? m : undefined;
  const query = useTarget('staff', code, month);
  const overview = useOverview('staff');
  return (
    <QueryState query={query}>
      {(detail) => <TargetBody detail={detail} baseline={overview.data?.baseline ?? null} />}
    </QueryState>
  );
}

// One target on the overview: value against goal (one unit), a progress ring with what it measures in words, status,
// an entrants target's exits and net change, trend, projection, pace and owners.
import { Card, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { OverviewTarget } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { UnitTags } from '../../components/UnitTags.tsx';
import { ProgressRing } from '../../components/charts/ProgressRing.tsx';
import { Sparkline } from '../../components/charts/Sparkline.tsx';
import { formatMeasure, formatPace, formatShare } from '../../components/charts/measure.ts';
import { baselineWords, changeWords, ringWords, valueAgainstGoal } from './progressWords.ts';
import { StatusTag, statusColor } from './status.tsx';

/** "预计 2027-12 达到 7,310人（80%区间 6,941–7,679）", or null when there is no projection. */
export function useProjectionText() {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  return (evaluation: OverviewTarget['evaluation'], unit: string, deadline: string): string | null => {
    const p = evaluation?.projection;
    if (!p) return null;
    return t('monitoring.projectionText', {
      deadline,
      value: formatMeasure(p.value, unit, lang),
      low: formatMeasure(p.low, unit, lang, { bare: true }),
      high: formatMeasure(p.high, unit, lang, { bare: true }),
      level: Math.round(p.level * 100),
    });
  };
}

/** The pace still needed against the recent pace; the needed one in red when it is faster than the recent. */
export function PaceLine({ target }: { target: Pick<OverviewTarget, 'evaluation' | 'unit'> }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const e = target.evaluation;
  if (!e || e.value === null) return null;
  if (e.status === 'achieved') {
    return <div className="mtx-mon-pace mtx-muted">{t('monitoring.goalMet')}</div>;
  }
  if (e.requiredMonthlyPace === null) return null;
  const faster =
    e.recentMonthlyPace !== null && e.requiredMonthlyPace > Math.max(0, e.recentMonthlyPace) * 1.0001;
  return (
    <div className="mtx-mon-pace">
      <span className={faster ? 'mtx-mon-need-faster' : undefined}>
        {t('monitoring.paceNeeded', { pace: formatPace(e.requiredMonthlyPace, target.unit, lang) })}
      </span>
      {e.recentMonthlyPace !== null && (
        <span className="mtx-muted">
          {' · '}
          {t('monitoring.paceRecent', { pace: formatPace(e.recentMonthlyPace, target.unit, lang) })}
        </span>
      )}
    </div>
  );
}

export function TargetCard({
  target,
  deadline,
  to,
}: {
  target: OverviewTarget;
  /** The plan's deadline month, for the projection text. */
  deadline: string;
  /** The target's page. */
  to: string;
}) {
  const { t } = useTranslation();
  const { lang, pick } = useLanguage();
  const navigate = useNavigate();
  const projectionText = useProjectionText();
  const e = target.evaluation;
  const status = e?.status ?? 'noData';
  const color = statusColor(status);
  const name = pick(target.name, target.nameEn);
  const projection = projectionText(e, target.unit, deadline);
  const ring = ringWords(t, target, e);
  const baseline = baselineWords(t, target, e, lang);
  return (
    <Card
      size="small"
      className="mtx-mon-card"
      style={{ borderTopColor: color }}
      hoverable
      onClick={() => navigate(to)}
      title={
        <Link to={to} className="mtx-mon-card-title" onClick={(ev) => ev.stopPropagation()}>
          {name}
        </Link>
      }
      extra={
        <span className="mtx-mon-card-tags">
          {target.strive && (
            <Tooltip title={t('monitoring.striveHint')}>
              <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                {t('plan.strive')}
              </Tag>
            </Tooltip>
          )}
          <StatusTag status={status} />
        </span>
      }
    >
      <div className="mtx-mon-card-main">
        <ProgressRing
          progress={e?.progress ?? null}
          elapsed={e ? e.elapsed : null}
          color={color}
          text={formatShare(e?.progress)}
          label={`${ring} · ${t('monitoring.elapsedShort', { elapsed: formatShare(e?.elapsed) })}`}
          size={88}
        />
        <div className="mtx-mon-card-figures">
          <div className="mtx-mon-value" style={{ color: e?.value === null || !e ? undefined : '#262626' }}>
            {formatMeasure(e?.value, target.unit, lang)}
          </div>
          <div className="mtx-muted mtx-mon-goal" data-testid="value-against-goal">
            {t('monitoring.words.against')} {valueAgainstGoal(e?.value, target, lang)}
            {baseline && ` · ${baseline}`}
          </div>
          <div className="mtx-mon-ring-words" data-testid="ring-words">
            {ring}
          </div>
          <div className="mtx-muted mtx-mon-elapsed">
            {t('monitoring.elapsedShort', { elapsed: formatShare(e?.elapsed) })}
          </div>
        </div>
      </div>
      {target.changes && (
        <div
          className={target.changes.net < 0 ? 'mtx-mon-changes mtx-mon-need-faster' : 'mtx-mon-changes'}
          data-testid="entrant-changes"
        >
          {changeWords(t, target.changes, target.formulaKind === 'tierEntrants')}
        </div>
      )}
      {target.series.some((p) => p.value !== null) ? (
        <Sparkline
          values={target.series.map((p) => p.value)}
          color={color}
          label={t('monitoring.sparklineLabel', { name })}
          height={36}
        />
      ) : (
        <div className="mtx-mon-nodata mtx-muted">
          {target.formulaKind === 'manual' ? t('monitoring.manualNoData') : t('monitoring.noDataYet')}
        </div>
      )}
      {projection && <div className="mtx-mon-projection">{projection}</div>}
      <PaceLine target={target} />
      {/* owner tags are links of their own: a click on them must not open the target */}
      <div className="mtx-mon-owners" onClick={(ev) => ev.stopPropagation()}>
        <UnitTags units={target.owners} />
      </div>
    </Card>
  );
}

// The body of a target page shared by the signed-in and the public view: evaluation figures and the trend chart.
import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Row, Select, Statistic, Tag, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TargetDetail } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { UnitTags } from '../../components/UnitTags.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { TrendChart } from '../../components/charts/TrendChart.tsx';
import { formatGoalValue, formatMeasure, formatPace, formatShare } from '../../components/charts/measure.ts';
import { baselineWords, paceWords, ringWords, valueAgainstGoal } from './progressWords.ts';
import { monthOf, monthRange } from './months.ts';
import { StatusTag, statusColor } from './status.tsx';
import { PaceLine } from './TargetCard.tsx';
import { EvaluationMonthNote } from '../../components/EvaluationMonthNote.tsx';
import './monitoring.css';

/** The unit as an axis name: 人, 亿元, % … or its English word. */
export function useUnitName() {
  const { t } = useTranslation();
  return (unit: string) => t(`monitoring.unitName.${unit}`, { defaultValue: unit });
}

/** The title row's tags: status, 力争, 新增/达到. */
export function TargetTags({ detail }: { detail: TargetDetail }) {
  const { t } = useTranslation();
  return (
    <span className="mtx-mon-card-tags">
      <StatusTag status={detail.evaluation?.status} />
      {detail.target.strive && <Tag color="volcano">{t('plan.strive')}</Tag>}
      <Tag>{t(`plan.aim.${detail.target.aim}`)}</Tag>
    </span>
  );
}

/**
 * The month picker: the months evaluated, latest first, the one evaluated by default (the newest closed month) and
 * those still being reported marked; the page follows the choice.
 */
export function MonthPicker({
  detail,
  onChange,
}: {
  detail: TargetDetail;
  onChange: (month: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const months = detail.evaluations.map((e) => e.period).reverse();
  const closed = detail.evaluationMonth?.closed ?? months[0];
  const byDefault = months.find((m) => closed !== undefined && m <= closed) ?? months[0];
  return (
    <Select
      aria-label={t('monitoring.month')}
      value={detail.month ?? undefined}
      style={{ width: 170 }}
      onChange={(m: string) => onChange(m === byDefault ? undefined : m)}
      options={months.map((m) => ({
        value: m,
        label:
          m === byDefault
            ? t('monitoring.evalMonth.optionClosed', { month: m })
            : closed !== undefined && m > closed
              ? t('monitoring.evalMonth.optionOpen', { month: m })
              : m,
      }))}
      disabled={months.length === 0}
    />
  );
}

/** Goal, deadline, owners and how the value is computed, for the page header. */
export function TargetFacts({ detail }: { detail: TargetDetail }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const target = detail.target;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
      <Descriptions.Item label={t('monitoring.goal')}>
        {t(`plan.aim.${target.aim}`)} {formatGoalValue(target.goal, target.unit, lang)}
      </Descriptions.Item>
      <Descriptions.Item label={t('monitoring.deadline')}>{target.deadline}</Descriptions.Item>
      <Descriptions.Item label={t('monitoring.owners')}>
        <UnitTags units={target.owners} />
      </Descriptions.Item>
      <Descriptions.Item label={t('monitoring.formulaLabel')} span={{ xs: 1, sm: 2, lg: 3 }}>
        {t(`monitoring.formula.${target.formulaKind}`, { defaultValue: target.formulaKind })}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Stat({
  title,
  value,
  note,
  hint,
  color,
}: {
  title: string;
  value: string;
  note?: ReactNode;
  hint?: string;
  color?: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={
          <span>
            {title}
            {hint && (
              <Tooltip title={hint}>
                <QuestionCircleOutlined style={{ marginLeft: 4 }} aria-label={hint} />
              </Tooltip>
            )}
          </span>
        }
        value={value}
        valueStyle={color ? { color } : undefined}
      />
      {note && <div className="mtx-mon-stat-note">{note}</div>}
    </Card>
  );
}

/** The month's evaluation as figures: value, progress against time, pace index, paces, projection. */
export function EvaluationStats({ detail }: { detail: TargetDetail }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const e = detail.evaluation;
  const unit = detail.target.unit;
  const deadline = monthOf(detail.target.deadline);
  const p = e?.projection ?? null;
  const baseline = baselineWords(t, detail.target, e, lang);
  return (
    <>
      <div className="mtx-mon-block">
        <EvaluationMonthNote value={detail.evaluationMonth} />
      </div>
      <Row gutter={[12, 12]} className="mtx-mon-stats mtx-mon-block">
        <Col xs={12} md={8} xl={4}>
          <Stat
            title={t('monitoring.valueAt', { month: detail.month ?? '—' })}
            value={formatMeasure(e?.value, unit, lang)}
            note={
              <>
                {t('monitoring.words.against')} {valueAgainstGoal(e?.value, detail.target, lang)}
                {baseline && <div>{baseline}</div>}
              </>
            }
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title={t('monitoring.progress')}
            value={formatShare(e?.progress)}
            color={statusColor(e?.status)}
            note={
              <>
                <div data-testid="ring-words">{ringWords(t, detail.target, e)}</div>
                {t('monitoring.elapsedShort', { elapsed: formatShare(e?.elapsed) })}
              </>
            }
            hint={t('monitoring.progressHint')}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title={t('monitoring.words.pace.title')}
            value={e ? t(`monitoring.status.${e.status}`) : '—'}
            color={statusColor(e?.status)}
            note={<span data-testid="pace-words">{paceWords(t, e)}</span>}
            hint={t('monitoring.paceIndexHint')}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title={t('monitoring.requiredPace')}
            value={e?.status === 'achieved' ? '—' : formatPace(e?.requiredMonthlyPace, unit, lang)}
            note={t('monitoring.paceRecent', { pace: formatPace(e?.recentMonthlyPace, unit, lang) })}
            hint={t('monitoring.requiredPaceHint')}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title={t('monitoring.monthsRemaining')}
            value={e ? t('monitoring.monthsCount', { count: e.monthsRemaining }) : '—'}
            note={t('monitoring.untilDeadline', { deadline })}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Stat
            title={t('monitoring.projectionAt', { deadline })}
            value={p ? formatMeasure(p.value, unit, lang) : '—'}
            note={
              p
                ? t('monitoring.intervalText', {
                    level: Math.round(p.level * 100),
                    low: formatMeasure(p.low, unit, lang, { bare: true }),
                    high: formatMeasure(p.high, unit, lang, { bare: true }),
                  })
                : detail.target.milestone
                  ? t('monitoring.milestoneNoProjection')
                  : t('monitoring.noProjection')
            }
            hint={t('monitoring.projectionHint')}
          />
        </Col>
      </Row>
    </>
  );
}

/**
 * Beside an entrants target's value (the gross entries since the baseline: new enterprises, or new members of a tier):
 * the exits since the baseline, the net change and the stock, for the month shown.
 */
export function EnterpriseChanges({ detail }: { detail: TargetDetail }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const c = detail.enterpriseChanges?.find((x) => x.month === detail.month);
  if (!c) return null;
  const unit = detail.target.unit;
  const tier = detail.target.formulaKind === 'tierEntrants';
  const key = (k: string) => t(`monitoring.changes.${k}${tier ? 'Tier' : ''}`);
  const signed = (n: number) => (n > 0 ? `+${formatMeasure(n, unit, lang)}` : formatMeasure(n, unit, lang));
  return (
    <Card
      size="small"
      className="mtx-mon-block"
      title={<h2 className="mtx-card-heading">{t('monitoring.changes.title', { month: c.month })}</h2>}
    >
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={6}>
          <Statistic title={key('entries')} value={formatMeasure(c.entries, unit, lang)} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={key('exits')} value={formatMeasure(c.exits, unit, lang)} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('monitoring.changes.net')}
            value={signed(c.net)}
            valueStyle={c.net < 0 ? { color: statusColor('seriouslyBehind') } : undefined}
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={key('stock')}
            value={`${formatMeasure(c.stock - c.net, unit, lang, { bare: true })} → ${formatMeasure(c.stock, unit, lang)}`}
          />
        </Col>
      </Row>
      <div className="mtx-mon-note">{key('note')}</div>
    </Card>
  );
}

/** The monthly series with goal, on-plan path and projection cone. */
export function TrendCard({ detail, baseline }: { detail: TargetDetail; baseline: string | null }) {
  const { t } = useTranslation();
  const { lang, pick } = useLanguage();
  const mobile = useIsMobile();
  const unitName = useUnitName();
  const target = detail.target;
  const deadline = monthOf(target.deadline);
  const first = baseline ?? detail.series[0]?.month ?? detail.month ?? deadline;
  const lastSeries = detail.series.at(-1)?.month ?? first;
  const months = monthRange(first, lastSeries > deadline ? lastSeries : deadline);
  const values = new Map(detail.series.map((p) => [p.month, p.value] as const));
  const pointColors = new Map(
    detail.series.filter((p) => p.status).map((p) => [p.month, statusColor(p.status)] as const),
  );
  const e = detail.evaluation;
  const goalText = formatGoalValue(target.goal, target.unit, lang);
  return (
    <Card
      title={<h2 className="mtx-card-heading">{t('monitoring.trendTitle')}</h2>}
      className="mtx-mon-block"
      extra={<PaceLine target={{ evaluation: e, unit: target.unit }} />}
    >
      <TrendChart
        months={months}
        values={values}
        pointColors={pointColors}
        goal={target.goal}
        start={e?.baselineValue ?? (target.aim === 'increase' ? 0 : null)}
        at={detail.month}
        atValue={e?.value ?? null}
        projection={e?.projection ?? null}
        trendColor={statusColor(e?.status)}
        unit={target.unit}
        lang={lang}
        fromZero={target.aim === 'increase'}
        texts={{
          actual: t('monitoring.chart.actual'),
          path: t('monitoring.chart.path'),
          trend: t('monitoring.chart.trend'),
          interval: t('monitoring.chart.interval', {
            level: Math.round((e?.projection?.level ?? 0.8) * 100),
          }),
          goal: t('monitoring.chart.goal', { goal: goalText }),
          unitName: unitName(target.unit),
        }}
        label={t('monitoring.chart.label', { name: pick(target.name, target.nameEn), goal: goalText })}
        height={mobile ? 300 : 360}
        compact={mobile}
      />
      <div className="mtx-mon-note">{t('monitoring.chart.note')}</div>
    </Card>
  );
}

// The inputs of a measure: figure, aggregation and what the aggregation needs (month, months, years, denominator).
import type { JSX } from 'react';
import { DatePicker, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { figureCodes, figures, isRegistryFact, registryFacts } from '@contracts/modules/policies/rules.ts';
import { useLanguage } from '../../app/i18n.ts';
import {
  figureAggs,
  figureChoices,
  fixMeasure,
  errorsAt,
  withoutAgg,
  type Agg,
  type DraftMeasure,
  type FigureChoice,
} from './draft.ts';
import { useEditorContext } from './editorContext.ts';

export function MeasureFields({
  value: m,
  onChange,
  path,
  disabled,
}: {
  value: DraftMeasure;
  onChange: (next: DraftMeasure) => void;
  /** Path of the measure ('eligibility.conditions.0.measure'). */
  path: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const { errors } = useEditorContext();
  const status = (key: string) =>
    errorsAt(errors, `${path}.${key}`).length > 0 ? ('error' as const) : undefined;
  const set = (patch: Partial<DraftMeasure>) => onChange(fixMeasure({ ...m, ...patch }));
  const figureLabel = (f: FigureChoice) =>
    f === 'registrationAge'
      ? t('policies.words.registrationAge')
      : isRegistryFact(f)
        ? pick(registryFacts[f].zh, registryFacts[f].en)
        : pick(figures[f].zh, figures[f].en);
  const isAttribute = withoutAgg(m.figure);
  const figure = m.figure;
  const sameKind = withoutAgg(figure)
    ? []
    : figureCodes.filter((f) => f !== figure && figures[f].kind === figures[figure].kind);
  const months = (
    <InputNumber<number>
      key="months"
      size="small"
      min={1}
      max={60}
      precision={0}
      controls={false}
      value={m.months}
      onChange={(v) => set({ months: v })}
      suffix={t('policies.editor.monthsSuffix')}
      status={status('months')}
      style={{ width: 92 }}
      aria-label={t('policies.editor.months')}
      disabled={disabled}
    />
  );
  const extras: JSX.Element[] = [];
  if (!isAttribute) {
    if (m.agg === 'at')
      extras.push(
        <DatePicker
          key="period"
          size="small"
          picker="month"
          value={m.period ? dayjs(`${m.period}-01`) : null}
          onChange={(d) => set({ period: d ? d.format('YYYY-MM') : '' })}
          status={status('period')}
          placeholder={t('policies.editor.period')}
          aria-label={t('policies.editor.period')}
          style={{ width: 116 }}
          disabled={disabled}
        />,
      );
    if (m.agg === 'cagr')
      extras.push(
        <InputNumber<number>
          key="years"
          size="small"
          min={1}
          max={5}
          precision={0}
          controls={false}
          value={m.years}
          onChange={(v) => set({ years: v })}
          suffix={t('policies.editor.yearsSuffix')}
          status={status('years')}
          style={{ width: 80 }}
          aria-label={t('policies.editor.years')}
          disabled={disabled}
        />,
      );
    if (m.agg === 'share')
      extras.push(
        <Select<string>
          key="of"
          size="small"
          value={m.of}
          onChange={(v) => set({ of: v as DraftMeasure['of'] })}
          options={sameKind.map((f) => ({
            value: f,
            label: t('policies.editor.shareOf', { figure: figureLabel(f) }),
          }))}
          status={status('of')}
          popupMatchSelectWidth={false}
          style={{ minWidth: 130 }}
          aria-label={t('policies.editor.of')}
          disabled={disabled}
        />,
      );
    if (m.agg === 'sum' || m.agg === 'avg' || m.agg === 'yoy' || m.agg === 'cagr' || m.agg === 'share')
      extras.push(months);
  }
  return (
    <>
      <Select<FigureChoice>
        size="small"
        value={m.figure}
        onChange={(v) => set({ figure: v })}
        options={figureChoices.map((f) => ({ value: f, label: figureLabel(f) }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 88 }}
        aria-label={t('policies.editor.figure')}
        status={status('figure')}
        disabled={disabled}
      />
      {!isAttribute && (
        <Select<Agg>
          size="small"
          value={m.agg}
          onChange={(v) => set({ agg: v })}
          options={figureAggs.map((a) => ({ value: a, label: t(`policies.agg.${a}`) }))}
          popupMatchSelectWidth={false}
          style={{ minWidth: 72 }}
          aria-label={t('policies.editor.agg')}
          status={status('agg')}
          disabled={disabled}
        />
      )}
      {extras}
    </>
  );
}

// The units of a measure being edited: its dimension and default unit while blanks remain, and the units offered.
import {
  dimensionless,
  measureDimension,
  measureUnit,
  parseUnit,
  unitWordList,
  type Dimension,
  type Measure,
} from '@contracts/modules/policies/rules.ts';
import { toMeasure } from './draft.convert.ts';
import type { DraftMeasure } from './draft.model.ts';

/**
 * The measure with its settings replaced by valid ones: enough to know its dimension and default unit, which depend
 * on the figure and aggregation only (so a blank or out-of-range month count does not change them).
 */
function completeMeasure(d: DraftMeasure): Measure {
  return (
    toMeasure({ ...d, period: '2025-01', months: 12, years: 1 }) ?? {
      figure: 'employees',
      agg: 'latest',
    }
  );
}

export const draftMeasureUnit = (d: DraftMeasure): string => measureUnit(completeMeasure(d));
export const draftMeasureDimension = (d: DraftMeasure): Dimension => measureDimension(completeMeasure(d));

export const sameDimension = (a: Dimension, b: Dimension): boolean =>
  a.money === b.money && a.people === b.people && a.area === b.area && a.time === b.time;

/** The units a threshold on this measure may be written in: 元/万元/亿元, 人, m², 年/月, or % for ratios. */
export function unitsFor(d: DraftMeasure): string[] {
  const want = draftMeasureDimension(d);
  if (sameDimension(want, dimensionless)) return ['%'];
  return unitWordList.filter((u) => {
    const p = parseUnit(u);
    return !!p && sameDimension(p.dim, want);
  });
}

/** Units offered for parameters and constants (any unit the language parses may also be typed). */
export const commonUnits = [
  '元',
  '万元',
  '亿元',
  '元/m²/月',
  '元/m²',
  '元/人',
  '元/人/月',
  '万元/人',
  '人',
  'm²',
  '月',
  '年',
  '%',
  '倍',
  '家',
];

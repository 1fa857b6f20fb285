// The units of a measure being edited: known from its figure and aggregation alone, blanks or not.
import { describe, expect, it } from 'vitest';
import { dimensionless, parseUnit } from '@contracts/modules/policies/rules.ts';
import { newMeasure, type DraftMeasure } from './draft.model.ts';
import {
  commonUnits,
  draftMeasureDimension,
  draftMeasureUnit,
  sameDimension,
  unitsFor,
} from './draft.units.ts';

const measure = (patch: Partial<DraftMeasure>): DraftMeasure => ({ ...newMeasure(), ...patch });
const money = { money: 1, people: 0, area: 0, time: 0 };

describe('draftMeasureUnit and draftMeasureDimension', () => {
  it('give the default unit of each kind of measure', () => {
    expect(draftMeasureUnit(measure({ figure: 'employees', agg: 'latest' }))).toBe('人');
    expect(draftMeasureUnit(measure({ figure: 'usedArea', agg: 'avg' }))).toBe('m²');
    expect(draftMeasureUnit(measure({ figure: 'operatingRevenue', agg: 'sum' }))).toBe('万元');
    expect(draftMeasureUnit(measure({ figure: 'rdExpense', agg: 'at', period: '2024-03' }))).toBe('万元');
    expect(draftMeasureUnit(measure({ figure: 'softwareRevenue', agg: 'yoy' }))).toBe('%');
    expect(draftMeasureUnit(measure({ figure: 'employees', agg: 'cagr' }))).toBe('%');
    expect(draftMeasureUnit(measure({ figure: 'rdExpense', agg: 'share' }))).toBe('%');
    expect(draftMeasureUnit(measure({ figure: 'registrationAge', agg: 'attribute' }))).toBe('年');
  });

  it('give the dimension of the measure', () => {
    expect(draftMeasureDimension(measure({ figure: 'operatingRevenue', agg: 'sum' }))).toEqual(money);
    expect(draftMeasureDimension(measure({ figure: 'coreTalents', agg: 'latest' }))).toEqual({
      money: 0,
      people: 1,
      area: 0,
      time: 0,
    });
    expect(draftMeasureDimension(measure({ figure: 'registrationAge', agg: 'attribute' }))).toEqual({
      money: 0,
      people: 0,
      area: 0,
      time: 1,
    });
    expect(draftMeasureDimension(measure({ figure: 'usedArea', agg: 'yoy' }))).toEqual(dimensionless);
  });

  it('know the unit while settings are still blank', () => {
    expect(draftMeasureUnit(measure({ figure: 'operatingRevenue', agg: 'at', period: '' }))).toBe('万元');
    expect(draftMeasureUnit(measure({ figure: 'operatingRevenue', agg: 'sum', months: null }))).toBe('万元');
    expect(
      draftMeasureUnit(measure({ figure: 'operatingRevenue', agg: 'cagr', years: null, months: null })),
    ).toBe('%');
  });

  // Bug fixed: a setting out of range (months 0 or 61, 1.5 years) made the measure fall back to the latest headcount,
  // so a revenue threshold was offered 人 only and its unit was switched to 人.
  it('know the unit while a setting is out of range', () => {
    expect(draftMeasureUnit(measure({ figure: 'operatingRevenue', agg: 'sum', months: 0 }))).toBe('万元');
    expect(draftMeasureUnit(measure({ figure: 'usedArea', agg: 'avg', months: 61 }))).toBe('m²');
    expect(draftMeasureUnit(measure({ figure: 'rdExpense', agg: 'cagr', years: 1.5 }))).toBe('%');
    expect(draftMeasureUnit(measure({ figure: 'rdExpense', agg: 'at', period: '2024-13' }))).toBe('万元');
    expect(unitsFor(measure({ figure: 'operatingRevenue', agg: 'sum', months: 0 }))).toEqual([
      '元',
      '万元',
      '亿元',
    ]);
  });
});

describe('unitsFor', () => {
  it('offers the units of the measure’s dimension', () => {
    expect(unitsFor(measure({ figure: 'operatingRevenue', agg: 'sum' }))).toEqual(['元', '万元', '亿元']);
    expect(unitsFor(measure({ figure: 'employees', agg: 'latest' }))).toEqual(['人']);
    expect(unitsFor(measure({ figure: 'usedArea', agg: 'latest' }))).toEqual(['m²']);
    expect(unitsFor(measure({ figure: 'registrationAge', agg: 'attribute' }))).toEqual(['月', '年']);
  });

  it('offers % only for ratios (not 倍 or 家)', () => {
    for (const agg of ['yoy', 'cagr', 'share'] as const)
      expect(unitsFor(measure({ figure: 'rdExpense', agg }))).toEqual(['%']);
  });
});

describe('sameDimension', () => {
  it('compares every exponent', () => {
    expect(sameDimension(money, { ...money })).toBe(true);
    expect(sameDimension(money, dimensionless)).toBe(false);
    expect(sameDimension({ ...money, area: -1 }, { ...money, area: -1, time: -1 })).toBe(false);
    expect(sameDimension(parseUnit('元/m²/月')!.dim, { money: 1, people: 0, area: -1, time: -1 })).toBe(true);
  });
});

describe('commonUnits', () => {
  it('are all units the language parses', () => {
    for (const u of commonUnits) expect(parseUnit(u), u).toBeDefined();
    expect(new Set(commonUnits).size).toBe(commonUnits.length);
  });
});

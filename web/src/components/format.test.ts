// The web's money helpers, one per format: each rounds half away from zero on the decimal digits, not via toFixed.
import { describe, expect, it } from 'vitest';
import { formatChineseNumber, formatGoal, formatYuan, formatYuanEn } from './format.ts';
import { formatMeasure, formatMoneyYuan } from './charts/measure.ts';
import { formatWan } from '../modules/reports/money.ts';

describe('money formatting in the web', () => {
  it('formatYuan / formatChineseNumber: 万元 and 亿元 rounded half away from zero', () => {
    // 10050 元 = 1.005 万元: (10050 / 1e4).toFixed(2) gave "1.00"
    expect(formatYuan(10_050)).toBe('1.01万元');
    expect(formatYuan(100_500_000)).toBe('1.01亿元');
    expect(formatYuan(105_090)).toBe('10.51万元');
    expect(formatYuan(800)).toBe('800元');
    expect(formatChineseNumber(125_000)).toBe('12.5万');
    expect(formatChineseNumber('48000000000')).toBe('480亿');
  });

  it('formatYuanEn: millions and billions rounded half away from zero', () => {
    expect(formatYuanEn(1_005_000)).toBe('1.01 million yuan');
    expect(formatYuanEn(48_000_000_000)).toBe('48 billion yuan');
    expect(formatYuanEn(52_000)).toBe('52,000 yuan');
  });

  it('formatWan: yuan in 万元 for tables', () => {
    expect(formatWan(10_050)).toBe('1.01');
    expect(formatWan(4_293_000)).toBe('429.3');
    expect(formatWan(123_456_789)).toBe('12,345.68');
  });

  it('formatMoneyYuan and formatMeasure in 亿元', () => {
    expect(formatMoneyYuan(10_050)).toBe('1.01万元');
    expect(formatMoneyYuan(105_095)).toBe('10.5万元'); // one decimal from 10 万元 on
    expect(formatMoneyYuan(1_005_000, 'en-US')).toBe('1.01 million yuan');
    expect(formatMeasure(80.075, '亿元')).toBe('80.08亿元');
    expect(formatMeasure(0.0123, '亿元')).toBe('123万元');
    expect(formatGoal('480', '亿元')).toBe('480亿元');
  });
});

// The web's money formatting: one formatter (formatMoney) for every screen — 万元 to two decimals, one unit per
// column or comparison — and exact 元 for exports and notices; each rounds half away from zero on the digits.
import { describe, expect, it } from 'vitest';
import {
  formatChineseNumber,
  formatGoal,
  formatMoney,
  formatYuanEn,
  formatYuanExact,
  moneyColumnUnit,
} from './format.ts';
import { columnFormatter, formatMeasure, formatMoneyYuan, formatPace } from './charts/measure.ts';
import { formatWan } from '../modules/reports/money.ts';

describe('formatMoney: money on screens', () => {
  it('is 万元 to exactly two decimals with thousands separators', () => {
    expect(formatMoney(24_427_457)).toBe('2,442.75万元'); // 2442.7457 → .75
    expect(formatMoney(55_530)).toBe('5.55万元'); // not "5.553万元"
    expect(formatMoney(50_000)).toBe('5.00万元');
    expect(formatMoney(800)).toBe('0.08万元'); // not "800元": one unit
    expect(formatMoney('123456789')).toBe('12,345.68万元');
  });

  it('rounds half away from zero on the digits (not toFixed on a double)', () => {
    // 10050 元 = 1.005 万元: (10050 / 1e4).toFixed(2) gives "1.00"
    expect(formatMoney(10_050)).toBe('1.01万元');
    expect(formatMoney(50)).toBe('0.01万元'); // 0.005
    expect(formatMoney(49)).toBe('0.00万元'); // 0.0049
    expect(formatMoney(-10_050)).toBe('-1.01万元'); // away from zero, not up
    expect(formatMoney(-50)).toBe('-0.01万元');
  });

  it('shows zero and tiny negatives without a minus sign', () => {
    expect(formatMoney(0)).toBe('0.00万元');
    expect(formatMoney(-0)).toBe('0.00万元');
    expect(formatMoney(-49)).toBe('0.00万元');
    expect(formatMoney(Number.NaN)).toBe('—');
  });

  it('signs, bare cells and a 亿元 column', () => {
    expect(formatMoney(10_050, { signed: true })).toBe('+1.01万元');
    expect(formatMoney(-10_050, { signed: true })).toBe('-1.01万元');
    expect(formatMoney(4_293_000, { bare: true })).toBe('429.30');
    expect(formatMoney(8_085_000_000, { unit: '亿元' })).toBe('80.85亿元');
    expect(formatMoney(100_500_000, { unit: '亿元' })).toBe('1.01亿元'); // 1.005 亿元
  });

  it('English: whole yuan, or billions for a 亿元 column', () => {
    expect(formatMoney(24_427_457, { lang: 'en-US' })).toBe('24,427,457 yuan');
    expect(formatMoney(10_050.5, { lang: 'en-US' })).toBe('10,051 yuan');
    expect(formatMoney(8_085_000_000, { lang: 'en-US', unit: '亿元' })).toBe('8.085 billion yuan');
  });
});

describe('moneyColumnUnit: one unit per column or comparison', () => {
  it('is 亿元 only when every non-zero amount is at least 1亿元', () => {
    expect(moneyColumnUnit([120_000_000, -250_000_000, 0, null])).toBe('亿元');
    expect(moneyColumnUnit([5_553, 300_000_000])).toBe('万元'); // 5553 would read "0.00亿元"
    expect(moneyColumnUnit([99_999_999])).toBe('万元');
    expect(moneyColumnUnit([])).toBe('万元');
    expect(moneyColumnUnit([0, 0])).toBe('万元');
  });

  it('formats a sorted column in the one unit it chose', () => {
    const column = [300_000_000, 24_427_457, 55_530];
    const unit = moneyColumnUnit(column);
    expect(column.map((y) => formatMoney(y, { unit }))).toEqual([
      '30,000.00万元',
      '2,442.75万元',
      '5.55万元',
    ]);
  });
});

describe('exact yuan for exports and notices', () => {
  it('keeps every yuan', () => {
    expect(formatYuanExact(24_427_457)).toBe('24,427,457元');
    expect(formatYuanExact(0)).toBe('0元');
    expect(formatYuanExact(-1_500)).toBe('-1,500元');
    expect(formatYuanExact(24_427_457, 'en-US')).toBe('24,427,457 yuan');
  });
});

describe('the older helpers go through the one formatter', () => {
  it('formatWan and formatMoneyYuan', () => {
    expect(formatWan(10_050)).toBe('1.01');
    expect(formatWan(4_293_000)).toBe('429.30');
    expect(formatWan(123_456_789)).toBe('12,345.68');
    expect(formatMoneyYuan(10_050)).toBe('1.01万元');
    expect(formatMoneyYuan(105_095)).toBe('10.51万元');
    expect(formatMoneyYuan(1_005_000, 'en-US')).toBe('1,005,000 yuan');
  });

  it('a target in 亿元 stays in 亿元: value, goal and pace in one unit', () => {
    expect(formatMeasure(80.075, '亿元')).toBe('80.08亿元');
    expect(formatMeasure(0.0123, '亿元')).toBe('0.01亿元'); // was "123万元" beside "80.08亿元"
    expect(formatMeasure(-0.010505, '亿元', 'zh-CN', { signed: true })).toBe('-0.01亿元');
    // "每月尚需 30.7亿元/月 · 近期 7,897万元/月" becomes one unit
    expect(formatPace(30.7, '亿元')).toBe('30.70亿元/月');
    expect(formatPace(0.78968, '亿元')).toBe('0.79亿元/月');
    expect(formatMeasure(80.075, '亿元', 'en-US')).toBe('8.008 billion yuan');
  });

  it('counts and plan goals', () => {
    expect(formatChineseNumber(125_000)).toBe('12.5万');
    expect(formatChineseNumber('48000000000')).toBe('480亿');
    expect(formatGoal('480', '亿元')).toBe('480亿元');
    expect(formatYuanEn(1_005_000)).toBe('1.01 million yuan');
  });
});

describe('columnFormatter: a column of a target’s values in one unit', () => {
  it('a 亿元 drill-down of small firms reads in 万元, every cell alike', () => {
    // 0.096 亿元 = 9,600,000 元; 0.002 亿元 = 200,000 元
    const cell = columnFormatter([0.096, 0.002, -0.4], '亿元', 'zh-CN', { signed: true });
    expect([0.096, 0.002, -0.4].map(cell)).toEqual(['+960.00万元', '+20.00万元', '-4,000.00万元']);
  });

  it('a 亿元 column of large amounts stays in 亿元; other units as formatMeasure', () => {
    const cell = columnFormatter([12.5, 3.456], '亿元');
    expect([12.5, 3.456].map(cell)).toEqual(['12.50亿元', '3.46亿元']);
    expect(columnFormatter([13], '人')(13)).toBe('13人');
    expect(columnFormatter([null], '亿元')(null)).toBe('—');
  });
});

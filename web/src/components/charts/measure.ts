// Numbers in a target's own unit (人, 平方米, 家, 个, 亿元, %) for cards, tooltips and axes: 万/亿 in Chinese, 1,234 in English.
import { groupThousands, roundHalfAway } from '@contracts/platform/decimal.ts';
import { formatChineseNumber, formatMoney, moneyColumnUnit } from '../format.ts';

type Lang = 'zh-CN' | 'en-US';

const englishUnits: Record<string, string> = { 人: 'people', 平方米: 'm²', 家: 'enterprises', 个: '' };

/** Decimals worth showing for a count or a pace: none for hundreds, one below 100, two below 10. */
function decimalsFor(abs: number): number {
  if (abs >= 100) return 0;
  if (abs >= 10) return 1;
  return 2;
}

/** `n` ÷ 10^down with thousands separators (both languages use commas), rounded half away from zero on its digits. */
function grouped(n: number, _lang: Lang, digits: number, down = 0): string {
  return groupThousands(roundHalfAway(n, digits, -down));
}

/** An amount given in yuan, as every screen shows money: 万元 to two decimals (format.ts's formatMoney). */
export function formatMoneyYuan(yuan: number, lang: Lang = 'zh-CN'): string {
  return formatMoney(yuan, { lang });
}

/** A goal as the plan states it: whole percentages stay whole ("30%"), the rest as formatMeasure. */
export function formatGoalValue(goal: number, unit: string, lang: Lang = 'zh-CN'): string {
  if (unit === '%') return `${Number.isInteger(goal) ? goal : goal.toFixed(1)}%`;
  return formatMeasure(goal, unit, lang);
}

export interface MeasureOptions {
  /** Prefix positive values with "+" (contributions, changes). */
  signed?: boolean;
  /** Leave the unit off (axes, where the unit is in the axis name). */
  bare?: boolean;
}

/**
 * A value in a target's unit. 3213 人 → "3,213人", 29086.3 平方米 → "2.91万平方米", 80.075 亿元 → "80.08亿元",
 * 0.0123 亿元 → "0.01亿元", 27.42 % → "27.4%"; in English "3,213 people", "8.008 billion yuan". Null → "—".
 */
export function formatMeasure(
  value: number | null | undefined,
  unit: string,
  lang: Lang = 'zh-CN',
  options: MeasureOptions = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = options.signed && value > 0 ? '+' : '';
  const abs = Math.abs(value);
  if (unit === '%') return `${sign}${value.toFixed(abs > 0 && abs < 0.1 ? 2 : 1)}${options.bare ? '' : '%'}`;
  if (unit === '亿元') {
    // A target in 亿元 is shown in 亿元 everywhere — value, goal, pace, interval, breakdown — never switching to 万元
    // for a small one: a comparison reads in one unit. To whole yuan on the digits first: 0.010505 亿元 is 1,050,500 元.
    return formatMoney(roundHalfAway(value, 0, 8), {
      unit: '亿元',
      lang,
      bare: options.bare,
      signed: options.signed,
    });
  }
  let text: string;
  if (lang === 'zh-CN' && abs >= 1e4) text = formatChineseNumber(value, 2);
  else text = grouped(value, lang, decimalsFor(abs));
  if (options.bare) return sign + text;
  if (lang === 'en-US') {
    const u = englishUnits[unit] ?? unit;
    return `${sign}${text}${u ? ` ${u}` : ''}`;
  }
  return `${sign}${text}${unit}`;
}

/**
 * A formatter for one column of values in a target's unit: like formatMeasure, except that a 亿元 column of amounts
 * takes the one money unit that fits all of them (format.ts's moneyColumnUnit) — a drill-down of firms' revenue reads
 * "960.00万元 … 20.00万元", not "0.10亿元 … 0.00亿元". Every cell of the column is in the same unit.
 */
export function columnFormatter(
  values: readonly (number | null | undefined)[],
  unit: string,
  lang: Lang = 'zh-CN',
  options: MeasureOptions = {},
): (value: number | null | undefined) => string {
  if (unit !== '亿元') return (v) => formatMeasure(v, unit, lang, options);
  const yuan = (v: number) => roundHalfAway(v, 0, 8);
  const col = moneyColumnUnit(values.map((v) => (typeof v === 'number' ? Number(yuan(v)) : v)));
  return (v) =>
    v === null || v === undefined || !Number.isFinite(v)
      ? '—'
      : formatMoney(yuan(v), { unit: col, lang, signed: options.signed, bare: options.bare });
}

/** A monthly pace: "485人/月", "0.18个百分点/月"; in English "485 people/month", "0.18 pp/month". */
export function formatPace(value: number | null | undefined, unit: string, lang: Lang = 'zh-CN'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === '%') {
    const n = grouped(value, lang, Math.abs(value) >= 1 ? 1 : 2);
    return lang === 'en-US' ? `${n} pp/month` : `${n}个百分点/月`;
  }
  return `${formatMeasure(value, unit, lang)}${lang === 'en-US' ? '/month' : '/月'}`;
}

/** A share (0.3213) as a percentage with one decimal: "32.1%". */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}

/** Axis tick labels: 万/亿 in Chinese (2000, 4000 … 1万), compact in English (2K, 10K, 1.2M). */
export function axisFormatter(lang: Lang): (value: number) => string {
  if (lang === 'en-US') {
    const f = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
    return (v) => f.format(v);
  }
  return (v) => formatChineseNumber(v, 1);
}

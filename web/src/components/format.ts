// Number display the Chinese way (万, 亿; 元 → 万元/亿元) and its English counterpart. Pure: values in, strings out.
import { groupThousands, plainDecimal, roundHalfAway } from '@contracts/platform/decimal.ts';

/**
 * `value` ÷ 10^down at most `digits` places, rounded half away from zero (四舍五入) on the decimal digits, without
 * trailing zeros: 1.50 → "1.5", 2.00 → "2", 1.005 → "1.01" (toFixed gave "1.00": 1.005 is 1.00499… as a double).
 */
function trimDecimal(value: number | string, digits: number, down = 0): string {
  return roundHalfAway(value, digits, -down);
}

/**
 * A count in Chinese style: below 1万 as is, then 万 and 亿.
 * 700 → "700", 10000 → "1万", 125000 → "12.5万", 48000000000 → "480亿".
 */
export function formatChineseNumber(value: number | string, digits = 2): string {
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(n)) return String(value);
  const abs = Math.abs(n);
  if (abs >= 1e8) return `${trimDecimal(value, digits, 8)}亿`;
  if (abs >= 1e4) return `${trimDecimal(value, digits, 4)}万`;
  return trimDecimal(value, digits);
}

/** An amount in yuan in English: 48000000000 → "48 billion yuan", 52000 → "52,000 yuan". */
export function formatYuanEn(yuan: number | string): string {
  const n = typeof yuan === 'string' ? Number(yuan) : yuan;
  if (!Number.isFinite(n)) return `${String(yuan)} yuan`;
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${trimDecimal(yuan, 2, 9)} billion yuan`;
  if (abs >= 1e6) return `${trimDecimal(yuan, 2, 6)} million yuan`;
  return `${groupThousands(trimDecimal(yuan, 2))} yuan`;
}

/** The units money is shown in on screens: 万元 by default, 亿元 for a column or comparison of large amounts only. */
export type MoneyUnit = '万元' | '亿元';
const moneyShift: Record<MoneyUnit, number> = { 万元: -4, 亿元: -8 };

/** Rounded decimal text with exactly `digits` decimals: ('1.5', 2) → '1.50'; '-0' never appears. */
function fixedDigits(text: string, digits: number): string {
  const [int, frac = ''] = text.split('.');
  return digits > 0 ? `${int}.${frac.padEnd(digits, '0')}` : int!;
}

/**
 * The one unit a column or a comparison of amounts (in yuan) is shown in: 亿元 when every non-zero amount is at least
 * 1亿元 in size, else 万元 — so no cell of it reads "0.00亿元" and no two cells are in different units.
 * [5_553, 300_000_000] → '万元'; [120_000_000, -250_000_000, 0] → '亿元'; [] → '万元'.
 */
export function moneyColumnUnit(yuans: readonly (number | null | undefined)[]): MoneyUnit {
  const nonZero = yuans.filter((y): y is number => typeof y === 'number' && Number.isFinite(y) && y !== 0);
  return nonZero.length > 0 && nonZero.every((y) => Math.abs(y) >= 1e8) ? '亿元' : '万元';
}

export interface MoneyOptions {
  /** The column's or comparison's unit (moneyColumnUnit); 万元 when not given. */
  unit?: MoneyUnit;
  lang?: 'zh-CN' | 'en-US';
  /** Leave the unit off (a table cell whose header names it). */
  bare?: boolean;
  /** "+" before a positive amount (changes). */
  signed?: boolean;
}

/**
 * An amount of money given in yuan, as every screen shows it: in 万元 (or the column's 亿元) to exactly two decimals,
 * rounded half away from zero (四舍五入) on the digits, with thousands separators. 24427457 → "2,442.75万元",
 * 55530 → "5.55万元", 50 → "0.01万元" (0.005 rounds away from zero), -10050 → "-1.01万元",
 * 0 → "0.00万元". In English the same amount in whole yuan ("24,427,457 yuan"), or billions to three decimals for a
 * 亿元 column ("8.085 billion yuan"): one unit per column there too.
 */
export function formatMoney(yuan: number | string, options: MoneyOptions = {}): string {
  const n = typeof yuan === 'string' ? Number(yuan) : yuan;
  const unit = options.unit ?? '万元';
  if (!Number.isFinite(n)) return '—';
  const sign = options.signed && n > 0 ? '+' : '';
  if (options.lang === 'en-US') {
    const text =
      unit === '亿元' ? fixedDigits(roundHalfAway(yuan, 3, -9), 3) : groupThousands(roundHalfAway(yuan, 0));
    const suffix = unit === '亿元' ? ' billion yuan' : ' yuan';
    return sign + (unit === '亿元' ? groupThousands(text) : text) + (options.bare ? '' : suffix);
  }
  const text = groupThousands(fixedDigits(roundHalfAway(yuan, 2, moneyShift[unit]), 2));
  return sign + text + (options.bare ? '' : unit);
}

/**
 * An amount in exact yuan, for exports and public notices (never rounded: the amount a decision pays):
 * 24427457 → "24,427,457元" / "24,427,457 yuan".
 */
export function formatYuanExact(yuan: number | string, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const n = typeof yuan === 'string' ? Number(yuan) : yuan;
  if (!Number.isFinite(n)) return '—';
  const text = groupThousands(plainDecimal(yuan));
  return lang === 'en-US' ? `${text} yuan` : `${text}元`;
}

/** Multipliers of the money units a plan may state its goals in, to yuan. */
const moneyUnits: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
/** Count units whose number reads better in 万 (people, m²); others (家, 个) read as plain numbers. */
const englishUnits: Record<string, string> = {
  人: 'people',
  平方米: 'm²',
  家: 'enterprises',
  个: '',
  '%': '%',
};

/**
 * A target's goal with its unit, as the plan states it: ("10000", "人") → "1万人", ("480", "亿元") → "480亿元",
 * ("30", "%") → "30%"; in English ("10000", "人") → "10,000 people", ("480", "亿元") → "48 billion yuan".
 */
export function formatGoal(goal: string | number, unit: string, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const n = typeof goal === 'string' ? Number(goal) : goal;
  if (!Number.isFinite(n)) return `${String(goal)}${unit}`;
  const money = moneyUnits[unit];
  if (lang === 'en-US') {
    if (money !== undefined) return formatYuanEn(n * money);
    const u = englishUnits[unit] ?? unit;
    if (u === '%') return `${trimDecimal(n, 2)}%`;
    return u ? `${n.toLocaleString('en-US')} ${u}` : n.toLocaleString('en-US');
  }
  if (money !== undefined) return `${formatChineseNumber(n)}${unit}`;
  return `${formatChineseNumber(n)}${unit}`;
}

/** A count with thousands separators in English, 万 style in Chinese. */
export function formatCount(n: number, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return lang === 'en-US' ? n.toLocaleString('en-US') : formatChineseNumber(n);
}

/** "2026-03-05T08:00:00Z" → "2026-03-05 16:00" in Asia/Shanghai, the district's time zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`;
}

/** Quotes a CSV cell when needed (RFC 4180). */
export function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text with a UTF-8 BOM so Excel opens Chinese correctly. */
export function toCsv(rows: (string | number)[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Number display the Chinese way (万, 亿; 元 → 万元/亿元) and its English counterpart. Pure: values in, strings out.
import { groupThousands, roundHalfAway } from '@contracts/platform/decimal.ts';

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

/** An amount of money given in yuan, in 元/万元/亿元: 48000000000 → "480亿元", 52000 → "5.2万元", 800 → "800元". */
export function formatYuan(yuan: number | string, digits = 2): string {
  return `${formatChineseNumber(yuan, digits)}元`;
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

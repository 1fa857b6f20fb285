// Money in the report form: exact conversions between integer yuan and the 元/万元 text a user types — string
// arithmetic only, so '12.3456' 万元 is 123456 yuan and never 123455.99999.
import { parseMoney, type MoneyUnit } from '@contracts/modules/reports/reports.ts';
import { formatMoney } from '../../components/format.ts';

export type { MoneyUnit };
export const moneyUnitOptions: readonly MoneyUnit[] = ['万元', '元'];

/** Integer yuan as text in `unit`: 123456 → '12.3456' (万元) or '123456' (元); negatives keep their sign. */
export function yuanToText(yuan: number, unit: MoneyUnit): string {
  if (!Number.isSafeInteger(yuan)) return String(yuan);
  const sign = yuan < 0 ? '-' : '';
  const abs = String(Math.abs(yuan));
  if (unit === '元') return sign + abs;
  const padded = abs.padStart(5, '0');
  const whole = padded.slice(0, -4).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(-4).replace(/0+$/, '');
  return sign + (frac ? `${whole}.${frac}` : whole);
}

/** Text typed in `unit` as integer yuan, or null when it is not a non-negative amount of that unit's precision. */
export function textToYuan(text: string | undefined | null, unit: MoneyUnit): number | null {
  if (text === undefined || text === null || !text.trim()) return null;
  return parseMoney(text, unit);
}

/** Re-expresses typed text in another unit (exactly); text that does not parse is left as it is. */
export function convertText(text: string | undefined, from: MoneyUnit, to: MoneyUnit): string | undefined {
  if (!text || from === to) return text;
  const yuan = textToYuan(text, from);
  if (yuan !== null) return yuanToText(yuan, to);
  // 万元 → 元 always converts; 元 text with decimals could not be valid yuan, so keep it for the user to fix
  return text;
}

/** Yuan in 万元 for tables whose header names the unit (format.ts's formatMoney, bare): 4293000 → '429.30'. */
export function formatWan(yuan: number): string {
  return formatMoney(yuan, { bare: true });
}

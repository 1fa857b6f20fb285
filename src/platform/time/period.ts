// Monthly reporting periods ('YYYY-MM') and the calendar arithmetic on them, in Asia/Shanghai time.
import { z } from 'zod';
import { AppError } from '../http/errors.ts';

/**
 * A month, 'YYYY-MM'. Branded so that only validated text (parsePeriod, isPeriod, periodSchema or the
 * functions below) can be used where a period is expected: a stray '2026-3' or a date is a compile error.
 * Periods compare correctly as strings ('2025-12' < '2026-01').
 */
export type Period = string & z.$brand<'Period'>;

// Years 1000–9999 only: four digits keep string order equal to time order.
const periodPattern = /^[1-9][0-9]{3}-(0[1-9]|1[0-2])$/;
const datePattern = /^([1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** The API and configuration shape of a period; the pattern alone decides, so it survives into OpenAPI. */
export const periodSchema = z
  .string()
  .regex(periodPattern, { message: '期间格式应为 YYYY-MM' })
  .brand<'Period'>();

// Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for any date we handle.
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

function invalidPeriod(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, [{ path, message }]);
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && periodPattern.test(value);
}

/** Validates text as a period; throws a VALIDATION error naming `path` otherwise. */
export function parsePeriod(text: string, path = 'period'): Period {
  if (!isPeriod(text)) throw invalidPeriod(path, `期间格式应为 YYYY-MM：${text}`);
  return text;
}

/** The period of a calendar year and month (1–12). */
export function formatPeriod(year: number, month: number): Period {
  if (
    !Number.isInteger(year) ||
    year < 1000 ||
    year > 9999 ||
    !Number.isInteger(month) ||
    month < 1 ||
    month > 12
  ) {
    throw invalidPeriod('period', `无效的年月：${year}-${month}`);
  }
  return `${year}-${String(month).padStart(2, '0')}` as Period;
}

export function periodYear(p: Period): number {
  return Number(p.slice(0, 4));
}

/** Month of the year, 1–12. */
export function periodMonth(p: Period): number {
  return Number(p.slice(5, 7));
}

/** Months since year 0: turns month arithmetic into integer arithmetic. */
export const periodOrdinal = (p: Period): number => periodYear(p) * 12 + periodMonth(p) - 1;
/** The period `n` months after January of year 0 (the inverse of periodOrdinal). */
export const periodOfOrdinal = (n: number): Period => formatPeriod(Math.floor(n / 12), (n % 12) + 1);
const ordinal = periodOrdinal;
const fromOrdinal = periodOfOrdinal;

export function addMonths(p: Period, n: number): Period {
  if (!Number.isInteger(n)) throw invalidPeriod('months', `月数应为整数：${n}`);
  return fromOrdinal(ordinal(p) + n);
}

/** b − a in whole months: monthsBetween('2025-12', '2027-12') = 24; negative when b is earlier. */
export function monthsBetween(a: Period, b: Period): number {
  return ordinal(b) - ordinal(a);
}

export function previousPeriod(p: Period): Period {
  return addMonths(p, -1);
}

export function nextPeriod(p: Period): Period {
  return addMonths(p, 1);
}

/** For sorting: negative when a is earlier than b. */
export function comparePeriods(a: Period, b: Period): number {
  return ordinal(a) - ordinal(b);
}

/** Every period from `from` to `to`, both included; empty when `to` is before `from`. */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let n = ordinal(from); n <= ordinal(to); n++) out.push(fromOrdinal(n));
  return out;
}

export function daysInMonth(p: Period): number {
  const y = periodYear(p);
  const m = periodMonth(p);
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** The period a calendar date ('YYYY-MM-DD', e.g. a plan's baseline date 2025-12-31) falls in. */
export function periodOfDate(date: string): Period {
  const m = datePattern.exec(date);
  const p = m ? (`${m[1]}-${m[2]}` as Period) : null;
  // The pattern allows day 31 in every month; the calendar decides.
  if (!p || Number(m?.[3]) > daysInMonth(p)) throw invalidPeriod('date', `日期格式应为 YYYY-MM-DD：${date}`);
  return p;
}

/** The last calendar day of the period, 'YYYY-MM-DD': the date a monthly figure stands for. */
export function lastDayOf(p: Period): string {
  return `${p}-${String(daysInMonth(p)).padStart(2, '0')}`;
}

/** The period that `now` falls in on a Shanghai wall clock (2025-12-31T16:00Z is already 2026-01). */
export function currentPeriod(now: Date): Period {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw invalidPeriod('now', '无效的时间');
  const shanghai = new Date(t + shanghaiOffsetMs);
  return formatPeriod(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + 1);
}

// Civil dates ('YYYY-MM-DD') on the Asia/Shanghai calendar and the whole-day arithmetic under them (pure).
//
// China Standard Time is UTC+8 all year (no daylight saving since 1991), so an instant's Shanghai date is found with
// a fixed offset, and dates are counted as integer day numbers on the proleptic Gregorian calendar. No host time
// zone and no Date arithmetic is involved; `Date` only carries instants in and out.
import type { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { periodOfDate, type Period } from './period.ts';

/**
 * A calendar day in Shanghai, 'YYYY-MM-DD'. Branded like Period: only validated text (parseCivilDate, isCivilDate
 * or the functions below) is a CivilDate. Dates compare correctly as strings.
 */
export type CivilDate = string & z.$brand<'CivilDate'>;

/** A date as its parts; month and day count from 1. */
export interface CivilParts {
  year: number;
  month: number;
  day: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai: UTC+8, no daylight saving. */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil({ year, month, day }: CivilParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The Gregorian date `days` after 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilParts {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export const weekdayOfDays = (days: number): number => ((((days + 3) % 7) + 7) % 7) + 1;

/** The Shanghai calendar day (days since 1970-01-01) an instant falls on. */
export const shanghaiDays = (instantMs: number): number =>
  Math.floor((instantMs + SHANGHAI_OFFSET_MS) / DAY_MS);

/** The instant of a Shanghai wall-clock time on day number `days`. */
export const shanghaiInstantMs = (days: number, hour: number, minute: number): number =>
  days * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS - SHANGHAI_OFFSET_MS;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalidDate(path: string, text: unknown): AppError {
  const message = `日期格式应为 YYYY-MM-DD：${String(text)}`;
  return new AppError('VALIDATION', message, [{ path, message }]);
}

/** The day number of 'YYYY-MM-DD' text, or NaN when it is not a date on the calendar (2025-02-30, 2026-1-5). */
export function dayNumberOf(text: string): number {
  const m = datePattern.exec(text);
  if (!m) return Number.NaN;
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (parts.year < 1000 || parts.month < 1 || parts.month > 12 || parts.day < 1) return Number.NaN;
  const days = daysFromCivil(parts);
  // Rejects days past the month's end, which the arithmetic would roll into the next month.
  return civilFromDays(days).month === parts.month ? days : Number.NaN;
}

export function isCivilDate(value: unknown): value is CivilDate {
  return typeof value === 'string' && !Number.isNaN(dayNumberOf(value));
}

/** Validates text as a date; throws a VALIDATION error naming `path` otherwise. */
export function parseCivilDate(text: string, path = 'date'): CivilDate {
  if (!isCivilDate(text)) throw invalidDate(path, text);
  return text;
}

/** The date of a day number. Hand-padded: the demo generator formats hundreds of thousands of dates. */
export function dateOfDayNumber(days: number): CivilDate {
  const { year, month, day } = civilFromDays(days);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}` as CivilDate;
}

/** The day number of a date (days since 1970-01-01). */
export const dayNumber = (date: CivilDate): number => dayNumberOf(date);

/** The date of its parts; throws on a day that is not on the calendar. */
export function civilDate(year: number, month: number, day: number): CivilDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseCivilDate(text);
}

/** The Shanghai date at the instant `now` (2025-12-31T16:00Z is already 2026-01-01). */
export function today(now: Date): CivilDate {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw invalidDate('now', now);
  return dateOfDayNumber(shanghaiDays(t));
}

/**
 * The date a `Date` at UTC midnight stands for: spreadsheet cells and YAML dates carry a calendar day that way,
 * with no time zone meant. Not for instants (use `today`).
 */
export const dateOfUtcMidnight = (value: Date): CivilDate =>
  dateOfDayNumber(Math.floor(value.getTime() / DAY_MS));

export const addDays = (date: CivilDate, n: number): CivilDate => dateOfDayNumber(dayNumber(date) + n);

/** b − a in days; negative when b is earlier. */
export const daysBetween = (a: CivilDate, b: CivilDate): number => dayNumber(b) - dayNumber(a);

/** For sorting: negative when a is earlier than b. */
export const compareDates = (a: CivilDate, b: CivilDate): number => daysBetween(b, a);

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekday = (date: CivilDate): number => weekdayOfDays(dayNumber(date));

/** The reporting month a date falls in. */
export const periodOf = (date: CivilDate): Period => periodOfDate(date);

/** The first instant of the date in Shanghai (00:00 UTC+8). */
export const startOfDay = (date: CivilDate): Date => new Date(shanghaiInstantMs(dayNumber(date), 0, 0));

/** The last instant of the date in Shanghai (23:59:59.999 UTC+8): "by the 10th" means at or before it. */
export const endOfDay = (date: CivilDate): Date => new Date(shanghaiInstantMs(dayNumber(date) + 1, 0, 0) - 1);

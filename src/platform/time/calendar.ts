// Working days: the platform's calendar interface, the arithmetic on it, and the mainland China calendar by default.
import { addDays, weekday, type CivilDate } from './date.ts';
import { chinaCalendar } from './china-days.ts';

/**
 * Which days are working days. The platform's own seam: the China calendar reads a maintained package's data
 * (china-days.ts); another source (a district's own notice, a test calendar) implements the same two questions.
 */
export interface WorkingCalendar {
  /** A working day: a weekday that is not a public holiday, or a weekend day made a make-up workday (调休上班). */
  isWorkingDay(date: CivilDate): boolean;
  /**
   * The answer for this date is a guess: it lies past the last year the calendar's data covers (for China, the last
   * State Council holiday notice published in the package), so only weekends count as days off.
   */
  provisional(date: CivilDate): boolean;
}

/** Saturdays and Sundays off, nothing else: the fallback past the published data, and a simple calendar for tests. */
export const weekendsOnly: WorkingCalendar = {
  isWorkingDay: (date) => weekday(date) <= 5,
  provisional: () => false,
};

export { chinaCalendar };

// No real calendar has a run of days off this long; a longer one means a broken calendar, not a long holiday.
const MAX_DAYS_OFF = 60;

export const isWorkingDay = (date: CivilDate, cal: WorkingCalendar = chinaCalendar): boolean =>
  cal.isWorkingDay(date);

export const provisional = (date: CivilDate, cal: WorkingCalendar = chinaCalendar): boolean =>
  cal.provisional(date);

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: CivilDate, cal: WorkingCalendar = chinaCalendar): CivilDate {
  let d = date;
  for (let i = 0; i <= MAX_DAYS_OFF; i++, d = addDays(d, 1)) if (cal.isWorkingDay(d)) return d;
  throw new Error(`no working day within ${MAX_DAYS_OFF} days of ${date}`);
}

/**
 * The n-th working day after `date` (before it when n < 0), not counting `date` itself; n = 0 is `date` when it is a
 * working day, else the next one. addWorkingDays('2026-09-30', 1) is 2026-10-08: the National Day holiday lies between.
 */
export function addWorkingDays(date: CivilDate, n: number, cal: WorkingCalendar = chinaCalendar): CivilDate {
  if (!Number.isInteger(n)) throw new Error(`working days must be a whole number, got ${n}`);
  if (n === 0) return nextWorkingDay(date, cal);
  const step = n > 0 ? 1 : -1;
  let d = date;
  for (let left = Math.abs(n), off = 0; left > 0;) {
    d = addDays(d, step);
    if (cal.isWorkingDay(d)) {
      left--;
      off = 0;
    } else if (++off > MAX_DAYS_OFF) {
      throw new Error(`no working day within ${MAX_DAYS_OFF} days of ${d}`);
    }
  }
  return d;
}

/**
 * Working days from `from` to `to`: those after `from` up to and including `to`, so that
 * addWorkingDays(from, workingDaysBetween(from, to)) is `to` when `to` is a working day. Negative when `to` is earlier.
 */
export function workingDaysBetween(
  from: CivilDate,
  to: CivilDate,
  cal: WorkingCalendar = chinaCalendar,
): number {
  if (to < from) return -workingDaysBetween(to, from, cal);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

// Monthly report deadlines: `day` of the following month, moved to the next working day when that is a day off.
import { chinaCalendar, nextWorkingDay, type WorkingCalendar } from './calendar.ts';
import { civilDate, endOfDay, type CivilDate } from './date.ts';
import { currentPeriod, nextPeriod, periodMonth, periodYear, previousPeriod, type Period } from './period.ts';

export interface Deadline {
  /** The day reports are due, by its end (23:59:59.999 in Shanghai). */
  date: CivilDate;
  /** The configured day of the following month, before any move. */
  nominal: CivilDate;
  /** The nominal day fell on a weekend or a public holiday and the deadline moved to the next working day. */
  moved: boolean;
  /** The date lies past the published holiday notices: only weekends were considered, a notice may still move it. */
  provisional: boolean;
}

/**
 * When reports for `period` are due: `day` (settings reportDeadlineDay, 1–28) of the following month, or the first
 * working day after it. With day 10: March 2026 is due on Friday 2026-04-10; April 2025 on Monday 2025-05-12 (the
 * 10th was a Saturday); January 2024 on Sunday 2024-02-18, a make-up workday after the Spring Festival holiday.
 */
export function reportDeadline(period: Period, day: number, cal: WorkingCalendar = chinaCalendar): Deadline {
  const next = nextPeriod(period);
  const nominal = civilDate(periodYear(next), periodMonth(next), day);
  const date = nextWorkingDay(nominal, cal);
  return {
    date,
    nominal,
    moved: date !== nominal,
    provisional: cal.provisional(nominal) || cal.provisional(date),
  };
}

/** The last instant a report for `period` counts as on time. */
export const deadlineEnd = (period: Period, day: number, cal: WorkingCalendar = chinaCalendar): Date =>
  endOfDay(reportDeadline(period, day, cal).date);

/** Whether a report first submitted at `submittedAt` was on time: by the end of the (moved) deadline day. */
export const onTime = (
  period: Period,
  day: number,
  submittedAt: Date,
  cal: WorkingCalendar = chinaCalendar,
): boolean => submittedAt.getTime() <= deadlineEnd(period, day, cal).getTime();

/**
 * The newest month whose reports are past due at `now`: the previous month once its deadline has ended, else the
 * month before it.
 */
export function lastDuePeriod(now: Date, day: number, cal: WorkingCalendar = chinaCalendar): Period {
  const closed = previousPeriod(currentPeriod(now));
  return now.getTime() > deadlineEnd(closed, day, cal).getTime() ? closed : previousPeriod(closed);
}

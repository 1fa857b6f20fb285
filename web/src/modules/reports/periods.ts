// Reporting months on the web side: the last closed month (the default everywhere) and month-picker helpers.
import dayjs, { type Dayjs } from 'dayjs';
import { currentPeriod, isPeriod, previousPeriod, type Period } from '@contracts/platform/time/period.ts';

export type { Period };

/** The month before the current one on a Shanghai clock: the newest month that can be reported. */
export function lastClosedPeriod(now: Date = new Date()): Period {
  return previousPeriod(currentPeriod(now));
}

/** The text as a period, or the fallback when it is not 'YYYY-MM'. */
export function periodOr(text: string | null | undefined, fallback: Period): Period {
  return isPeriod(text) ? text : fallback;
}

export const periodToDayjs = (p: Period): Dayjs => dayjs(`${p}-01`);
export const dayjsToPeriod = (d: Dayjs): Period => d.format('YYYY-MM') as Period;

/** For month pickers: months after the last closed one cannot be reported yet. */
export function isFutureMonth(d: Dayjs, now: Date = new Date()): boolean {
  return dayjsToPeriod(d) > lastClosedPeriod(now);
}

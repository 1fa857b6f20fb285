// The service desk's working-day clock, pure, on platform/time's calendar (the China holiday/调休 calendar by
// default): when a limit of N working days ends, how many working days have run, with 补充材料 pauses taken out.
//
// The rule (docs/service-desk.md, "The clock"):
// - A clock starts on a civil day `start` (the day of filing, of a dispatch, of a reopening). That day itself does
//   not count; the working days after it do. A limit of N working days ends on the N-th counted day, by its end
//   (23:59:59 in Shanghai); a limit of 0 ends on `start` itself when it is a working day, else on the next one.
// - A pause (补充材料) runs from the day it began to the day it ended. The days after the first, up to and including
//   the last, do not count: the day the unit asked still counts (it worked on it), the day the enterprise answered
//   does not (the clock starts again the next working day). An open pause stops the clock: no deadline until it ends.
// - An approved extension (延期) adds its working days to the limit.
import { addDays, type CivilDate } from '../../platform/time/date.ts';
import { chinaCalendar, nextWorkingDay, type WorkingCalendar } from '../../platform/time/calendar.ts';

export interface Pause {
  from: CivilDate;
  /** null while the request still waits for the enterprise. */
  to: CivilDate | null;
  reason: string;
}

/** Whether day `d` lies in a pause (after its first day, up to its last; open pauses run on). */
export const paused = (d: CivilDate, pauses: readonly Pause[]): boolean =>
  pauses.some((p) => d > p.from && (p.to === null || d <= p.to));

export const openPause = (pauses: readonly Pause[]): Pause | null =>
  pauses.find((p) => p.to === null) ?? null;

// Far more than any limit plus its pauses; a longer walk means a broken calendar or pause list.
const MAX_WALK_DAYS = 3660;

/**
 * The day a limit of `workingDays` from `start` ends, or null while a pause is open. Days in pauses do not count.
 * dueDate('2025-09-26', 5) is 2025-10-10: 09-28 (a Sunday worked), 09-29, 09-30, 10-09, 10-10.
 */
export function dueDate(
  start: CivilDate,
  workingDays: number,
  pauses: readonly Pause[] = [],
  cal: WorkingCalendar = chinaCalendar,
): CivilDate | null {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new Error(`a limit is a whole number of working days, got ${workingDays}`);
  if (openPause(pauses)) return null;
  if (workingDays === 0) return nextWorkingDay(start, cal);
  let d = start;
  for (let left = workingDays, walked = 0; left > 0; walked++) {
    if (walked > MAX_WALK_DAYS) throw new Error(`no end to ${workingDays} working days from ${start}`);
    d = addDays(d, 1);
    if (cal.isWorkingDay(d) && !paused(d, pauses)) left--;
  }
  return d;
}

/** Working days that ran from `start` to `asOf` (after `start`, up to and including `asOf`), pauses taken out. */
export function elapsedWorkingDays(
  start: CivilDate,
  asOf: CivilDate,
  pauses: readonly Pause[] = [],
  cal: WorkingCalendar = chinaCalendar,
): number {
  let n = 0;
  for (let d = addDays(start, 1); d <= asOf; d = addDays(d, 1))
    if (cal.isWorkingDay(d) && !paused(d, pauses)) n++;
  return n;
}

/** Working days the pauses took out of the clock, up to `asOf` (an open pause counts to `asOf`). */
export function pausedWorkingDays(
  pauses: readonly Pause[],
  asOf: CivilDate,
  cal: WorkingCalendar = chinaCalendar,
): number {
  let n = 0;
  for (const p of pauses) {
    const end = p.to === null || p.to > asOf ? asOf : p.to;
    for (let d = addDays(p.from, 1); d <= end; d = addDays(d, 1))
      if (cal.isWorkingDay(d) && !pauses.some((q) => q !== p && q.from < p.from && paused(d, [q]))) n++;
  }
  return n;
}

/** Whether something due on `due` (by its end) was done on time on `doneOn`. */
export const onTime = (doneOn: CivilDate, due: CivilDate | null) => due === null || doneOn <= due;

/** Working days past a due date as of `asOf` (0 on the day itself; null when not yet past or no deadline). */
export function overdueWorkingDays(
  due: CivilDate | null,
  asOf: CivilDate,
  cal: WorkingCalendar = chinaCalendar,
): number | null {
  if (due === null || asOf <= due) return null;
  return elapsedWorkingDays(due, asOf, [], cal);
}

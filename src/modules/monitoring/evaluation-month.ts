// Which month the monitoring pages evaluate, and why — the one rule every page follows (docs/indicators.md, *One
// evaluation month*): the newest month whose reports are past due, the month policies and grants use too. Pure.
import type { Period } from '../../platform/time/period.ts';
import type { EvaluationMonth } from './monitoring.contract.ts';

/**
 * The month to show among the months computed (`computed`, any order), given the newest month past its report
 * deadline (`closed`, platform/time's lastDuePeriod) and a month the user picked, if any:
 * - picked → that month (`picked`);
 * - else the newest computed month not after `closed` (`closed`);
 * - else, before any computed month has closed, the newest computed (`noneClosed`: provisional, firms still file).
 * `open` is the newest computed month after `closed` (its reports are still coming in), with its deadline.
 * Null when nothing is computed yet.
 */
export function chooseEvaluationMonth(
  computed: readonly Period[],
  closed: Period,
  deadlineOf: (month: Period) => string,
  picked?: Period,
): EvaluationMonth | null {
  if (computed.length === 0) return null;
  const sorted = [...computed].sort();
  const newest = sorted.at(-1)!;
  const open = newest > closed ? newest : null;
  const openDeadline = open ? deadlineOf(open) : null;
  if (picked) return { month: picked, reason: 'picked', closed, open, openDeadline };
  const due = sorted.filter((m) => m <= closed).at(-1);
  return due
    ? { month: due, reason: 'closed', closed, open, openDeadline }
    : { month: newest, reason: 'noneClosed', closed, open, openDeadline };
}

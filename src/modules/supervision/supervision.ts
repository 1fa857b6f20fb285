// The pure part of 督查督办 (key-task supervision): work item kinds and sources, the expected progress (序时进度),
// the computed colour with its reason in words, due-soon reminders in China working days, and task roll-ups.
import {
  addMonths,
  monthsBetween,
  periodOrdinal,
  periodOfOrdinal,
  type Period,
} from '../../platform/time/period.ts';
import { daysBetween, periodOf, type CivilDate } from '../../platform/time/date.ts';
import { chinaCalendar, workingDaysBetween, type WorkingCalendar } from '../../platform/time/calendar.ts';

export * from './supervision.kinds.ts';
import type { Colour, DeclaredStatus, ItemKind, ItemState, ReportState } from './supervision.kinds.ts';

export const declaredLabels: Record<DeclaredStatus, string> = {
  onTrack: '正常推进',
  atRisk: '存在风险',
  behind: '滞后',
  done: '已完成',
};
export const colourLabels: Record<Colour, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const declaredColour: Record<DeclaredStatus, Colour> = {
  onTrack: 'green',
  atRisk: 'yellow',
  behind: 'red',
  done: 'green',
};

/** The thresholds as data: points behind the expected progress, and how early a due date is announced. */
export interface StatusThresholds {
  /** Yellow when the reported progress is more than this many percentage points behind the expected. */
  yellowBehindPoints: number;
  /** Red when more than this many points behind (or overdue and not done). */
  redBehindPoints: number;
  /** A due date this many working days ahead (or fewer) is "due soon". */
  dueSoonWorkingDays: number;
}
export const defaultThresholds: StatusThresholds = {
  yellowBehindPoints: 10,
  redBehindPoints: 25,
  dueSoonWorkingDays: 5,
};

/** What the status of one item is computed from. */
export interface ItemFacts {
  kind: ItemKind;
  startDate: CivilDate;
  dueDate: CivilDate;
  state: ItemState;
  /** Months per report (1 = monthly); recurring items expect one action per such period. */
  cadenceMonths: number;
  /** For quantity items: the goal (e.g. 12 salons). */
  goalQuantity: number | null;
  declaredStatus: DeclaredStatus | null;
}

/** The progress a unit last reported (the current version of its latest period, not returned). */
export interface ReportedFacts {
  percent: number | null;
  quantityDone: number | null;
}

export interface ItemStatus {
  /** null for a cancelled item (it counts nowhere). */
  colour: Colour | null;
  /** 序时进度: what should be done by now, 0–100. */
  expected: number;
  /** What was reported, 0–100; null when nothing was. */
  reported: number | null;
  /** The reason in words: "应完成 58%，已报 30%", "已超期 3 个工作日". */
  reason: string;
  overdueWorkingDays: number | null;
  /** Working days left to the due date (0 on the day itself); null once past it or when not open. */
  dueInWorkingDays: number | null;
  dueSoon: boolean;
  /** The working-day count crosses dates past the calendar's published holiday notices: a guess. */
  provisional: boolean;
  /** The self-declared status and the computed colour disagree: both are shown. */
  contradiction: { declared: DeclaredStatus; declaredColour: Colour; text: string } | null;
}

const rank: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };
const clampPercent = (n: number) => Math.max(0, Math.min(100, n));
const round = (n: number) => Math.round(n);

/** The reporting windows of an item: cadence-month blocks from its start month to its due month. */
export function reportWindows(startDate: CivilDate, dueDate: CivilDate, cadenceMonths: number): Period[] {
  const from = periodOf(startDate);
  const months = monthsBetween(from, periodOf(dueDate)) + 1;
  const n = Math.max(1, Math.ceil(months / cadenceMonths));
  return Array.from({ length: n }, (_, k) => addMonths(from, k * cadenceMonths));
}

/** The first month of the reporting window `period` falls in (the window a report for that month counts for). */
export function windowOf(startDate: CivilDate, cadenceMonths: number, period: Period): Period {
  const from = periodOrdinal(periodOf(startDate));
  const k = Math.max(0, Math.floor((periodOrdinal(period) - from) / cadenceMonths));
  return periodOfOrdinal(from + k * cadenceMonths);
}

/**
 * 序时进度 on `asOf`: linear in calendar days between start and due for milestones and quantities; for recurring
 * items stepped by the reporting windows that have ended (a window ends with its last month).
 */
export function expectedPercent(
  item: Pick<ItemFacts, 'kind' | 'startDate' | 'dueDate' | 'cadenceMonths'>,
  asOf: CivilDate,
): number {
  if (asOf >= item.dueDate) return 100;
  if (asOf < item.startDate) return 0;
  if (item.kind === 'recurring') {
    const windows = reportWindows(item.startDate, item.dueDate, item.cadenceMonths);
    const now = periodOf(asOf);
    const ended = windows.filter((w) => addMonths(w, item.cadenceMonths - 1) < now).length;
    return round((ended / windows.length) * 100);
  }
  const span = daysBetween(item.startDate, item.dueDate);
  if (span <= 0) return 100;
  return round(clampPercent((daysBetween(item.startDate, asOf) / span) * 100));
}

/** The reported progress in percent: from the quantity done against the goal for quantity items, else the percent. */
export function reportedPercent(
  item: Pick<ItemFacts, 'kind' | 'goalQuantity'>,
  report: ReportedFacts | null,
): number | null {
  if (!report) return null;
  if (item.kind === 'quantity' && item.goalQuantity && report.quantityDone !== null)
    return round(clampPercent((report.quantityDone / item.goalQuantity) * 100));
  return report.percent === null ? null : round(clampPercent(report.percent));
}

/**
 * workingDaysBetween, remembered per calendar: a ledger's items share a few dates (today, month ends), and the count
 * walks every day between them. A calendar's answers never change within a process (its data is the package's).
 */
const counted = new WeakMap<WorkingCalendar, Map<string, number>>();
function workingDays(from: CivilDate, to: CivilDate, cal: WorkingCalendar): number {
  let memo = counted.get(cal);
  if (!memo) counted.set(cal, (memo = new Map()));
  const key = `${from}${to}`;
  let n = memo.get(key);
  if (n === undefined) {
    if (memo.size > 50_000) memo.clear();
    n = workingDaysBetween(from, to, cal);
    memo.set(key, n);
  }
  return n;
}

/** A plan target an item is linked to, as the monitoring engine last evaluated it. */
export interface LinkedTarget {
  code: string;
  name: string;
  goal: number;
  aim: 'increase' | 'level';
  /** A reached-or-not target (建成1个集聚区): no trend, not projected. */
  milestone: boolean;
  baselinePeriod: Period;
  deadlinePeriod: Period;
  /** The evaluated month, its value, the baseline's value and the trend's slope (target unit per month). */
  period: Period;
  value: number | null;
  baselineValue: number | null;
  recentMonthlyPace: number | null;
}

/** What a linked target says about an item: how far along its path it is projected to be by the item's due date. */
export interface LinkedProjection {
  code: string;
  name: string;
  /** Projected progress by the due date against the straight path from baseline to goal, in percent. */
  percent: number;
}

/**
 * A linked target's projection to the item's due date: the trend carried from the evaluated month to the due month,
 * against where the straight path from the baseline to the goal says the target should be by then (序时). 100 = on
 * the path; at the target's own deadline it is the share of the goal. null when there is nothing to project (a
 * milestone or level target, no value or trend yet, a path that does not rise).
 */
export function projectTarget(t: LinkedTarget, dueDate: CivilDate): LinkedProjection | null {
  if (t.milestone || t.aim !== 'increase' || t.value === null || t.recentMonthlyPace === null) return null;
  const base = t.baselineValue ?? 0;
  const due = periodOf(dueDate);
  const ahead = Math.max(0, monthsBetween(t.period, due));
  const projected = t.value + t.recentMonthlyPace * ahead;
  const span = monthsBetween(t.baselinePeriod, t.deadlinePeriod);
  const share = span <= 0 ? 1 : Math.max(0, Math.min(1, monthsBetween(t.baselinePeriod, due) / span));
  const path = base + (t.goal - base) * share;
  if (!(path > base)) return null;
  return {
    code: t.code,
    name: t.name,
    percent: round(Math.max(0, ((projected - base) / (path - base)) * 100)),
  };
}

const provisionalNote = '（节假日安排尚未公布，按周末推算）';

/** The computed status of one item on `asOf`. */
export function itemStatus(
  item: ItemFacts,
  report: ReportedFacts | null,
  asOf: CivilDate,
  thresholds: StatusThresholds = defaultThresholds,
  cal: WorkingCalendar = chinaCalendar,
  /** The linked targets' projections to the due date: one below 100 − yellow (red) points makes it yellow (red). */
  linked: LinkedProjection[] = [],
): ItemStatus {
  const expected = expectedPercent(item, asOf);
  const reported = item.state === 'done' ? 100 : reportedPercent(item, report);
  const base = {
    expected,
    reported,
    overdueWorkingDays: null,
    dueInWorkingDays: null,
    dueSoon: false,
    provisional: false,
    contradiction: null,
  };
  if (item.state === 'cancelled') return { ...base, colour: null, reason: '已取消' };
  if (item.state === 'done') return { ...base, colour: 'green', reason: '已完成' };

  const provisional = cal.provisional(item.dueDate) || cal.provisional(asOf);
  const note = provisional ? provisionalNote : '';
  const said = `应完成 ${expected}%，${reported === null ? '尚未报送' : `已报 ${reported}%`}`;
  let colour: Colour;
  let reason: string;
  let overdueWorkingDays: number | null = null;
  let dueInWorkingDays: number | null = null;
  if (asOf > item.dueDate && (reported ?? 0) < 100) {
    overdueWorkingDays = workingDays(item.dueDate, asOf, cal);
    colour = 'red';
    reason =
      overdueWorkingDays > 0
        ? `已超期 ${overdueWorkingDays} 个工作日，${said}${note}`
        : `已过完成时限，${said}`;
  } else {
    const behind = expected - (reported ?? 0);
    colour =
      (reported ?? 0) >= 100
        ? 'green'
        : behind > thresholds.redBehindPoints
          ? 'red'
          : behind > thresholds.yellowBehindPoints
            ? 'yellow'
            : 'green';
    reason = said;
    if (asOf <= item.dueDate && (reported ?? 0) < 100) {
      dueInWorkingDays = workingDays(asOf, item.dueDate, cal);
      if (dueInWorkingDays <= thresholds.dueSoonWorkingDays) {
        reason += `，距完成时限还有 ${dueInWorkingDays} 个工作日${note}`;
      }
    }
  }
  const dueSoon = dueInWorkingDays !== null && dueInWorkingDays <= thresholds.dueSoonWorkingDays;
  // Linked targets: the monitoring engine's trend, projected to the due date, can make the item worse, never better.
  for (const l of linked) {
    const byTarget: Colour | null =
      l.percent < 100 - thresholds.redBehindPoints
        ? 'red'
        : l.percent < 100 - thresholds.yellowBehindPoints
          ? 'yellow'
          : null;
    if (!byTarget) continue;
    reason += `，关联指标“${l.name}”预计到期完成 ${l.percent}%`;
    if (rank[byTarget] > rank[colour]) colour = byTarget;
  }
  let contradiction: ItemStatus['contradiction'] = null;
  const declared = item.declaredStatus;
  if (declared && declaredColour[declared] !== colour) {
    contradiction = {
      declared,
      declaredColour: declaredColour[declared],
      text: `自报“${declaredLabels[declared]}”，按数据为${colourLabels[colour]}（${reason}）`,
    };
  }
  return {
    colour,
    expected,
    reported,
    reason,
    overdueWorkingDays,
    dueInWorkingDays,
    dueSoon,
    provisional: provisional && (overdueWorkingDays !== null || dueSoon),
    contradiction,
  };
}

/** One item in a roll-up: its weight and computed status. */
export interface RollupInput {
  weight: number;
  status: Pick<ItemStatus, 'colour' | 'expected' | 'reported'>;
}

export interface Rollup {
  colour: Colour | null;
  expected: number | null;
  reported: number | null;
  items: number;
  counts: Record<Colour, number>;
  reason: string;
}

/**
 * A task's progress and colour from its items, weighted: the weighted expected against the weighted reported with
 * the same thresholds as an item; a red item makes the task at least yellow. Cancelled items count nowhere.
 */
export function rollup(items: RollupInput[], thresholds: StatusThresholds = defaultThresholds): Rollup {
  const live = items.filter((i) => i.status.colour !== null && i.weight > 0);
  const counts: Record<Colour, number> = { green: 0, yellow: 0, red: 0 };
  for (const i of live) counts[i.status.colour!]++;
  if (!live.length)
    return { colour: null, expected: null, reported: null, items: 0, counts, reason: '尚无工作举措' };
  const total = live.reduce((s, i) => s + i.weight, 0);
  const expected = round(live.reduce((s, i) => s + i.weight * i.status.expected, 0) / total);
  const reported = round(live.reduce((s, i) => s + i.weight * (i.status.reported ?? 0), 0) / total);
  const behind = expected - reported;
  let colour: Colour =
    behind > thresholds.redBehindPoints ? 'red' : behind > thresholds.yellowBehindPoints ? 'yellow' : 'green';
  if (colour === 'green' && counts.red > 0) colour = 'yellow';
  const parts = [`加权应完成 ${expected}%，已报 ${reported}%`];
  if (counts.red) parts.push(`红灯 ${counts.red} 项`);
  if (counts.yellow) parts.push(`黄灯 ${counts.yellow} 项`);
  return { colour, expected, reported, items: live.length, counts, reason: parts.join('，') };
}

/** A section's (板块's) progress and colour from its tasks' roll-ups, each task weighing the same. */
export function sectionRollup(
  sections: { number: number; title: string }[],
  tasks: { section: number; colour: Colour | null; expected: number | null; reported: number | null }[],
  thresholds: StatusThresholds = defaultThresholds,
) {
  return sections.map((s) => {
    const mine = tasks.filter((t) => t.section === s.number);
    const r = rollup(
      mine.map((t) => ({
        weight: 1,
        status: { colour: t.colour, expected: t.expected ?? 0, reported: t.reported },
      })),
      thresholds,
    );
    return {
      number: s.number,
      title: s.title,
      tasks: mine.length,
      colour: r.colour,
      expected: r.expected,
      reported: r.reported,
      reason: r.colour === null ? '尚无工作举措' : r.reason.replace(/项/g, '项任务'),
    };
  });
}

/**
 * Whether an open item wants a report in the window of `period`: it has started by the end of that month, and
 * its window has no report that still stands (none, or only returned ones).
 */
export function needsReport(
  item: Pick<ItemFacts, 'state' | 'startDate' | 'dueDate' | 'cadenceMonths'>,
  period: Period,
  reportsInWindow: { state: ReportState }[],
): boolean {
  if (item.state !== 'open') return false;
  if (periodOf(item.startDate) > period) return false;
  return !reportsInWindow.some((r) => r.state !== 'returned');
}

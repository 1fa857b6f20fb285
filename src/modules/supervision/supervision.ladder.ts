// The supervision ladder (督办单), pure: what the daily rule does with one item on one day — nothing, a reminder before
// the due date, a blue notice for a red item, or an escalation blue → yellow → red when a level went unremedied for
// its configured working days. Working days count on the China calendar (platform/time), like the item status.
import type { CivilDate } from '../../platform/time/date.ts';
import {
  addWorkingDays,
  chinaCalendar,
  isWorkingDay,
  workingDaysBetween,
  type WorkingCalendar,
} from '../../platform/time/calendar.ts';
import {
  noticeLevels,
  noticeStates,
  openNoticeStates,
  type NoticeLevel,
  type NoticeState,
} from './supervision.kinds.ts';
import type { Colour, ItemState } from './supervision.kinds.ts';

export { noticeLevels, noticeStates, openNoticeStates, type NoticeLevel, type NoticeState };

export const noticeLevelLabels: Record<NoticeLevel, string> = {
  blue: '蓝色督办单',
  yellow: '黄色督办单',
  red: '红色督办单',
};

/** The ladder's settings as data (like the colour thresholds). */
export interface LadderSettings {
  /** A reminder this many working days before the due date (and on each day closer, once per due date). */
  reminderWorkingDays: number;
  /** A blue notice not remedied within this many working days of its issue becomes yellow. */
  yellowAfterWorkingDays: number;
  /** A yellow notice not remedied within this many working days of its issue becomes red. */
  redAfterWorkingDays: number;
  /** The unit answers (签收 and 整改情况) within this many working days of a notice's issue. */
  responseWorkingDays: number;
  /** After a close-out (销号), a new blue notice for the same item no sooner than this many working days. */
  reissueAfterWorkingDays: number;
}
export const defaultLadderSettings: LadderSettings = {
  reminderWorkingDays: 3,
  yellowAfterWorkingDays: 5,
  redAfterWorkingDays: 5,
  responseWorkingDays: 5,
  reissueAfterWorkingDays: 5,
};

/** What the rule reads of an item on a day: its state, due date and computed status. */
export interface LadderItem {
  state: ItemState;
  dueDate: CivilDate;
  colour: Colour | null;
  /** Working days to the due date (0 on the day itself); null once past it. */
  dueInWorkingDays: number | null;
  /** The computed status's reason in words ("已超期 3 个工作日，应完成 100%，已报 50%"). */
  reason: string;
}

/** The item's notice in force (issued, acknowledged or responded), and when the last closed one was closed. */
export interface LadderNotices {
  current: { level: NoticeLevel; issuedOn: CivilDate } | null;
  lastClosedOn: CivilDate | null;
}

export type LadderAction =
  | { kind: 'none' }
  | { kind: 'remind'; dueInWorkingDays: number; text: string }
  | { kind: 'issue'; level: 'blue'; reason: string }
  | { kind: 'escalate'; from: NoticeLevel; to: NoticeLevel; reason: string };

export const nextLevel = (level: NoticeLevel): NoticeLevel | null =>
  level === 'blue' ? 'yellow' : level === 'yellow' ? 'red' : null;

/** Working days a level stands unremedied before it escalates (null: red is the top). */
export const escalateAfter = (level: NoticeLevel, s: LadderSettings): number | null =>
  level === 'blue' ? s.yellowAfterWorkingDays : level === 'yellow' ? s.redAfterWorkingDays : null;

/** The date a notice issued on `issuedOn` must be answered by. */
export const responseDue = (
  issuedOn: CivilDate,
  s: LadderSettings = defaultLadderSettings,
  cal: WorkingCalendar = chinaCalendar,
): CivilDate => addWorkingDays(issuedOn, s.responseWorkingDays, cal);

/** The first day a level issued on `issuedOn` escalates if still unremedied (null for red). */
export function escalatesOn(
  level: NoticeLevel,
  issuedOn: CivilDate,
  s: LadderSettings = defaultLadderSettings,
  cal: WorkingCalendar = chinaCalendar,
): CivilDate | null {
  const n = escalateAfter(level, s);
  return n === null ? null : addWorkingDays(issuedOn, n, cal);
}

/**
 * The rule for one item on `asOf`. Idempotent by construction: a notice issued or escalated today restarts its
 * timer today (0 working days elapsed), and reminders are keyed by the due date (see reminderKey).
 *
 * - The rule acts on working days only: on a weekend or holiday it issues, escalates and reminds nothing (the job
 *   still records colour changes), so a notice is never dated a day the office is closed.
 * - Only open items climb the ladder; a notice in force on a done or cancelled item waits for its close-out.
 * - No notice in force: a red item (overdue, or behind by more than the red threshold) gets a blue notice — unless the
 *   last one was closed fewer than `reissueAfterWorkingDays` ago; otherwise an item due within
 *   `reminderWorkingDays` working days (and not yet at 100 %) gets a reminder.
 * - A notice in force escalates one level when the item is still red and the level was issued at least its
 *   configured working days ago. An item no longer red (remedied by the data) stops climbing.
 */
export function ladderStep(
  item: LadderItem,
  notices: LadderNotices,
  asOf: CivilDate,
  s: LadderSettings = defaultLadderSettings,
  cal: WorkingCalendar = chinaCalendar,
): LadderAction {
  if (item.state !== 'open' || !isWorkingDay(asOf, cal)) return { kind: 'none' };
  const red = item.colour === 'red';
  const current = notices.current;
  if (current) {
    if (!red) return { kind: 'none' };
    const to = nextLevel(current.level);
    const after = escalateAfter(current.level, s);
    if (!to || after === null) return { kind: 'none' };
    if (workingDaysBetween(current.issuedOn, asOf, cal) < after) return { kind: 'none' };
    return {
      kind: 'escalate',
      from: current.level,
      to,
      reason: `${noticeLevelLabels[current.level]}下发 ${after} 个工作日内未整改到位：${item.reason}`,
    };
  }
  if (red) {
    if (
      notices.lastClosedOn &&
      workingDaysBetween(notices.lastClosedOn, asOf, cal) < s.reissueAfterWorkingDays
    )
      return { kind: 'none' };
    return { kind: 'issue', level: 'blue', reason: item.reason };
  }
  if (item.dueInWorkingDays !== null && item.dueInWorkingDays <= s.reminderWorkingDays)
    return {
      kind: 'remind',
      dueInWorkingDays: item.dueInWorkingDays,
      text:
        item.dueInWorkingDays === 0
          ? `今天（${item.dueDate}）是完成时限`
          : `距完成时限（${item.dueDate}）还有 ${item.dueInWorkingDays} 个工作日`,
    };
  return { kind: 'none' };
}

/** One reminder per item and due date: a changed due date is reminded again, a repeated run is not. */
export const reminderKey = (itemId: string, dueDate: CivilDate) => `supervision-remind:${itemId}:${dueDate}`;

// Recurring schedules in Asia/Shanghai wall-clock time, and their occurrences as instants and dedupe keys (pure).
//
// Wall-clock time is converted with platform/time's fixed UTC+8 offset and whole-day integer arithmetic; no Date
// arithmetic or host time zone is involved. `Date` only carries instants in and out.
import {
  civilFromDays,
  dateOfDayNumber,
  daysFromCivil,
  shanghaiDays,
  shanghaiInstantMs,
  weekdayOfDays,
} from '../time/date.ts';
import { daysInMonth, formatPeriod } from '../time/period.ts';

/** A job enqueued at each occurrence: the same occurrence enqueued by any number of instances is one job. */
export type Schedule = ScheduleCommon & (MonthlySchedule | WeeklySchedule | DailySchedule);

interface ScheduleCommon {
  /** The job kind to enqueue; a handler for it must exist. */
  kind: string;
  /** Merged into each job's payload, beside `occurrence` (e.g. '2026-11') and `scheduledAt`. */
  payload?: Record<string, unknown>;
  maxAttempts?: number;
  /**
   * An occurrence noticed later than this (the server was down at the time) is skipped rather than run late.
   * Default: one period, i.e. only the most recent missed occurrence is caught up, never older ones.
   */
  maxLateMinutes?: number;
  /** Minute of the hour, 0–59; default 0. */
  minute?: number;
}
/** On `day` of every month (1–31; past the month's last day means its last day) at `hour`. */
export interface MonthlySchedule {
  every: 'month';
  day: number;
  hour: number;
}
/** On `weekday` (1 = Monday … 7 = Sunday, ISO 8601) of every week at `hour`. */
export interface WeeklySchedule {
  every: 'week';
  weekday: number;
  hour: number;
}
/** Every day at `hour`. */
export interface DailySchedule {
  every: 'day';
  hour: number;
}

export interface Occurrence {
  /** The instant it falls due. */
  at: Date;
  /** The occurrence in Shanghai calendar terms: '2026-11' for monthly, '2026-11-16' for weekly and daily schedules. */
  label: string;
  /** The job's dedupe key: `${kind}:${label}`, e.g. 'monitoring.recompute:2026-11'. */
  key: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Throws on a schedule that cannot mean anything: out-of-range numbers, an empty kind. */
export function validateSchedule(s: Schedule): void {
  const intIn = (v: unknown, lo: number, hi: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  const bad = (what: string) => new Error(`schedule ${s.kind || '(no kind)'}: ${what}`);
  if (!s.kind) throw bad('kind is required');
  if (!['month', 'week', 'day'].includes(s.every))
    throw bad(`every must be month, week or day, got ${String(s.every)}`);
  if (!intIn(s.hour, 0, 23)) throw bad(`hour must be 0–23, got ${String(s.hour)}`);
  if (s.minute !== undefined && !intIn(s.minute, 0, 59))
    throw bad(`minute must be 0–59, got ${String(s.minute)}`);
  if (s.every === 'month' && !intIn(s.day, 1, 31)) throw bad(`day must be 1–31, got ${String(s.day)}`);
  if (s.every === 'week' && !intIn(s.weekday, 1, 7))
    throw bad(`weekday must be 1 (Monday)–7 (Sunday), got ${String(s.weekday)}`);
  if (s.maxAttempts !== undefined && !intIn(s.maxAttempts, 1, 1000)) throw bad('maxAttempts must be 1–1000');
  if (s.maxLateMinutes !== undefined && !(s.maxLateMinutes >= 0)) throw bad('maxLateMinutes must be ≥ 0');
}

/** Longest gap between two consecutive occurrences: a month clamped to its last day is at most 31 days. */
function periodMs(s: Schedule): number {
  return s.every === 'month' ? 31 * DAY_MS : s.every === 'week' ? 7 * DAY_MS : DAY_MS;
}

function occurrence(s: Schedule, atMs: number, label: string): Occurrence {
  return { at: new Date(atMs), label, key: `${s.kind}:${label}` };
}

/** The occurrences of `s` after `from` up to and including `to` (from < at ≤ to), in order. */
export function occurrences(s: Schedule, from: Date, to: Date): Occurrence[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(toMs > fromMs)) return [];
  const minute = s.minute ?? 0;
  const out: Occurrence[] = [];
  const firstDay = shanghaiDays(fromMs);
  const lastDay = shanghaiDays(toMs);
  if (s.every === 'month') {
    const first = civilFromDays(firstDay);
    const last = civilFromDays(lastDay);
    for (let i = first.year * 12 + first.month - 1; i <= last.year * 12 + last.month - 1; i++) {
      const y = Math.floor(i / 12);
      const m = (i % 12) + 1;
      const day = Math.min(s.day, daysInMonth(formatPeriod(y, m)));
      const at = shanghaiInstantMs(daysFromCivil({ year: y, month: m, day }), s.hour, minute);
      if (at > fromMs && at <= toMs) out.push(occurrence(s, at, formatPeriod(y, m)));
    }
    return out;
  }
  for (let d = firstDay; d <= lastDay; d++) {
    if (s.every === 'week' && weekdayOfDays(d) !== s.weekday) continue;
    const at = shanghaiInstantMs(d, s.hour, minute);
    if (at > fromMs && at <= toMs) out.push(occurrence(s, at, dateOfDayNumber(d)));
  }
  return out;
}

/** The most recent occurrence at or before `now`. */
export function latestOccurrence(s: Schedule, now: Date): Occurrence {
  const found = occurrences(s, new Date(now.getTime() - periodMs(s)), now);
  // A window one (longest) period long always holds at least one occurrence.
  return found[found.length - 1]!;
}

/** The occurrence to enqueue at `now`: the most recent one, unless it is later than the schedule allows. */
export function dueOccurrence(s: Schedule, now: Date): Occurrence | undefined {
  const latest = latestOccurrence(s, now);
  const maxLateMs = s.maxLateMinutes === undefined ? periodMs(s) : s.maxLateMinutes * MINUTE_MS;
  return now.getTime() - latest.at.getTime() <= maxLateMs ? latest : undefined;
}

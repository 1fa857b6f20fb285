// Recurring schedules in Asia/Shanghai wall-clock time, and their occurrences as instants and dedupe keys (pure).
//
// China Standard Time is UTC+8 all year (no daylight saving since 1991), so wall-clock time is converted with a
// fixed offset and whole-day integer arithmetic on the proleptic Gregorian calendar; no Date arithmetic or host time
// zone is involved. `Date` only carries instants in and out.

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
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai: UTC+8, no daylight saving. */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The Gregorian date `days` after 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CivilDate {
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

export function daysInMonth(year: number, month: number): number {
  const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return daysFromCivil(next) - daysFromCivil({ year, month, day: 1 });
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export const weekdayOfDays = (days: number): number => ((((days + 3) % 7) + 7) % 7) + 1;

/** The Shanghai calendar day (days since 1970-01-01) an instant falls on. */
export const shanghaiDays = (instantMs: number): number =>
  Math.floor((instantMs + SHANGHAI_OFFSET_MS) / DAY_MS);

/** The instant of a Shanghai wall-clock time. */
export const shanghaiInstantMs = (days: number, hour: number, minute: number): number =>
  days * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS - SHANGHAI_OFFSET_MS;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const formatCivil = (d: CivilDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

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
      const day = Math.min(s.day, daysInMonth(y, m));
      const at = shanghaiInstantMs(daysFromCivil({ year: y, month: m, day }), s.hour, minute);
      if (at > fromMs && at <= toMs) out.push(occurrence(s, at, `${pad(y, 4)}-${pad(m)}`));
    }
    return out;
  }
  for (let d = firstDay; d <= lastDay; d++) {
    if (s.every === 'week' && weekdayOfDays(d) !== s.weekday) continue;
    const at = shanghaiInstantMs(d, s.hour, minute);
    if (at > fromMs && at <= toMs) out.push(occurrence(s, at, formatCivil(civilFromDays(d))));
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

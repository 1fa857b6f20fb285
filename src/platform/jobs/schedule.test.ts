// Schedules in Asia/Shanghai time: occurrences, their keys, catch-up after downtime; and the retry backoff.
// (The day arithmetic under them is tested in platform/time/date.test.ts.)
import { describe, expect, it } from 'vitest';
import { dueOccurrence, latestOccurrence, occurrences, validateSchedule, type Schedule } from './schedule.ts';
import { retryDelayMs } from './jobs.ts';

const at = (iso: string) => new Date(iso);
const recompute: Schedule = { kind: 'monitoring.recompute', every: 'month', day: 16, hour: 2 };
const reminders: Schedule = { kind: 'reports.remind', every: 'day', hour: 9 };

describe('occurrences', () => {
  it('puts a monthly schedule on the given day and hour in Shanghai time, keyed by month', () => {
    const found = occurrences(recompute, at('2026-09-30T00:00:00Z'), at('2026-12-31T00:00:00Z'));
    expect(found.map((o) => [o.key, o.at.toISOString()])).toEqual([
      ['monitoring.recompute:2026-10', '2026-10-15T18:00:00.000Z'],
      ['monitoring.recompute:2026-11', '2026-11-15T18:00:00.000Z'],
      ['monitoring.recompute:2026-12', '2026-12-15T18:00:00.000Z'],
    ]);
    expect(found[1]!.label).toBe('2026-11');
  });

  it('includes an occurrence exactly at `to` and excludes one exactly at `from`', () => {
    const due = at('2026-11-15T18:00:00Z');
    expect(occurrences(recompute, at('2026-11-01T00:00:00Z'), due).map((o) => o.key)).toEqual([
      'monitoring.recompute:2026-11',
    ]);
    expect(occurrences(recompute, due, at('2026-11-30T00:00:00Z'))).toEqual([]);
    expect(occurrences(recompute, due, due)).toEqual([]);
  });

  it('keys a daily schedule by the Shanghai date, which differs from the UTC date before 08:00 Shanghai', () => {
    const early: Schedule = { kind: 'k', every: 'day', hour: 1, minute: 30 };
    const found = occurrences(early, at('2026-11-15T12:00:00Z'), at('2026-11-17T12:00:00Z'));
    expect(found.map((o) => [o.label, o.at.toISOString()])).toEqual([
      ['2026-11-16', '2026-11-15T17:30:00.000Z'],
      ['2026-11-17', '2026-11-16T17:30:00.000Z'],
    ]);
  });

  it('runs a weekly schedule on its ISO weekday', () => {
    const monday: Schedule = { kind: 'dispatch.digest', every: 'week', weekday: 1, hour: 8 };
    const found = occurrences(monday, at('2026-11-01T00:00:00Z'), at('2026-11-29T23:59:59Z'));
    expect(found.map((o) => o.label)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('moves day 31 to the last day of shorter months, February of leap years included', () => {
    const monthEnd: Schedule = { kind: 'k', every: 'month', day: 31, hour: 23, minute: 59 };
    const labels = occurrences(monthEnd, at('2028-01-01T00:00:00Z'), at('2028-05-01T00:00:00Z')).map((o) =>
      o.at.toISOString(),
    );
    expect(labels).toEqual([
      '2028-01-31T15:59:00.000Z',
      '2028-02-29T15:59:00.000Z',
      '2028-03-31T15:59:00.000Z',
      '2028-04-30T15:59:00.000Z',
    ]);
  });

  it('crosses the year end', () => {
    const found = occurrences(reminders, at('2026-12-30T12:00:00Z'), at('2027-01-02T12:00:00Z'));
    expect(found.map((o) => o.label)).toEqual(['2026-12-31', '2027-01-01', '2027-01-02']);
  });
});

describe('what is due now', () => {
  it('is the most recent occurrence, so a server that was down catches up once, not for every missed day', () => {
    expect(latestOccurrence(reminders, at('2026-11-20T00:59:59Z')).label).toBe('2026-11-19');
    expect(latestOccurrence(reminders, at('2026-11-20T01:00:00Z')).label).toBe('2026-11-20');
    expect(dueOccurrence(recompute, at('2026-11-20T00:00:00Z'))?.key).toBe('monitoring.recompute:2026-11');
    expect(dueOccurrence(recompute, at('2026-11-15T17:59:59Z'))?.key).toBe('monitoring.recompute:2026-10');
  });

  it('skips an occurrence older than maxLateMinutes', () => {
    const punctual: Schedule = { ...reminders, maxLateMinutes: 120 };
    expect(dueOccurrence(punctual, at('2026-11-20T02:00:00Z'))?.label).toBe('2026-11-20');
    expect(dueOccurrence(punctual, at('2026-11-20T03:00:01Z'))).toBeUndefined();
  });
});

describe('validation', () => {
  it('refuses schedules that cannot mean anything', () => {
    expect(() => validateSchedule({ kind: 'k', every: 'month', day: 0, hour: 2 })).toThrow(/day/);
    expect(() => validateSchedule({ kind: 'k', every: 'day', hour: 24 })).toThrow(/hour/);
    expect(() => validateSchedule({ kind: 'k', every: 'week', weekday: 8, hour: 1 })).toThrow(/weekday/);
    expect(() => validateSchedule({ kind: 'k', every: 'day', hour: 1, minute: 60 })).toThrow(/minute/);
    expect(() => validateSchedule({ kind: 'k', every: 'year', hour: 1 } as unknown as Schedule)).toThrow(
      /every/,
    );
    expect(() => validateSchedule(recompute)).not.toThrow();
  });
});

describe('retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 50].map((a) => retryDelayMs(a, policy))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});

// The one evaluation month, on hand-picked dates: 2026-12-03 (November's reports due 2026-12-10, so 2026-10 is the
// newest closed month), a district before its first deadline, and a month the user picks.
import { describe, expect, it } from 'vitest';
import { lastDuePeriod, reportDeadline } from '../../platform/time/deadline.ts';
import { parsePeriod, type Period } from '../../platform/time/period.ts';
import { chooseEvaluationMonth } from './evaluation-month.ts';

const deadlineOf = (m: Period) => reportDeadline(m, 10).date;
const months = ['2025-12', '2026-01', '2026-09', '2026-10', '2026-11'].map((m) => parsePeriod(m));

describe('chooseEvaluationMonth', () => {
  it('on 3 December 2026 shows October, the newest month past its deadline, and names November as open', () => {
    const closed = lastDuePeriod(new Date('2026-12-03T04:00:00Z'), 10);
    expect(closed).toBe('2026-10');
    expect(chooseEvaluationMonth(months, closed, deadlineOf)).toEqual({
      month: '2026-10',
      reason: 'closed',
      closed: '2026-10',
      open: '2026-11',
      openDeadline: '2026-12-10',
    });
  });

  it('after the 10 December deadline has ended, November', () => {
    const closed = lastDuePeriod(new Date('2026-12-10T16:00:00Z'), 10); // 11 December 00:00 in Shanghai
    expect(chooseEvaluationMonth(months, closed, deadlineOf)).toMatchObject({
      month: '2026-11',
      reason: 'closed',
      open: null,
      openDeadline: null,
    });
  });

  it('before any computed month has closed: the newest computed, marked provisional', () => {
    // 5 January 2026: December 2025 is due on 12 January (the 10th is a Saturday) → closed = November 2025
    const closed = lastDuePeriod(new Date('2026-01-05T04:00:00Z'), 10);
    expect(closed).toBe('2025-11');
    expect(chooseEvaluationMonth([parsePeriod('2025-12')], closed, deadlineOf)).toEqual({
      month: '2025-12',
      reason: 'noneClosed',
      closed: '2025-11',
      open: '2025-12',
      openDeadline: '2026-01-12',
    });
  });

  it('a picked month, and nothing computed', () => {
    expect(
      chooseEvaluationMonth(months, parsePeriod('2026-10'), deadlineOf, parsePeriod('2026-11')),
    ).toMatchObject({
      month: '2026-11',
      reason: 'picked',
      open: '2026-11',
    });
    expect(chooseEvaluationMonth([], parsePeriod('2026-10'), deadlineOf)).toBeNull();
  });
});

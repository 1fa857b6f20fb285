// Report deadlines: the 10th of the next month, moved to the next working day off weekends and holidays.
import { describe, expect, it } from 'vitest';
import { weekendsOnly } from './calendar.ts';
import { lastPublishedYear } from './china-days.ts';
import { deadlineEnd, lastDuePeriod, onTime, reportDeadline } from './deadline.ts';
import { parsePeriod, type Period } from './period.ts';

const p = (text: string): Period => parsePeriod(text);

describe('the monthly report deadline', () => {
  it('stays on the 10th when that is a working day', () => {
    expect(reportDeadline(p('2026-03'), 10)).toEqual({
      date: '2026-04-10',
      nominal: '2026-04-10',
      moved: false,
      provisional: false,
    });
    expect(reportDeadline(p('2025-12'), 10).date).toBe('2026-01-12'); // 01-10 was a Saturday
    expect(reportDeadline(p('2026-09'), 10).date).toBe('2026-10-10'); // a Saturday, but a make-up workday
  });

  it('moves off a Saturday to the Monday', () => {
    const d = reportDeadline(p('2025-04'), 10);
    expect(d).toMatchObject({ date: '2025-05-12', nominal: '2025-05-10', moved: true });
  });

  it('moves out of the National Day holiday and the Spring Festival', () => {
    // Day 5: 2026-10-05 lies in the holiday (10-01 to 10-07); the next working day is Thursday 10-08.
    expect(reportDeadline(p('2026-09'), 5)).toMatchObject({ date: '2026-10-08', moved: true });
    // January 2024: 02-10 lies in the holiday (02-10 to 02-17); Sunday 02-18 was a make-up workday.
    expect(reportDeadline(p('2024-01'), 10)).toMatchObject({ date: '2024-02-18', moved: true });
    // January 2026 with day 20: 02-20 lies in the 2026 holiday (02-15 to 02-23); due Tuesday 02-24.
    expect(reportDeadline(p('2026-01'), 20).date).toBe('2026-02-24');
  });

  it('is provisional past the published notices, moved over weekends only', () => {
    const y = lastPublishedYear + 1;
    const d = reportDeadline(p(`${y}-09`), 10);
    expect(d.provisional).toBe(true);
    expect(d.date).toBe(reportDeadline(p(`${y}-09`), 10, weekendsOnly).date);
    expect(reportDeadline(p(`${lastPublishedYear}-10`), 10).provisional).toBe(false);
  });

  it('ends at midnight Shanghai time after the (moved) deadline day', () => {
    expect(deadlineEnd(p('2026-03'), 10).toISOString()).toBe('2026-04-10T15:59:59.999Z');
    expect(onTime(p('2026-03'), 10, new Date('2026-04-10T23:59:59+08:00'))).toBe(true);
    expect(onTime(p('2026-03'), 10, new Date('2026-04-11T00:00:00+08:00'))).toBe(false);
    // April 2025: due Monday 05-12, so a report on Sunday 05-11 is on time.
    expect(onTime(p('2025-04'), 10, new Date('2025-05-11T10:00:00+08:00'))).toBe(true);
    expect(onTime(p('2025-04'), 10, new Date('2025-05-13T10:00:00+08:00'))).toBe(false);
  });
});

describe('the last month past due', () => {
  it('is the previous month once its deadline has ended, else the one before', () => {
    expect(lastDuePeriod(new Date('2026-04-10T12:00:00+08:00'), 10)).toBe('2026-02');
    expect(lastDuePeriod(new Date('2026-04-11T00:00:00+08:00'), 10)).toBe('2026-03');
    // May 2025: the April deadline moved to Monday 05-12.
    expect(lastDuePeriod(new Date('2025-05-12T09:00:00+08:00'), 10)).toBe('2025-03');
    expect(lastDuePeriod(new Date('2025-05-13T09:00:00+08:00'), 10)).toBe('2025-04');
  });
});

// The China working-day calendar on hand-checked dates (State Council notices 2024–2026), its arithmetic and the
// provisional flag past the published data.
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  provisional,
  weekendsOnly,
  workingDaysBetween,
} from './calendar.ts';
import { chinaDayName, lastPublishedYear } from './china-days.ts';
import { parseCivilDate, type CivilDate } from './date.ts';

const d = (text: string): CivilDate => parseCivilDate(text);

describe('the mainland China calendar', () => {
  it('knows the 2026 National Day holiday (10-01 to 10-07) and its make-up workdays 09-20 and 10-10', () => {
    for (const day of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07'])
      expect(isWorkingDay(d(day))).toBe(false);
    expect(isWorkingDay(d('2026-10-08'))).toBe(true); // Thursday after the holiday
    expect(isWorkingDay(d('2026-09-20'))).toBe(true); // Sunday, worked
    expect(isWorkingDay(d('2026-10-10'))).toBe(true); // Saturday, worked
    expect(isWorkingDay(d('2026-10-11'))).toBe(false); // an ordinary Sunday
    expect(chinaDayName(d('2026-10-01'))).toBe('国庆节');
    expect(chinaDayName(d('2026-10-10'))).toBe('国庆节 调休上班');
    expect(chinaDayName(d('2026-10-12'))).toBeNull();
  });

  it('knows 2025: National Day and Mid-Autumn 10-01 to 10-08, Saturday 10-11 worked', () => {
    expect(isWorkingDay(d('2025-10-08'))).toBe(false);
    expect(isWorkingDay(d('2025-10-09'))).toBe(true);
    expect(isWorkingDay(d('2025-10-11'))).toBe(true);
    expect(isWorkingDay(d('2025-09-28'))).toBe(true); // Sunday, worked
  });

  it('knows the Spring Festival: 2026-02-15 to 02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    expect(isWorkingDay(d('2026-02-14'))).toBe(true);
    for (const day of ['2026-02-15', '2026-02-17', '2026-02-20', '2026-02-23'])
      expect(isWorkingDay(d(day))).toBe(false);
    expect(isWorkingDay(d('2026-02-24'))).toBe(true);
    expect(isWorkingDay(d('2026-02-28'))).toBe(true);
    expect(isWorkingDay(d('2024-02-18'))).toBe(true); // Sunday after the 2024 holiday (02-10 to 02-17)
  });

  it('ordinary weekdays work and weekends do not', () => {
    expect(isWorkingDay(d('2026-03-10'))).toBe(true); // Tuesday
    expect(isWorkingDay(d('2026-03-14'))).toBe(false); // Saturday
  });

  it('flags dates past the last published notice as provisional and falls back to weekends only', () => {
    expect(lastPublishedYear).toBeGreaterThanOrEqual(2026);
    const beyond = d(`${lastPublishedYear + 1}-10-01`);
    expect(provisional(beyond)).toBe(true);
    expect(provisional(d(`${lastPublishedYear}-12-31`))).toBe(false);
    expect(provisional(d('2026-10-01'))).toBe(false);
    expect(isWorkingDay(beyond)).toBe(weekendsOnly.isWorkingDay(beyond));
    // 2030-10-01 is a Tuesday: no notice says it is off yet.
    if (lastPublishedYear < 2030) expect(isWorkingDay(d('2030-10-01'))).toBe(true);
  });
});

describe('working-day arithmetic', () => {
  it('nextWorkingDay is the day itself when it works, else the first working day after', () => {
    expect(nextWorkingDay(d('2026-10-08'))).toBe('2026-10-08');
    expect(nextWorkingDay(d('2026-10-01'))).toBe('2026-10-08');
    expect(nextWorkingDay(d('2026-10-10'))).toBe('2026-10-10');
    expect(nextWorkingDay(d('2026-02-15'))).toBe('2026-02-24');
    expect(nextWorkingDay(d('2026-03-14'))).toBe('2026-03-16');
  });

  it('adds working days across holidays and make-up days, both ways', () => {
    expect(addWorkingDays(d('2026-09-30'), 1)).toBe('2026-10-08');
    expect(addWorkingDays(d('2026-10-08'), -1)).toBe('2026-09-30');
    expect(addWorkingDays(d('2026-10-09'), 1)).toBe('2026-10-10'); // Saturday, worked
    expect(addWorkingDays(d('2026-03-13'), 5)).toBe('2026-03-20');
    expect(addWorkingDays(d('2026-03-14'), 0)).toBe('2026-03-16');
    expect(() => addWorkingDays(d('2026-03-14'), 1.5)).toThrow();
  });

  it('counts working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween(d('2026-09-30'), d('2026-10-08'))).toBe(1);
    expect(workingDaysBetween(d('2026-10-08'), d('2026-09-30'))).toBe(-1);
    expect(workingDaysBetween(d('2026-03-13'), d('2026-03-20'))).toBe(5);
    expect(workingDaysBetween(d('2026-03-13'), d('2026-03-13'))).toBe(0);
    // September 2026: 22 weekdays, plus Sunday 09-20 worked, less Friday 09-25 (Mid-Autumn).
    expect(workingDaysBetween(d('2026-08-31'), d('2026-09-30'))).toBe(22);
    const from = d('2026-01-05');
    expect(addWorkingDays(from, workingDaysBetween(from, d('2026-06-30')))).toBe('2026-06-30');
  });

  it('takes any calendar behind the interface', () => {
    expect(nextWorkingDay(d('2026-10-01'), weekendsOnly)).toBe('2026-10-01');
    expect(workingDaysBetween(d('2026-09-30'), d('2026-10-08'), weekendsOnly)).toBe(6);
    const never = { isWorkingDay: () => false, provisional: () => false };
    expect(() => nextWorkingDay(d('2026-10-01'), never)).toThrow();
  });
});

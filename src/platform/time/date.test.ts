// Civil dates in Shanghai: validation, day numbers, the date at an instant, day arithmetic and day boundaries.
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import {
  addDays,
  civilDate,
  civilFromDays,
  compareDates,
  dateOfDayNumber,
  dateOfUtcMidnight,
  dayNumber,
  daysBetween,
  daysFromCivil,
  endOfDay,
  isCivilDate,
  parseCivilDate,
  periodOf,
  startOfDay,
  today,
  weekday,
  weekdayOfDays,
  type CivilDate,
} from './date.ts';

const d = (text: string): CivilDate => parseCivilDate(text);

describe('day numbers', () => {
  it('round-trips every day from 1900 to 2100 and agrees with known dates', () => {
    expect(daysFromCivil({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(daysFromCivil({ year: 2000, month: 3, day: 1 })).toBe(11_017);
    expect(civilFromDays(daysFromCivil({ year: 2024, month: 2, day: 29 }))).toEqual({
      year: 2024,
      month: 2,
      day: 29,
    });
    const wrong: number[] = [];
    for (
      let n = daysFromCivil({ year: 1900, month: 1, day: 1 });
      n < daysFromCivil({ year: 2100, month: 1, day: 1 });
      n++
    ) {
      if (daysFromCivil(civilFromDays(n)) !== n || dayNumber(dateOfDayNumber(n)) !== n) wrong.push(n);
    }
    expect(wrong).toEqual([]);
  });

  it('knows weekdays: 2026-11-16 is a Monday, 1970-01-01 a Thursday', () => {
    expect(weekdayOfDays(0)).toBe(4);
    expect(weekdayOfDays(daysFromCivil({ year: 2026, month: 11, day: 16 }))).toBe(1);
    expect(weekdayOfDays(daysFromCivil({ year: 2026, month: 11, day: 22 }))).toBe(7);
    expect(weekday(d('2026-10-10'))).toBe(6);
  });
});

describe('validating dates', () => {
  it('accepts calendar dates and nothing else', () => {
    expect(isCivilDate('2028-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-5',
      '2026-03',
      20260305,
      '',
    ]) {
      expect(isCivilDate(bad)).toBe(false);
    }
    expect(() => parseCivilDate('2026-02-30', 'on')).toThrow(AppError);
    expect(civilDate(2026, 4, 10)).toBe('2026-04-10');
    expect(() => civilDate(2026, 2, 30)).toThrow(AppError);
  });
});

describe('dates in Shanghai', () => {
  it('turns the day at midnight Shanghai time, 16:00 UTC the day before', () => {
    expect(today(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(today(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
    expect(() => today(new Date('not a date'))).toThrow(AppError);
  });

  it('reads a UTC-midnight Date (a spreadsheet cell) as the day it stands for', () => {
    expect(dateOfUtcMidnight(new Date('2025-12-31T00:00:00Z'))).toBe('2025-12-31');
  });

  it('gives the first and last instants of a Shanghai day', () => {
    expect(startOfDay(d('2026-04-10')).toISOString()).toBe('2026-04-09T16:00:00.000Z');
    expect(endOfDay(d('2026-04-10')).toISOString()).toBe('2026-04-10T15:59:59.999Z');
  });

  it('adds, counts and orders days across months and years', () => {
    expect(addDays(d('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(d('2028-03-01'), -1)).toBe('2028-02-29');
    expect(addDays(d('2026-04-10'), -90)).toBe('2026-01-10');
    expect(daysBetween(d('2026-01-01'), d('2027-01-01'))).toBe(365);
    expect([d('2026-02-01'), d('2025-12-31'), d('2026-01-15')].sort(compareDates)).toEqual([
      '2025-12-31',
      '2026-01-15',
      '2026-02-01',
    ]);
    expect(periodOf(d('2026-04-10'))).toBe('2026-04');
  });
});

// Tests of monthly period arithmetic: validation, month counting across years, month ends and Shanghai time.
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import {
  addMonths,
  comparePeriods,
  currentPeriod,
  daysInMonth,
  formatPeriod,
  isPeriod,
  lastDayOf,
  monthsBetween,
  nextPeriod,
  parsePeriod,
  periodMonth,
  periodOfDate,
  periodRange,
  periodSchema,
  periodYear,
  previousPeriod,
  type Period,
} from './period.ts';

const p = (text: string): Period => parsePeriod(text);

describe('validating periods', () => {
  it('accepts YYYY-MM months and nothing else', () => {
    expect(isPeriod('2026-03')).toBe(true);
    expect(isPeriod('2025-12')).toBe(true);
    for (const bad of [
      '2026-3',
      '2026-00',
      '2026-13',
      '26-03',
      '2026-03-01',
      '2026/03',
      ' 2026-03',
      '0999-01',
      '',
      202603,
    ]) {
      expect(isPeriod(bad)).toBe(false);
    }
  });

  it('parsePeriod returns the period or throws a VALIDATION error naming the field', () => {
    expect(parsePeriod('2026-03')).toBe('2026-03');
    try {
      parsePeriod('2026-3', 'at');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION');
      expect((e as AppError).fields?.[0]?.path).toBe('at');
    }
  });

  it('periodSchema accepts months and rejects other text', () => {
    expect(periodSchema.parse('2027-12')).toBe('2027-12');
    expect(periodSchema.safeParse('2027-12-31').success).toBe(false);
    expect(periodSchema.safeParse('2027-13').success).toBe(false);
    expect(periodSchema.safeParse(202712).success).toBe(false);
  });

  it('formatPeriod pads the month and rejects impossible months', () => {
    expect(formatPeriod(2026, 3)).toBe('2026-03');
    expect(formatPeriod(2027, 12)).toBe('2027-12');
    expect(() => formatPeriod(2026, 0)).toThrow(AppError);
    expect(() => formatPeriod(2026, 13)).toThrow(AppError);
    expect(() => formatPeriod(2026, 1.5)).toThrow(AppError);
    expect(periodYear(p('2026-03'))).toBe(2026);
    expect(periodMonth(p('2026-03'))).toBe(3);
  });
});

describe('month arithmetic', () => {
  it('adds and subtracts months across year ends', () => {
    expect(addMonths(p('2025-12'), 1)).toBe('2026-01');
    expect(addMonths(p('2025-12'), 24)).toBe('2027-12');
    expect(addMonths(p('2026-01'), -1)).toBe('2025-12');
    expect(addMonths(p('2026-03'), -27)).toBe('2023-12');
    expect(addMonths(p('2026-03'), 0)).toBe('2026-03');
    expect(() => addMonths(p('2026-03'), 0.5)).toThrow(AppError);
  });

  it('counts whole months from a to b, negative when b is earlier', () => {
    expect(monthsBetween(p('2025-12'), p('2027-12'))).toBe(24);
    expect(monthsBetween(p('2025-12'), p('2026-01'))).toBe(1);
    expect(monthsBetween(p('2026-06'), p('2026-06'))).toBe(0);
    expect(monthsBetween(p('2027-12'), p('2025-12'))).toBe(-24);
  });

  it('previous and next month, and ordering', () => {
    expect(previousPeriod(p('2026-01'))).toBe('2025-12');
    expect(nextPeriod(p('2025-12'))).toBe('2026-01');
    const sorted = [p('2026-02'), p('2025-12'), p('2026-01')].sort(comparePeriods);
    expect(sorted).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('lists a range of months with both ends included', () => {
    expect(periodRange(p('2025-11'), p('2026-02'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange(p('2026-02'), p('2026-02'))).toEqual(['2026-02']);
    expect(periodRange(p('2026-02'), p('2026-01'))).toEqual([]);
    expect(periodRange(p('2025-12'), p('2027-12'))).toHaveLength(25);
  });
});

describe('dates and months', () => {
  it('takes the month of a calendar date', () => {
    expect(periodOfDate('2025-12-31')).toBe('2025-12');
    expect(periodOfDate('2027-12-31')).toBe('2027-12');
    expect(periodOfDate('2028-02-29')).toBe('2028-02');
  });

  it('rejects dates that are not on the calendar', () => {
    for (const bad of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-1-5', '2026-03']) {
      expect(() => periodOfDate(bad)).toThrow(AppError);
    }
  });

  it('gives the last day of the month, leap years included', () => {
    expect(lastDayOf(p('2025-12'))).toBe('2025-12-31');
    expect(lastDayOf(p('2026-04'))).toBe('2026-04-30');
    expect(lastDayOf(p('2026-02'))).toBe('2026-02-28');
    expect(lastDayOf(p('2028-02'))).toBe('2028-02-29');
    expect(lastDayOf(p('2100-02'))).toBe('2100-02-28');
    expect(lastDayOf(p('2000-02'))).toBe('2000-02-29');
    expect(daysInMonth(p('2026-07'))).toBe(31);
  });
});

describe('the current month in Shanghai', () => {
  it('turns to the new month at midnight Shanghai time, 16:00 UTC the day before', () => {
    expect(currentPeriod(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12');
    expect(currentPeriod(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01');
    expect(currentPeriod(new Date('2026-03-01T00:00:00+08:00'))).toBe('2026-03');
    expect(currentPeriod(new Date('2026-02-28T23:59:59+08:00'))).toBe('2026-02');
  });

  it('stays on the Shanghai month late in the UTC day', () => {
    expect(currentPeriod(new Date('2026-06-15T23:00:00Z'))).toBe('2026-06');
    expect(currentPeriod(new Date('2026-06-30T20:00:00Z'))).toBe('2026-07');
  });

  it('rejects an invalid date instead of returning NaN-NaN', () => {
    expect(() => currentPeriod(new Date('not a date'))).toThrow(AppError);
  });

  it('the last complete month is the previous period of the current one', () => {
    expect(previousPeriod(currentPeriod(new Date('2026-01-10T02:00:00Z')))).toBe('2025-12');
  });
});

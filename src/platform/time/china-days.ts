// The mainland China working-day calendar: public holidays and 调休 make-up workdays from the `chinese-days` package.
//
// The package's own functions (isWorkday, findWorkday, …) parse dates as UTC midnight but read them back in the host's
// time zone, so west of UTC they answer for the wrong day. Its published data file (dist/chinese-days.json, one
// entry per date of every State Council notice since 2004) has plain 'YYYY-MM-DD' keys and is read here instead:
// the same data, independent of the host's time zone. Updating the package updates the calendar.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { weekday, type CivilDate } from './date.ts';
import type { WorkingCalendar } from './calendar.ts';

interface ChineseDaysData {
  /** Days off by notice, weekends included: '2026-10-01' → 'National Day,国庆节,3'. */
  holidays: Record<string, string>;
  /** Weekend days made working days (调休上班). */
  workdays: Record<string, string>;
}

const { holidays, workdays } = data as ChineseDaysData;

/** The last year any published notice covers in the installed package; later dates are provisional. */
export const lastPublishedYear: number = Math.max(...Object.keys(holidays).map((d) => Number(d.slice(0, 4))));

export const chinaCalendar: WorkingCalendar = {
  isWorkingDay: (date: CivilDate) => date in workdays || (weekday(date) <= 5 && !(date in holidays)),
  provisional: (date: CivilDate) => Number(date.slice(0, 4)) > lastPublishedYear,
};

/** What the notice calls the day ('国庆节', '国庆节 调休上班'), or null for an ordinary day. */
export function chinaDayName(date: CivilDate): string | null {
  const off = holidays[date];
  if (off) return off.split(',')[1] ?? off;
  const on = workdays[date];
  return on ? `${on.split(',')[1] ?? on} 调休上班` : null;
}

// Hand-computed cases of the status rules: 序时进度, colours and their reasons, working days over the Spring Festival.
import { describe, expect, it } from 'vitest';
import type { CivilDate } from '../../platform/time/date.ts';
import type { Period } from '../../platform/time/period.ts';
import { weekendsOnly } from '../../platform/time/calendar.ts';
import {
  expectedPercent,
  itemStatus,
  needsReport,
  reportWindows,
  rollup,
  windowOf,
  type ItemFacts,
} from './supervision.ts';

const d = (s: string) => s as CivilDate;
const p = (s: string) => s as Period;
const item = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  kind: 'milestone',
  startDate: d('2026-01-01'),
  dueDate: d('2026-12-31'),
  state: 'open',
  cadenceMonths: 1,
  goalQuantity: null,
  declaredStatus: null,
  ...over,
});
const pct = (percent: number) => ({ percent, quantityDone: null });

describe('expected progress (序时进度)', () => {
  it('is linear in calendar days for milestones: 212 of 364 days on 2026-08-01 is 58%', () => {
    expect(expectedPercent(item(), d('2026-08-01'))).toBe(58);
    expect(expectedPercent(item(), d('2025-12-31'))).toBe(0);
    expect(expectedPercent(item(), d('2026-12-31'))).toBe(100);
  });

  it('steps by ended reporting windows for recurring items', () => {
    const monthly = item({ kind: 'recurring', startDate: d('2026-01-05') });
    // January, February and March have ended by 15 April: 3 of 12 windows.
    expect(expectedPercent(monthly, d('2026-04-15'))).toBe(25);
    expect(expectedPercent(monthly, d('2026-04-30'))).toBe(25);
    const quarterly = item({ kind: 'recurring', startDate: d('2026-01-05'), cadenceMonths: 3 });
    expect(reportWindows(quarterly.startDate, quarterly.dueDate, 3)).toEqual([
      '2026-01',
      '2026-04',
      '2026-07',
      '2026-10',
    ]);
    expect(expectedPercent(quarterly, d('2026-04-15'))).toBe(25);
    expect(expectedPercent(quarterly, d('2026-07-01'))).toBe(50);
    expect(windowOf(quarterly.startDate, 3, p('2026-05'))).toBe('2026-04');
  });
});

describe('colour and reason', () => {
  it('red when more than 25 points behind, with both figures in words', () => {
    const s = itemStatus(item(), pct(30), d('2026-08-01'));
    expect(s).toMatchObject({ colour: 'red', expected: 58, reported: 30, reason: '应完成 58%，已报 30%' });
  });

  it('yellow when more than 10 points behind, green otherwise', () => {
    expect(itemStatus(item(), pct(45), d('2026-08-01')).colour).toBe('yellow');
    expect(itemStatus(item(), pct(48), d('2026-08-01')).colour).toBe('green');
    expect(itemStatus(item(), null, d('2026-01-20')).reason).toBe('应完成 5%，尚未报送');
  });

  it('counts a quantity item by its goal: 3 of 12 salons at half time is exactly 25 points behind (yellow)', () => {
    const salons = item({ kind: 'quantity', goalQuantity: 12 });
    // 2026-07-02 is day 182 of 364: 50%.
    const s = itemStatus(salons, { percent: null, quantityDone: 3 }, d('2026-07-02'));
    expect(s).toMatchObject({ colour: 'yellow', expected: 50, reported: 25 });
    expect(itemStatus(salons, { percent: null, quantityDone: 2 }, d('2026-07-02')).colour).toBe('red');
  });

  it('overdue across the Spring Festival counts working days: the make-up Saturday 02-14 counts, 02-15…02-23 do not', () => {
    const due = item({ startDate: d('2026-01-05'), dueDate: d('2026-02-13') });
    const s = itemStatus(due, pct(60), d('2026-02-24'));
    // After Fri 02-13: Sat 02-14 (调休上班) is 1, Tue 02-24 is 2.
    expect(s).toMatchObject({ colour: 'red', overdueWorkingDays: 2, provisional: false });
    expect(s.reason).toBe('已超期 2 个工作日，应完成 100%，已报 60%');
    // With weekends only the same span is 7 working days.
    expect(itemStatus(due, pct(60), d('2026-02-24'), undefined, weekendsOnly).overdueWorkingDays).toBe(7);
  });

  it('due soon in working days, a make-up Saturday as the due date counted', () => {
    // From Tue 02-24 to Sat 02-28 (春节 调休上班): 02-25, 02-26, 02-27, 02-28 = 4.
    const s = itemStatus(item({ dueDate: d('2026-02-28') }), pct(85), d('2026-02-24'));
    expect(s).toMatchObject({ dueInWorkingDays: 4, dueSoon: true });
    expect(s.reason).toContain('距完成时限还有 4 个工作日');
    expect(
      itemStatus(item({ dueDate: d('2026-02-28') }), pct(85), d('2026-02-24'), undefined, weekendsOnly)
        .dueInWorkingDays,
    ).toBe(3);
    // From Thu 02-12: 02-13, 02-14, then 02-24…02-28 = 7: not yet due soon.
    expect(itemStatus(item({ dueDate: d('2026-02-28') }), pct(85), d('2026-02-12')).dueSoon).toBe(false);
  });

  it('marks reminders past the published calendar (2027 not yet announced) as provisional', () => {
    const s = itemStatus(
      item({ startDate: d('2027-01-01'), dueDate: d('2027-03-01') }),
      pct(90),
      d('2027-02-25'),
    );
    expect(s.dueSoon).toBe(true);
    expect(s.provisional).toBe(true);
    expect(s.reason).toContain('节假日安排尚未公布');
  });

  it('shows a self-declared status that contradicts the data beside the computed colour', () => {
    const s = itemStatus(item({ declaredStatus: 'onTrack' }), pct(30), d('2026-08-01'));
    expect(s.colour).toBe('red');
    expect(s.contradiction).toEqual({
      declared: 'onTrack',
      declaredColour: 'green',
      text: '自报“正常推进”，按数据为红灯（应完成 58%，已报 30%）',
    });
    expect(itemStatus(item({ declaredStatus: 'behind' }), pct(30), d('2026-08-01')).contradiction).toBeNull();
  });

  it('done is green, cancelled has no colour', () => {
    expect(itemStatus(item({ state: 'done' }), null, d('2027-03-01'))).toMatchObject({
      colour: 'green',
      reported: 100,
    });
    expect(itemStatus(item({ state: 'cancelled' }), null, d('2026-03-01')).colour).toBeNull();
  });
});

describe('roll-up and reporting', () => {
  it('weights items; a red item keeps the task from green', () => {
    const r = rollup([
      { weight: 2, status: { colour: 'green', expected: 50, reported: 50 } },
      { weight: 1, status: { colour: 'red', expected: 50, reported: 20 } },
      { weight: 5, status: { colour: null, expected: 0, reported: null } },
    ]);
    // (2·50 + 1·20) / 3 = 40 against 50: 10 points behind is not more than 10, but one item is red.
    expect(r).toMatchObject({ colour: 'yellow', expected: 50, reported: 40, items: 2 });
    expect(r.reason).toBe('加权应完成 50%，已报 40%，红灯 1 项');
    expect(rollup([]).colour).toBeNull();
  });

  it('wants a report once started, until one stands in the window', () => {
    const it1 = item({ startDate: d('2026-03-10') });
    expect(needsReport(it1, p('2026-02'), [])).toBe(false);
    expect(needsReport(it1, p('2026-03'), [])).toBe(true);
    expect(needsReport(it1, p('2026-03'), [{ state: 'returned' }])).toBe(true);
    expect(needsReport(it1, p('2026-03'), [{ state: 'submitted' }])).toBe(false);
    expect(needsReport({ ...it1, state: 'done' }, p('2026-03'), [])).toBe(false);
  });
});

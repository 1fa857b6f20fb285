// The supervision ladder on hand-computed dates of the 2026 China calendar: the Spring Festival (02-15…02-23 off,
// Saturday 02-14 and Saturday 02-28 make-up workdays) and Labour Day (05-01…05-05 off, Saturday 05-09 worked).
import { describe, expect, it } from 'vitest';
import { addDays, type CivilDate } from '../../platform/time/date.ts';
import { chinaCalendar, weekendsOnly } from '../../platform/time/calendar.ts';
import { itemStatus, projectTarget, type ItemFacts } from './supervision.ts';
import {
  defaultLadderSettings,
  escalatesOn,
  ladderStep,
  responseDue,
  type LadderAction,
  type LadderNotices,
  type NoticeLevel,
} from './supervision.ladder.ts';

const d = (s: string) => s as CivilDate;

const milestone = (startDate: string, dueDate: string): ItemFacts => ({
  kind: 'milestone',
  startDate: d(startDate),
  dueDate: d(dueDate),
  state: 'open',
  cadenceMonths: 1,
  goalQuantity: null,
  declaredStatus: null,
});

/** Runs the daily rule from `from` to `to` as the job would, applying each action; returns what happened when. */
function simulate(item: ItemFacts, percent: number | null, from: string, to: string, cal = chinaCalendar) {
  const log: { day: string; action: LadderAction }[] = [];
  const notices: LadderNotices = { current: null, lastClosedOn: null };
  for (let day = d(from); day <= d(to); day = addDays(day, 1)) {
    const s = itemStatus(
      item,
      percent === null ? null : { percent, quantityDone: null },
      day,
      undefined,
      cal,
    );
    const action = ladderStep(
      {
        state: item.state,
        dueDate: item.dueDate,
        colour: s.colour,
        dueInWorkingDays: s.dueInWorkingDays,
        reason: s.reason,
      },
      notices,
      day,
      defaultLadderSettings,
      cal,
    );
    // Running the rule a second time the same day, after applying the first, does nothing.
    if (action.kind === 'issue') notices.current = { level: 'blue', issuedOn: day };
    if (action.kind === 'escalate') notices.current = { level: action.to, issuedOn: day };
    if (action.kind !== 'none') {
      log.push({ day, action });
      const again = ladderStep(
        {
          state: item.state,
          dueDate: item.dueDate,
          colour: s.colour,
          dueInWorkingDays: s.dueInWorkingDays,
          reason: s.reason,
        },
        notices,
        day,
        defaultLadderSettings,
        cal,
      );
      if (action.kind !== 'remind') expect(again).toEqual({ kind: 'none' });
    }
  }
  return log;
}

const levels = (log: ReturnType<typeof simulate>) =>
  log.flatMap(({ day, action }) =>
    action.kind === 'issue'
      ? [`${day} blue`]
      : action.kind === 'escalate'
        ? [`${day} ${action.to}`]
        : action.kind === 'remind'
          ? [`${day} remind ${action.dueInWorkingDays}`]
          : [],
  );

describe('the ladder across the Spring Festival 2026', () => {
  // Start 2026-01-05, due Friday 2026-02-13 (39 days), 80 % reported. Expected passes 90 % on 02-10 (36/39 → 92 %):
  // yellow, and 3 working days before the due date (02-11, 12, 13): reminders on 02-10 … 02-13. Saturday 02-14 is a
  // make-up workday: overdue by 1, red, blue that day. Five working days later — 02-24, 25, 26, 27 and the make-up
  // Saturday 02-28 — still red: yellow on 02-28. Five more — 03-02 … 03-06 — red on Friday 03-06.
  const item = milestone('2026-01-05', '2026-02-13');

  it('reminds, then issues blue → yellow → red on the hand-computed days', () => {
    expect(levels(simulate(item, 80, '2026-02-01', '2026-03-20'))).toEqual([
      '2026-02-10 remind 3',
      '2026-02-11 remind 2',
      '2026-02-12 remind 1',
      '2026-02-13 remind 0',
      '2026-02-14 blue',
      '2026-02-28 yellow',
      '2026-03-06 red',
    ]);
  });

  it('counting weekends only would have escalated during the holiday', () => {
    // 02-14 is then a Saturday off: nothing is issued until Monday 02-16 (blue); 02-17 … 02-23 → yellow on 02-23;
    // 02-24 … 03-02 → red on 03-02.
    expect(levels(simulate(item, 80, '2026-02-14', '2026-03-20', weekendsOnly))).toEqual([
      '2026-02-16 blue',
      '2026-02-23 yellow',
      '2026-03-02 red',
    ]);
  });

  it('issues nothing on a holiday: an item overdue from Labour Day gets its blue notice on 05-06', () => {
    // Due Thursday 2026-04-30, 50 % reported: overdue from 05-01, but 05-01 … 05-05 are off. Blue on Wednesday
    // 05-06; 05-07, 08, Saturday 05-09 (worked), 05-11, 12 → yellow on 05-12; 05-13, 14, 15, 18, 19 → red on 05-19.
    const log = levels(simulate(milestone('2026-03-02', '2026-04-30'), 50, '2026-05-01', '2026-05-31'));
    expect(log).toEqual(['2026-05-06 blue', '2026-05-12 yellow', '2026-05-19 red']);
  });
});

describe('dates the rule reads', () => {
  it('counts the response date and the escalation in China working days', () => {
    // Issued on the make-up Saturday 2026-02-14: 02-24, 25, 26, 27, 28 → answered by Saturday 02-28.
    expect(responseDue(d('2026-02-14'))).toBe('2026-02-28');
    expect(escalatesOn('blue', d('2026-02-14'))).toBe('2026-02-28');
    // With weekends only, 02-14 is a Saturday off and the holiday does not exist: 02-16 … 02-20.
    expect(escalatesOn('blue', d('2026-02-14'), defaultLadderSettings, weekendsOnly)).toBe('2026-02-20');
    // Yellow on the make-up Saturday 02-28 → 03-02 … 03-06.
    expect(escalatesOn('yellow', d('2026-02-28'))).toBe('2026-03-06');
    // Issued Thursday 2026-04-30: Labour Day 05-01 … 05-05 off, then 05-06, 07, 08, Saturday 05-09 (worked), 05-11.
    expect(escalatesOn('blue', d('2026-04-30'))).toBe('2026-05-11');
    expect(escalatesOn('red', d('2026-04-30'))).toBeNull();
  });
});

describe('ladderStep', () => {
  const open = (over: Partial<Parameters<typeof ladderStep>[0]> = {}) => ({
    state: 'open' as const,
    dueDate: d('2026-05-07'),
    colour: 'green' as const,
    dueInWorkingDays: 10,
    reason: '应完成 50%，已报 50%',
    ...over,
  });
  const none: LadderNotices = { current: null, lastClosedOn: null };
  const inForce = (level: NoticeLevel, issuedOn: string): LadderNotices => ({
    current: { level, issuedOn: d(issuedOn) },
    lastClosedOn: null,
  });

  it('reminds within 3 working days of the due date, across Labour Day', () => {
    // Due Thursday 05-07. On Wednesday 04-29: 04-30, 05-06, 05-07 → 3 working days: a reminder.
    const s = itemStatus(
      milestone('2026-04-01', '2026-05-07'),
      { percent: 90, quantityDone: null },
      d('2026-04-29'),
    );
    expect(s.dueInWorkingDays).toBe(3);
    expect(
      ladderStep(open({ colour: s.colour, dueInWorkingDays: s.dueInWorkingDays }), none, d('2026-04-29')),
    ).toEqual({
      kind: 'remind',
      dueInWorkingDays: 3,
      text: '距完成时限（2026-05-07）还有 3 个工作日',
    });
    // On Tuesday 04-28 it is 4: nothing yet. (With weekends only 04-29 would be 6 days away.)
    expect(ladderStep(open({ dueInWorkingDays: 4 }), none, d('2026-04-28'))).toEqual({ kind: 'none' });
  });

  it('issues blue for a red item, and escalates only after the configured working days and while still red', () => {
    const red = open({
      colour: 'red',
      dueInWorkingDays: null,
      reason: '已超期 1 个工作日，应完成 100%，已报 50%',
    });
    expect(ladderStep(red, none, d('2026-05-08'))).toEqual({
      kind: 'issue',
      level: 'blue',
      reason: red.reason,
    });
    // Blue issued Thursday 04-30: 05-08 is 3 working days on (05-06, 07, 08), 05-09 (make-up Saturday) 4, 05-11 5.
    expect(ladderStep(red, inForce('blue', '2026-04-30'), d('2026-05-09'))).toEqual({ kind: 'none' });
    expect(ladderStep(red, inForce('blue', '2026-04-30'), d('2026-05-11'))).toMatchObject({
      kind: 'escalate',
      from: 'blue',
      to: 'yellow',
      reason: `蓝色督办单下发 5 个工作日内未整改到位：${red.reason}`,
    });
    expect(ladderStep(red, inForce('yellow', '2026-04-30'), d('2026-05-11'))).toMatchObject({ to: 'red' });
    // Red is the top; an item remedied by the data (no longer red) stops climbing; a done item does nothing.
    expect(ladderStep(red, inForce('red', '2026-04-01'), d('2026-05-11'))).toEqual({ kind: 'none' });
    expect(ladderStep(open({ colour: 'yellow' }), inForce('blue', '2026-04-01'), d('2026-05-11'))).toEqual({
      kind: 'none',
    });
    expect(ladderStep({ ...red, state: 'done' }, none, d('2026-05-11'))).toEqual({ kind: 'none' });
  });

  it('after a close-out waits the configured working days before a new blue notice', () => {
    const red = open({ colour: 'red', dueInWorkingDays: null });
    const closed = (on: string): LadderNotices => ({ current: null, lastClosedOn: d(on) });
    // Closed Thursday 04-30: 05-06, 07, 08, 09 → 4 on 05-09, nothing; 05-11 → 5, a new blue.
    expect(ladderStep(red, closed('2026-04-30'), d('2026-05-09'))).toEqual({ kind: 'none' });
    expect(ladderStep(red, closed('2026-04-30'), d('2026-05-11'))).toMatchObject({ kind: 'issue' });
  });

  it('past the published calendar counts weekends only (provisional)', () => {
    expect(chinaCalendar.provisional(d('2027-02-01'))).toBe(true);
    // Friday 2027-02-05 + 5 working days, weekends only: 02-08 … 02-12.
    expect(escalatesOn('blue', d('2027-02-05'))).toBe('2027-02-12');
  });
});

describe('linked targets in the item colour', () => {
  // 新增软信企业: goal 1,000 from 0 at the baseline 2025-12 to the deadline 2027-12 (24 months). Evaluated in 2026-06
  // at 300 with a trend of 17.5 a month: by the item's due month 2026-12 (6 months on) 405, where the straight path
  // says 500 (12 of 24 months): 81 %.
  const target = {
    code: 'newSoftwareFirms',
    name: '新增软信企业',
    goal: 1000,
    aim: 'increase' as const,
    milestone: false,
    baselinePeriod: '2025-12' as never,
    deadlinePeriod: '2027-12' as never,
    period: '2026-06' as never,
    value: 300,
    baselineValue: 0,
    recentMonthlyPace: 17.5,
  };
  const item = milestone('2026-01-01', '2026-12-31');

  it('projects the target to the due date against its path', () => {
    expect(projectTarget(target, d('2026-12-31'))).toEqual({
      code: 'newSoftwareFirms',
      name: '新增软信企业',
      percent: 81,
    });
    // 25 a month: 450 of 500 → 90 %; 10 a month: 360 → 72 %.
    expect(projectTarget({ ...target, recentMonthlyPace: 25 }, d('2026-12-31'))!.percent).toBe(90);
    expect(projectTarget({ ...target, recentMonthlyPace: 10 }, d('2026-12-31'))!.percent).toBe(72);
    // Nothing to project: a milestone, a level target, no trend yet.
    expect(projectTarget({ ...target, milestone: true }, d('2026-12-31'))).toBeNull();
    expect(projectTarget({ ...target, aim: 'level' }, d('2026-12-31'))).toBeNull();
    expect(projectTarget({ ...target, recentMonthlyPace: null }, d('2026-12-31'))).toBeNull();
  });

  it('makes an item on schedule yellow below 90 %, red below 75 %, and says why', () => {
    // On 2026-07-02 the item should be 50 % done (182 of 364 days) and reports 50 %: green by its own data.
    const asOf = d('2026-07-02');
    const report = { percent: 50, quantityDone: null };
    expect(itemStatus(item, report, asOf).colour).toBe('green');
    const p81 = projectTarget(target, item.dueDate)!;
    expect(itemStatus(item, report, asOf, undefined, undefined, [p81])).toMatchObject({
      colour: 'yellow',
      reason: '应完成 50%，已报 50%，关联指标“新增软信企业”预计到期完成 81%',
    });
    const p72 = projectTarget({ ...target, recentMonthlyPace: 10 }, item.dueDate)!;
    expect(itemStatus(item, report, asOf, undefined, undefined, [p72]).colour).toBe('red');
    const p90 = projectTarget({ ...target, recentMonthlyPace: 25 }, item.dueDate)!;
    expect(itemStatus(item, report, asOf, undefined, undefined, [p90])).toMatchObject({
      colour: 'green',
      reason: '应完成 50%，已报 50%',
    });
  });
});

// The service desk's pure rules on hand-computed cases: the working-day clock on the China calendar (the Friday
// before the 2025 National Day holiday, make-up Saturdays, a pause across a weekend), the 三率, routing, refusals of
// out-of-order steps, the duplicate measure and the anonymised text.
import { describe, expect, it } from 'vitest';
import type { CivilDate } from '../../platform/time/date.ts';
import {
  dueDate,
  elapsedWorkingDays,
  pausedWorkingDays,
  overdueWorkingDays,
  type Pause,
} from './servicedesk.clock.ts';
import { figuresOf, figureCells, median, type FigureFacts } from './servicedesk.figures.ts';
import { defaultConfig, limitsOf, refusal, route, type DeskConfig } from './servicedesk.ts';
import { anonymise, bigrams, jaccard, possibleDuplicate, similarity } from './servicedesk.text.ts';

const d = (s: string) => s as CivilDate;

describe('the clock', () => {
  it('runs over the National Day holiday from the Friday before it (2025-09-26)', () => {
    // 09-27 Saturday off, 09-28 Sunday worked (调休), 09-29, 09-30, then 10-01…10-08 off, 10-09, 10-10.
    expect(dueDate(d('2025-09-26'), 1)).toBe('2025-09-28');
    expect(dueDate(d('2025-09-26'), 3)).toBe('2025-09-30');
    expect(dueDate(d('2025-09-26'), 4)).toBe('2025-10-09');
    expect(dueDate(d('2025-09-26'), 5)).toBe('2025-10-10');
    expect(elapsedWorkingDays(d('2025-09-26'), d('2025-10-08'))).toBe(3);
    // Answered on 10-09: four working days; seen on 10-13, two working days past the limit (10-11 is worked).
    expect(elapsedWorkingDays(d('2025-09-26'), d('2025-10-09'))).toBe(4);
    expect(overdueWorkingDays(d('2025-10-10'), d('2025-10-13'))).toBe(2);
  });

  it('counts a make-up Saturday as a working day', () => {
    // 2025-10-11 is a Saturday worked after the holiday: a request filed on Friday 10-10 is to be accepted by then.
    expect(dueDate(d('2025-10-10'), 1)).toBe('2025-10-11');
    expect(elapsedWorkingDays(d('2025-10-10'), d('2025-10-13'))).toBe(2);
    // 2026: filed Wednesday 09-30, five days: 10-08, 10-09, Saturday 10-10 (worked), 10-12, 10-13.
    expect(dueDate(d('2026-09-30'), 5)).toBe('2026-10-13');
  });

  it('takes a pause across a weekend out once: only its working days after the first', () => {
    // Filed Wednesday 2026-03-04, five days: 03-05, 03-06, 03-09, 03-10, 03-11.
    expect(dueDate(d('2026-03-04'), 5)).toBe('2026-03-11');
    // Paused on Friday 03-06 (the day counts), the material came on Monday 03-09 (given back): one working day out.
    const weekend: Pause[] = [{ from: d('2026-03-06'), to: d('2026-03-09'), reason: '补充营业执照' }];
    expect(pausedWorkingDays(weekend, d('2026-03-31'))).toBe(1);
    expect(dueDate(d('2026-03-04'), 5, weekend)).toBe('2026-03-12');
    expect(elapsedWorkingDays(d('2026-03-04'), d('2026-03-10'), weekend)).toBe(3);
    // Until Tuesday 03-10: Monday and Tuesday out, due Friday 03-13.
    const longer: Pause[] = [{ from: d('2026-03-06'), to: d('2026-03-10'), reason: '' }];
    expect(pausedWorkingDays(longer, d('2026-03-31'))).toBe(2);
    expect(dueDate(d('2026-03-04'), 5, longer)).toBe('2026-03-13');
  });

  it('stops while a pause is open, adds an extension, and ends a limit of 0 on the next working day', () => {
    expect(dueDate(d('2026-03-04'), 5, [{ from: d('2026-03-06'), to: null, reason: '' }])).toBeNull();
    expect(pausedWorkingDays([{ from: d('2026-03-06'), to: null, reason: '' }], d('2026-03-10'))).toBe(2);
    expect(dueDate(d('2026-03-04'), 5 + 3)).toBe('2026-03-16');
    expect(dueDate(d('2026-03-07'), 0)).toBe('2026-03-09'); // a Saturday: Monday
    expect(dueDate(d('2026-03-09'), 0)).toBe('2026-03-09');
  });
});

const fact = (f: Partial<FigureFacts>): FigureFacts => ({
  month: '2026-03',
  unitId: 'u1',
  category: 'financing',
  acceptDueOn: null,
  acceptedOn: null,
  answerDueOn: null,
  paused: false,
  firstAnsweredOn: null,
  firstAnswerWorkingDays: null,
  closingRating: null,
  reopened: false,
  ...f,
});

describe('the 三率', () => {
  // Five requests of one unit in March 2026, seen on 03-31.
  const facts: FigureFacts[] = [
    // a: accepted and answered on time, 满意.
    fact({
      acceptDueOn: d('2026-03-03'),
      acceptedOn: d('2026-03-03'),
      answerDueOn: d('2026-03-09'),
      firstAnsweredOn: d('2026-03-05'),
      firstAnswerWorkingDays: 3,
      closingRating: 'satisfied',
    }),
    // b: accepted a day late, answered late, reopened, 不满意 again.
    fact({
      acceptDueOn: d('2026-03-03'),
      acceptedOn: d('2026-03-04'),
      answerDueOn: d('2026-03-10'),
      firstAnsweredOn: d('2026-03-12'),
      firstAnswerWorkingDays: 7,
      closingRating: 'dissatisfied',
      reopened: true,
    }),
    // c: never accepted, both deadlines past.
    fact({ acceptDueOn: d('2026-03-20'), answerDueOn: d('2026-03-25') }),
    // d: accepted on time, waiting for material (the answer clock stopped): not due for an answer.
    fact({ acceptDueOn: d('2026-03-24'), acceptedOn: d('2026-03-24'), paused: true }),
    // e: accepted on time, answer due after the day seen: not yet due.
    fact({ acceptDueOn: d('2026-03-30'), acceptedOn: d('2026-03-27'), answerDueOn: d('2026-04-03') }),
  ];

  it('computes each figure by its definition', () => {
    const f = figuresOf(facts, d('2026-03-31'));
    expect(f.filed).toBe(5);
    expect(f.acceptedOnTime).toEqual({ hits: 3, due: 5, value: 0.6 }); // a, d, e of a–e
    expect(f.answeredOnTime).toEqual({ hits: 1, due: 3, value: 1 / 3 }); // a of a, b, c
    expect(f.satisfaction).toEqual({ hits: 1, due: 2, value: 0.5 }); // a of a, b
    expect(f.medianAnswerWorkingDays).toBe(5); // (3 + 7) / 2
    expect(f.reopened).toBe(1);
  });

  it('does not count deadlines not yet passed, and gives no rate for nothing due', () => {
    const f = figuresOf(
      [fact({ acceptDueOn: d('2026-03-31'), answerDueOn: d('2026-04-07') })],
      d('2026-03-31'),
    );
    expect(f.acceptedOnTime).toEqual({ hits: 0, due: 0, value: null });
    expect(f.answeredOnTime.value).toBeNull();
    expect(median([])).toBeNull();
    expect(median([4, 1, 9])).toBe(4);
  });

  it('groups by month, unit and category', () => {
    const cells = figureCells(
      [...facts, fact({ unitId: 'u2' }), fact({ category: 'talent' })],
      d('2026-03-31'),
    );
    expect(cells.map((c) => [c.month, c.unitId, c.category, c.filed])).toEqual([
      ['2026-03', 'u1', 'financing', 5],
      ['2026-03', 'u1', 'talent', 1],
      ['2026-03', 'u2', 'financing', 1],
    ]);
  });
});

describe('routing and limits', () => {
  const all = new Set([
    'tax-bureau',
    'big-data-bureau',
    'economy-information-commission',
    'public-security-bureau',
    'human-resources-social-security-bureau',
    'shiqiaopu-street',
    'investment-promotion-bureau',
    'plan-office',
  ]);
  const config: DeskConfig = defaultConfig(all);
  const facts = (category: string, text = '', subdistrict: string | null = null) => ({
    category,
    subdistrict,
    fields: [],
    text,
  });

  it('takes the first rule that holds: category or an ancestor, subdistrict, keyword', () => {
    expect(route(config, facts('policy', '数据要素政策'))?.unit).toBe('big-data-bureau');
    expect(route(config, facts('policy.subsidy', '研发补贴'))?.unit).toBe('economy-information-commission');
    expect(route(config, facts('policy.tax'))?.unit).toBe('tax-bureau');
    expect(route(config, facts('talent.settle'))?.unit).toBe('public-security-bureau');
    expect(route(config, facts('talent'))?.unit).toBe('human-resources-social-security-bureau');
    expect(route(config, facts('venue', '', 'shiqiaopu-street'))?.unit).toBe('shiqiaopu-street');
    expect(route(config, facts('venue', '', 'erlang-street'))?.unit).toBe('investment-promotion-bureau');
    // No rule for 其他, and rules naming units the district lacks were dropped: the dispatcher decides.
    expect(route(config, facts('other'))).toBeNull();
    expect(route(config, facts('financing'))).toBeNull();
  });

  it('reads limits by category and urgency', () => {
    expect(limitsOf(config, 'dataExport', 'normal')).toEqual({ acceptDays: 1, answerDays: 10 });
    expect(limitsOf(config, 'dataExport', 'urgent')).toEqual({ acceptDays: 1, answerDays: 5 });
  });

  it('refuses out-of-order steps with a reason', () => {
    expect(refusal('answer', 'dispatched', false)?.reason).toBe('NOT_ACCEPTED');
    expect(refusal('rate', 'closed', true)?.reason).toBe('ALREADY_RATED');
    expect(refusal('rate', 'handling', false)?.reason).toBe('NOT_ANSWERED');
    expect(refusal('accept', 'accepted', false)?.reason).toBe('NOT_DISPATCHED');
    expect(refusal('decide', 'dispatched', false)?.reason).toBe('NOT_RETURNED');
    expect(refusal('supplement', 'handling', false)?.reason).toBe('NOT_PAUSED');
    expect(refusal('answer', 'handling', false)).toBeNull();
  });
});

describe('texts', () => {
  it('measures similarity as the Jaccard index of character bigrams', () => {
    // 7 bigrams against 9 (the second adds 住资, 资格): 7 / 9.
    expect(bigrams('申请人才公寓入住').size).toBe(7);
    expect(similarity('申请人才公寓入住', '申请人才公寓，入住资格？')).toBeCloseTo(7 / 9, 10);
    expect(similarity('融资担保', '专利申请')).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
    const found = possibleDuplicate('申请人才公寓入住资格', [
      { id: 'a', text: '专利申请' },
      { id: 'b', text: '申请人才公寓入住' },
    ]);
    expect(found).toEqual({ id: 'b', score: 0.78 });
    expect(possibleDuplicate('申请人才公寓入住', [{ id: 'a', text: '公寓' }])).toBeNull();
  });

  it('anonymises names, phones, e-mail and credit codes', () => {
    expect(
      anonymise(
        '重庆星云科技有限公司（重庆星云科技）张三，13912345678，023-68001234，a@b.cn，91500107MA5U123456',
        {
          enterprise: '重庆星云科技有限公司',
          contact: '张三',
        },
      ),
    ).toBe('某企业（某企业）某联系人，［电话］，［电话］，［邮箱］，［统一社会信用代码］');
  });
});

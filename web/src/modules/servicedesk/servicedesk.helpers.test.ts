import { describe, expect, it } from 'vitest';
import {
  attachmentProblem,
  categoryTree,
  configBody,
  clockState,
  unitTotals,
  fileSize,
  monthOf,
  monthsBefore,
  percent,
  rateText,
  searchKnowledge,
} from './servicedesk.helpers.ts';

describe('attachmentProblem', () => {
  it('refuses what the server would refuse, by name and size', () => {
    expect(attachmentProblem({ name: '营业执照.PDF', size: 1000 })).toBeNull();
    expect(attachmentProblem({ name: 'plan.docx', size: 10 * 1024 * 1024 })).toBeNull();
    expect(attachmentProblem({ name: 'plan.docx', size: 10 * 1024 * 1024 + 1 })).toBe('size');
    expect(attachmentProblem({ name: 'run.exe', size: 10 })).toBe('type');
    expect(attachmentProblem({ name: 'noextension', size: 10 })).toBe('type');
    expect(attachmentProblem({ name: 'a.png', size: 0 })).toBe('empty');
  });
  it('writes sizes people read', () => {
    expect(fileSize(12)).toBe('12 B');
    expect(fileSize(839_680)).toBe('820 KB');
    expect(fileSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(fileSize(10 * 1024 * 1024)).toBe('10 MB');
  });
});

describe('clockState', () => {
  it('reads the state first, then overdue, then the due date', () => {
    expect(clockState({ state: 'closed', overdue: false, answerDueOn: '2026-03-11' })).toBe('closed');
    expect(clockState({ state: 'answered', overdue: true, answerDueOn: '2026-03-11' })).toBe('answered');
    expect(clockState({ state: 'supplement', overdue: false, answerDueOn: null })).toBe('paused');
    expect(clockState({ state: 'handling', overdue: true, answerDueOn: '2026-03-11' })).toBe('overdue');
    expect(clockState({ state: 'dispatched', overdue: false, answerDueOn: '2026-03-11' })).toBe('running');
    expect(clockState({ state: 'filed', overdue: false, answerDueOn: null })).toBe('waiting');
  });
});

describe('categoryTree', () => {
  it('nests dotted codes under their parents, in order', () => {
    expect(
      categoryTree([
        { code: 'policy', name: '政策咨询' },
        { code: 'policy.tax', name: '税费政策' },
        { code: 'talent', name: '人才' },
        { code: 'talent.settle', name: '人才落户' },
        { code: 'orphan.child', name: '无上级' },
      ]),
    ).toEqual([
      { value: 'policy', title: '政策咨询', children: [{ value: 'policy.tax', title: '税费政策' }] },
      { value: 'talent', title: '人才', children: [{ value: 'talent.settle', title: '人才落户' }] },
      { value: 'orphan.child', title: '无上级' },
    ]);
  });
});

describe('searchKnowledge', () => {
  const e = (title: string, answer: string) => ({ title, question: '', answer, unitName: '区人力社保局' });
  const groups = [
    {
      category: 'talent',
      categoryName: '人才',
      entries: [e('人才公寓申请', '可在线申请'), e('落户', '携带材料')],
    },
    { category: 'financing', categoryName: '融资', entries: [e('贷款贴息', '按季度申报')] },
  ];
  it('keeps entries with every word, drops empty groups', () => {
    expect(searchKnowledge(groups, '').length).toBe(2);
    expect(searchKnowledge(groups, '公寓')).toEqual([{ ...groups[0], entries: [groups[0]!.entries[0]] }]);
    expect(searchKnowledge(groups, '人才 材料')[0]!.entries.map((x) => x.title)).toEqual(['落户']);
    expect(searchKnowledge(groups, '融资').map((g) => g.category)).toEqual(['financing']);
    expect(searchKnowledge(groups, '社保局 贴息').map((g) => g.category)).toEqual(['financing']);
    expect(searchKnowledge(groups, '不存在')).toEqual([]);
  });
});

describe('rates and months', () => {
  it('formats rates', () => {
    expect(percent(0.857)).toBe('85.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(null)).toBe('—');
    expect(rateText({ hits: 18, due: 20, value: 0.9 })).toBe('18/20 (90%)');
    expect(rateText({ hits: 0, due: 0, value: null })).toBe('—');
  });
  it('counts months across years', () => {
    expect(monthsBefore('2026-03', 5)).toBe('2025-10');
    expect(monthsBefore('2026-01', 1)).toBe('2025-12');
    expect(monthsBefore('2026-12', 0)).toBe('2026-12');
    expect(monthsBefore('2025-12', -1)).toBe('2026-01');
    expect(monthsBefore('2026-03', 14)).toBe('2025-01');
  });
  it('takes the month in Shanghai time', () => {
    expect(monthOf(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(monthOf(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03');
  });
});

describe('configBody', () => {
  it('trims codes and names and leaves out empty rule conditions', () => {
    expect(
      configBody({
        categories: [
          {
            code: ' venue ',
            name: '场地 ',
            acceptDays: 1,
            answerDays: 5,
            urgentAcceptDays: 1,
            urgentAnswerDays: 3,
          },
        ],
        rules: [
          {
            category: 'venue',
            subdistrict: 'shiqiaopu-street',
            field: '',
            keyword: '  ',
            unit: 'shiqiaopu-street',
          },
          { category: 'venue', subdistrict: undefined, keyword: '扩租', unit: 'investment-promotion-bureau' },
        ],
        dispatcher: 'plan-office',
        rateWithinWorkingDays: 5,
      }),
    ).toEqual({
      categories: [
        {
          code: 'venue',
          name: '场地',
          acceptDays: 1,
          answerDays: 5,
          urgentAcceptDays: 1,
          urgentAnswerDays: 3,
        },
      ],
      rules: [
        { category: 'venue', subdistrict: 'shiqiaopu-street', unit: 'shiqiaopu-street' },
        { category: 'venue', keyword: '扩租', unit: 'investment-promotion-bureau' },
      ],
      dispatcher: 'plan-office',
      rateWithinWorkingDays: 5,
    });
  });
});

describe('unitTotals', () => {
  const r = (hits: number, due: number) => ({ hits, due, value: due ? hits / due : null });
  const cell = (
    unit: { id: string; name: string } | null,
    filed: number,
    a: [number, number],
    b: [number, number],
  ) => ({
    unit,
    filed,
    acceptedOnTime: r(...a),
    answeredOnTime: r(...b),
    satisfaction: r(0, 0),
  });
  const jxw = { id: 'u1', name: '区经济信息委' };
  const tax = { id: 'u2', name: '区税务局' };
  it('sums hits and due over months and categories, best 答复及时率 first, nothing due last', () => {
    const rows = unitTotals(
      [
        cell(jxw, 5, [3, 5], [2, 4]),
        cell(tax, 1, [1, 1], [1, 1]),
        cell(jxw, 3, [1, 3], [0, 2]),
        cell(null, 2, [0, 0], [0, 0]),
      ],
      '待派单',
    );
    // 区经济信息委: accepted (3 + 1) / (5 + 3) = 50 %, not the mean of 60 % and 33 %; answered 2 / 6
    expect(
      rows.map((x) => [x.label, x.filed, x.acceptedOnTime, x.answeredOnTime.hits, x.answeredOnTime.due]),
    ).toEqual([
      ['区税务局', 1, r(1, 1), 1, 1],
      ['区经济信息委', 8, { hits: 4, due: 8, value: 0.5 }, 2, 6],
      ['待派单', 2, { hits: 0, due: 0, value: null }, 0, 0],
    ]);
    expect(rows[2]!.satisfaction.value).toBeNull();
  });
});

// The example scheme from a plan, and the scheme's validation (points, methods against feeds, duplicate codes).
import { describe, expect, it } from 'vitest';
import { defaultScheme } from './assessment.scheme.ts';
import { schemeInputSchema } from './assessment.contract.ts';

const plan = {
  targets: [
    { code: 'newEnterprises', name: '新增软信企业' },
    { code: 'softwareRevenue', name: '软件业务收入' },
  ],
  tasks: [
    { number: 2, title: '任务二' },
    { number: 1, title: '任务一' },
  ],
};

describe('the example scheme', () => {
  it('has a line per target and per task, the common lines, and says it is an example', () => {
    const s = defaultScheme(2026, plan);
    expect(s.example).toBe(true);
    expect(s.title).toBe('2026年度“满天星”行动计划推进成效考核方案（示例方案）');
    expect(s.indicators.map((i) => i.code)).toEqual([
      'target.newEnterprises',
      'target.softwareRevenue',
      'task.1',
      'task.2',
      'items.all',
      'race.subdistricts',
      'deduct.overdue',
      'deduct.reports',
      'deduct.notices',
      'bonus',
    ]);
    expect(s.indicators[0]).toMatchObject({
      feed: { kind: 'targetResult', targetCode: 'newEnterprises' },
      appliesTo: 'lead',
      method: { kind: 'targetScoring', below: 'proportional', threshold: 0.6 },
    });
    // It passes its own validation.
    expect(schemeInputSchema.safeParse(s).success).toBe(true);
  });

  it('refuses negative points, a count feed scored as a target, and duplicate codes, each on its field', () => {
    const s = defaultScheme(2026, plan);
    const paths = (input: unknown) => {
      const r = schemeInputSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...s, indicators: [{ ...s.indicators[0], points: -1 }] })).toEqual([
      'indicators.0.points',
    ]);
    expect(
      paths({
        ...s,
        indicators: [{ ...s.indicators[6], method: { kind: 'targetScoring', below: 'zero' } }],
      }),
    ).toEqual(['indicators.0.method']);
    expect(paths({ ...s, indicators: [s.indicators[0], s.indicators[0]] })).toEqual(['indicators.1.code']);
  });
});

// Tests of explanations in words (pure): the one-sentence summary, failed leaves, formulas and rules as lines.
import { describe, expect, it } from 'vitest';
import { conditionLines, failedLeaves, formulaText, summaryOf } from './explain.ts';
import type { Condition, Expr, Parameter } from './rules.ts';
import {
  employeesOver,
  facts,
  names,
  rd12,
  revenue12,
  revenueAtLeast,
  startUp,
  tree,
} from './explain.fixtures.ts';

// -------------------------------------------------------------------------------------------------------------
// Summary
// -------------------------------------------------------------------------------------------------------------

describe('summaryOf', () => {
  const rule: Condition = {
    kind: 'all',
    conditions: [
      employeesOver(100),
      { kind: 'aboveScale', value: false },
      { kind: 'building', op: 'any', values: [] },
      revenueAtLeast(1000),
    ],
  };

  it('says an eligible enterprise qualifies, with the amount in 万元', () => {
    const t = tree(rule, [{ passed: true }, { passed: true }, { passed: true }, { passed: true }]);
    expect(summaryOf('规上软信企业租金优惠', true, 500_000, t)).toEqual({
      zh: '符合「规上软信企业租金优惠」的条件，测算金额 50 万元。',
      en: 'Qualifies for “规上软信企业租金优惠”; computed amount 500,000 yuan.',
    });
  });

  it('leaves the amount out for a policy with no benefit', () => {
    const t = tree(rule, [{ passed: true }, { passed: true }, { passed: true }, { passed: true }]);
    expect(summaryOf('上星企业认定', true, null, t).zh).toBe('符合「上星企业认定」的条件。');
  });

  it('lists the failed conditions of an ineligible enterprise, without the word 不满足', () => {
    const t = tree(
      rule,
      [
        { passed: false, value: 88, threshold: 100 },
        { passed: true },
        { passed: false },
        { passed: true, value: 12_000_000, threshold: 10_000_000 },
      ],
      { facts: { ...facts, buildingName: null } },
    );
    expect(summaryOf('初创和小微软信企业免租', false, null, t).zh).toBe(
      '暂不符合「初创和小微软信企业免租」：从业人员（最新月报）为 88 人，要求 > 100 人，还差 13 人；所在楼宇：未入驻登记楼宇，要求位于登记载体楼宇。',
    );
  });

  it('counts an unknown condition as failed, without the words 无数据，按不满足计', () => {
    const t = tree(rule, [{ passed: null }, { passed: true }, { passed: true }, { passed: true }]);
    const s = summaryOf('X', false, null, t);
    expect(s.zh).toBe('暂不符合「X」：从业人员（最新月报）无数据，要求 > 100 人。');
    expect(s.en).toBe(
      'Does not qualify for “X”: employees (latest report) has no data; required > 100 人; no data, counted as not met.',
    );
  });

  it('names the first three failures and counts the rest', () => {
    const t = tree(
      rule,
      [
        { passed: false, value: 88, threshold: 100 },
        { passed: false },
        { passed: false },
        { passed: false, value: 8_500_000, threshold: 10_000_000 },
      ],
      { facts: { ...facts, aboveScale: true } },
    );
    const s = summaryOf('X', false, null, t);
    expect(s.zh).toMatch(
      /^暂不符合「X」：从业人员.*；是规上企业，要求不是规上企业；所在楼宇：九龙意库，要求位于登记载体楼宇 等 4 项。$/,
    );
    expect(s.zh).not.toContain('营业收入');
  });

  it('names the condition an enterprise fails through a not-group', () => {
    const t = tree(
      {
        kind: 'all',
        conditions: [
          { kind: 'aboveScale', value: false },
          { kind: 'not', condition: { kind: 'honour', op: 'anyOf', values: ['qimingxing'] } },
        ],
      },
      [{ passed: true }, { passed: true }],
    );
    expect(t.passed).toBe(false);
    const s = summaryOf('X', false, null, t);
    expect(s.zh).not.toBe('暂不符合「X」：。');
    expect(s.zh).toContain('启明星');
  });

  it('does not give as reasons leaves whose group holds', () => {
    const t = tree(
      {
        kind: 'all',
        conditions: [
          employeesOver(100),
          { kind: 'not', condition: { kind: 'honour', op: 'anyOf', values: ['littleGiant'] } },
          {
            kind: 'any',
            conditions: [
              { kind: 'aboveScale', value: true },
              { kind: 'building', op: 'any', values: [] },
            ],
          },
        ],
      },
      [{ passed: false, value: 88, threshold: 100 }, { passed: false }, { passed: false }, { passed: true }],
    );
    expect(failedLeaves(t).map((x) => x.leaf)).toEqual([0]);
    expect(summaryOf('X', false, null, t).zh).toBe(
      '暂不符合「X」：从业人员（最新月报）为 88 人，要求 > 100 人，还差 13 人。',
    );
  });
});

describe('failedLeaves', () => {
  it('gives failed and unknown leaves in depth-first order', () => {
    const t = tree(
      {
        kind: 'all',
        conditions: [
          { kind: 'aboveScale', value: true },
          { kind: 'all', conditions: [employeesOver(100), { kind: 'building', op: 'any', values: [] }] },
          revenueAtLeast(1000),
        ],
      },
      [{ passed: false }, { passed: true }, { passed: null }, { passed: false }],
    );
    expect(failedLeaves(t).map((x) => [x.leaf, x.passed])).toEqual([
      [0, false],
      [2, null],
      [3, false],
    ]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Rules in words
// -------------------------------------------------------------------------------------------------------------

describe('formulaText', () => {
  const params: Record<string, Parameter> = {
    rate: { label: '租金补贴标准', unit: '元/m²/月', values: [{ from: '2026-01-01', value: 15 }] },
    cap: { label: '年度补贴上限', unit: '万元', values: [{ from: '2026-01-01', value: 50 }] },
    share: { label: '比例', unit: '%', values: [{ from: '2026-01-01', value: 10 }] },
  };
  const area: Expr = { kind: 'measure', measure: { figure: 'usedArea', agg: 'latest' } };

  it('writes the rent formula of the example policy', () => {
    expect(
      formulaText(
        {
          kind: 'min',
          args: [
            {
              kind: 'mul',
              args: [area, { kind: 'param', name: 'rate' }, { kind: 'const', value: 12, unit: '月' }],
            },
            { kind: 'param', name: 'cap' },
          ],
        },
        params,
      ),
    ).toBe('取小(使用面积（最新月报） × 租金补贴标准 × 12 月, 年度补贴上限)');
  });

  it('brackets sums and differences, writes max as 取大, and an undefined parameter by its name', () => {
    expect(
      formulaText(
        {
          kind: 'max',
          args: [
            {
              kind: 'mul',
              args: [
                {
                  kind: 'add',
                  args: [
                    { kind: 'measure', measure: revenue12 },
                    { kind: 'const', value: 10000, unit: '元' },
                  ],
                },
                { kind: 'param', name: 'share' },
              ],
            },
            {
              kind: 'sub',
              args: [
                { kind: 'param', name: 'cap' },
                { kind: 'param', name: 'floor' },
              ],
            },
          ],
        },
        params,
      ),
    ).toBe('取大((近12个月营业收入合计 + 10,000 元) × 比例, (年度补贴上限 − floor))');
  });

  it('writes a division with ÷', () => {
    expect(
      formulaText(
        {
          kind: 'div',
          args: [
            { kind: 'measure', measure: rd12 },
            { kind: 'const', value: 2 },
          ],
        },
        params,
      ),
    ).toBe('近12个月研发投入合计 ÷ 2');
  });

  it('brackets a product that is the divisor', () => {
    expect(
      formulaText(
        {
          kind: 'div',
          args: [
            { kind: 'param', name: 'cap' },
            {
              kind: 'mul',
              args: [area, { kind: 'const', value: 12, unit: '月' }],
            },
          ],
        },
        params,
      ),
    ).toBe('年度补贴上限 ÷ (使用面积（最新月报） × 12 月)');
  });
});

describe('conditionLines', () => {
  const params: Record<string, Parameter> = {
    maxArea: { label: '免租面积上限', unit: 'm²', values: [{ from: '2026-01-01', value: 300 }] },
  };

  it('writes one line per leaf, indented by full-width spaces under its group', () => {
    expect(
      conditionLines(
        {
          kind: 'all',
          conditions: [
            { kind: 'building', op: 'any', values: [] },
            {
              kind: 'compare',
              measure: { figure: 'usedArea', agg: 'latest' },
              op: 'lte',
              value: { param: 'maxArea' },
              unit: 'm²',
            },
            {
              kind: 'any',
              conditions: [
                startUp,
                { kind: 'all', conditions: [employeesOver(100, 'lt'), revenueAtLeast(1000, 'lt')] },
              ],
            },
            { kind: 'not', condition: { kind: 'honour', op: 'anyOf', values: ['littleGiant'] } },
          ],
        },
        params,
        names,
      ),
    ).toEqual([
      '同时满足：',
      '　位于登记载体楼宇',
      '　使用面积（最新月报） ≤ 免租面积上限',
      '　满足任一：',
      '　　初创企业（注册不满3年）',
      '　　同时满足：',
      '　　　从业人员（最新月报） < 100 人',
      '　　　近12个月营业收入合计 < 1,000 万元',
      '　不得满足：',
      '　　具有任一荣誉 专精特新“小巨人”',
    ]);
  });

  it('writes attribute leaves with names for codes', () => {
    expect(
      conditionLines(
        {
          kind: 'any',
          conditions: [
            { kind: 'subdistrict', op: 'notIn', values: ['shiqiaopu'] },
            { kind: 'field', op: 'allOf', values: ['aiAgents', 'digitalTwins'] },
            { kind: 'aboveScale', value: true },
            { kind: 'building', op: 'in', values: ['jlyk', 'b9'] },
            { kind: 'tier', op: 'noneOf', values: ['shangxing'] },
            {
              kind: 'compare',
              measure: { figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 12 },
              op: 'gte',
              value: 5,
              unit: '%',
            },
          ],
        },
        {},
        names,
      ),
    ).toEqual([
      '满足任一：',
      '　所属镇街不属于 石桥铺街道',
      '　重点领域全部包含 AI智能体、数字孪生',
      '　是规上企业',
      '　位于 九龙意库、b9',
      '　不属于梯度 上星企业',
      '　近12个月研发投入占营业收入比重 ≥ 5%',
    ]);
  });

  it('writes a lone leaf as one unindented line, and an undefined parameter by its name', () => {
    expect(
      conditionLines(
        { kind: 'compare', measure: rd12, op: 'gte', value: { param: 'minRd' }, unit: '万元' },
        {},
        names,
      ),
    ).toEqual(['近12个月研发投入合计 ≥ minRd']);
  });
});

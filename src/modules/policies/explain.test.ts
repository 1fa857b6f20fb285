// Tests of explanations (pure): the lines an enterprise or official reads for one rule — values, thresholds, gaps,
// three-valued group verdicts (the summary, formulas and rules in words: explain.words.test.ts).
import { describe, expect, it } from 'vitest';
import { explainTree, formatNumber, gapOf, inUnit, wanYuan } from './explain.ts';
import type { Compare, Leaf } from './rules.ts';
import {
  employeesOver,
  facts,
  leafText,
  names,
  rdAtLeastMinRd,
  rdParams,
  revenueAtLeast,
  startUp,
  tree,
} from './explain.fixtures.ts';

/** R&D over the last 12 months as a share of revenue, against a threshold in %. */
const rdShareOver = (op: Compare['op'], value: number): Compare => ({
  kind: 'compare',
  measure: { figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 12 },
  op,
  value,
  unit: '%',
});

// -------------------------------------------------------------------------------------------------------------
// Numbers and gaps
// -------------------------------------------------------------------------------------------------------------

describe('formatNumber, inUnit and wanYuan', () => {
  it('separates thousands and keeps at most two decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(88)).toBe('88');
    expect(formatNumber(2.5)).toBe('2.5');
  });

  it('shows base-unit values in the unit asked for', () => {
    expect(inUnit(8_500_000, '万元')).toBe('850 万元');
    expect(inUnit(0.05, '%')).toBe('5%');
    expect(inUnit(30, '年')).toBe('2.5 年');
    expect(inUnit(88, '人')).toBe('88 人');
  });

  it('rounds half away from zero on the decimal digits (四舍五入), not through a float', () => {
    // 1.005 × 100 is 100.49999999999999 in floating point: Math.round gave 1; the digits say 1.01.
    expect(formatNumber(1.005)).toBe('1.01');
    expect(formatNumber(2.675)).toBe('2.68');
    expect(formatNumber(-1.005)).toBe('-1.01');
    expect(formatNumber(0.125)).toBe('0.13');
    expect(formatNumber(999.995)).toBe('1,000');
    expect(formatNumber(1e-7, 8)).toBe('0.0000001');
    // 10050 元 is 1.005 万元 exactly; /1e4 then ×100 in floating point rounded it to 1 万元
    expect(wanYuan(10_050)).toBe('1.01 万元');
    expect(wanYuan(105_090)).toBe('10.51 万元');
    expect(wanYuan(-10_050)).toBe('-1.01 万元');
    expect(inUnit(10_050, '万元')).toBe('1.01 万元');
    expect(inUnit(100_500_000, '亿元')).toBe('1.01 亿元');
  });

  it('shows 元 as 万元', () => {
    expect(wanYuan(500_000)).toBe('50 万元');
    expect(wanYuan(123_456)).toBe('12.35 万元');
  });
});

describe('gapOf', () => {
  it('counts whole people for more than a headcount (> 100 with 88 → 13 more)', () => {
    expect(gapOf(employeesOver(100), 88, 100)).toEqual({ amount: 13, more: true, strict: false });
  });

  it('counts whole people for at least a headcount (≥ 100 with 88 → 12 more)', () => {
    expect(gapOf(employeesOver(100, 'gte'), 88, 100)).toEqual({ amount: 12, more: true, strict: false });
  });

  it('counts whole people over a ceiling (< 100 with 120 → 21 over, ≤ 100 with 120 → 20 over)', () => {
    expect(gapOf(employeesOver(100, 'lt'), 120, 100)).toEqual({ amount: 21, more: false, strict: false });
    expect(gapOf(employeesOver(100, 'lte'), 120, 100)).toEqual({ amount: 20, more: false, strict: false });
  });

  it('gives no gap for a value that passes', () => {
    expect(gapOf(employeesOver(100), 101, 100)).toBeNull();
    expect(gapOf(employeesOver(100, 'gte'), 100, 100)).toBeNull();
    expect(gapOf(employeesOver(100, 'lt'), 99, 100)).toBeNull();
    expect(gapOf(employeesOver(100, 'lte'), 100, 100)).toBeNull();
  });

  it('gives the plain difference for money, and never 0 at a strict threshold (0.01 万元 = 100 元 above it)', () => {
    expect(gapOf(revenueAtLeast(1000), 8_500_000, 10_000_000)).toEqual({
      amount: 1_500_000,
      more: true,
      strict: false,
    });
    expect(gapOf(revenueAtLeast(1000, 'gt'), 10_000_000, 10_000_000)).toEqual({
      amount: 100,
      more: true,
      strict: true,
    });
    expect(gapOf(revenueAtLeast(1000, 'lt'), 12_000_000, 10_000_000)).toEqual({
      amount: 2_000_000,
      more: false,
      strict: true,
    });
    expect(gapOf(revenueAtLeast(1000, 'lte'), 12_000_000, 10_000_000)).toEqual({
      amount: 2_000_000,
      more: false,
      strict: false,
    });
  });

  it('gives the plain difference for an average headcount, which need not be whole', () => {
    const avg: Compare = { ...employeesOver(100), measure: { figure: 'employees', agg: 'avg', months: 12 } };
    expect(gapOf(avg, 87.5, 100)).toEqual({ amount: 12.5, more: true, strict: true });
  });

  it('measures a strict headcount threshold to the first passing person: > 50 at exactly 50 is 1 short', () => {
    expect(gapOf(employeesOver(50), 50, 50)).toEqual({ amount: 1, more: true, strict: false });
    expect(gapOf(employeesOver(50, 'lt'), 50, 50)).toEqual({ amount: 1, more: false, strict: false });
    expect(tree(employeesOver(50), [{ passed: false, value: 50, threshold: 50 }]).gap).toBe('还差 1 人');
  });

  it('says 须高于 for a strict threshold on a continuous measure, with a gap that is not 0', () => {
    const share = rdShareOver('gt', 50);
    expect(gapOf(share, 0.5, 0.5)).toEqual({ amount: 0.0001, more: true, strict: true });
    const n = tree(share, [{ passed: false, value: 0.5, threshold: 0.5 }]);
    expect(n.gap).toBe('须高于 50%，还差 0.01%');
    expect(n.text).toBe('近12个月研发投入占营业收入比重为 50%，要求 > 50%，不满足，须高于 50%，还差 0.01%');
  });

  it('gives no gap for equal / not equal', () => {
    expect(gapOf(employeesOver(100, 'eq'), 88, 100)).toBeNull();
    expect(gapOf(employeesOver(100, 'ne'), 100, 100)).toBeNull();
  });
});

// -------------------------------------------------------------------------------------------------------------
// Leaves
// -------------------------------------------------------------------------------------------------------------

describe('growth coverage in words', () => {
  const yoy: Compare = {
    kind: 'compare',
    measure: { figure: 'operatingRevenue', agg: 'yoy', months: 12 },
    op: 'gte',
    value: 20,
    unit: '%',
  };
  it('says over how many like-for-like months a year-on-year growth was computed', () => {
    const n = tree(yoy, [{ passed: true, value: 0.25, threshold: 0.2 }], { coverage: [10] });
    expect(n.text).toBe(
      '近12个月营业收入同比增长率为 25%（同比按双方均有填报的 10 个月计算），要求 ≥ 20%，满足',
    );
    expect(n.textEn).toContain('(compared over the 10 months reported in both periods)');
  });

  it('says why a growth over too few common months is unknown (fewer than 9 of 12)', () => {
    const n = tree(yoy, [{ passed: null, value: null, threshold: 0.2 }], { coverage: [4] });
    expect(n.text).toBe(
      '近12个月营业收入同比增长率无数据（双方均有填报的仅 4 个月，少于 9 个月，无法比较），要求 ≥ 20%，无数据，按不满足计',
    );
  });

  it('names the base year for a compound growth', () => {
    const cagr: Compare = {
      ...yoy,
      measure: { figure: 'operatingRevenue', agg: 'cagr', years: 2, months: 6 },
    };
    expect(tree(cagr, [{ passed: false, value: 0.1, threshold: 0.2 }], { coverage: [5] }).text).toContain(
      '（与 2 年前相比按双方均有填报的 5 个月计算）',
    );
  });
});

describe('explainTree: compare leaves', () => {
  it('explains a headcount short of its threshold, with the gap in whole people', () => {
    expect(tree(employeesOver(100), [{ passed: false, value: 88, threshold: 100 }])).toEqual({
      kind: 'compare',
      leaf: 0,
      passed: false,
      text: '从业人员（最新月报）为 88 人，要求 > 100 人，不满足，还差 13 人',
      textEn: 'employees (latest report) is 88 人; required > 100 人; not met, short by 13 人',
      measure: '从业人员（最新月报）',
      value: '88 人',
      threshold: '> 100 人',
      gap: '还差 13 人',
      children: [],
    });
  });

  it('shows money in the threshold’s unit (万元), and the gap too', () => {
    const n = tree(revenueAtLeast(1000), [{ passed: false, value: 8_500_000, threshold: 10_000_000 }]);
    expect(n.text).toBe('近12个月营业收入合计为 850 万元，要求 ≥ 1,000 万元，不满足，还差 150 万元');
    expect(n.gap).toBe('还差 150 万元');
  });

  it('shows a threshold written in 亿元 with the value in 亿元', () => {
    const leaf: Compare = { ...revenueAtLeast(1), op: 'gt', unit: '亿元' };
    expect(tree(leaf, [{ passed: false, value: 60_000_000, threshold: 100_000_000 }]).text).toBe(
      '近12个月营业收入合计为 0.6 亿元，要求 > 1 亿元，不满足，须高于 1 亿元，还差 0.4 亿元',
    );
  });

  it('says 满足 with no gap when the condition holds', () => {
    const n = tree(employeesOver(100), [{ passed: true, value: 120, threshold: 100 }]);
    expect(n.text).toBe('从业人员（最新月报）为 120 人，要求 > 100 人，满足');
    expect(n.gap).toBeNull();
  });

  it('says how far over a ceiling the value is', () => {
    expect(tree(employeesOver(100, 'lt'), [{ passed: false, value: 120, threshold: 100 }]).text).toBe(
      '从业人员（最新月报）为 120 人，要求 < 100 人，不满足，超出 21 人',
    );
  });

  it('says 无数据 and counts it as not met when there is no value', () => {
    const n = tree(employeesOver(100), [{ passed: null, value: null, threshold: 100 }]);
    expect(n.text).toBe('从业人员（最新月报）无数据，要求 > 100 人，无数据，按不满足计');
    expect(n.textEn).toBe(
      'employees (latest report) has no data; required > 100 人; no data, counted as not met',
    );
    expect(n.passed).toBeNull();
    expect(n.value).toBeNull();
    expect(n.gap).toBeNull();
  });

  it('names a parameter threshold with its value in force, in the parameter’s unit', () => {
    const leaf = rdAtLeastMinRd;
    const n = tree(leaf, [{ passed: false, value: 600_000, threshold: 1_000_000 }], {
      params: rdParams,
      paramValues: { minRd: 1_000_000 },
    });
    expect(n.text).toBe(
      '近12个月研发投入合计为 60 万元，要求 ≥ 研发投入门槛（100 万元），不满足，还差 40 万元',
    );
    expect(n.threshold).toBe('≥ 研发投入门槛（100 万元）');
  });

  it('says a parameter not yet in force is not in force', () => {
    const leaf = rdAtLeastMinRd;
    const n = tree(leaf, [{ passed: null, value: 600_000, threshold: null }], { params: rdParams });
    expect(n.text).toBe('近12个月研发投入合计为 60 万元，要求 ≥ 参数 minRd（未生效），无数据，按不满足计');
    expect(n.textEn).toContain('parameter minRd (not in force)');
  });

  it('shows shares in %', () => {
    const leaf = rdShareOver('gte', 5);
    expect(tree(leaf, [{ passed: false, value: 0.03, threshold: 0.05 }]).text).toBe(
      '近12个月研发投入占营业收入比重为 3%，要求 ≥ 5%，不满足，还差 2%',
    );
  });

  it('puts a custom label before the words, and shows registration age (months) in 年', () => {
    const leaf = startUp;
    expect(tree(leaf, [{ passed: true, value: 30, threshold: 36 }]).text).toBe(
      '初创企业（注册不满3年）：注册年限为 2.5 年，要求 < 3 年，满足',
    );
  });
});

describe('explainTree: attribute leaves', () => {
  it('explains a subdistrict condition with names for codes (and the code when unknown)', () => {
    const n = tree({ kind: 'subdistrict', op: 'in', values: ['shiqiaopu', 'gone'] }, [{ passed: false }]);
    expect(n).toMatchObject({
      kind: 'subdistrict',
      leaf: 0,
      text: '所属镇街为 杨家坪街道，要求属于 石桥铺街道、gone，不满足',
      textEn: 'subdistrict is 杨家坪街道; required one of 石桥铺街道, gone; not met',
      measure: null,
      value: '杨家坪街道',
      threshold: '属于 石桥铺街道、gone',
      gap: null,
    });
    expect(leafText({ kind: 'subdistrict', op: 'notIn', values: ['shiqiaopu'] }, true)).toBe(
      '所属镇街为 杨家坪街道，要求不属于 石桥铺街道，满足',
    );
  });

  it('explains a field condition in the fields’ Chinese names', () => {
    expect(leafText({ kind: 'field', op: 'anyOf', values: ['aiAgents', 'digitalTwins'] }, true)).toBe(
      '重点领域为 AI智能体，要求包含任一 AI智能体、数字孪生，满足',
    );
    expect(
      leafText({ kind: 'field', op: 'allOf', values: ['aiAgents', 'games'] }, false, { fields: [] }),
    ).toBe('重点领域为 无，要求全部包含 AI智能体、游戏，不满足');
    expect(leafText({ kind: 'field', op: 'noneOf', values: ['games'] }, true)).toBe(
      '重点领域为 AI智能体，要求不包含 游戏，满足',
    );
  });

  it('explains an honour condition in the honours’ names', () => {
    expect(leafText({ kind: 'honour', op: 'anyOf', values: ['littleGiant'] }, false)).toBe(
      '已认定荣誉：启明星，要求具有任一 专精特新“小巨人”，不满足',
    );
    expect(leafText({ kind: 'honour', op: 'noneOf', values: ['beidouxing'] }, true, { honours: [] })).toBe(
      '已认定荣誉：无，要求不具有 北斗星，满足',
    );
  });

  it('explains an above-scale condition', () => {
    const n = tree({ kind: 'aboveScale', value: true }, [{ passed: false }]);
    expect(n.text).toBe('不是规上企业，要求是规上企业，不满足');
    expect(n.value).toBe('规下');
    expect(n.threshold).toBe('规上企业');
    expect(leafText({ kind: 'aboveScale', value: false }, false, { aboveScale: true })).toBe(
      '是规上企业，要求不是规上企业，不满足',
    );
  });

  it('explains building conditions, with an enterprise outside any registered building', () => {
    expect(leafText({ kind: 'building', op: 'any', values: [] }, false, { buildingName: null })).toBe(
      '所在楼宇：未入驻登记楼宇，要求位于登记载体楼宇，不满足',
    );
    expect(leafText({ kind: 'building', op: 'in', values: ['jlyk'] }, true)).toBe(
      '所在楼宇：九龙意库，要求位于 九龙意库，满足',
    );
    expect(leafText({ kind: 'building', op: 'none', values: [] }, false)).toBe(
      '所在楼宇：九龙意库，要求不在登记载体楼宇，不满足',
    );
  });

  it('explains a tier condition in the tiers’ names', () => {
    expect(leafText({ kind: 'tier', op: 'anyOf', values: ['shangxing'] }, true)).toBe(
      '所在梯度：上星企业，要求属于任一 上星企业，满足',
    );
  });

  it('puts a custom label before an attribute leaf’s words', () => {
    expect(leafText({ kind: 'aboveScale', value: true, label: '规上' }, true, { aboveScale: true })).toBe(
      '规上：是规上企业，要求是规上企业，满足',
    );
  });
});

// -------------------------------------------------------------------------------------------------------------
// Groups
// -------------------------------------------------------------------------------------------------------------

describe('explainTree: groups, three-valued', () => {
  const a: Leaf = { kind: 'aboveScale', value: true };
  const b: Leaf = { kind: 'building', op: 'any', values: [] };
  const c3: Leaf = employeesOver(100);
  const results = (...ps: (boolean | null)[]) => ps.map((passed) => ({ passed }));

  it('all: unknown when a child is unknown and none fails', () => {
    const n = tree({ kind: 'all', conditions: [a, b, c3] }, results(true, null, true));
    expect(n.passed).toBeNull();
    expect(n.text).toBe('同时满足以下全部条件：无数据，按不满足计');
    expect(n.textEn).toBe('All of the following: no data, counted as not met');
  });

  it('all: fails when any child fails, even with an unknown one', () => {
    const n = tree({ kind: 'all', conditions: [a, b, c3] }, results(null, false, true));
    expect(n.passed).toBe(false);
    expect(n.text).toBe('同时满足以下全部条件：不满足');
  });

  it('all: holds when every child holds', () => {
    expect(tree({ kind: 'all', conditions: [a, b] }, results(true, true)).text).toBe(
      '同时满足以下全部条件：满足',
    );
  });

  it('any: holds with one child holding, whatever the others', () => {
    const n = tree({ kind: 'any', conditions: [a, b, c3] }, results(false, true, null));
    expect(n.passed).toBe(true);
    expect(n.text).toBe('满足以下任一条件：满足');
  });

  it('any: unknown with an unknown child and none holding; fails when all fail', () => {
    expect(tree({ kind: 'any', conditions: [a, b] }, results(false, null)).passed).toBeNull();
    expect(tree({ kind: 'any', conditions: [a, b] }, results(false, false)).passed).toBe(false);
  });

  it('not: flips a known result and keeps an unknown one', () => {
    const n = tree({ kind: 'not', condition: a }, results(true));
    expect(n.passed).toBe(false);
    expect(n.text).toBe('不得满足以下条件：不满足');
    expect(n.textEn).toBe('Must not hold: not met');
    expect(tree({ kind: 'not', condition: a }, results(false)).text).toBe('不得满足以下条件：满足');
    expect(tree({ kind: 'not', condition: a }, results(null)).passed).toBeNull();
  });

  it('gives each leaf its own result and value, depth first, through nested groups', () => {
    const n = tree(
      { kind: 'all', conditions: [c3, { kind: 'any', conditions: [a, { kind: 'not', condition: b }] }] },
      [{ passed: false, value: 88, threshold: 100 }, { passed: false }, { passed: false }],
    );
    expect(n.passed).toBe(false);
    expect(n.children.map((x) => [x.kind, x.leaf, x.passed])).toEqual([
      ['compare', 0, false],
      ['any', null, true],
    ]);
    const any = n.children[1]!;
    expect(any.children.map((x) => [x.kind, x.leaf, x.passed])).toEqual([
      ['aboveScale', 1, false],
      ['not', null, true],
    ]);
    expect(any.children[1]!.children[0]).toMatchObject({ kind: 'building', leaf: 2, passed: false });
    expect(n.children[0]!.gap).toBe('还差 13 人');
  });

  it('treats a missing stored result as unknown', () => {
    const n = explainTree({
      eligibility: { kind: 'all', conditions: [a, b] },
      params: {},
      paramValues: {},
      passed: [true],
      values: [],
      thresholds: [],
      facts,
      names,
    });
    expect(n.children[1]!.passed).toBeNull();
    expect(n.passed).toBeNull();
  });
});

// Shared fixtures of the explanation tests (explain.test.ts, explain.words.test.ts): measures, leaves, an
// enterprise's facts, district names, and one enterprise's tree from its leaf results.
import type { ExplanationNode } from './policies.contract.ts';
import { explainTree, type EnterpriseFacts, type ExplainInput, type Names } from './explain.ts';
import type { Compare, Condition, Leaf, Measure, Parameter } from './rules.ts';

export const latestEmployees: Measure = { figure: 'employees', agg: 'latest' };
export const revenue12: Measure = { figure: 'operatingRevenue', agg: 'sum', months: 12 };
export const rd12: Measure = { figure: 'rdExpense', agg: 'sum', months: 12 };

export const employeesOver = (n: number, op: Compare['op'] = 'gt'): Compare => ({
  kind: 'compare',
  measure: latestEmployees,
  op,
  value: n,
  unit: '人',
});
export const revenueAtLeast = (wan: number, op: Compare['op'] = 'gte'): Compare => ({
  kind: 'compare',
  measure: revenue12,
  op,
  value: wan,
  unit: '万元',
});

/** A start-up: registered less than 3 years ago, with its own label. */
export const startUp: Compare = {
  kind: 'compare',
  measure: { figure: 'registrationAge', agg: 'attribute' },
  op: 'lt',
  value: 3,
  unit: '年',
  label: '初创企业（注册不满3年）',
};

/** R&D over 12 months at least the parameter minRd (万元). */
export const rdAtLeastMinRd: Compare = {
  kind: 'compare',
  measure: rd12,
  op: 'gte',
  value: { param: 'minRd' },
  unit: '万元',
};

export const facts: EnterpriseFacts = {
  subdistrictName: '杨家坪街道',
  fields: ['aiAgents'],
  honours: ['qimingxing'],
  buildingName: '九龙意库',
  aboveScale: false,
  tiers: ['shangxing'],
};
export const names: Names = {
  subdistricts: new Map([
    ['yangjiaping', '杨家坪街道'],
    ['shiqiaopu', '石桥铺街道'],
  ]),
  buildings: new Map([['jlyk', '九龙意库']]),
  tiers: new Map([['shangxing', '上星企业']]),
};

export const rdParams: Record<string, Parameter> = {
  minRd: { label: '研发投入门槛', unit: '万元', values: [{ from: '2026-01-01', value: 100 }] },
};

/** The tree of one enterprise: leaf results, values and thresholds given in depth-first leaf order. */
export function tree(
  eligibility: Condition,
  leaves: { passed: boolean | null; value?: number | null; threshold?: number | null }[],
  more: Partial<ExplainInput> = {},
): ExplanationNode {
  return explainTree({
    eligibility,
    params: {},
    paramValues: {},
    passed: leaves.map((l) => l.passed),
    values: leaves.map((l) => l.value ?? null),
    thresholds: leaves.map((l) => l.threshold ?? null),
    facts,
    names,
    ...more,
  });
}
export const leafText = (leaf: Leaf, passed: boolean | null, more: Partial<EnterpriseFacts> = {}) =>
  tree(leaf, [{ passed }], { facts: { ...facts, ...more } }).text;

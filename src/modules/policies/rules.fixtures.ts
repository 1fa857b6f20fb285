// Shared fixtures of the rule-language tests: a district's codes, measures, conditions and builders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkDefinition,
  policyDefinitionSchema,
  type CheckContext,
  type Compare,
  type Condition,
  type Expr,
  type Measure,
  type Parameter,
  type PolicyDefinitionInput,
} from './rules.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const ctx: CheckContext = {
  subdistrictCodes: new Set(['yangjiaping', 'shiqiaopu']),
  buildingCodes: new Set(['jlyk']),
  tierCodes: new Set(['shangxing']),
  allowTiers: true,
};
export const emptyCtx: CheckContext = {
  subdistrictCodes: new Set(),
  buildingCodes: new Set(),
  tierCodes: new Set(),
  allowTiers: true,
};

export const latestEmployees: Measure = { figure: 'employees', agg: 'latest' };
export const latestTalents: Measure = { figure: 'coreTalents', agg: 'latest' };
export const latestArea: Measure = { figure: 'usedArea', agg: 'latest' };
export const revenue12: Measure = { figure: 'operatingRevenue', agg: 'sum', months: 12 };
export const rd12: Measure = { figure: 'rdExpense', agg: 'sum', months: 12 };

export const aboveScale: Condition = { kind: 'aboveScale', value: true };
export const moreThan100Employees: Compare = {
  kind: 'compare',
  measure: latestEmployees,
  op: 'gt',
  value: 100,
  unit: '人',
};

export const param = (label: string, unit: string, ...values: [string, number][]): Parameter => ({
  label,
  unit,
  values: values.map(([from, value]) => ({ from, value })),
});
export const m = (measure: Measure): Expr => ({ kind: 'measure', measure });
export const p = (name: string): Expr => ({ kind: 'param', name });
export const c = (value: number, unit?: string): Expr =>
  unit ? { kind: 'const', value, unit } : { kind: 'const', value };

/** A definition through the schema, so that defaults are filled as on the API. */
export const def = (input: Partial<PolicyDefinitionInput>) =>
  policyDefinitionSchema.parse({ name: '测试政策', eligibility: aboveScale, ...input });

/** The errors of a definition as 'path: message' lines. */
export const errorsOf = (input: Partial<PolicyDefinitionInput>, context = ctx) =>
  checkDefinition(def(input), context).map((e) => `${e.path}: ${e.message}`);
export const pathsOf = (input: Partial<PolicyDefinitionInput>, context = ctx) =>
  checkDefinition(def(input), context).map((e) => e.path);

// -------------------------------------------------------------------------------------------------------------
// Shape
// -------------------------------------------------------------------------------------------------------------

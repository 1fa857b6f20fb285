// The rule language (pure): conditions on an enterprise, dated parameters, benefit formulas, units, and their checks.
// The measures (figures, units, aggregations, their words) are in measures.ts, re-exported here.
import { z } from 'zod';
import { fieldCodeSchema, honourKindSchema } from '../enterprises/fields.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import {
  comparisonOps,
  dim,
  dimensionless,
  figures,
  measureDimension,
  measureLabelZh,
  measureSchema,
  measureUnit,
  mulDim,
  parseUnit,
  sameDim,
  toBaseUnits,
  type ComparisonOp,
  type Dimension,
  type Measure,
} from './measures.ts';

export * from './measures.ts';

const dateText = z.string().regex(/^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, {
  message: '日期格式应为 YYYY-MM-DD',
});
const name = z.string().regex(/^[a-z][A-Za-z0-9]*$/, { message: '名称应为以小写字母开头的字母或数字' });

// ---------------------------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------------------------

/** A threshold: a number in `unit`, or a named parameter of the policy (in the parameter's own unit). */
export const thresholdSchema = z.union([z.number().finite(), z.strictObject({ param: name })]);

export const compareSchema = z.strictObject({
  kind: z.literal('compare'),
  measure: measureSchema,
  op: z.enum(comparisonOps),
  value: thresholdSchema,
  /** The unit the threshold is written in: 万元 for money, 人, m², 年, % … (must fit the measure). */
  unit: z.string().min(1).max(20),
  /** Words to show instead of the generated description. */
  label: z.string().max(80).optional(),
});

export const leafSchemas = [
  compareSchema,
  /** Registered in one of these subdistricts / towns (unit codes). */
  z.strictObject({
    kind: z.literal('subdistrict'),
    op: z.enum(['in', 'notIn']),
    values: z.array(z.string().min(1)).min(1),
    label: z.string().max(80).optional(),
  }),
  /** Works in any / all / none of these key areas. */
  z.strictObject({
    kind: z.literal('field'),
    op: z.enum(['anyOf', 'allOf', 'noneOf']),
    values: z.array(fieldCodeSchema).min(1),
    label: z.string().max(80).optional(),
  }),
  /** Holds any / none of these recorded honours (awarded by the end of the evaluation month). */
  z.strictObject({
    kind: z.literal('honour'),
    op: z.enum(['anyOf', 'noneOf']),
    values: z.array(honourKindSchema).min(1),
    label: z.string().max(80).optional(),
  }),
  /** Is (or is not) an above-scale enterprise (规上). */
  z.strictObject({ kind: z.literal('aboveScale'), value: z.boolean(), label: z.string().max(80).optional() }),
  /** Sits in a registered carrier building: any, none, or one of these (building codes). */
  z.strictObject({
    kind: z.literal('building'),
    op: z.enum(['any', 'none', 'in']),
    values: z.array(z.string().min(1)).default([]),
    label: z.string().max(80).optional(),
  }),
  /** Is a member of any / none of these tiers at the evaluation month (not allowed inside a tier's own rule). */
  z.strictObject({
    kind: z.literal('tier'),
    op: z.enum(['anyOf', 'noneOf']),
    values: z.array(name).min(1),
    label: z.string().max(80).optional(),
  }),
] as const;

export type Compare = z.infer<typeof compareSchema>;
export type Leaf = z.infer<(typeof leafSchemas)[number]>;
export type Condition =
  | Leaf
  | { kind: 'all'; conditions: Condition[] }
  | { kind: 'any'; conditions: Condition[] }
  | { kind: 'not'; condition: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    ...leafSchemas,
    z.strictObject({ kind: z.literal('all'), conditions: z.array(conditionSchema).min(1).max(50) }),
    z.strictObject({ kind: z.literal('any'), conditions: z.array(conditionSchema).min(1).max(50) }),
    z.strictObject({ kind: z.literal('not'), condition: conditionSchema }),
  ]),
) as z.ZodType<Condition>;

export interface IndexedLeaf {
  /** Position among the leaves, depth first: the index of its value in stored results. */
  index: number;
  leaf: Leaf;
  /** Path of the leaf inside the condition, for error messages and the editor. */
  path: (string | number)[];
}

/** The leaves of a condition, depth first. */
export function leavesOf(c: Condition, path: (string | number)[] = []): IndexedLeaf[] {
  const out: IndexedLeaf[] = [];
  const walk = (x: Condition, p: (string | number)[]) => {
    if (x.kind === 'all' || x.kind === 'any')
      x.conditions.forEach((y, i) => walk(y, [...p, 'conditions', i]));
    else if (x.kind === 'not') walk(x.condition, [...p, 'condition']);
    else out.push({ index: out.length, leaf: x, path: p });
  };
  walk(c, path);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters and benefit formulas
// ---------------------------------------------------------------------------------------------------------------

export const parameterSchema = z.strictObject({
  label: z.string().min(1).max(60),
  unit: z.string().min(1).max(20),
  /** Values with the date each takes effect; the one in force on a date is the latest not after it. */
  values: z
    .array(z.strictObject({ from: dateText, value: z.number().finite() }))
    .min(1)
    .max(50),
});
export type Parameter = z.infer<typeof parameterSchema>;

export type Expr =
  | { kind: 'const'; value: number; unit?: string }
  | { kind: 'param'; name: string }
  | { kind: 'measure'; measure: Measure }
  | { kind: 'add' | 'mul' | 'min' | 'max'; args: Expr[] }
  | { kind: 'sub' | 'div'; args: [Expr, Expr] };

export const exprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('const'),
      value: z.number().finite(),
      unit: z.string().min(1).max(20).optional(),
    }),
    z.strictObject({ kind: z.literal('param'), name }),
    z.strictObject({ kind: z.literal('measure'), measure: measureSchema }),
    z.strictObject({ kind: z.enum(['add', 'mul', 'min', 'max']), args: z.array(exprSchema).min(1).max(20) }),
    z.strictObject({ kind: z.enum(['sub', 'div']), args: z.tuple([exprSchema, exprSchema]) }),
  ]),
) as z.ZodType<Expr>;

export const policyDefinitionSchema = z.strictObject({
  name: z.string().min(1).max(80),
  nameEn: z.string().max(120).default(''),
  /** What the policy gives, in a sentence or two (shown to enterprises and on the public notice). */
  summary: z.string().max(1000).default(''),
  /** Where it comes from: a clause of the plan, a document number. */
  source: z.string().max(300).default(''),
  /** Shipped as an example: amounts are placeholders for the district to set. */
  example: z.boolean().default(false),
  eligibility: conditionSchema,
  parameters: z.record(name, parameterSchema).default({}),
  /** The amount granted to an eligible enterprise, in 元; none for a policy that only qualifies enterprises. */
  benefit: z.strictObject({ formula: exprSchema }).nullable().default(null),
  /** A failed comparison within this share of its threshold makes the enterprise a near miss. */
  nearMissMargin: z.number().min(0).max(1).default(0.2),
  /** Days of public notice (公示) before a grant batch can be decided. */
  noticeDays: z.number().int().min(1).max(60).default(7),
});
export type PolicyDefinition = z.infer<typeof policyDefinitionSchema>;
export type PolicyDefinitionInput = z.input<typeof policyDefinitionSchema>;

/** The value of each parameter in force on `date` ('YYYY-MM-DD'), in base units; missing when none was yet in force. */
export function parametersOn(params: Record<string, Parameter>, date: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, p] of Object.entries(params)) {
    const inForce = [...p.values]
      .filter((v) => v.from <= date)
      .sort((a, b) => a.from.localeCompare(b.from))
      .at(-1);
    const base = inForce ? toBaseUnits(inForce.value, p.unit) : undefined;
    if (base !== undefined) out[k] = base;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks beyond the shape: units, references, division by zero
// ---------------------------------------------------------------------------------------------------------------

export interface CheckContext {
  /** Subdistrict / town codes of the district. */
  subdistrictCodes: ReadonlySet<string>;
  /** Building codes of the district. */
  buildingCodes: ReadonlySet<string>;
  /** Tier codes defined by the plan. */
  tierCodes: ReadonlySet<string>;
  /** Tier rules may not refer to tiers. */
  allowTiers: boolean;
}

const join = (path: (string | number)[]) => path.join('.');

/** Checks a condition against the district and units; errors carry the path of the fault. */
export function checkCondition(
  c: Condition,
  ctx: CheckContext,
  params: Record<string, Parameter>,
  base: (string | number)[],
): FieldError[] {
  const errors: FieldError[] = [];
  for (const { leaf, path } of leavesOf(c, base)) {
    const at = (...p: (string | number)[]) => join([...path, ...p]);
    switch (leaf.kind) {
      case 'compare': {
        const unit = parseUnit(leaf.unit);
        const want = measureDimension(leaf.measure);
        if (!unit) errors.push({ path: at('unit'), message: `未知单位“${leaf.unit}”` });
        else if (!sameDim(unit.dim, want))
          errors.push({
            path: at('unit'),
            message: `单位“${leaf.unit}”与${measureLabelZh(leaf.measure)}不符，应使用${measureUnit(leaf.measure)}等`,
          });
        if (typeof leaf.value === 'object') {
          const p = params[leaf.value.param];
          if (!p) errors.push({ path: at('value', 'param'), message: `未定义的参数“${leaf.value.param}”` });
          else {
            const pu = parseUnit(p.unit);
            if (pu && !sameDim(pu.dim, want))
              errors.push({
                path: at('value', 'param'),
                message: `参数“${p.label}”的单位“${p.unit}”与${measureLabelZh(leaf.measure)}不符`,
              });
          }
        }
        if (leaf.measure.agg === 'share' && leaf.measure.of === leaf.measure.figure)
          errors.push({ path: at('measure', 'of'), message: '占比的分子与分母不能是同一指标' });
        if (
          leaf.measure.agg === 'share' &&
          figures[leaf.measure.figure].kind !== figures[leaf.measure.of].kind
        )
          errors.push({
            path: at('measure', 'of'),
            message: '占比的分子与分母应同为流量（收入、投入）或同为存量（人数、面积）',
          });
        break;
      }
      case 'subdistrict':
        leaf.values.forEach((v, i) => {
          if (!ctx.subdistrictCodes.has(v))
            errors.push({ path: at('values', i), message: `未知镇街代码“${v}”` });
        });
        break;
      case 'building':
        if (leaf.op === 'in' && leaf.values.length === 0)
          errors.push({ path: at('values'), message: '请选择楼宇' });
        leaf.values.forEach((v, i) => {
          if (!ctx.buildingCodes.has(v))
            errors.push({ path: at('values', i), message: `未知楼宇代码“${v}”` });
        });
        break;
      case 'tier':
        if (!ctx.allowTiers) errors.push({ path: at('kind'), message: '梯度规则中不能引用梯度' });
        leaf.values.forEach((v, i) => {
          if (!ctx.tierCodes.has(v)) errors.push({ path: at('values', i), message: `未知梯度“${v}”` });
        });
        break;
      default:
        break;
    }
  }
  return errors;
}

/** What static analysis knows of a value's sign. */
type Sign = 'positive' | 'nonNegative' | 'unknown';

interface ExprInfo {
  dim: Dimension | null;
  sign: Sign;
}

function signOfNumber(n: number): Sign {
  return n > 0 ? 'positive' : n === 0 ? 'nonNegative' : 'unknown';
}

/** Checks a benefit formula: known parameters, consistent units ending in money, no division by what may be zero. */
export function checkFormula(
  e: Expr,
  params: Record<string, Parameter>,
  base: (string | number)[],
): FieldError[] {
  const errors: FieldError[] = [];
  const walk = (x: Expr, path: (string | number)[]): ExprInfo => {
    switch (x.kind) {
      case 'const': {
        const u = x.unit ? parseUnit(x.unit) : { dim: dimensionless, scale: 1 };
        if (!u) {
          errors.push({ path: join([...path, 'unit']), message: `未知单位“${x.unit}”` });
          return { dim: null, sign: signOfNumber(x.value) };
        }
        return { dim: u.dim, sign: signOfNumber(x.value) };
      }
      case 'param': {
        const p = params[x.name];
        if (!p) {
          errors.push({ path: join([...path, 'name']), message: `未定义的参数“${x.name}”` });
          return { dim: null, sign: 'unknown' };
        }
        const u = parseUnit(p.unit);
        const sign: Sign = p.values.every((v) => v.value > 0)
          ? 'positive'
          : p.values.every((v) => v.value >= 0)
            ? 'nonNegative'
            : 'unknown';
        return { dim: u?.dim ?? null, sign };
      }
      case 'measure': {
        const m = x.measure;
        // Figures are never negative; growth rates can be.
        const sign: Sign = m.agg === 'yoy' || m.agg === 'cagr' ? 'unknown' : 'nonNegative';
        return { dim: measureDimension(m), sign };
      }
      case 'add':
      case 'min':
      case 'max':
      case 'sub': {
        const word = opZh[x.kind];
        const infos = x.args.map((a, i) => walk(a, [...path, 'args', i]));
        const dims = infos.map((i) => i.dim);
        const first = dims.find((d) => d !== null) ?? null;
        dims.forEach((d, i) => {
          if (d && first && !sameDim(d, first))
            errors.push({ path: join([...path, 'args', i]), message: `${word}的各项单位不一致` });
        });
        const signs = infos.map((i) => i.sign);
        let sign: Sign = 'unknown';
        if (x.kind === 'add')
          sign = signs.every((s) => s !== 'unknown')
            ? signs.includes('positive')
              ? 'positive'
              : 'nonNegative'
            : 'unknown';
        if (x.kind === 'min')
          sign = signs.every((s) => s === 'positive')
            ? 'positive'
            : signs.every((s) => s !== 'unknown')
              ? 'nonNegative'
              : 'unknown';
        if (x.kind === 'max')
          sign = signs.includes('positive')
            ? 'positive'
            : signs.includes('nonNegative')
              ? 'nonNegative'
              : 'unknown';
        return { dim: first, sign };
      }
      case 'mul': {
        const infos = x.args.map((a, i) => walk(a, [...path, 'args', i]));
        const d = infos.every((i) => i.dim)
          ? infos.reduce((acc, i) => mulDim(acc, i.dim!), dimensionless)
          : null;
        const signs = infos.map((i) => i.sign);
        const sign: Sign = signs.every((s) => s === 'positive')
          ? 'positive'
          : signs.every((s) => s !== 'unknown')
            ? 'nonNegative'
            : 'unknown';
        return { dim: d, sign };
      }
      case 'div': {
        const [a, b] = [walk(x.args[0], [...path, 'args', 0]), walk(x.args[1], [...path, 'args', 1])];
        if (b.sign !== 'positive')
          errors.push({
            path: join([...path, 'args', 1]),
            message: '除数可能为零：请用正的常数或参数，或写成 max(除数, 正数)',
          });
        const d = a.dim && b.dim ? mulDim(a.dim, b.dim, -1) : null;
        const sign: Sign = b.sign === 'positive' ? a.sign : 'unknown';
        return { dim: d, sign };
      }
    }
  };
  const info = walk(e, base);
  if (info.dim && !sameDim(info.dim, dim({ money: 1 })))
    errors.push({ path: join(base), message: '补贴金额的单位应为元（例如 面积 × 元/m²/月 × 月）' });
  return errors;
}

const opZh = { add: '加法', sub: '减法', min: '取小', max: '取大' } as const;

/** Every check of a policy definition beyond its shape. */
export function checkDefinition(def: PolicyDefinition, ctx: CheckContext): FieldError[] {
  const errors = checkCondition(def.eligibility, ctx, def.parameters, ['eligibility']);
  for (const [k, p] of Object.entries(def.parameters)) {
    if (!parseUnit(p.unit)) errors.push({ path: `parameters.${k}.unit`, message: `未知单位“${p.unit}”` });
    const froms = p.values.map((v) => v.from);
    if (new Set(froms).size !== froms.length)
      errors.push({ path: `parameters.${k}.values`, message: '同一生效日期不能有两个取值' });
  }
  if (def.benefit) errors.push(...checkFormula(def.benefit.formula, def.parameters, ['benefit', 'formula']));
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------------------------

export const opZhWords: Record<ComparisonOp, string> = {
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  eq: '=',
  ne: '≠',
};

// The draft to and from the rule language's JSON: exactly the keys each node kind has (the schema is strict), blanks
// left as null or '' for the schema to report.
import {
  isRegistryFact,
  measureSchema,
  type Condition,
  type Expr,
  type Leaf,
  type Measure,
  type PolicyDefinition,
} from '@contracts/modules/policies/rules.ts';
import {
  isLeaf,
  newLeaf,
  newMeasure,
  type Draft,
  type DraftCondition,
  type DraftExpr,
  type DraftLeaf,
  type DraftMeasure,
} from './draft.model.ts';

// ---------------------------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------------------------

/** The measure as the API takes it: exactly the keys its aggregation has (the schema is strict). */
export function measureOut(d: DraftMeasure): Record<string, unknown> {
  if (d.figure === 'registrationAge' || d.agg === 'attribute')
    return { figure: 'registrationAge', agg: 'attribute' };
  if (isRegistryFact(d.figure) || d.agg === 'registry') return { figure: d.figure, agg: 'registry' };
  switch (d.agg) {
    case 'latest':
      return { figure: d.figure, agg: d.agg };
    case 'at':
      return { figure: d.figure, agg: d.agg, period: d.period };
    case 'sum':
    case 'avg':
    case 'yoy':
      return { figure: d.figure, agg: d.agg, months: d.months };
    case 'cagr':
      return { figure: d.figure, agg: d.agg, years: d.years, months: d.months };
    case 'share':
      return { figure: d.figure, agg: d.agg, of: d.of, months: d.months };
  }
}

export function measureFrom(m: Measure): DraftMeasure {
  const d = newMeasure();
  if (m.figure === 'registrationAge') return { ...d, figure: 'registrationAge', agg: 'attribute' };
  if (m.agg === 'registry') return { ...d, figure: m.figure, agg: 'registry' };
  switch (m.agg) {
    case 'latest':
      return { ...d, figure: m.figure, agg: m.agg };
    case 'at':
      return { ...d, figure: m.figure, agg: m.agg, period: m.period };
    case 'sum':
    case 'avg':
    case 'yoy':
      return { ...d, figure: m.figure, agg: m.agg, months: m.months };
    case 'cagr':
      return { ...d, figure: m.figure, agg: m.agg, years: m.years, months: m.months };
    case 'share':
      return { ...d, figure: m.figure, agg: m.agg, of: m.of, months: m.months };
  }
}

/** The measure when it is complete, else null. */
export function toMeasure(d: DraftMeasure): Measure | null {
  const r = measureSchema.safeParse(measureOut(d));
  return r.success ? r.data : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------------------------

function leafOut(l: DraftLeaf): Record<string, unknown> {
  const label = l.label.trim() ? { label: l.label.trim() } : {};
  switch (l.kind) {
    case 'compare':
      return {
        kind: l.kind,
        measure: measureOut(l.measure),
        op: l.op,
        value: l.useParam ? { param: l.param } : l.value,
        unit: l.unit,
        ...label,
      };
    case 'aboveScale':
      return { kind: l.kind, value: l.flag, ...label };
    case 'building':
      return { kind: l.kind, op: l.op, values: l.op === 'in' ? l.values : [], ...label };
    default:
      return { kind: l.kind, op: l.op, values: l.values, ...label };
  }
}

export function conditionOut(c: DraftCondition): Record<string, unknown> {
  if (isLeaf(c)) return leafOut(c);
  if (c.kind === 'not') return { kind: 'not', condition: conditionOut(c.condition) };
  return { kind: c.kind, conditions: c.conditions.map(conditionOut) };
}

function leafFrom(l: Leaf): DraftLeaf {
  const d = newLeaf(l.kind);
  const label = l.label ?? '';
  switch (l.kind) {
    case 'compare': {
      const param = typeof l.value === 'object' ? l.value.param : '';
      return {
        ...d,
        measure: measureFrom(l.measure),
        op: l.op,
        value: typeof l.value === 'number' ? l.value : null,
        useParam: typeof l.value === 'object',
        param,
        unit: l.unit,
        label,
      };
    }
    case 'aboveScale':
      return { ...d, flag: l.value, label };
    default:
      return { ...d, op: l.op, values: [...l.values], label };
  }
}

export function conditionFrom(c: Condition): DraftCondition {
  if (c.kind === 'all' || c.kind === 'any')
    return { kind: c.kind, conditions: c.conditions.map(conditionFrom) };
  if (c.kind === 'not') return { kind: 'not', condition: conditionFrom(c.condition) };
  return leafFrom(c);
}

// ---------------------------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------------------------

export function exprOut(e: DraftExpr): Record<string, unknown> {
  switch (e.kind) {
    case 'const':
      return e.unit.trim()
        ? { kind: 'const', value: e.value, unit: e.unit.trim() }
        : { kind: 'const', value: e.value };
    case 'param':
      return { kind: 'param', name: e.name };
    case 'measure':
      return { kind: 'measure', measure: measureOut(e.measure) };
    default:
      return { kind: e.kind, args: e.args.map(exprOut) };
  }
}

export function exprFrom(e: Expr): DraftExpr {
  switch (e.kind) {
    case 'const':
      return { kind: 'const', value: e.value, unit: e.unit ?? '' };
    case 'param':
      return { kind: 'param', name: e.name };
    case 'measure':
      return { kind: 'measure', measure: measureFrom(e.measure) };
    default:
      return { kind: e.kind, args: e.args.map(exprFrom) };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The whole definition
// ---------------------------------------------------------------------------------------------------------------

export function draftFrom(def: PolicyDefinition, code = ''): Draft {
  return {
    code,
    name: def.name,
    nameEn: def.nameEn,
    summary: def.summary,
    source: def.source,
    example: def.example,
    eligibility: conditionFrom(def.eligibility),
    parameters: Object.entries(def.parameters).map(([name, p]) => ({
      name,
      label: p.label,
      unit: p.unit,
      values: p.values.map((v) => ({ from: v.from, value: v.value })),
    })),
    hasBenefit: def.benefit !== null,
    formula: def.benefit ? exprFrom(def.benefit.formula) : { kind: 'const', value: null, unit: '万元' },
    nearMissMarginPct: Math.round(def.nearMissMargin * 1000) / 10,
    noticeDays: def.noticeDays,
    note: '',
  };
}

/** The definition as JSON, before the schema checks it. */
export function definitionOut(d: Draft): Record<string, unknown> {
  return {
    name: d.name.trim(),
    nameEn: d.nameEn.trim(),
    summary: d.summary.trim(),
    source: d.source.trim(),
    example: d.example,
    eligibility: conditionOut(d.eligibility),
    parameters: Object.fromEntries(
      d.parameters.map((p) => [
        p.name,
        {
          label: p.label.trim(),
          unit: p.unit.trim(),
          values: p.values.map((v) => ({ from: v.from, value: v.value })),
        },
      ]),
    ),
    benefit: d.hasBenefit ? { formula: exprOut(d.formula) } : null,
    nearMissMargin: d.nearMissMarginPct === null ? null : Math.round(d.nearMissMarginPct * 10) / 1000,
    noticeDays: d.noticeDays,
  };
}

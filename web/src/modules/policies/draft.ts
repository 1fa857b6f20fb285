// The policy editor's model: the contract's definition with room for what is not filled in yet (empty numbers, the
// unused settings of a leaf kind), conversions both ways, and the checks run before anything is sent.
import {
  checkDefinition,
  dimensionless,
  figureCodes,
  measureDimension,
  measureSchema,
  measureUnit,
  parseUnit,
  policyDefinitionSchema,
  unitWordList,
  type CheckContext,
  type Condition,
  type Dimension,
  type Expr,
  type FigureCode,
  type Leaf,
  type Measure,
  type PolicyDefinition,
} from '@contracts/modules/policies/rules.ts';

export type Num = number | null;

export interface FieldError {
  path: string;
  message: string;
  /** Only says that something is not filled in yet (not worth flagging before a first save). */
  blank?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------------------------

export const aggs = ['latest', 'at', 'sum', 'avg', 'yoy', 'cagr', 'share', 'attribute'] as const;
export type Agg = (typeof aggs)[number];
/** The aggregations of a reported figure (registrationAge is an attribute, with no aggregation). */
export const figureAggs: readonly Agg[] = ['latest', 'at', 'sum', 'avg', 'yoy', 'cagr', 'share'];
export type FigureChoice = FigureCode | 'registrationAge';
export const figureChoices: readonly FigureChoice[] = [...figureCodes, 'registrationAge'];

/** A measure being edited: every aggregation's settings are kept, so switching back and forth loses nothing. */
export interface DraftMeasure {
  figure: FigureChoice;
  agg: Agg;
  period: string;
  months: Num;
  years: Num;
  of: FigureCode;
}

export const newMeasure = (): DraftMeasure => ({
  figure: 'employees',
  agg: 'latest',
  period: '',
  months: 12,
  years: 3,
  of: 'operatingRevenue',
});

/** The measure as the API takes it: exactly the keys its aggregation has (the schema is strict). */
export function measureOut(d: DraftMeasure): Record<string, unknown> {
  if (d.figure === 'registrationAge' || d.agg === 'attribute')
    return { figure: 'registrationAge', agg: 'attribute' };
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

/** The measure with blanks filled in: enough to know its dimension and default unit. */
function completeMeasure(d: DraftMeasure): Measure {
  return (
    toMeasure({ ...d, period: d.period || '2025-01', months: d.months ?? 12, years: d.years ?? 1 }) ?? {
      figure: 'employees',
      agg: 'latest',
    }
  );
}

export const draftMeasureUnit = (d: DraftMeasure): string => measureUnit(completeMeasure(d));
export const draftMeasureDimension = (d: DraftMeasure): Dimension => measureDimension(completeMeasure(d));

export const sameDimension = (a: Dimension, b: Dimension): boolean =>
  a.money === b.money && a.people === b.people && a.area === b.area && a.time === b.time;

/** The units a threshold on this measure may be written in: 元/万元/亿元, 人, m², 年/月, or % for ratios. */
export function unitsFor(d: DraftMeasure): string[] {
  const want = draftMeasureDimension(d);
  if (sameDimension(want, dimensionless)) return ['%'];
  return unitWordList.filter((u) => {
    const p = parseUnit(u);
    return !!p && sameDimension(p.dim, want);
  });
}

/** Units offered for parameters and constants (any unit the language parses may also be typed). */
export const commonUnits = [
  '元',
  '万元',
  '亿元',
  '元/m²/月',
  '元/m²',
  '元/人',
  '元/人/月',
  '万元/人',
  '人',
  'm²',
  '月',
  '年',
  '%',
  '倍',
  '家',
];

/** A measure after a change of figure or aggregation: registrationAge takes `attribute`, figures never do. */
export function fixMeasure(d: DraftMeasure): DraftMeasure {
  if (d.figure === 'registrationAge') return { ...d, agg: 'attribute' };
  if (d.agg === 'attribute') return { ...d, agg: 'latest' };
  if (d.agg === 'share' && d.of === d.figure) {
    const other = figureCodes.find((f) => f !== d.figure && f !== 'operatingRevenue') ?? 'operatingRevenue';
    return { ...d, of: d.figure === 'operatingRevenue' ? other : 'operatingRevenue' };
  }
  return d;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------------------------

export const leafKinds = [
  'compare',
  'subdistrict',
  'field',
  'honour',
  'aboveScale',
  'building',
  'tier',
] as const;
export type LeafKind = (typeof leafKinds)[number];
export const groupKinds = ['all', 'any', 'not'] as const;
export type GroupKind = (typeof groupKinds)[number];

/** The operators of each leaf kind (compare takes the comparison operators; aboveScale has none). */
export const leafOps: Record<LeafKind, readonly string[]> = {
  compare: ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'],
  subdistrict: ['in', 'notIn'],
  field: ['anyOf', 'allOf', 'noneOf'],
  honour: ['anyOf', 'noneOf'],
  aboveScale: [],
  building: ['any', 'none', 'in'],
  tier: ['anyOf', 'noneOf'],
};

/** One condition row: the settings of every leaf kind, so a change of kind keeps what still applies. */
export interface DraftLeaf {
  kind: LeafKind;
  measure: DraftMeasure;
  op: string;
  /** compare: the threshold in `unit` (when not a parameter). */
  value: Num;
  /** compare: the threshold is the parameter `param` (in the parameter's own unit). */
  useParam: boolean;
  param: string;
  unit: string;
  /** Codes of subdistricts, fields, honours, buildings or tiers. */
  values: string[];
  /** aboveScale: is (true) or is not (false). */
  flag: boolean;
  label: string;
}
export interface DraftGroup {
  kind: 'all' | 'any';
  conditions: DraftCondition[];
}
export interface DraftNot {
  kind: 'not';
  condition: DraftCondition;
}
export type DraftCondition = DraftLeaf | DraftGroup | DraftNot;

export const isLeaf = (c: DraftCondition): c is DraftLeaf =>
  c.kind !== 'all' && c.kind !== 'any' && c.kind !== 'not';

export function newLeaf(kind: LeafKind = 'compare'): DraftLeaf {
  return {
    kind,
    measure: newMeasure(),
    op: leafOps[kind][0] ?? '',
    value: null,
    useParam: false,
    param: '',
    unit: '人',
    values: [],
    flag: true,
    label: '',
  };
}

/** A leaf turned into another kind: the operator is reset when the new kind does not have it; codes are dropped. */
export function changeLeafKind(l: DraftLeaf, kind: LeafKind): DraftLeaf {
  if (kind === l.kind) return l;
  const op = leafOps[kind].includes(l.op) ? l.op : (leafOps[kind][0] ?? '');
  return { ...l, kind, op, values: [] };
}

/** A group turned into another kind: `not` wraps several conditions in an `all`; leaving `not` unwraps its one. */
export function changeGroupKind(g: DraftGroup | DraftNot, kind: GroupKind): DraftCondition {
  if (kind === g.kind) return g;
  if (kind === 'not') {
    if (g.kind === 'not') return g;
    const only = g.conditions.length === 1 ? g.conditions[0] : undefined;
    return { kind: 'not', condition: only ?? { kind: g.kind, conditions: g.conditions } };
  }
  if (g.kind === 'not') {
    const c = g.condition;
    return { kind, conditions: c.kind === 'all' || c.kind === 'any' ? c.conditions : [c] };
  }
  return { kind, conditions: g.conditions };
}

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

/** The path ('eligibility.conditions.0') of every leaf, with its depth-first index (the order of leafPasses). */
export function leafIndexes(c: DraftCondition, base = 'eligibility'): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (x: DraftCondition, p: string) => {
    if (x.kind === 'all' || x.kind === 'any') x.conditions.forEach((y, i) => walk(y, `${p}.conditions.${i}`));
    else if (x.kind === 'not') walk(x.condition, `${p}.condition`);
    else out.set(p, out.size);
  };
  walk(c, base);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Formulas and parameters
// ---------------------------------------------------------------------------------------------------------------

export const naryKinds = ['add', 'mul', 'min', 'max'] as const;
export const binaryKinds = ['sub', 'div'] as const;
export const exprKinds = ['const', 'param', 'measure', ...naryKinds, ...binaryKinds] as const;
export type ExprKind = (typeof exprKinds)[number];
export type OpKind = (typeof naryKinds)[number] | (typeof binaryKinds)[number];

export type DraftExpr =
  | { kind: 'const'; value: Num; unit: string }
  | { kind: 'param'; name: string }
  | { kind: 'measure'; measure: DraftMeasure }
  | { kind: OpKind; args: DraftExpr[] };

export const isOp = (e: DraftExpr): e is { kind: OpKind; args: DraftExpr[] } =>
  e.kind !== 'const' && e.kind !== 'param' && e.kind !== 'measure';
export const isBinary = (k: ExprKind): boolean => k === 'sub' || k === 'div';

export const newConst = (): DraftExpr => ({ kind: 'const', value: null, unit: '' });

/** An expression turned into another kind: operations keep their terms (two for 相减/相除), a term becomes the first one. */
export function changeExprKind(e: DraftExpr, kind: ExprKind): DraftExpr {
  if (kind === e.kind) return e;
  switch (kind) {
    case 'const':
      return newConst();
    case 'param':
      return { kind: 'param', name: '' };
    case 'measure':
      return { kind: 'measure', measure: newMeasure() };
    default: {
      const args = isOp(e) ? e.args : [e];
      const two = [args[0] ?? newConst(), args[1] ?? newConst()];
      return { kind, args: isBinary(kind) ? two : args.length >= 2 ? args : two };
    }
  }
}

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

export interface DraftParameterValue {
  from: string;
  value: Num;
}
export interface DraftParameter {
  name: string;
  label: string;
  unit: string;
  values: DraftParameterValue[];
}

export const paramNamePattern = /^[a-z][A-Za-z0-9]*$/;

/** A parameter renamed everywhere it is used: condition thresholds and formula terms. */
export function renameParam(d: Draft, from: string, to: string): Draft {
  const inCondition = (c: DraftCondition): DraftCondition => {
    if (c.kind === 'all' || c.kind === 'any') return { ...c, conditions: c.conditions.map(inCondition) };
    if (c.kind === 'not') return { ...c, condition: inCondition(c.condition) };
    return c.kind === 'compare' && c.useParam && c.param === from ? { ...c, param: to } : c;
  };
  const inExpr = (e: DraftExpr): DraftExpr => {
    if (e.kind === 'param') return e.name === from ? { ...e, name: to } : e;
    if (isOp(e)) return { ...e, args: e.args.map(inExpr) };
    return e;
  };
  return {
    ...d,
    eligibility: inCondition(d.eligibility),
    formula: inExpr(d.formula),
    parameters: d.parameters.map((p) => (p.name === from ? { ...p, name: to } : p)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The whole definition
// ---------------------------------------------------------------------------------------------------------------

export interface Draft {
  /** Only for a new policy. */
  code: string;
  name: string;
  nameEn: string;
  summary: string;
  source: string;
  example: boolean;
  eligibility: DraftCondition;
  parameters: DraftParameter[];
  /** false: the policy only qualifies enterprises (benefit null); the formula is kept meanwhile. */
  hasBenefit: boolean;
  formula: DraftExpr;
  /** In percent (the definition stores a share). */
  nearMissMarginPct: Num;
  noticeDays: Num;
  /** The version note sent with the save. */
  note: string;
}

export function newDraft(): Draft {
  return {
    code: '',
    name: '',
    nameEn: '',
    summary: '',
    source: '',
    example: false,
    eligibility: { kind: 'all', conditions: [newLeaf('compare')] },
    parameters: [],
    hasBenefit: false,
    formula: { kind: 'const', value: null, unit: '万元' },
    nearMissMarginPct: 20,
    noticeDays: 7,
    note: '',
  };
}

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

const joinPath = (path: readonly PropertyKey[]) => path.map((p) => String(p)).join('.');

export interface Checked {
  /** The definition when it passes every check made here (the server checks again). */
  definition: PolicyDefinition | null;
  /** Faults with their dotted paths, as the server would give them (plus `parameterRows.<i>.name`, the editor's own). */
  errors: FieldError[];
}

/** Texts of the checks made only here (the rest come from the contract's schema, in Chinese like the server's). */
export interface CheckMessages {
  code: string;
  paramName: string;
  paramDuplicate: (name: string) => string;
  /** For an empty number or text. */
  required: string;
  /** For an empty list of choices. */
  pickOne: string;
}

/** The value at a dotted path of a JSON value. */
function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (part === '') continue;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** What kind of blank, if any, the value at `path` of the definition is: an empty number or text, or an empty list. */
function blankAt(out: unknown, path: string): 'value' | 'list' | null {
  const v = valueAt(out, path);
  if (v === null || v === undefined || v === '') return 'value';
  if (Array.isArray(v) && v.length === 0) return 'list';
  return null;
}

/**
 * Checks a draft as the server will: the schema, then units, references and formulas against the district's codes
 * (when `ctx` is known). Parameter names are checked here too, since the definition keys parameters by name.
 */
export function checkDraft(
  d: Draft,
  ctx: CheckContext | null,
  creating: boolean,
  messages: CheckMessages,
): Checked {
  const errors: FieldError[] = [];
  if (creating && !paramNamePattern.test(d.code))
    errors.push(
      d.code === ''
        ? { path: 'code', message: messages.required, blank: true }
        : { path: 'code', message: messages.code },
    );
  const seen = new Set<string>();
  d.parameters.forEach((p, i) => {
    if (!paramNamePattern.test(p.name))
      errors.push({ path: `parameterRows.${i}.name`, message: messages.paramName });
    else if (seen.has(p.name))
      errors.push({ path: `parameterRows.${i}.name`, message: messages.paramDuplicate(p.name) });
    seen.add(p.name);
  });
  const out = definitionOut(d);
  const parsed = policyDefinitionSchema.safeParse(out);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = joinPath(issue.path);
      const blank = blankAt(out, path);
      // “请填写” says more than the schema's “无效输入” about a field left empty
      const message =
        blank === 'value' ? messages.required : blank === 'list' ? messages.pickOne : issue.message;
      errors.push({ path, message, blank: blank !== null });
    }
    return { definition: null, errors };
  }
  if (ctx) errors.push(...checkDefinition(parsed.data, ctx));
  return { definition: errors.length ? null : parsed.data, errors };
}

/** A server path as the editor names it ('definition.eligibility…' → 'eligibility…'). */
export const editorPath = (path: string): string => path.replace(/^definition\./, '');

/** Errors at exactly `path`. */
export const errorsAt = (errors: readonly FieldError[], path: string): string[] =>
  errors.filter((e) => e.path === path).map((e) => e.message);

/**
 * Errors that belong to the node at `path` and not to a node nested in it: the node's own path and its settings,
 * but not what lies under one of `containers` (conditions.i, condition, args.i), which the nested nodes show.
 */
export function ownErrors(
  errors: readonly FieldError[],
  path: string,
  containers: readonly string[] = [],
): string[] {
  return errors
    .filter((e) => {
      if (e.path === path) return true;
      if (!e.path.startsWith(`${path}.`)) return false;
      const rest = e.path.slice(path.length + 1).split('.');
      const head = rest[0] ?? '';
      if (!containers.includes(head)) return true;
      // `conditions` itself (too few) is the group's; `conditions.2…` is a child's; `condition…` is the child's
      return head !== 'condition' && rest.length === 1;
    })
    .map((e) => e.message);
}

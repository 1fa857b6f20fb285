// The editor's draft of a policy definition: its types, with room for what is not filled in yet (empty numbers,
// the unused settings of a leaf kind), new nodes, and the edits that change a node's kind or rename a parameter.
import {
  figureCodes,
  figures,
  isRegistryFact,
  registryFactCodes,
  type FigureCode,
  type RegistryFactCode,
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

export const aggs = ['latest', 'at', 'sum', 'avg', 'yoy', 'cagr', 'share', 'attribute', 'registry'] as const;
export type Agg = (typeof aggs)[number];
/**
 * The aggregations of a reported figure (registrationAge is an attribute, a registry fact — 示范楼宇 area, certified
 * talents … — is read as it stands at the month's end: neither has an aggregation).
 */
export const figureAggs: readonly Agg[] = ['latest', 'at', 'sum', 'avg', 'yoy', 'cagr', 'share'];
export type FigureChoice = FigureCode | 'registrationAge' | RegistryFactCode;
export const figureChoices: readonly FigureChoice[] = [
  ...figureCodes,
  'registrationAge',
  ...registryFactCodes,
];
/** Whether a figure choice has no aggregation to pick (an attribute or a registry fact). */
export const withoutAgg = (f: FigureChoice): f is 'registrationAge' | RegistryFactCode =>
  f === 'registrationAge' || isRegistryFact(f);

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

/**
 * A measure after a change of figure or aggregation: registrationAge takes `attribute`, figures never do; a share's
 * denominator is another figure of the same kind (flows of flows, stocks of stocks), operating revenue when it can be.
 */
export function fixMeasure(d: DraftMeasure): DraftMeasure {
  if (d.figure === 'registrationAge') return { ...d, agg: 'attribute' };
  if (isRegistryFact(d.figure)) return { ...d, agg: 'registry' };
  if (d.agg === 'attribute' || d.agg === 'registry') return { ...d, agg: 'latest' };
  const kind = figures[d.figure].kind;
  if (d.agg === 'share' && (d.of === d.figure || figures[d.of].kind !== kind)) {
    const sameKind = figureCodes.filter((f) => f !== d.figure && figures[f].kind === kind);
    const of = sameKind.includes('operatingRevenue') ? 'operatingRevenue' : sameKind[0];
    return of ? { ...d, of } : d;
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
    // also the parameter a threshold set to a number keeps (when it has one), for when it is switched back
    return isLeaf(c) && c.param === from && (c.useParam || from !== '') ? { ...c, param: to } : c;
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

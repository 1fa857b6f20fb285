// Explanations (pure): a rule's stored leaf results and values turned into plain Chinese (and English) lines.
import { fields as fieldList, honourKinds } from '../enterprises/fields.ts';
import type { ExplanationNode } from './policies.contract.ts';
import { groupThousands, roundHalfAway } from '../../platform/decimal.ts';
import {
  gapAmount,
  growthMinMonths,
  isGrowth,
  leavesOf,
  measureLabelEn,
  measureStep,
  measureLabelZh,
  opZhWords,
  parseUnit,
  shiftDecimal,
  type Compare,
  type Condition,
  type Expr,
  type Leaf,
  type Parameter,
} from './rules.ts';

/** What the words need to know of the enterprise for attribute conditions (codes → names resolved by the caller). */
export interface EnterpriseFacts {
  subdistrictName: string;
  fields: string[];
  honours: string[];
  buildingName: string | null;
  aboveScale: boolean;
  tiers: string[];
}

export interface Names {
  subdistricts: ReadonlyMap<string, string>;
  buildings: ReadonlyMap<string, string>;
  tiers: ReadonlyMap<string, string>;
}

const fieldZh = new Map<string, string>(fieldList.map((f) => [f.code, f.zh]));
const fieldEn = new Map<string, string>(fieldList.map((f) => [f.code, f.en]));
const honourZh = new Map<string, string>(honourKinds.map((h) => [h.code, h.zh]));
const honourEn = new Map<string, string>(honourKinds.map((h) => [h.code, h.en]));

/** A number for people to read: thousands separators, at most `digits` decimals, rounded half away from zero. */
export function formatNumber(n: number, digits = 2): string {
  return groupThousands(roundHalfAway(n, digits));
}

/** A base-unit value in `unit`, shifted on its digits for 万元/亿元/% (so 10050 元 is exactly 1.005 万元). */
function valueIn(value: number, unit: string): number {
  const u = parseUnit(unit);
  if (!u) return value;
  const k = Math.round(Math.log10(u.scale));
  return Math.abs(10 ** k - u.scale) < 1e-12 * u.scale ? shiftDecimal(value, -k) : value / u.scale;
}

/** A base-unit value shown in `unit` (e.g. 元 → 万元, ratio → %). */
export function inUnit(value: number, unit: string, digits = 2): string {
  return `${formatNumber(valueIn(value, unit), digits)}${unit === '%' ? '%' : ` ${unit}`}`;
}

/** Decimals that show one base unit in `unit`: 1 元 is 0.0001 万元, so a gap of 1 元 never reads “还差 0 万元”. */
const digitsFor = (unit: string) => {
  const u = parseUnit(unit);
  return u && u.scale > 1 ? Math.max(2, Math.round(Math.log10(u.scale))) : 2;
};

/** Money in 元 as 万元 text, rounded half away from zero at two decimals. */
export const wanYuan = (yuan: number) => `${formatNumber(shiftDecimal(yuan, -4))} 万元`;

function thresholdText(
  leaf: Compare,
  params: Record<string, Parameter>,
  paramValues: Record<string, number>,
) {
  if (typeof leaf.value === 'object') {
    const p = params[leaf.value.param];
    const v = paramValues[leaf.value.param];
    if (!p || v === undefined)
      return { zh: `参数 ${leaf.value.param}（未生效）`, en: `parameter ${leaf.value.param} (not in force)` };
    return { zh: `${p.label}（${inUnit(v, p.unit)}）`, en: `${p.label} (${inUnit(v, p.unit)})` };
  }
  const t = `${formatNumber(leaf.value)}${leaf.unit === '%' ? '%' : ` ${leaf.unit}`}`;
  return { zh: t, en: t };
}

/**
 * How far a value is from passing a comparison, in base units (gapAmount: "> 50 人" at 50 is 1 人 short); `strict`
 * marks a strict comparison on a continuous measure, whose words say “须高于 …” since no single value is the first
 * to pass. Null when it passes or cannot be closed.
 */
export function gapOf(
  leaf: Compare,
  value: number,
  threshold: number,
): { amount: number; more: boolean; strict: boolean } | null {
  const op = leaf.op;
  if (op === 'eq' || op === 'ne') return null;
  const passes =
    op === 'gt'
      ? value > threshold
      : op === 'gte'
        ? value >= threshold
        : op === 'lt'
          ? value < threshold
          : value <= threshold;
  if (passes) return null;
  // Twelve significant digits: 51 − 50.3 is 0.7, not 0.7000000000000028.
  const amount = Number(gapAmount(op, threshold, value, leaf.measure, leaf.unit).toPrecision(12));
  const more = op === 'gt' || op === 'gte';
  return { amount, more, strict: (op === 'gt' || op === 'lt') && measureStep(leaf.measure) === null };
}

/**
 * The months a growth measure compared, in words: “（同比按双方均有填报的 10 个月计算）”, or why it is unknown
 * (“（双方均有填报的仅 4 个月，少于 9 个月，无法比较）”).
 */
export function growthCoverageWords(leaf: Compare, coverage: number | null): { zh: string; en: string } {
  const m = leaf.measure;
  if (!isGrowth(m) || coverage === null) return { zh: '', en: '' };
  const min = growthMinMonths(m.months);
  const what = m.agg === 'yoy' ? '同比' : `与 ${m.years} 年前相比`;
  if (coverage < min)
    return {
      zh: `（双方均有填报的仅 ${coverage} 个月，少于 ${min} 个月，无法比较）`,
      en: ` (only ${coverage} months reported in both periods, fewer than ${min}: not comparable)`,
    };
  return {
    zh: `（${what}按双方均有填报的 ${coverage} 个月计算）`,
    en: ` (compared over the ${coverage} months reported in both periods)`,
  };
}

const verdictZh = (p: boolean | null) =>
  p === true ? '满足' : p === false ? '不满足' : '无数据，按不满足计';
const verdictEn = (p: boolean | null) =>
  p === true ? 'met' : p === false ? 'not met' : 'no data, counted as not met';
const list = (xs: string[], sep = '、') => (xs.length ? xs.join(sep) : '无');

/** A leaf's words: the node's line and its parts for tables. */
type LeafWords = Pick<ExplanationNode, 'text' | 'textEn' | 'measure' | 'value' | 'threshold' | 'gap'>;

function leafWords(
  leaf: Leaf,
  passed: boolean | null,
  value: number | null,
  coverage: number | null,
  facts: EnterpriseFacts,
  names: Names,
  params: Record<string, Parameter>,
  paramValues: Record<string, number>,
  threshold: number | null,
): LeafWords {
  const none = { measure: null, value: null, threshold: null, gap: null };
  const custom = leaf.label ? `${leaf.label}：` : '';
  switch (leaf.kind) {
    case 'compare': {
      const m = measureLabelZh(leaf.measure);
      const mEn = measureLabelEn(leaf.measure);
      const t = thresholdText(leaf, params, paramValues);
      const unit = typeof leaf.value === 'object' ? (params[leaf.value.param]?.unit ?? leaf.unit) : leaf.unit;
      const v = value === null ? null : inUnit(value, unit);
      const g =
        value !== null && threshold !== null && passed === false ? gapOf(leaf, value, threshold) : null;
      const gapText = g ? inUnit(g.amount, unit, digitsFor(unit)) : null;
      // A strict comparison on a continuous measure: no first passing value, so say what is required beside the gap.
      const mustZh = g?.strict ? `须${g.more ? '高于' : '低于'} ${t.zh}，` : '';
      const mustEn = g?.strict ? `must be ${g.more ? 'above' : 'below'} ${t.en}, ` : '';
      const gapWord = g ? `${mustZh}${g.more ? '还差' : '超出'} ${gapText}` : null;
      const gapZh = gapWord ? `，${gapWord}` : '';
      const gapEn = g ? `, ${mustEn}${g.more ? 'short by' : 'over by'} ${gapText}` : '';
      const cov = growthCoverageWords(leaf, coverage);
      return {
        text: `${custom}${m}${v === null ? '无数据' : `为 ${v}`}${cov.zh}，要求 ${opZhWords[leaf.op]} ${t.zh}，${verdictZh(passed)}${gapZh}`,
        textEn: `${mEn} ${v === null ? 'has no data' : `is ${v}`}${cov.en}; required ${opZhWords[leaf.op]} ${t.en}; ${verdictEn(passed)}${gapEn}`,
        measure: m,
        value: v,
        threshold: `${opZhWords[leaf.op]} ${t.zh}`,
        gap: gapWord,
      };
    }
    case 'subdistrict': {
      const want = leaf.values.map((c) => names.subdistricts.get(c) ?? c);
      const verb = leaf.op === 'in' ? '属于' : '不属于';
      return {
        ...none,
        text: `${custom}所属镇街为 ${facts.subdistrictName}，要求${verb} ${list(want)}，${verdictZh(passed)}`,
        textEn: `subdistrict is ${facts.subdistrictName}; required ${leaf.op === 'in' ? 'one of' : 'none of'} ${want.join(', ')}; ${verdictEn(passed)}`,
        value: facts.subdistrictName,
        threshold: `${verb} ${list(want)}`,
      };
    }
    case 'field': {
      const has = facts.fields.map((c) => fieldZh.get(c) ?? c);
      const want = leaf.values.map((c) => fieldZh.get(c) ?? c);
      const verb = { anyOf: '包含任一', allOf: '全部包含', noneOf: '不包含' }[leaf.op];
      return {
        ...none,
        text: `${custom}重点领域为 ${list(has)}，要求${verb} ${list(want)}，${verdictZh(passed)}`,
        textEn: `fields are ${facts.fields.map((c) => fieldEn.get(c) ?? c).join(', ') || 'none'}; required ${leaf.op} ${leaf.values.map((c) => fieldEn.get(c) ?? c).join(', ')}; ${verdictEn(passed)}`,
        value: list(has),
        threshold: `${verb} ${list(want)}`,
      };
    }
    case 'honour': {
      const has = facts.honours.map((c) => honourZh.get(c) ?? c);
      const want = leaf.values.map((c) => honourZh.get(c) ?? c);
      const verb = leaf.op === 'anyOf' ? '具有任一' : '不具有';
      return {
        ...none,
        text: `${custom}已认定荣誉：${list(has)}，要求${verb} ${list(want)}，${verdictZh(passed)}`,
        textEn: `honours: ${facts.honours.map((c) => honourEn.get(c) ?? c).join(', ') || 'none'}; required ${leaf.op} ${leaf.values.map((c) => honourEn.get(c) ?? c).join(', ')}; ${verdictEn(passed)}`,
        value: list(has),
        threshold: `${verb} ${list(want)}`,
      };
    }
    case 'aboveScale':
      return {
        ...none,
        text: `${custom}${facts.aboveScale ? '是' : '不是'}规上企业，要求${leaf.value ? '是' : '不是'}规上企业，${verdictZh(passed)}`,
        textEn: `${facts.aboveScale ? 'is' : 'is not'} above scale; required ${leaf.value ? 'above scale' : 'not above scale'}; ${verdictEn(passed)}`,
        value: facts.aboveScale ? '规上' : '规下',
        threshold: leaf.value ? '规上企业' : '非规上企业',
      };
    case 'building': {
      const where = facts.buildingName ?? '未入驻登记楼宇';
      const want =
        leaf.op === 'any'
          ? '位于登记载体楼宇'
          : leaf.op === 'none'
            ? '不在登记载体楼宇'
            : `位于 ${list(leaf.values.map((c) => names.buildings.get(c) ?? c))}`;
      return {
        ...none,
        text: `${custom}所在楼宇：${where}，要求${want}，${verdictZh(passed)}`,
        textEn: `building: ${facts.buildingName ?? 'none registered'}; required ${leaf.op === 'in' ? `one of ${leaf.values.join(', ')}` : leaf.op}; ${verdictEn(passed)}`,
        value: where,
        threshold: want,
      };
    }
    case 'tier': {
      const has = facts.tiers.map((c) => names.tiers.get(c) ?? c);
      const want = leaf.values.map((c) => names.tiers.get(c) ?? c);
      const verb = leaf.op === 'anyOf' ? '属于任一' : '不属于';
      return {
        ...none,
        text: `${custom}所在梯度：${list(has)}，要求${verb} ${list(want)}，${verdictZh(passed)}`,
        textEn: `tiers: ${facts.tiers.join(', ') || 'none'}; required ${leaf.op} ${leaf.values.join(', ')}; ${verdictEn(passed)}`,
        value: list(has),
        threshold: `${verb} ${list(want)}`,
      };
    }
  }
}

export interface ExplainInput {
  eligibility: Condition;
  params: Record<string, Parameter>;
  /** Parameter values in base units at the evaluation. */
  paramValues: Record<string, number>;
  passed: (boolean | null)[];
  values: (number | null)[];
  /** Per leaf, the months a growth measure compared like for like (missing for other leaves). */
  coverage?: (number | null)[];
  facts: EnterpriseFacts;
  names: Names;
  /** Threshold of each leaf in base units (null for attribute leaves). */
  thresholds: (number | null)[];
}

const and3 = (xs: (boolean | null)[]) =>
  xs.some((x) => x === false) ? false : xs.some((x) => x === null) ? null : true;
const or3 = (xs: (boolean | null)[]) =>
  xs.some((x) => x === true) ? true : xs.some((x) => x === null) ? null : false;

/** The explanation tree of one enterprise under one rule. */
export function explainTree(input: ExplainInput): ExplanationNode {
  const leaves = leavesOf(input.eligibility);
  let i = 0;
  const walk = (c: Condition): ExplanationNode => {
    if (c.kind === 'all' || c.kind === 'any') {
      const children = c.conditions.map(walk);
      const passed =
        c.kind === 'all' ? and3(children.map((x) => x.passed)) : or3(children.map((x) => x.passed));
      return {
        kind: c.kind,
        leaf: null,
        passed,
        text: `${c.kind === 'all' ? '同时满足以下全部条件' : '满足以下任一条件'}：${verdictZh(passed)}`,
        textEn: `${c.kind === 'all' ? 'All of the following' : 'Any of the following'}: ${verdictEn(passed)}`,
        measure: null,
        value: null,
        threshold: null,
        gap: null,
        children,
      };
    }
    if (c.kind === 'not') {
      const child = walk(c.condition);
      const passed = child.passed === null ? null : !child.passed;
      return {
        kind: 'not',
        leaf: null,
        passed,
        text: `不得满足以下条件：${verdictZh(passed)}`,
        textEn: `Must not hold: ${verdictEn(passed)}`,
        measure: null,
        value: null,
        threshold: null,
        gap: null,
        children: [child],
      };
    }
    const idx = leaves[i++]!.index;
    const passed = input.passed[idx] ?? null;
    const words = leafWords(
      c,
      passed,
      input.values[idx] ?? null,
      input.coverage?.[idx] ?? null,
      input.facts,
      input.names,
      input.params,
      input.paramValues,
      input.thresholds[idx] ?? null,
    );
    return { kind: c.kind, leaf: idx, passed, ...words, children: [] };
  };
  return walk(input.eligibility);
}

/**
 * The conditions that make a group fail, in order: a failed leaf, or under a `not` a leaf that holds (shown as
 * “不得满足：…”). Leaves in a group that holds are not reasons.
 */
export function failedLeaves(node: ExplanationNode, negated = false): ExplanationNode[] {
  if (node.passed === (negated ? false : true)) return [];
  if (node.leaf !== null)
    return negated ? [{ ...node, text: `不得满足：${node.text.replace(/，满足$/, '')}` }] : [node];
  if (node.kind === 'not') return failedLeaves(node.children[0]!, !negated);
  return node.children.flatMap((c) => failedLeaves(c, negated));
}

/** The one-sentence verdict. */
export function summaryOf(
  policyName: string,
  eligible: boolean,
  amount: number | null,
  tree: ExplanationNode,
): { zh: string; en: string } {
  if (eligible) {
    const money = amount !== null ? `，测算金额 ${wanYuan(amount)}` : '';
    return {
      zh: `符合「${policyName}」的条件${money}。`,
      en: `Qualifies for “${policyName}”${amount !== null ? `; computed amount ${formatNumber(amount)} yuan` : ''}.`,
    };
  }
  const failed = failedLeaves(tree);
  const first = failed.slice(0, 3).map((f) => f.text.replace(/，(不满足|无数据，按不满足计)/, ''));
  return {
    zh: `暂不符合「${policyName}」：${first.join('；')}${failed.length > 3 ? ` 等 ${failed.length} 项` : ''}。`,
    en: `Does not qualify for “${policyName}”: ${failed
      .slice(0, 3)
      .map((f) => f.textEn)
      .join('; ')}.`,
  };
}

/** A benefit formula in words, e.g. “取小(使用面积（最新月报） × 租金补贴标准 × 12 月, 补贴上限)”. */
export function formulaText(e: Expr, params: Record<string, Parameter>): string {
  switch (e.kind) {
    case 'const':
      return `${formatNumber(e.value)}${e.unit ? ` ${e.unit}` : ''}`;
    case 'param':
      return params[e.name]?.label ?? e.name;
    case 'measure':
      return measureLabelZh(e.measure);
    case 'add':
      return `(${e.args.map((a) => formulaText(a, params)).join(' + ')})`;
    case 'mul':
      return e.args.map((a) => formulaText(a, params)).join(' × ');
    case 'sub':
      return `(${formulaText(e.args[0], params)} − ${formulaText(e.args[1], params)})`;
    case 'div': {
      const d = e.args[1];
      const divisor = formulaText(d, params);
      return `${formulaText(e.args[0], params)} ÷ ${d.kind === 'mul' || d.kind === 'div' ? `(${divisor})` : divisor}`;
    }
    case 'min':
      return `取小(${e.args.map((a) => formulaText(a, params)).join(', ')})`;
    case 'max':
      return `取大(${e.args.map((a) => formulaText(a, params)).join(', ')})`;
  }
}

/** A condition in words without an enterprise (the rule as officials and enterprises read it), one line per leaf. */
export function conditionLines(
  c: Condition,
  params: Record<string, Parameter>,
  names: Names,
  depth = 0,
): string[] {
  const pad = '　'.repeat(depth);
  if (c.kind === 'all' || c.kind === 'any')
    return [
      `${pad}${c.kind === 'all' ? '同时满足：' : '满足任一：'}`,
      ...c.conditions.flatMap((x) => conditionLines(x, params, names, depth + 1)),
    ];
  if (c.kind === 'not') return [`${pad}不得满足：`, ...conditionLines(c.condition, params, names, depth + 1)];
  return [`${pad}${leafRuleText(c, params, names)}`];
}

export function leafRuleText(leaf: Leaf, params: Record<string, Parameter>, names: Names): string {
  if (leaf.label) return leaf.label;
  switch (leaf.kind) {
    case 'compare': {
      const t =
        typeof leaf.value === 'object'
          ? (params[leaf.value.param]?.label ?? leaf.value.param)
          : `${formatNumber(leaf.value)}${leaf.unit === '%' ? '%' : ` ${leaf.unit}`}`;
      return `${measureLabelZh(leaf.measure)} ${opZhWords[leaf.op]} ${t}`;
    }
    case 'subdistrict':
      return `所属镇街${leaf.op === 'in' ? '属于' : '不属于'} ${list(leaf.values.map((c) => names.subdistricts.get(c) ?? c))}`;
    case 'field':
      return `重点领域${{ anyOf: '包含任一', allOf: '全部包含', noneOf: '不包含' }[leaf.op]} ${list(leaf.values.map((c) => fieldZh.get(c) ?? c))}`;
    case 'honour':
      return `${leaf.op === 'anyOf' ? '具有任一荣誉' : '不具有荣誉'} ${list(leaf.values.map((c) => honourZh.get(c) ?? c))}`;
    case 'aboveScale':
      return leaf.value ? '是规上企业' : '不是规上企业';
    case 'building':
      return leaf.op === 'any'
        ? '位于登记载体楼宇'
        : leaf.op === 'none'
          ? '不在登记载体楼宇'
          : `位于 ${list(leaf.values.map((c) => names.buildings.get(c) ?? c))}`;
    case 'tier':
      return `${leaf.op === 'anyOf' ? '属于任一梯度' : '不属于梯度'} ${list(leaf.values.map((c) => names.tiers.get(c) ?? c))}`;
  }
}

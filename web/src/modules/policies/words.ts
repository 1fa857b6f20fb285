// A policy in words: measures, thresholds, conditions as a tree of sentences, and the benefit formula
// (e.g. “min(使用面积 × 租金补贴标准 × 12 月, 补贴上限)”), in Chinese or English. Works on drafts, so the editor
// can show what it is building while it is still incomplete.
import type { TFunction } from 'i18next';
import {
  figures,
  registryFacts,
  measureLabelEn,
  measureLabelZh,
  opZhWords,
  type ComparisonOp,
} from '@contracts/modules/policies/rules.ts';
import { formatChineseNumber, formatYuanEn } from '../../components/format.ts';
import {
  isLeaf,
  toMeasure,
  type DraftCondition,
  type DraftExpr,
  type DraftLeaf,
  type DraftMeasure,
  type DraftParameter,
} from './draft.ts';

export type Lang = 'zh-CN' | 'en-US';

/** Display names of the codes a rule refers to. */
export interface Names {
  subdistrict: (code: string) => string;
  building: (code: string) => string;
  tier: (code: string) => string;
  field: (code: string) => string;
  honour: (code: string) => string;
  parameters: readonly DraftParameter[];
}

const enUnitWords: Record<string, string> = {
  元: 'yuan',
  万元: '10k yuan',
  亿元: '100m yuan',
  人: 'people',
  'm²': 'm²',
  月: 'months',
  年: 'years',
  '%': '%',
  倍: 'times',
  家: 'enterprises',
};
const enPerWords: Record<string, string> = { 人: 'person', 月: 'month', 年: 'year' };
const moneyScale: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

/** A unit in the language: '元/m²/月' → 'yuan/m²/month' in English; as written in Chinese. */
export function unitText(unit: string, lang: Lang): string {
  if (lang === 'zh-CN' || !unit) return unit;
  const [head, ...rest] = unit.split('/');
  return [enUnitWords[head ?? ''] ?? head, ...rest.map((w) => enPerWords[w] ?? enUnitWords[w] ?? w)].join(
    '/',
  );
}

const num = (n: number, lang: Lang) =>
  lang === 'en-US' ? n.toLocaleString('en-US') : formatChineseNumber(n, 4);

/** A number with its unit: (100, '人') → '100人' / '100 people'; (500, '万元') → '500万元'; (20, '%') → '20%'. */
export function quantityText(value: number | null, unit: string, lang: Lang): string {
  const v = value === null ? '□' : lang === 'en-US' ? value.toLocaleString('en-US') : String(value);
  if (!unit) return v;
  // 1000 万元 reads as “10 million yuan” in English
  const money = moneyScale[unit];
  if (lang === 'en-US' && money !== undefined && value !== null) return formatYuanEn(value * money);
  if (unit === '%' || lang === 'zh-CN') return `${v}${unit}`;
  return `${v} ${unitText(unit, lang)}`;
}

/** A parameter's value in force on `date` ('YYYY-MM-DD'), or undefined before its first date. */
export function valueInForce(p: DraftParameter, date: string): number | null | undefined {
  return [...p.values]
    .filter((v) => v.from && v.from <= date)
    .sort((a, b) => a.from.localeCompare(b.from))
    .at(-1)?.value;
}

export function measureText(m: DraftMeasure, lang: Lang, t: TFunction): string {
  const full = toMeasure(m);
  if (full) return lang === 'en-US' ? measureLabelEn(full) : measureLabelZh(full);
  if (m.figure === 'registrationAge') return t('policies.words.registrationAge');
  const f =
    m.figure in registryFacts
      ? registryFacts[m.figure as keyof typeof registryFacts]
      : figures[m.figure as keyof typeof figures];
  return lang === 'en-US' ? f.en : f.zh;
}

const opSymbol = (op: string) => opZhWords[op as ComparisonOp] ?? op;

function paramLabel(names: Names, name: string): string {
  const p = names.parameters.find((x) => x.name === name);
  return p?.label || name || '□';
}

function listText(values: readonly string[], name: (code: string) => string, lang: Lang): string {
  if (values.length === 0) return '□';
  return values.map(name).join(lang === 'en-US' ? ', ' : '、');
}

/** The generated sentence of one condition (a label written for the leaf replaces it where shown). */
export function leafText(l: DraftLeaf, names: Names, lang: Lang, t: TFunction): string {
  switch (l.kind) {
    case 'compare': {
      const threshold = l.useParam
        ? t('policies.words.paramRef', { label: paramLabel(names, l.param) })
        : quantityText(l.value, l.unit, lang);
      return `${measureText(l.measure, lang, t)} ${opSymbol(l.op)} ${threshold}`;
    }
    case 'subdistrict':
      return t(`policies.words.subdistrict.${l.op}`, { list: listText(l.values, names.subdistrict, lang) });
    case 'field':
      return t(`policies.words.field.${l.op}`, { list: listText(l.values, names.field, lang) });
    case 'honour':
      return t(`policies.words.honour.${l.op}`, { list: listText(l.values, names.honour, lang) });
    case 'aboveScale':
      return t(l.flag ? 'policies.words.aboveScale.true' : 'policies.words.aboveScale.false');
    case 'building':
      return t(`policies.words.building.${l.op}`, { list: listText(l.values, names.building, lang) });
    case 'tier':
      return t(`policies.words.tier.${l.op}`, { list: listText(l.values, names.tier, lang) });
  }
}

export interface WordNode {
  /** The node's path in the definition ('eligibility.conditions.1'). */
  path: string;
  /** 'all' | 'any' | 'not' or the leaf kind. */
  kind: string;
  /** The sentence shown: the leaf's own label when it has one. */
  text: string;
  /** The generated sentence when a label replaces it. */
  generated: string | null;
  /** Depth-first leaf index; null for groups. */
  leaf: number | null;
  children: WordNode[];
}

/** A condition as a tree of sentences. */
export function conditionWords(c: DraftCondition, names: Names, lang: Lang, t: TFunction): WordNode {
  let leaves = 0;
  const walk = (x: DraftCondition, path: string): WordNode => {
    if (isLeaf(x)) {
      const generated = leafText(x, names, lang, t);
      const label = x.label.trim();
      return {
        path,
        kind: x.kind,
        text: label || generated,
        generated: label ? generated : null,
        leaf: leaves++,
        children: [],
      };
    }
    const children =
      x.kind === 'not'
        ? [walk(x.condition, `${path}.condition`)]
        : x.conditions.map((y, i) => walk(y, `${path}.conditions.${i}`));
    return {
      path,
      kind: x.kind,
      text: t(`policies.words.group.${x.kind}`),
      generated: null,
      leaf: null,
      children,
    };
  };
  return walk(c, 'eligibility');
}

const precedence = (e: DraftExpr): number => {
  switch (e.kind) {
    case 'add':
    case 'sub':
      return 1;
    case 'mul':
    case 'div':
      return 2;
    default:
      return 3;
  }
};

const opSymbols: Record<string, string> = { add: ' + ', sub: ' − ', mul: ' × ', div: ' ÷ ' };

/** A formula in words, with the parameters' labels and the measures' names. */
export function exprText(e: DraftExpr, names: Names, lang: Lang, t: TFunction): string {
  switch (e.kind) {
    case 'const':
      if (e.value === null) return '□';
      if (!e.unit) return lang === 'en-US' ? e.value.toLocaleString('en-US') : String(e.value);
      if (lang === 'en-US' && moneyScale[e.unit] !== undefined) return quantityText(e.value, e.unit, lang);
      return e.unit === '%' ? `${e.value}%` : `${num(e.value, lang)} ${unitText(e.unit, lang)}`;
    case 'param':
      return paramLabel(names, e.name);
    case 'measure':
      return measureText(e.measure, lang, t);
    case 'min':
    case 'max':
      return `${e.kind}(${e.args.map((a) => exprText(a, names, lang, t)).join(', ')})`;
    default: {
      const p = precedence(e);
      return e.args
        .map((a, i) => {
          const s = exprText(a, names, lang, t);
          const q = precedence(a);
          const wrap = q < p || (i > 0 && q === p && (e.kind === 'sub' || e.kind === 'div'));
          return wrap ? `(${s})` : s;
        })
        .join(opSymbols[e.kind] ?? ' ');
    }
  }
}

// The figure catalogue: every figure an enterprise reports monthly (月度填报), once. Pure (no database), so the web app
// imports it too (@contracts/modules/reports/figures.ts). Everything that lists figures reads this list: the reports
// table's columns are checked against it, the form, the import template, the contract, the consistency rules, the
// monitoring fact table's SQL, the policy rules' measures and the demo generator. Adding a figure = one entry here
// and a migration for its column (reports, monitoring_facts); docs/indicators.md, "Figure catalogue".

/** A stock is a level at the month's end (people, floor area); a flow is the month's amount (revenue, not YTD). */
export type FigureKind = 'stock' | 'flow';
/** What a figure counts: persons (人), money (integer 元; 万元 in forms and imports), floor area (m²). */
export type FigureDimension = 'persons' | 'money' | 'area';

export interface FigureEntry {
  /** The figure's name in the API, the rules and the plan file's formulas (camelCase). */
  readonly key: string;
  /** Its column in `reports` (and in `monitoring_facts`). */
  readonly column: string;
  readonly kind: FigureKind;
  readonly dimension: FigureDimension;
  /** The unit it is stored in: 人, 元 (integer yuan) or m². */
  readonly unit: '人' | '元' | 'm²';
  /** Decimals kept (area: 2; counts and money: whole). */
  readonly decimals: 0 | 2;
  /**
   * Labels: `zh`, `en` (a heading: "Employees") and `enInline` (inside a sentence of the rule explanations:
   * "employees", "core talents").
   */
  readonly labels: { readonly zh: string; readonly en: string; readonly enInline: string };
  /**
   * The import template's column header. A file's header is accepted when it names the same figure with any unit in
   * brackets (从业人员, 从业人员（人）) or is the key itself; money columns must state （元） or （万元）.
   */
  readonly header: string;
  /** The figure this one is a part of: it may never exceed it (核心软信人才 ≤ 从业人员). */
  readonly partOf: string | null;
  /**
   * The implausible-jump warning: a stock against last month (at least `minChange` and ±50 %), a flow against the
   * recent monthly average (`recentAverage`), or none.
   */
  readonly jump: { readonly minChange: number } | 'recentAverage' | null;
  /** Tooltip of the form's field, per language. */
  readonly help: { readonly zh: string; readonly en: string };
}

export const figureCatalogue = [
  {
    key: 'employees',
    column: 'employees',
    kind: 'stock',
    dimension: 'persons',
    unit: '人',
    decimals: 0,
    labels: { zh: '从业人员', en: 'Employees', enInline: 'employees' },
    header: '从业人员（人）',
    partOf: null,
    jump: { minChange: 20 },
    help: {
      zh: '月末在职的软信从业人员人数',
      en: 'Software workforce on the payroll at month end',
    },
  },
  {
    key: 'coreTalents',
    column: 'core_talents',
    kind: 'stock',
    dimension: 'persons',
    unit: '人',
    decimals: 0,
    labels: { zh: '核心软信人才', en: 'Core software talents', enInline: 'core talents' },
    header: '核心软信人才（人）',
    partOf: 'employees',
    jump: { minChange: 10 },
    help: {
      zh: '其中从事软件开发、“AI+”应用等岗位的核心人才，不能多于从业人员',
      en: 'Of whom in software development and “AI+” roles; cannot exceed employees',
    },
  },
  {
    key: 'operatingRevenue',
    column: 'operating_revenue',
    kind: 'flow',
    dimension: 'money',
    unit: '元',
    decimals: 0,
    labels: { zh: '营业收入', en: 'Operating revenue', enInline: 'operating revenue' },
    header: '营业收入（万元）',
    partOf: null,
    jump: 'recentAverage',
    help: {
      zh: '本月营业收入（当月发生额，不是年初累计）',
      en: "This month's operating revenue (the month's, not year-to-date)",
    },
  },
  {
    key: 'softwareRevenue',
    column: 'software_revenue',
    kind: 'flow',
    dimension: 'money',
    unit: '元',
    decimals: 0,
    labels: { zh: '软件业务收入', en: 'Software business revenue', enInline: 'software business revenue' },
    header: '软件业务收入（万元）',
    partOf: 'operatingRevenue',
    jump: 'recentAverage',
    help: {
      zh: '本月软件业务收入，不能大于营业收入',
      en: "This month's software business revenue; cannot exceed operating revenue",
    },
  },
  {
    key: 'softwareProductRevenue',
    column: 'software_product_revenue',
    kind: 'flow',
    dimension: 'money',
    unit: '元',
    decimals: 0,
    labels: { zh: '软件产品收入', en: 'Software product revenue', enInline: 'software product revenue' },
    header: '软件产品收入（万元）',
    partOf: 'softwareRevenue',
    jump: null,
    help: {
      zh: '本月软件产品收入，不能大于软件业务收入',
      en: "This month's software product revenue; cannot exceed software business revenue",
    },
  },
  {
    key: 'rdExpense',
    column: 'rd_expense',
    kind: 'flow',
    dimension: 'money',
    unit: '元',
    decimals: 0,
    labels: { zh: '研发投入', en: 'R&D expenditure', enInline: 'R&D expenditure' },
    header: '研发投入（万元）',
    partOf: null,
    jump: null,
    help: { zh: '本月研发投入（当月发生额）', en: "This month's R&D expenditure" },
  },
  {
    key: 'usedArea',
    column: 'used_area',
    kind: 'stock',
    dimension: 'area',
    unit: 'm²',
    decimals: 2,
    labels: { zh: '使用面积', en: 'Used floor area', enInline: 'used floor area' },
    header: '使用面积（平方米）',
    partOf: null,
    jump: { minChange: 200 },
    help: {
      zh: '月末在本区使用的办公面积，最多两位小数',
      en: 'Floor area used in the district at month end, up to 2 decimals',
    },
  },
] as const satisfies readonly FigureEntry[];

export type Figure = (typeof figureCatalogue)[number];
export type FigureKey = Figure['key'];
/** The entry of one figure, with its literal types. */
export type FigureOf<K extends FigureKey> = Extract<Figure, { key: K }>;
type KeysWhere<P> = Extract<Figure, P>['key'];
export type StockKey = KeysWhere<{ kind: 'stock' }>;
export type FlowKey = KeysWhere<{ kind: 'flow' }>;
export type MoneyKey = KeysWhere<{ dimension: 'money' }>;
export type CountKey = KeysWhere<{ dimension: 'persons' }>;

/** One value per figure: integer persons, integer yuan, m² (2 decimals). */
export type Figures = { [K in FigureKey]: number };

type NonEmpty<T> = readonly [T, ...T[]];
const keysWhere = <K extends FigureKey>(p: (f: Figure) => boolean) =>
  figureCatalogue.filter(p).map((f) => f.key) as unknown as NonEmpty<K>;

/** Every figure's key, in catalogue order (the form's and the reports table's order). */
export const figureKeys = figureCatalogue.map((f) => f.key) as unknown as NonEmpty<FigureKey>;
/** Stocks, in catalogue order: employees, coreTalents, usedArea. */
export const stockKeys = keysWhere<StockKey>((f) => f.kind === 'stock');
/** Flows, in catalogue order: operatingRevenue, softwareRevenue, softwareProductRevenue, rdExpense. */
export const flowKeys = keysWhere<FlowKey>((f) => f.kind === 'flow');
/** Money figures (integer yuan; 元 or 万元 in forms and imports). */
export const moneyKeys = keysWhere<MoneyKey>((f) => f.dimension === 'money');
/** Whole-person counts. */
export const countKeys = keysWhere<CountKey>((f) => f.dimension === 'persons');

const byKey = new Map<string, Figure>(figureCatalogue.map((f) => [f.key, f]));
const byColumn = new Map<string, Figure>(figureCatalogue.map((f) => [f.column, f]));

export const isFigureKey = (k: string): k is FigureKey => byKey.has(k);

/** The catalogue entry of a figure. */
export function figure<K extends FigureKey>(key: K): FigureOf<K> {
  return byKey.get(key) as FigureOf<K>;
}

/** The figure stored in a reports column, if any. */
export const figureOfColumn = (column: string): Figure | undefined => byColumn.get(column);

export const isMoney = (key: FigureKey): key is MoneyKey => figure(key).dimension === 'money';

/** zh and en labels of every figure, by key. */
export const figureLabels = Object.fromEntries(
  figureCatalogue.map((f) => [f.key, { zh: f.labels.zh, en: f.labels.en }]),
) as Record<FigureKey, { zh: string; en: string }>;

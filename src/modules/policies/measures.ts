// The measures of the rule language (pure): the figures it reads (from the figure catalogue), units and their
// dimensions, how a measure aggregates an enterprise's reports, its words, and the gap of a failing value.
// rules.ts re-exports all of it.
import { z } from 'zod';
import { figure, flowKeys, stockKeys, type FigureKey, type FigureKind } from '../reports/figures.ts';

// ---------------------------------------------------------------------------------------------------------------
// Figures and units
// ---------------------------------------------------------------------------------------------------------------

/** The dimensions a value can have: money (元), people (人), area (m²), time (months); exponents per dimension. */
export interface Dimension {
  money: number;
  people: number;
  area: number;
  time: number;
}
export const dim = (d: Partial<Dimension> = {}): Dimension => ({
  money: 0,
  people: 0,
  area: 0,
  time: 0,
  ...d,
});
export const sameDim = (a: Dimension, b: Dimension) =>
  a.money === b.money && a.people === b.people && a.area === b.area && a.time === b.time;
export const mulDim = (a: Dimension, b: Dimension, sign = 1): Dimension => ({
  money: a.money + sign * b.money,
  people: a.people + sign * b.people,
  area: a.area + sign * b.area,
  time: a.time + sign * b.time,
});
export const dimensionless = dim();

/** Unit words and what they mean in base units (元, 人, m², months). A unit is one word, or words joined by '/'. */
const unitWords: Record<string, { dim: Dimension; scale: number }> = {
  元: { dim: dim({ money: 1 }), scale: 1 },
  万元: { dim: dim({ money: 1 }), scale: 1e4 },
  亿元: { dim: dim({ money: 1 }), scale: 1e8 },
  人: { dim: dim({ people: 1 }), scale: 1 },
  'm²': { dim: dim({ area: 1 }), scale: 1 },
  月: { dim: dim({ time: 1 }), scale: 1 },
  年: { dim: dim({ time: 1 }), scale: 12 },
  '%': { dim: dim(), scale: 0.01 },
  倍: { dim: dim(), scale: 1 },
  家: { dim: dim(), scale: 1 },
  个: { dim: dim(), scale: 1 },
};
export const unitWordList = Object.keys(unitWords);

/** Parses a unit such as '万元', '元/m²/月' or '%'; undefined for one the language does not know. */
export function parseUnit(unit: string): { dim: Dimension; scale: number } | undefined {
  const [head, ...rest] = unit.split('/');
  const h = Object.hasOwn(unitWords, head!) ? unitWords[head!] : undefined;
  if (!h) return undefined;
  let d = h.dim;
  let scale = h.scale;
  for (const w of rest) {
    const u = Object.hasOwn(unitWords, w) ? unitWords[w] : undefined;
    if (!u) return undefined;
    d = mulDim(d, u.dim, -1);
    scale /= u.scale;
  }
  return { dim: d, scale };
}

/**
 * `value` times 10^k, shifted on its decimal digits: 1.1 万元 is 11000 元 exactly, where 1.1 × 1e4 in floating point
 * is 11000.000000000002 and would miss a threshold of exactly 11000.
 */
export function shiftDecimal(value: number, k: number): number {
  const [mantissa, exp = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exp) + k}`);
}

/** A value written in `unit` in base units (exact for 元/万元/亿元/%); undefined for an unknown unit. */
export function toBaseUnits(value: number, unit: string): number | undefined {
  const u = parseUnit(unit);
  if (!u) return undefined;
  const k = Math.round(Math.log10(u.scale));
  return Math.abs(10 ** k - u.scale) < 1e-12 * u.scale ? shiftDecimal(value, k) : value * u.scale;
}

/** The reported figures rules read: the figure catalogue's (reports/figures.ts), stocks first, then flows. */
export const figureCodes = [...stockKeys, ...flowKeys] as unknown as readonly [FigureKey, ...FigureKey[]];
export type FigureCode = (typeof figureCodes)[number];

/** The monthly figures an enterprise reports, as rules read them: stocks are levels, flows are the month's amount. */
export const figures = Object.fromEntries(
  figureCodes.map((k) => {
    const f = figure(k);
    return [k, { zh: f.labels.zh, en: f.labels.enInline, kind: f.kind, unit: f.unit, column: f.column }];
  }),
) as Record<FigureCode, { zh: string; en: string; kind: FigureKind; unit: string; column: string }>;
export const figureCodeSchema = z.enum(figureCodes);

/**
 * Facts the district's own registers hold about an enterprise at the end of the evaluation month, not reported by
 * it: floor area it leases in 示范楼宇 and in the cluster's buildings (the carrier-space inventory), its certified
 * core talents (企业认定、政府认账), the free start-up workstations it holds. Read through
 * registry-facts.sql.ts from the modules that keep them.
 */
export const registryFacts = {
  demonstrationArea: {
    zh: '在示范楼宇内租用面积',
    en: 'floor area leased in demonstration buildings',
    unit: 'm²',
    whole: false,
  },
  clusterArea: {
    zh: '在特色集聚区楼宇内租用面积',
    en: "floor area leased in the cluster's buildings",
    unit: 'm²',
    whole: false,
  },
  certifiedCoreTalents: {
    zh: '经认定的核心软信人才',
    en: 'certified core software talents',
    unit: '人',
    whole: true,
  },
  workstationSeats: {
    zh: '在用免费创业工位',
    en: 'free start-up workstations held',
    unit: '个',
    whole: true,
  },
} as const satisfies Record<string, { zh: string; en: string; unit: string; whole: boolean }>;
export type RegistryFactCode = keyof typeof registryFacts;
export const registryFactCodes = Object.keys(registryFacts) as [RegistryFactCode, ...RegistryFactCode[]];
export const isRegistryFact = (code: string): code is RegistryFactCode => Object.hasOwn(registryFacts, code);

const periodText = z.string().regex(/^[1-9][0-9]{3}-(0[1-9]|1[0-2])$/, { message: '期间格式应为 YYYY-MM' });
const months = z.number().int().min(1).max(60);

/** The comparisons a condition's leaf makes (here because a failing value's gap depends on them). */
export const comparisonOps = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

// ---------------------------------------------------------------------------------------------------------------
// Measures: a number read off an enterprise at the evaluation month
// ---------------------------------------------------------------------------------------------------------------

export const measureSchema = z.discriminatedUnion('agg', [
  /** The latest report still in force: at most `carryForwardMonths` (plan file, monitoring section) before the month. */
  z.strictObject({ figure: figureCodeSchema, agg: z.literal('latest') }),
  /** The report of one given month. */
  z.strictObject({ figure: figureCodeSchema, agg: z.literal('at'), period: periodText }),
  /** Sum (flows: revenue over a year) or average (stocks) of the reports in the last `months` months. */
  z.strictObject({ figure: figureCodeSchema, agg: z.literal('sum'), months }),
  z.strictObject({ figure: figureCodeSchema, agg: z.literal('avg'), months }),
  /** Year-on-year growth: the last `months` months against the same months a year before (flows summed, stocks averaged). */
  z.strictObject({ figure: figureCodeSchema, agg: z.literal('yoy'), months: months.default(12) }),
  /** Compound annual growth over `years` years of the last `months` months' figure. */
  z.strictObject({
    figure: figureCodeSchema,
    agg: z.literal('cagr'),
    years: z.number().int().min(1).max(5),
    months: months.default(12),
  }),
  /** One figure as a share of another over the last `months` months (R&D expenditure / operating revenue). */
  z.strictObject({
    figure: figureCodeSchema,
    agg: z.literal('share'),
    of: figureCodeSchema,
    months: months.default(12),
  }),
  /** Time since registration, at the end of the evaluation month. */
  z.strictObject({ figure: z.literal('registrationAge'), agg: z.literal('attribute') }),
  /** A fact of the district's registers (registryFacts) at the end of the evaluation month. */
  z.strictObject({ figure: z.enum(registryFactCodes), agg: z.literal('registry') }),
]);
export type Measure = z.infer<typeof measureSchema>;

/** The dimension of a measure's value. */
export function measureDimension(m: Measure): Dimension {
  if (m.figure === 'registrationAge') return dim({ time: 1 });
  if (m.agg === 'registry') return parseUnit(registryFacts[m.figure].unit)!.dim;
  if (m.agg === 'yoy' || m.agg === 'cagr' || m.agg === 'share') return dimensionless;
  return parseUnit(figures[m.figure].unit)!.dim;
}

/** The unit a measure's value is shown in by default. */
export function measureUnit(m: Measure): string {
  if (m.figure === 'registrationAge') return '年';
  if (m.agg === 'registry') return registryFacts[m.figure].unit;
  if (m.agg === 'yoy' || m.agg === 'cagr' || m.agg === 'share') return '%';
  return figures[m.figure].kind === 'flow' ? '万元' : figures[m.figure].unit;
}

/**
 * How long a report stays in force: the plan's `monitoring.carryForwardMonths`, read by the monitoring facts, the
 * tiers and the rules' "latest" alike, so a firm that stopped reporting drops out of all of them in the same month.
 */
export interface Staleness {
  carryForwardMonths: number;
}

/** How many months of reports before the evaluation month a measure reads (0 = that month only). */
export function measureLookback(m: Measure, evaluationPeriod: string, staleness: Staleness): number {
  switch (m.agg) {
    case 'latest':
      return staleness.carryForwardMonths;
    case 'at':
      return Math.max(0, monthsBetween(m.period, evaluationPeriod));
    case 'sum':
    case 'avg':
    case 'share':
      return m.months - 1;
    case 'yoy':
      return m.months - 1 + 12;
    case 'cagr':
      return m.months - 1 + 12 * m.years;
    case 'attribute':
    case 'registry':
      return 0;
  }
}

/** A canonical key of a measure, so that rules reading the same number share one computed column. */
export function measureKey(m: Measure): string {
  switch (m.agg) {
    case 'latest':
    case 'attribute':
    case 'registry':
      return `${m.figure}:${m.agg}`;
    case 'at':
      return `${m.figure}:at:${m.period}`;
    case 'sum':
    case 'avg':
    case 'yoy':
      return `${m.figure}:${m.agg}:${m.months}`;
    case 'cagr':
      return `${m.figure}:cagr:${m.years}:${m.months}`;
    case 'share':
      return `${m.figure}:share:${m.of}:${m.months}`;
  }
}

/**
 * Growth (yoy, cagr) compares like for like: only months reported in both periods count, and the measure is unknown
 * (so never helps a firm qualify) unless at least this share of the window's months is covered — 9 of 12, 5 of 6.
 */
export const growthMinCoverage = 0.75;

/** The fewest months present in both periods for a growth measure over `months` months to be known. */
export const growthMinMonths = (months: number) => Math.ceil(months * growthMinCoverage - 1e-9);

/** Whether a measure is a growth measure, compared over like-for-like months. */
export const isGrowth = (m: Measure): m is Extract<Measure, { agg: 'yoy' | 'cagr' }> =>
  m.agg === 'yoy' || m.agg === 'cagr';

/**
 * The resolution of a measure whose values are whole people (a reported headcount): "> 50 人" passes from 51. Money,
 * area, averages and ratios are read as continuous (null): a gap of 0.40000001 亿元 to the first passing yuan would
 * say nothing a reader needs.
 */
export function measureStep(m: Measure): number | null {
  if (m.figure === 'registrationAge') return null;
  if (m.agg === 'registry') return registryFacts[m.figure].whole ? 1 : null;
  return figures[m.figure].unit === '人' && (m.agg === 'latest' || m.agg === 'at') ? 1 : null;
}

/** The nearest passing value of a whole-number measure (see measureStep): > 50 → 51, ≥ 50.5 → 51, < 10 → 9. */
export function passingTarget(op: ComparisonOp, threshold: number, step: number): number {
  const q0 = threshold / step;
  const q = Math.abs(q0 - Math.round(q0)) < 1e-9 ? Math.round(q0) : q0;
  const n =
    op === 'gt'
      ? Math.floor(q) + 1
      : op === 'gte'
        ? Math.ceil(q)
        : op === 'lt'
          ? Math.ceil(q) - 1
          : Math.floor(q);
  return n * step;
}

/** The smallest amount an explanation shows in `unit` (0.01 of it), in base units. */
export const displayStep = (unit: string) => toBaseUnits(0.01, unit) ?? 0.01;

/**
 * How far a failing value is from passing, in base units — the one rule behind both the near-miss gap and its words.
 * Whole-number measures: to the nearest passing value (> 50 人 at 50 is 1 人 short). Continuous measures, non-strict:
 * to the threshold. Continuous, strict: the difference rounded up to the amount shown and at least that amount, so
 * "> 50%" at exactly 50% reads “须高于 50%，还差 0.01%” and its gap is not 0.
 */
export function gapAmount(
  op: ComparisonOp,
  threshold: number,
  value: number,
  m: Measure,
  unit: string,
): number {
  const more = op === 'gt' || op === 'gte';
  const step = measureStep(m);
  if (step !== null) {
    const t = passingTarget(op, threshold, step);
    return more ? t - value : value - t;
  }
  const diff = more ? threshold - value : value - threshold;
  if (op === 'gte' || op === 'lte') return diff;
  const d = displayStep(unit);
  const q0 = diff / d;
  const q = Math.abs(q0 - Math.round(q0)) < 1e-9 ? Math.round(q0) : Math.ceil(q0);
  return Math.max(1, q) * d;
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

// ---------------------------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------------------------

/** A measure in Chinese, e.g. “近12个月营业收入”. */
export function measureLabelZh(m: Measure): string {
  if (m.figure === 'registrationAge') return '注册年限';
  if (m.agg === 'registry') return registryFacts[m.figure].zh;
  const f = figures[m.figure].zh;
  switch (m.agg) {
    case 'latest':
      return `${f}（最新月报）`;
    case 'at':
      return `${m.period}月${f}`;
    case 'sum':
      return `近${m.months}个月${f}合计`;
    case 'avg':
      return `近${m.months}个月平均${f}`;
    case 'yoy':
      return `近${m.months}个月${f}同比增长率`;
    case 'cagr':
      return `近${m.years}年${f}年均复合增长率`;
    case 'share':
      return `近${m.months}个月${f}占${figures[m.of].zh}比重`;
  }
}

export function measureLabelEn(m: Measure): string {
  if (m.figure === 'registrationAge') return 'years since registration';
  if (m.agg === 'registry') return registryFacts[m.figure].en;
  const f = figures[m.figure].en;
  switch (m.agg) {
    case 'latest':
      return `${f} (latest report)`;
    case 'at':
      return `${f} in ${m.period}`;
    case 'sum':
      return `${f} over the last ${m.months} months`;
    case 'avg':
      return `average ${f} over the last ${m.months} months`;
    case 'yoy':
      return `year-on-year growth of ${f} (${m.months} months)`;
    case 'cagr':
      return `${m.years}-year compound growth of ${f}`;
    case 'share':
      return `${f} as a share of ${figures[m.of].en} (${m.months} months)`;
  }
}

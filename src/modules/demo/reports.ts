// Monthly reports (月度填报) of the demo enterprises: a seeded history that ends at each firm's register figures.
//
// Pure like demo.ts: values in, values out. Each firm's series is walked outward from its anchor month
// (the month its register figures describe) with its own random streams, seeded by (seed, index), so a
// firm's history does not depend on how many firms are generated nor on the window asked for.
// docs/demo-district.md ("Monthly reports") explains every constant below.
import type { FieldCode } from '../enterprises/fields.ts';
import { type DemoEnterprise } from './demo.ts';
import { isCivilDate } from '../../platform/time/date.ts';
import {
  isPeriod,
  lastDayOf,
  nextPeriod,
  parsePeriod,
  periodMonth,
  periodOfDate,
  periodOfOrdinal,
  periodOrdinal,
} from '../../platform/time/period.ts';
import { mix32, mulberry32, type Rng } from './prng.ts';
import type { Figures } from '../reports/figures.ts';
import { settlementOf, type DemoSettlement } from './settlement.ts';

export { settlementOf, type DemoSettlement } from './settlement.ts';

export interface DemoReportOptions {
  seed: number;
  /** First and last month to generate, 'YYYY-MM' (e.g. '2024-01' … '2026-10'). */
  from: string;
  to: string;
  /**
   * How often a month is simply not reported (the enterprise forgot); default 0.03. The month `to` is
   * missed four times as often (reports still coming in). 0 gives complete series.
   */
  missingRate?: number;
  /**
   * 'YYYY-MM-DD': the day the enterprise's register figures describe (DemoDistrictOptions.asOf). Its month
   * is the anchor: the series passes exactly through the register's headcount there and its trailing
   * twelve months of revenue sum to the register's operatingRevenue. Default: the last day of `to`.
   */
  asOf?: string;
}

/**
 * One month's report: a value for every figure of the catalogue (reports/figures.ts) — headcount and area at month
 * end, the month's revenue and R&D in integer yuan (flows, not year-to-date), parts never above their whole.
 */
export interface DemoReport extends Figures {
  /** 'YYYY-MM' */
  period: string;
}

/** A report with the enterprise it belongs to, as iterateReports yields it. */
export interface DemoReportRow extends DemoReport {
  uscc: string;
}

export type DemoReportingEnterprise = DemoEnterprise & DemoSettlement & { index: number };

// ---- the distributions (docs/demo-district.md, "Monthly reports", explains each) ----------------

const DEFAULT_MISSING_RATE = 0.03;
/** The newest month is missed this many times as often: its reports are still coming in. */
const LAST_MONTH_MISSING_FACTOR = 4;
/** Forgetting is a habit: 70 % of firms miss at half the rate, 30 % at 13/6 of it (mean 1). */
const RELIABLE_SHARE = 0.7;
const RELIABLE_FACTOR = 0.5;
const FORGETFUL_FACTOR = (1 - RELIABLE_SHARE * RELIABLE_FACTOR) / (1 - RELIABLE_SHARE);

/**
 * Annual growth of headcount, in logs, by kind of firm: 15 % fast growers, 20 % shrinking, the rest
 * steady; the hiring rounds below come on top. Closed firms shrink toward their end. Growth does not
 * depend on age: demo.ts gives young firms nearly the sizes of old ones, and a youth bonus walked
 * backward from them would make each year's newcomers look bigger than the last year's.
 */
const GROWTH = {
  fast: { share: 0.15, mean: 0.3, sd: 0.1, hireRate: 0.03 },
  shrinking: { share: 0.2, mean: -0.1, sd: 0.05, hireRate: 0.004 },
  steady: { mean: 0.02, sd: 0.04, hireRate: 0.008 },
  closed: { mean: -0.25, sd: 0.08, hireRate: 0.002 },
} as const;
/** A hiring round (or, for shrinking firms, a layoff) moves headcount by 12–35 % in one month. */
const STEP_MIN = 0.12;
const STEP_SPAN = 0.23;
/** Size at which a firm's growth spread and step sizes are halved (see drawParams). */
const SIZE_DAMPING_EMPLOYEES = 300;
/** Headcount noise: AR(1) in logs, sticky (ρ 0.8, innovations of 0.8 %): a 12-person firm rarely wobbles. */
const EMPLOYEE_NOISE_RHO = 0.8;
const EMPLOYEE_NOISE_SD = 0.008;
/** Core talents' share of the workforce rises 3 % a year (relative): firms hire developers and "AI+" roles. */
const CORE_SHARE_DRIFT = 0.03;

/** Revenue: elasticity to headcount, revenue-per-head growth, persistent and month-only noise. */
const REVENUE_HEADCOUNT_ELASTICITY = 0.9;
const PRODUCTIVITY_GROWTH = { mean: 0.03, sd: 0.04 };
const REVENUE_AR_RHO = 0.6;
const REVENUE_AR_SD = 0.07;
const REVENUE_NOISE_SD = 0.06;
/** Small firms' revenue is lumpier: extra month noise of this much divided by √employees. */
const REVENUE_NOISE_SMALL = 0.15;
/** A month with a one-off multiple of the usual revenue (a large project accepted): rare. */
const JUMP_RATE = 0.0012;
const JUMP_MIN = 2.5;
const JUMP_SPAN = 1.5;

/** Per-firm spread (log sd) around its field's software share, product share and R&D ratio. */
const SOFTWARE_SHARE_SD = 0.12;
const PRODUCT_SHARE_SD = 0.35;
const RD_RATIO_SD = 0.3;
/** Product share of software revenue drifts up 3 % a year (relative): the plan pushes products. */
const PRODUCT_SHARE_DRIFT = 0.03;
/** Month-to-month noise (log sd) on the shares and on R&D. */
const SOFTWARE_SHARE_NOISE = 0.03;
const PRODUCT_SHARE_NOISE = 0.12;
const RD_NOISE = 0.05;

/** Used floor area: 8–15 m² per head; an office change when crowded or half empty, or now and then anyway. */
const AREA_PER_HEAD_MIN = 8;
const AREA_PER_HEAD_SPAN = 7;
const AREA_CROWDED = 0.7;
const AREA_EMPTY = 1.5;
const AREA_HEADROOM = 0.15;
const AREA_MOVE_RATE = 0.004;

/** Jan…Dec */
type Season = readonly number[];

/** Month-of-year revenue factors, Jan…Dec, mean 1. */
const SEASONS = {
  // project business: year-end acceptance in December, Spring Festival in Jan–Feb, National Day in October
  project: [0.85, 0.72, 0.95, 0.96, 0.98, 1.08, 0.95, 0.95, 1.04, 0.92, 1.05, 1.55],
  // players play in the Spring Festival and the summer holidays
  games: [1.15, 1.12, 0.92, 0.9, 0.92, 0.95, 1.08, 1.1, 0.95, 1.0, 0.93, 0.98],
  // e-commerce festivals: 618 in June, Double 11 in November; couriers stop over the Spring Festival
  commerce: [0.85, 0.7, 0.92, 0.93, 1.0, 1.25, 0.9, 0.9, 0.95, 1.0, 1.45, 1.15],
  // commissioned content: a milder year-end
  content: [0.88, 0.75, 0.95, 0.97, 1.0, 1.05, 1.0, 1.0, 1.02, 0.93, 1.05, 1.4],
} as const satisfies Record<string, Season>;

/** R&D is mostly salaries: flat, but January carries the year-end bonus paid before the Spring Festival. */
const RD_SEASON = normalised([1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

interface FieldProfile {
  /** software business revenue / operating revenue */
  software: number;
  /** software product revenue / software business revenue */
  product: number;
  /** R&D expenditure / operating revenue */
  rd: number;
  season: keyof typeof SEASONS;
}

const FIELD_PROFILES: Readonly<Record<FieldCode, FieldProfile>> = {
  aiAgents: { software: 0.85, product: 0.32, rd: 0.13, season: 'project' },
  smartGovernance: { software: 0.7, product: 0.19, rd: 0.07, season: 'project' },
  lowAltitude: { software: 0.5, product: 0.3, rd: 0.1, season: 'project' },
  games: { software: 0.92, product: 0.33, rd: 0.12, season: 'games' },
  filmAnimation: { software: 0.45, product: 0.14, rd: 0.06, season: 'content' },
  liveStreaming: { software: 0.3, product: 0.14, rd: 0.05, season: 'commerce' },
  industrialSoftware: { software: 0.85, product: 0.38, rd: 0.14, season: 'project' },
  automotiveSoftware: { software: 0.8, product: 0.36, rd: 0.15, season: 'project' },
  satelliteBeidou: { software: 0.65, product: 0.3, rd: 0.11, season: 'project' },
  openHarmony: { software: 0.88, product: 0.34, rd: 0.14, season: 'project' },
  itServices: { software: 0.7, product: 0.16, rd: 0.06, season: 'project' },
  digitalTwins: { software: 0.8, product: 0.28, rd: 0.11, season: 'project' },
  industrialInternet: { software: 0.75, product: 0.25, rd: 0.1, season: 'project' },
  dataServices: { software: 0.85, product: 0.14, rd: 0.05, season: 'project' },
  digitalContent: { software: 0.6, product: 0.19, rd: 0.07, season: 'content' },
};
/** A firm in several fields: its main field weighs this much, the others share the rest. */
const MAIN_FIELD_WEIGHT = 0.7;

/** Stream salts: each purpose has its own stream, so adding draws to one never shifts another (settlement.ts has its own). */
const REPORTS_SALT = 0x4e9027;

// ---- calendar -----------------------------------------------------------------------------------

function normalised(xs: readonly number[]): Float64Array {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Float64Array.from(xs, (x) => x / mean);
}

const SEASON_FACTORS: Readonly<Record<keyof typeof SEASONS, Float64Array>> = {
  project: normalised(SEASONS.project),
  games: normalised(SEASONS.games),
  commerce: normalised(SEASONS.commerce),
  content: normalised(SEASONS.content),
};

/** 'YYYY-MM' → months since year 0, or NaN. */
function monthOfPeriod(period: string): number {
  return isPeriod(period) ? periodOrdinal(period) : Number.NaN;
}

/** 'YYYY-MM-DD' → months since year 0 of the month it falls in, or NaN. */
function monthOfDate(iso: string): number {
  return isCivilDate(iso) ? periodOrdinal(periodOfDate(iso)) : Number.NaN;
}

// ---- one enterprise's series --------------------------------------------------------------------

interface FirmParams {
  growth: number;
  hireRate: number;
  /** sign (+1 hiring rounds, −1 layoffs) and scale of the firm's steps */
  step: number;
  productivity: number;
  revenueNoise: number;
  software: number;
  product: number;
  rd: number;
  season: Float64Array;
  areaPerHead: number;
  missFactor: number;
}

function blend(fieldCodes: readonly FieldCode[], key: 'software' | 'product' | 'rd'): number {
  const main = FIELD_PROFILES[fieldCodes[0] ?? 'itServices'][key];
  if (fieldCodes.length < 2) return main;
  let rest = 0;
  for (let k = 1; k < fieldCodes.length; k++) rest += FIELD_PROFILES[fieldCodes[k]!][key];
  return MAIN_FIELD_WEIGHT * main + ((1 - MAIN_FIELD_WEIGHT) * rest) / (fieldCodes.length - 1);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * A stream of uniforms and two kinds of noise drawn from it: standard normals (Box–Muller, both halves of
 * a pair used) and a cheaper bell with the same mean and variance (the sum of three uniforms, bounded at
 * ±3), good enough for the small wobbles of shares and headcount, which are most of the draws.
 */
class Draws {
  /** mulberry32 (prng.ts) on a uniform stream of its own; `u` is a bound field, cheap to pass around */
  readonly u: Rng;
  private spare = Number.NaN;

  constructor(seed: number) {
    this.u = mulberry32(seed);
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const x = this.spare;
      this.spare = Number.NaN;
      return x;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.u())); // 1 − u ∈ (0, 1]: the log is finite
    const t = 2 * Math.PI * this.u();
    this.spare = r * Math.sin(t);
    return r * Math.cos(t);
  }

  small(): number {
    return 2 * (this.u() + this.u() + this.u() - 1.5);
  }
}

function drawParams(d: Draws, e: DemoEnterprise): FirmParams {
  const kind = d.u();
  const g = d.normal();
  let growth: number;
  let hireRate: number;
  let stepSign = 1;
  if (e.status === 'closed') {
    growth = GROWTH.closed.mean + GROWTH.closed.sd * g;
    hireRate = GROWTH.closed.hireRate;
    stepSign = -1;
  } else if (kind < GROWTH.fast.share) {
    growth = Math.max(0.1, GROWTH.fast.mean + GROWTH.fast.sd * g);
    hireRate = GROWTH.fast.hireRate;
  } else if (kind < GROWTH.fast.share + GROWTH.shrinking.share) {
    growth = Math.min(-0.02, GROWTH.shrinking.mean + GROWTH.shrinking.sd * g);
    hireRate = GROWTH.shrinking.hireRate;
    stepSign = -1;
  } else {
    growth = GROWTH.steady.mean + GROWTH.steady.sd * g;
    hireRate = GROWTH.steady.hireRate;
  }
  // a large firm changes more slowly: its growth keeps nearer the steady mean and its rounds are smaller
  const damp = e.status === 'closed' ? 1 : 1 / (1 + e.employees / SIZE_DAMPING_EMPLOYEES);
  growth = GROWTH.steady.mean + (growth - GROWTH.steady.mean) * damp;
  const profile = FIELD_PROFILES[e.fields[0] ?? 'itServices'];
  return {
    growth,
    hireRate,
    step: stepSign * damp,
    productivity: PRODUCTIVITY_GROWTH.mean + PRODUCTIVITY_GROWTH.sd * d.normal(),
    revenueNoise: REVENUE_NOISE_SD + REVENUE_NOISE_SMALL / Math.sqrt(Math.max(1, e.employees)),
    software: Math.min(1, blend(e.fields, 'software') * Math.exp(SOFTWARE_SHARE_SD * d.normal())),
    product: Math.min(0.9, blend(e.fields, 'product') * Math.exp(PRODUCT_SHARE_SD * d.normal())),
    rd: Math.min(0.4, blend(e.fields, 'rd') * Math.exp(RD_RATIO_SD * d.normal())),
    season: SEASON_FACTORS[profile.season],
    areaPerHead: AREA_PER_HEAD_MIN + AREA_PER_HEAD_SPAN * d.u(),
    missFactor: d.u() < RELIABLE_SHARE ? RELIABLE_FACTOR : FORGETFUL_FACTOR,
  };
}

/** Working arrays of one firm's months lo…hi; iterateReports reuses one set for all firms. */
class Months {
  employees = new Int32Array(0);
  rawRevenue = new Float64Array(0);
  softwareShare = new Float64Array(0);
  productShare = new Float64Array(0);
  rdFactor = new Float64Array(0);
  area = new Float64Array(0);
  missU = new Float64Array(0);

  reserve(size: number): void {
    if (this.employees.length >= size) return;
    const n = Math.max(size, this.employees.length * 2, 64);
    this.employees = new Int32Array(n);
    this.rawRevenue = new Float64Array(n);
    this.softwareShare = new Float64Array(n);
    this.productShare = new Float64Array(n);
    this.rdFactor = new Float64Array(n);
    this.area = new Float64Array(n);
    this.missU = new Float64Array(n);
  }
}

/** The state carried from month to month while walking away from the anchor. */
interface Walk {
  /** log of headcount without its noise: trend and hiring rounds */
  trend: number;
  noise: number;
  revenueAr: number;
  area: number;
}

/** Draws month `month`'s own randomness and writes its values at index j. */
function fillMonth(
  d: Draws,
  p: FirmParams,
  w: Walk,
  out: Months,
  j: number,
  month: number,
  monthsFromAnchor: number,
  anchorLog: number,
): void {
  const employees = Math.max(1, Math.round(Math.exp(w.trend + w.noise)));
  const crowding = w.area / (p.areaPerHead * employees);
  const move = d.u();
  const headroom = d.u();
  if (crowding < AREA_CROWDED || crowding > AREA_EMPTY || move < AREA_MOVE_RATE) {
    w.area = round2(p.areaPerHead * employees * (1 + AREA_HEADROOM * headroom));
  }
  // log of the month's revenue without season, noise or jump, relative to the anchor's
  const logLevel =
    REVENUE_HEADCOUNT_ELASTICITY * (Math.log(employees) - anchorLog) +
    (p.productivity * monthsFromAnchor) / 12;
  const jump = d.u() < JUMP_RATE ? JUMP_MIN + JUMP_SPAN * d.u() : 1;
  const moy = month % 12;
  out.employees[j] = employees;
  out.rawRevenue[j] = p.season[moy]! * Math.exp(logLevel + w.revenueAr + p.revenueNoise * d.normal()) * jump;
  out.softwareShare[j] = Math.min(1, p.software * Math.exp(SOFTWARE_SHARE_NOISE * d.small()));
  out.productShare[j] = Math.min(
    1,
    p.product * Math.exp((PRODUCT_SHARE_DRIFT * monthsFromAnchor) / 12 + PRODUCT_SHARE_NOISE * d.small()),
  );
  out.rdFactor[j] = RD_SEASON[moy]! * Math.exp(logLevel + RD_NOISE * d.small());
  out.area[j] = w.area;
  out.missU[j] = d.u();
}

/**
 * Fills `out` with the firm's months lo…hi, walking from the anchor month backward to lo and forward to
 * hi, each direction with its own stream: a month's values depend on its distance from the anchor, never
 * on lo or hi. Returns the firm's parameters and the revenue scale (yuan per unit of raw revenue).
 */
function walkFirm(
  e: DemoEnterprise,
  index: number,
  seed: number,
  regMonth: number,
  anchor: number,
  lo: number,
  hi: number,
  out: Months,
): { params: FirmParams; scale: number } {
  const base = mix32(mix32(Math.trunc(seed) >>> 0, REPORTS_SALT), index);
  const d = new Draws(base);
  const p = drawParams(d, e);
  const anchorLog = Math.log(Math.max(1, e.employees));
  const anchorArea = round2(p.areaPerHead * Math.max(1, e.employees) * (1 + AREA_HEADROOM * d.u()));
  const anchorAr = (REVENUE_AR_SD / Math.sqrt(1 - REVENUE_AR_RHO ** 2)) * d.normal();
  out.reserve(hi - lo + 1);

  const start = (): Walk => ({ trend: anchorLog, noise: 0, revenueAr: anchorAr, area: anchorArea });
  fillMonth(d, p, start(), out, anchor - lo, anchor, 0, anchorLog);
  out.employees[anchor - lo] = e.employees; // the register's figure exactly, even a 0

  for (const dir of [-1, 1] as const) {
    const walk = new Draws(mix32(base, dir === -1 ? 1 : 2));
    const w = start();
    for (let m = anchor + dir; dir < 0 ? m >= lo : m <= hi; m += dir) {
      const hire = walk.u();
      const size = walk.u();
      const step = hire < p.hireRate ? p.step * (STEP_MIN + STEP_SPAN * size) : 0;
      w.trend += dir * (p.growth / 12 + step);
      w.noise = EMPLOYEE_NOISE_RHO * w.noise + EMPLOYEE_NOISE_SD * walk.small();
      w.revenueAr = REVENUE_AR_RHO * w.revenueAr + REVENUE_AR_SD * walk.normal();
      fillMonth(walk, p, w, out, m - lo, m, m - anchor, anchorLog);
    }
  }

  // the register's operatingRevenue is the trailing twelve months to the anchor (since registration if younger)
  let sum = 0;
  for (let m = Math.min(anchor, Math.max(regMonth, anchor - 11)); m <= anchor; m++)
    sum += out.rawRevenue[m - lo]!;
  return { params: p, scale: sum > 0 ? e.operatingRevenue / sum : 0 };
}

interface Resolved {
  seed: number;
  from: number;
  to: number;
  anchor: number;
  missingRate: number;
  /** 'YYYY-MM' of every month from…to, built once */
  periods: string[];
}

function resolve(opts: DemoReportOptions): Resolved {
  if (!Number.isFinite(opts.seed)) throw new RangeError('seed must be a number');
  const from = monthOfPeriod(opts.from);
  const to = monthOfPeriod(opts.to);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('from and to must be periods YYYY-MM');
  if (from > to) throw new RangeError(`from ${opts.from} is after to ${opts.to}`);
  const missingRate = opts.missingRate ?? DEFAULT_MISSING_RATE;
  if (!(missingRate >= 0 && missingRate <= 1)) throw new RangeError('missingRate must be in [0, 1]');
  const anchor = opts.asOf === undefined ? to : monthOfDate(opts.asOf);
  if (Number.isNaN(anchor)) throw new RangeError(`asOf must be a date YYYY-MM-DD: ${opts.asOf}`);
  const periods: string[] = [];
  for (let m = from; m <= to; m++) periods.push(periodOfOrdinal(m));
  return { seed: opts.seed, from, to, anchor, missingRate, periods };
}

/** Appends the enterprise's reports to `sink`, with `uscc` on each when it is given. */
function reportsOf(
  e: DemoEnterprise,
  index: number,
  settlement: DemoSettlement,
  r: Resolved,
  out: Months,
  uscc: string | null,
  sink: DemoReport[],
): void {
  const regMonth = monthOfDate(e.registrationDate);
  const { settledOn, leftOn } = settlement;
  const settleMonth = monthOfDate(settledOn);
  if (Number.isNaN(regMonth)) throw new RangeError(`bad registrationDate ${e.registrationDate}`);
  if (Number.isNaN(settleMonth)) throw new RangeError(`bad settledOn ${settledOn}`);
  let lastMonth = Number.POSITIVE_INFINITY;
  if (leftOn !== null) {
    lastMonth = monthOfDate(leftOn) - 1;
    if (Number.isNaN(lastMonth)) throw new RangeError(`bad leftOn ${leftOn}`);
  }
  const first = Math.max(r.from, settleMonth);
  const last = Math.min(r.to, lastMonth);
  if (first > last) return;

  // the register keeps a departed firm's last figures, so they describe its last month here
  const anchor = Math.min(r.anchor, lastMonth);
  const lo = Math.min(first, Math.max(regMonth, anchor - 11), anchor);
  const hi = Math.max(last, anchor);
  const { params: p, scale } = walkFirm(e, index, r.seed, regMonth, anchor, lo, hi, out);

  const share = e.employees > 0 ? e.coreTalents / e.employees : 0;
  for (let m = first; m <= last; m++) {
    const j = m - lo;
    const rate = r.missingRate * p.missFactor * (m === r.to ? LAST_MONTH_MISSING_FACTOR : 1);
    if (out.missU[j]! < rate) continue;
    const employees = out.employees[j]!;
    const coreShare = Math.min(1, share * Math.exp((CORE_SHARE_DRIFT * (m - anchor)) / 12));
    const coreTalents = m === anchor ? e.coreTalents : Math.min(employees, Math.round(employees * coreShare));
    const operatingRevenue = Math.round(scale * out.rawRevenue[j]!);
    const softwareRevenue = Math.min(operatingRevenue, Math.round(operatingRevenue * out.softwareShare[j]!));
    const softwareProductRevenue = Math.min(
      softwareRevenue,
      Math.round(softwareRevenue * out.productShare[j]!),
    );
    const rdExpense = Math.round(scale * p.rd * out.rdFactor[j]!);
    const period = r.periods[m - r.from]!;
    const usedArea = out.area[j]!;
    // two literal shapes rather than a spread: millions of rows, each built once
    if (uscc === null) {
      sink.push({
        period,
        employees,
        coreTalents,
        operatingRevenue,
        softwareRevenue,
        softwareProductRevenue,
        rdExpense,
        usedArea,
      });
    } else {
      const row: DemoReportRow = {
        uscc,
        period,
        employees,
        coreTalents,
        operatingRevenue,
        softwareRevenue,
        softwareProductRevenue,
        rdExpense,
        usedArea,
      };
      sink.push(row);
    }
  }
}

// ---- public API ---------------------------------------------------------------------------------

/**
 * The months an enterprise reported, oldest first: from max(from, the month it settled in the district)
 * to min(to, the month before it left), less the months it failed to report. Deterministic in
 * (seed, index, anchor); a month's figures do not depend on `from` or `to` (only whether the newest
 * month counts as missing does).
 */
export function generateReports(enterprise: DemoReportingEnterprise, opts: DemoReportOptions): DemoReport[] {
  const reports: DemoReport[] = [];
  reportsOf(enterprise, enterprise.index, enterprise, resolve(opts), new Months(), null, reports);
  return reports;
}

/**
 * The reports of many enterprises, one at a time, for imports and benchmarks that should not hold
 * millions of objects. The i-th enterprise gets index i, so pass generateEnterprises(...) of the same
 * district; its settlement is settlementOf(enterprise, i, seed, asOf ?? the last day of `to`).
 */
export function* iterateReports(
  enterprises: Iterable<DemoEnterprise>,
  opts: DemoReportOptions,
): Generator<DemoReportRow, void, undefined> {
  const r = resolve(opts);
  const asOf = opts.asOf ?? lastDayOf(parsePeriod(opts.to, 'to'));
  const out = new Months();
  const batch: DemoReport[] = [];
  let index = 0;
  for (const e of enterprises) {
    batch.length = 0;
    // no { ...e, ...settlement } here: spreading 100,000 enterprises costs more than all their months
    reportsOf(e, index, settlementOf(e, index, opts.seed, asOf), r, out, e.uscc, batch);
    index++;
    for (const row of batch) yield row as DemoReportRow;
  }
}

/**
 * When a demo report was filed: between the 1st and the 12th of the next month at 10:00 in Shanghai — most by the
 * deadline (the 10th, or the working day it moves to), the 11th and 12th late unless the deadline moved past them.
 * On time is judged later against platform/time's deadline, so the figures agree with it whatever the calendar.
 */
export function demoSubmittedAt(r: Pick<DemoReport, 'period' | 'employees'>): Date {
  const period = parsePeriod(r.period);
  const day = 1 + ((r.employees * 7 + periodMonth(period)) % 12);
  return new Date(`${nextPeriod(period)}-${String(day).padStart(2, '0')}T10:00:00+08:00`);
}

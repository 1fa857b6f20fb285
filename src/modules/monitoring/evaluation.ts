// Dynamic evaluation (动态评估) of a plan target from its monthly series: progress, pace, status and a trend projection.
import { z } from 'zod';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import {
  addMonths,
  comparePeriods,
  isPeriod,
  monthsBetween,
  periodRange,
  type Period,
} from '../../platform/time/period.ts';

export type Aim = 'increase' | 'level';
export const statuses = ['ahead', 'onTrack', 'behind', 'seriouslyBehind', 'achieved', 'noData'] as const;
export type Status = (typeof statuses)[number];

/** Lower bounds on the pace index for 'ahead', 'onTrack' and 'behind'; below `behind` is 'seriouslyBehind'. */
export interface Thresholds {
  ahead: number;
  onTrack: number;
  behind: number;
}

export interface TargetSpec {
  goal: number;
  aim: Aim;
  baselinePeriod: Period;
  deadlinePeriod: Period;
  /**
   * A milestone (建成1个集聚区): 0 until reached, then 1 — a state, not a quantity. It has no trend: a line through
   * 0s and a 1 would project fractions ("2.65 个") and a monthly pace of a fraction of a cluster.
   */
  milestone?: boolean;
}

/** One month's actual value; null = no data that month. */
export interface Point {
  period: Period;
  value: number | null;
}

export interface Projection {
  model: string;
  /** Trend value at the deadline period. */
  value: number;
  /** Prediction interval for the deadline value at `level`. */
  low: number;
  high: number;
  level: number;
  /** Number of monthly points the trend was fitted on. */
  basis: number;
}

export interface Evaluation {
  period: Period;
  value: number | null;
  baselineValue: number | null;
  /** Share of the way from the start to the goal; may exceed 1 or be negative. */
  progress: number | null;
  /** Share of the time from baseline to deadline that has passed, 0..1. */
  elapsed: number;
  /** progress / elapsed: 1 means exactly on the straight-line path to the goal. */
  paceIndex: number | null;
  status: Status;
  projection: Projection | null;
  /** (goal − value) / monthsRemaining, in the target's unit per month. */
  requiredMonthlyPace: number | null;
  /** Slope of the trend, in the target's unit per month. */
  recentMonthlyPace: number | null;
  monthsRemaining: number;
}

/**
 * How bad a status is, for "worsened" alerts. Losing 'achieved' is news even when the pace is still ahead: a count
 * that falls back below its goal is no longer achieved (the status is this month's, never latched).
 */
const severity: Record<Status, number> = {
  achieved: 0,
  ahead: 1,
  onTrack: 2,
  noData: 2,
  behind: 3,
  seriouslyBehind: 4,
};

/** Whether going from status `from` to `to` is a worsening the owners are alerted to. */
export const isWorse = (from: Status, to: Status): boolean => severity[to] > severity[from];

export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({ ahead: 1.05, onTrack: 0.95, behind: 0.75 });
export const PROJECTION_MODEL = 'linear-ols-12m';
export const PROJECTION_LEVEL = 0.8;
/** How many of the latest non-null months the trend looks at. */
export const TREND_WINDOW = 12;
/** Two points fix a line but leave no degrees of freedom for its uncertainty. */
export const MIN_PROJECTION_POINTS = 3;
/**
 * A pace index that is mathematically on a threshold can land a few ulps below it (e.g. 0.35 / (8/24)); such
 * rounding must not demote a target, so comparisons allow this much slack — far below anything displayed.
 */
const THRESHOLD_SLACK = 1e-9;

export const thresholdsSchema = z
  .object({ ahead: z.number(), onTrack: z.number(), behind: z.number() })
  .refine((t) => t.ahead > t.onTrack && t.onTrack > t.behind && t.behind > 0, {
    message: '阈值须满足 ahead > onTrack > behind > 0',
  });

function invalid(fields: FieldError[]): AppError {
  return new AppError('VALIDATION', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
}

/** Returns the thresholds when ahead > onTrack > behind > 0 (all finite); throws a VALIDATION error otherwise. */
export function validateThresholds(thresholds: Thresholds): Thresholds {
  const parsed = thresholdsSchema.safeParse(thresholds);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) => ({ path: ['thresholds', ...i.path].join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

/** Status from the pace index alone (the caller handles 'noData' and 'achieved'). */
export function classifyPace(paceIndex: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): Status {
  if (paceIndex >= thresholds.ahead - THRESHOLD_SLACK) return 'ahead';
  if (paceIndex >= thresholds.onTrack - THRESHOLD_SLACK) return 'onTrack';
  if (paceIndex >= thresholds.behind - THRESHOLD_SLACK) return 'behind';
  return 'seriouslyBehind';
}

// ---------------------------------------------------------------------------------------------------------------
// Student's t quantile, via the regularized incomplete beta function (no statistics package is installed).

// Lanczos approximation (g = 7, n = 9), relative error below 1e-15 for positive arguments.
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function lnGamma(x: number): number {
  // Reflection keeps the series in the region where it is accurate (df < 1 gives a = df/2 < 0.5).
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const y = x - 1;
  let sum = lanczos[0] ?? 0;
  for (let i = 1; i < lanczos.length; i++) sum += (lanczos[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

// Continued fraction for I_x(a, b), evaluated by the modified Lentz method (Numerical Recipes §6.4).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast only on this side of the mean; use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T > t) for t ≥ 0: ½·I_{df/(df+t²)}(df/2, ½), computed directly so upper tails keep their precision. */
function tUpperTail(t: number, df: number): number {
  return 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * The p-quantile of Student's t distribution with `df` (> 0) degrees of freedom: t such that P(T ≤ t) = p.
 * Inverts the exact CDF (regularized incomplete beta) by bisection to a relative 1e-12, so the result is as good
 * as the CDF (≈1e-13), e.g. studentTQuantile(0.9, 5) = 1.475884….
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0) || !Number.isFinite(df)) {
    throw new AppError('VALIDATION', `studentTQuantile: need 0 < p < 1 and df > 0 (p=${p}, df=${df})`);
  }
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p);
  let lo = 0;
  let hi = 1;
  while (tUpperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tUpperTail(mid, df) > q) lo = mid;
    else hi = mid;
  }
  const t = (lo + hi) / 2;
  return p > 0.5 ? t : -t;
}

// ---------------------------------------------------------------------------------------------------------------
// Linear trend.

export interface LinearFit {
  n: number;
  /** Change in y per unit of x. */
  slope: number;
  xMean: number;
  yMean: number;
  /** Σ(x − x̄)². */
  sxx: number;
  /** Σ of squared residuals. */
  sse: number;
}

/** Ordinary least squares line through (x, y); null with fewer than 2 distinct x. */
export function fitLine(xs: readonly number[], ys: readonly number[]): LinearFit | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let xMean = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    xMean += xs[i] ?? 0;
    yMean += ys[i] ?? 0;
  }
  xMean /= n;
  yMean /= n;
  // Centred sums: the raw-sum formulas cancel catastrophically on revenue-sized values.
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - xMean;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - yMean);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  // Residuals summed directly, not as Syy − b·Sxy, so a perfect line gives ~0 and never a negative variance.
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] ?? 0) - (yMean + slope * ((xs[i] ?? 0) - xMean));
    sse += r * r;
  }
  return { n, slope, xMean, yMean, sxx, sse };
}

/**
 * Trend value at x0 with its prediction interval: ŷ ± t_{(1+level)/2, n−2} · s · √(1 + 1/n + (x0 − x̄)²/Sxx),
 * s² = SSE/(n − 2). Null with fewer than 3 points (no degrees of freedom left for s).
 */
export function predictAt(
  fit: LinearFit,
  x0: number,
  level: number,
): { value: number; low: number; high: number } | null {
  if (fit.n < MIN_PROJECTION_POINTS) return null;
  const value = fit.yMean + fit.slope * (x0 - fit.xMean);
  const s = Math.sqrt(fit.sse / (fit.n - 2));
  const dx = x0 - fit.xMean;
  const halfWidth =
    studentTQuantile((1 + level) / 2, fit.n - 2) * s * Math.sqrt(1 + 1 / fit.n + (dx * dx) / fit.sxx);
  const low = value - halfWidth;
  const high = value + halfWidth;
  return [value, low, high].every(Number.isFinite) ? { value, low, high } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation.

const finiteOrNull = (n: number): number | null => (Number.isFinite(n) ? n : null);

function validateSpec(spec: TargetSpec): void {
  const fields: FieldError[] = [];
  if (!Number.isFinite(spec.goal)) fields.push({ path: 'goal', message: '目标值须为有限数' });
  if (spec.aim !== 'increase' && spec.aim !== 'level')
    fields.push({ path: 'aim', message: '须为 increase 或 level' });
  // An increase target's values are growth from zero; a goal of zero or less has no progress scale.
  if (spec.aim === 'increase' && !(spec.goal > 0))
    fields.push({ path: 'goal', message: '新增类目标值须大于 0' });
  if (!isPeriod(spec.baselinePeriod))
    fields.push({ path: 'baselinePeriod', message: '期间格式应为 YYYY-MM' });
  if (!isPeriod(spec.deadlinePeriod))
    fields.push({ path: 'deadlinePeriod', message: '期间格式应为 YYYY-MM' });
  else if (isPeriod(spec.baselinePeriod) && !(spec.deadlinePeriod > spec.baselinePeriod)) {
    fields.push({ path: 'deadlinePeriod', message: '截止期间须晚于基期' });
  }
  if (fields.length > 0) throw invalid(fields);
}

/** Sorted copy of the series; rejects malformed periods, duplicates and non-finite values. */
function sortedSeries(series: readonly Point[]): Point[] {
  const fields: FieldError[] = [];
  series.forEach((p, i) => {
    if (!isPeriod(p.period)) fields.push({ path: `series.${i}.period`, message: '期间格式应为 YYYY-MM' });
    if (p.value !== null && !Number.isFinite(p.value)) {
      fields.push({ path: `series.${i}.value`, message: '值须为有限数或 null' });
    }
  });
  if (fields.length > 0) throw invalid(fields);
  const sorted = [...series].sort((a, b) => comparePeriods(a.period, b.period));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.period === sorted[i - 1]?.period) {
      throw invalid([{ path: 'series', message: `期间重复：${sorted[i]?.period}` }]);
    }
  }
  return sorted;
}

function progressOf(spec: TargetSpec, value: number | null, start: number | null): number | null {
  if (value === null || start === null) return null;
  if (spec.aim === 'increase') return value / spec.goal;
  // Met at the start: there is no distance to cover, only a level to hold; falling below it is no progress at all.
  if (start >= spec.goal) return value >= spec.goal ? 1 : 0;
  return (value - start) / (spec.goal - start);
}

// The evaluation proper, on a validated spec and a sorted, validated series.
function evaluateSorted(
  spec: TargetSpec,
  series: readonly Point[],
  at: Period,
  thresholds: Thresholds,
): Evaluation {
  const { goal, aim, baselinePeriod, deadlinePeriod } = spec;
  // Only months from the baseline up to `at` count: an evaluation as of a month uses no later data, and pre-plan
  // history would let the old trend speak for the plan's pace.
  let inPlan = series.filter((p) => p.period >= baselinePeriod && p.period <= at);
  if (aim === 'increase') {
    // Growth since the baseline is zero at the baseline by definition, whether or not the series says so.
    inPlan = [{ period: baselinePeriod, value: 0 }, ...inPlan.filter((p) => p.period !== baselinePeriod)];
  }
  const known = inPlan.filter((p): p is { period: Period; value: number } => p.value !== null);

  const value = inPlan.find((p) => p.period === at)?.value ?? null;
  // The series is sorted, so the first known value is the baseline's when the baseline month has data.
  const baselineValue = known[0]?.value ?? null;
  const rawProgress = progressOf(spec, value, baselineValue);
  const progress = rawProgress === null ? null : finiteOrNull(rawProgress);

  const totalMonths = monthsBetween(baselinePeriod, deadlinePeriod);
  const elapsed = Math.min(1, Math.max(0, monthsBetween(baselinePeriod, at) / totalMonths));
  const paceIndex = progress !== null && elapsed > 0 ? finiteOrNull(progress / elapsed) : null;
  const monthsRemaining = Math.max(0, monthsBetween(at, deadlinePeriod));

  // 'achieved' is this month's value meeting the goal, never a latch: a count that falls back below its goal (an
  // entrant that leaves the tier, a cluster whose recognition is withdrawn) is no longer achieved.
  let status: Status;
  if (value === null) status = 'noData';
  else if (value >= goal) status = 'achieved';
  // At the baseline no time has passed and nothing is yet due.
  else if (paceIndex === null) status = 'onTrack';
  else status = classifyPace(paceIndex, thresholds);

  const requiredMonthlyPace =
    !spec.milestone && value !== null && monthsRemaining > 0
      ? finiteOrNull((goal - value) / monthsRemaining)
      : null;

  const window = spec.milestone ? [] : known.slice(-TREND_WINDOW);
  // x in months relative to `at`: small numbers, and the deadline sits at x = monthsRemaining.
  const fit = fitLine(
    window.map((p) => monthsBetween(at, p.period)),
    window.map((p) => p.value),
  );
  const recentMonthlyPace = fit ? finiteOrNull(fit.slope) : null;
  // With the deadline reached there is nothing left to project: the outcome is the actual value.
  const predicted =
    fit && monthsRemaining > 0 ? predictAt(fit, monthsBetween(at, deadlinePeriod), PROJECTION_LEVEL) : null;
  const projection: Projection | null =
    predicted && fit
      ? { model: PROJECTION_MODEL, ...predicted, level: PROJECTION_LEVEL, basis: fit.n }
      : null;

  return {
    period: at,
    value,
    baselineValue,
    progress,
    elapsed,
    paceIndex,
    status,
    projection,
    requiredMonthlyPace,
    recentMonthlyPace,
    monthsRemaining,
  };
}

/**
 * Evaluates a target as of the month `at` (not before the baseline), using only series points from the baseline
 * up to `at`. Throws a VALIDATION error on a malformed spec, series or thresholds.
 */
export function evaluate(
  spec: TargetSpec,
  series: readonly Point[],
  at: Period,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Evaluation {
  validateSpec(spec);
  const valid = validateThresholds(thresholds);
  if (!isPeriod(at)) throw invalid([{ path: 'at', message: '期间格式应为 YYYY-MM' }]);
  if (at < spec.baselinePeriod) throw invalid([{ path: 'at', message: '评估期间不得早于基期' }]);
  return evaluateSorted(spec, sortedSeries(series), at, valid);
}

/** One evaluation per month from the month after the baseline to the series' last month (empty if none). */
export function evaluateSeries(
  spec: TargetSpec,
  series: readonly Point[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Evaluation[] {
  validateSpec(spec);
  const valid = validateThresholds(thresholds);
  const sorted = sortedSeries(series);
  const last = sorted.at(-1)?.period;
  if (last === undefined) return [];
  return periodRange(addMonths(spec.baselinePeriod, 1), last).map((at) =>
    evaluateSorted(spec, sorted, at, valid),
  );
}

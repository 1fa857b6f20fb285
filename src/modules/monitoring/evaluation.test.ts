// Tests of target evaluation with hand-computed numbers: progress, pace status, trend projection and its interval.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import {
  classifyPace,
  DEFAULT_THRESHOLDS,
  evaluate,
  evaluateSeries,
  fitLine,
  isWorse,
  studentTQuantile,
  validateThresholds,
  type Evaluation,
  type Point,
  type TargetSpec,
} from './evaluation.ts';
import { parsePeriod, periodRange, type Period } from '../../platform/time/period.ts';

const p = (text: string): Period => parsePeriod(text);
const series = (entries: Record<string, number | null>): Point[] =>
  Object.entries(entries).map(([period, value]) => ({ period: p(period), value }));

// 新增软信从业人员1万人: growth since 2025-12-31, due 2027-12-31 (24 months).
const workers: TargetSpec = {
  goal: 10000,
  aim: 'increase',
  baselinePeriod: p('2025-12'),
  deadlinePeriod: p('2027-12'),
};
// 软件业务收入达到480亿元 (values in 亿元).
const revenue: TargetSpec = {
  goal: 480,
  aim: 'level',
  baselinePeriod: p('2025-12'),
  deadlinePeriod: p('2027-12'),
};
// 软件产品收入占比达到30% (values in per cent).
const share: TargetSpec = {
  goal: 30,
  aim: 'level',
  baselinePeriod: p('2025-12'),
  deadlinePeriod: p('2027-12'),
};

// 400 new workers every month from 2026-01: 4,800 after a year, 9,600 at the deadline.
const steady400 = (to: string): Point[] =>
  periodRange(p('2026-01'), p(to)).map((period, i) => ({ period, value: 400 * (i + 1) }));

function expectAllFinite(e: Evaluation): void {
  const numbers = [
    e.value,
    e.baselineValue,
    e.progress,
    e.elapsed,
    e.paceIndex,
    e.requiredMonthlyPace,
    e.recentMonthlyPace,
    e.monthsRemaining,
    ...(e.projection ? [e.projection.value, e.projection.low, e.projection.high] : []),
  ];
  for (const n of numbers) if (n !== null) expect(Number.isFinite(n)).toBe(true);
}

describe('Student t quantile', () => {
  it('matches printed t tables (two-sided 80%, i.e. the 0.9 quantile)', () => {
    expect(studentTQuantile(0.9, 1)).toBeCloseTo(3.078, 3);
    expect(studentTQuantile(0.9, 5)).toBeCloseTo(1.476, 3);
    expect(studentTQuantile(0.9, 10)).toBeCloseTo(1.372, 3);
    expect(studentTQuantile(0.9, 30)).toBeCloseTo(1.31, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 6);
    expect(studentTQuantile(0.995, 3)).toBeCloseTo(5.840909, 6);
  });

  it('agrees with the closed forms for 1 and 2 degrees of freedom to 1e-9', () => {
    for (const q of [0.55, 0.6, 0.75, 0.9, 0.95, 0.99, 0.999]) {
      expect(studentTQuantile(q, 1)).toBeCloseTo(Math.tan(Math.PI * (q - 0.5)), 9);
      expect(studentTQuantile(q, 2)).toBeCloseTo((2 * q - 1) / Math.sqrt(2 * q * (1 - q)), 9);
    }
  });

  it('is symmetric, zero at the median and tends to the normal quantile', () => {
    expect(studentTQuantile(0.1, 5)).toBeCloseTo(-studentTQuantile(0.9, 5), 12);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.9, 1e6)).toBeCloseTo(1.2815516, 5);
  });

  it('rejects probabilities outside (0, 1) and non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(AppError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(AppError);
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(AppError);
  });
});

describe('trend projection to the deadline', () => {
  it('projects a perfectly linear series exactly, with an interval of zero width', () => {
    const e = evaluate(workers, steady400('2026-12'), p('2026-12'));
    expect(e.projection?.model).toBe('linear-ols-12m');
    expect(e.projection?.level).toBe(0.8);
    expect(e.projection?.basis).toBe(12);
    expect(e.projection?.value).toBeCloseTo(9600, 6);
    expect(e.projection?.low).toBeCloseTo(9600, 6);
    expect(e.projection?.high).toBeCloseTo(9600, 6);
    expect(e.recentMonthlyPace).toBeCloseTo(400, 9);
  });

  it('matches a hand computation on three points: ŷ = 4, half-width = t(0.9, 1)·√14', () => {
    // x = −2, −1, 0 (months before `at`), y = 1, 3, 2: slope ½, x̄ = −1, ȳ = 2, Sxx = 2, SSE = 1.5, s² = 1.5.
    // Deadline 3 months ahead: ŷ = 2 + ½·4 = 4; se = √(1.5·(1 + ⅓ + 16/2)) = √14.
    const spec: TargetSpec = {
      goal: 10,
      aim: 'level',
      baselinePeriod: p('2025-12'),
      deadlinePeriod: p('2026-05'),
    };
    const e = evaluate(spec, series({ '2025-12': 1, '2026-01': 3, '2026-02': 2 }), p('2026-02'));
    const half = 3.0776835 * Math.sqrt(14);
    expect(e.projection?.basis).toBe(3);
    expect(e.projection?.value).toBeCloseTo(4, 9);
    expect(e.projection?.low).toBeCloseTo(4 - half, 5);
    expect(e.projection?.high).toBeCloseTo(4 + half, 5);
    expect(e.recentMonthlyPace).toBeCloseTo(0.5, 12);
    // progress (2 − 1)/(10 − 1) = 1/9 after 2 of 5 months: pace (1/9)/0.4 ≈ 0.278.
    expect(e.progress).toBeCloseTo(1 / 9, 12);
    expect(e.elapsed).toBeCloseTo(0.4, 12);
    expect(e.paceIndex).toBeCloseTo(0.2778, 4);
    expect(e.status).toBe('seriouslyBehind');
    expect(e.requiredMonthlyPace).toBeCloseTo(8 / 3, 12);
  });

  it("puts a noisy series's interval around its underlying trend", () => {
    const noise = [30, -20, 10, -40, 25, 0, -15, 35, -30, 5, 20, -20];
    const noisy = steady400('2026-12').map((pt, i) => ({ ...pt, value: (pt.value ?? 0) + (noise[i] ?? 0) }));
    const e = evaluate(workers, noisy, p('2026-12'));
    const proj = e.projection;
    expect(proj).not.toBeNull();
    if (!proj) return;
    expect(proj.low).toBeLessThan(9600);
    expect(proj.high).toBeGreaterThan(9600);
    expect(proj.high - proj.value).toBeCloseTo(proj.value - proj.low, 9);
    expect(proj.value).toBeGreaterThan(9500);
    expect(proj.value).toBeLessThan(9700);
    expect(e.recentMonthlyPace).toBeGreaterThan(390);
    expect(e.recentMonthlyPace).toBeLessThan(410);
  });

  it('uses only the latest 12 known months', () => {
    // Flat for six months, then 100 a month for twelve: the window sees only the rise.
    const values: Record<string, number> = {};
    periodRange(p('2026-01'), p('2026-06')).forEach((period) => (values[period] = 0));
    periodRange(p('2026-07'), p('2027-06')).forEach((period, i) => (values[period] = 100 * (i + 1)));
    const e = evaluate(workers, series(values), p('2027-06'));
    expect(e.projection?.basis).toBe(12);
    expect(e.recentMonthlyPace).toBeCloseTo(100, 9);
    expect(e.projection?.value).toBeCloseTo(1800, 6);
  });

  it('needs three points: two give a pace but no projection, one gives neither', () => {
    const rev = evaluate(revenue, series({ '2025-12': 400, '2026-01': 404 }), p('2026-01'));
    expect(rev.recentMonthlyPace).toBeCloseTo(4, 12);
    expect(rev.projection).toBeNull();
    const first = evaluate(revenue, series({ '2025-12': 400 }), p('2025-12'));
    expect(first.recentMonthlyPace).toBeNull();
    expect(first.projection).toBeNull();
  });

  it('counts the baseline as zero growth for increase targets, so two months already give three points', () => {
    const e = evaluate(workers, series({ '2026-01': 400, '2026-02': 800 }), p('2026-02'));
    expect(e.baselineValue).toBe(0);
    expect(e.projection?.basis).toBe(3);
    expect(e.projection?.value).toBeCloseTo(9600, 6);
  });

  it('stays finite when every point is equal', () => {
    const flat = series({ '2025-12': 25, '2026-01': 25, '2026-02': 25 });
    const e = evaluate(share, flat, p('2026-02'));
    expect(e.projection).toEqual({
      model: 'linear-ols-12m',
      value: 25,
      low: 25,
      high: 25,
      level: 0.8,
      basis: 3,
    });
    expect(e.recentMonthlyPace).toBe(0);
    expect(e.progress).toBe(0);
    expect(e.paceIndex).toBe(0);
    expectAllFinite(e);
    const zeros = evaluate(workers, series({ '2026-01': 0, '2026-02': 0, '2026-03': 0 }), p('2026-03'));
    expect(zeros.projection?.value).toBe(0);
    expect(zeros.projection?.high).toBe(0);
    expectAllFinite(zeros);
  });

  it('fitLine refuses a single point and a single month', () => {
    expect(fitLine([0], [1])).toBeNull();
    expect(fitLine([0, 0], [1, 2])).toBeNull();
  });
});

describe('progress and status', () => {
  it('measures an increase target as value / goal and the pace against the time gone', () => {
    const e = evaluate(workers, steady400('2026-12'), p('2026-12'));
    expect(e.value).toBe(4800);
    expect(e.baselineValue).toBe(0);
    expect(e.progress).toBeCloseTo(0.48, 12);
    expect(e.elapsed).toBe(0.5);
    expect(e.paceIndex).toBeCloseTo(0.96, 12);
    expect(e.status).toBe('onTrack');
    expect(e.monthsRemaining).toBe(12);
    expect(e.requiredMonthlyPace).toBeCloseTo(5200 / 12, 9);
  });

  it.each([
    [5250, 'ahead'],
    [5249, 'onTrack'],
    [4750, 'onTrack'],
    [4749, 'behind'],
    [3750, 'behind'],
    [3749, 'seriouslyBehind'],
    [-100, 'seriouslyBehind'],
    [10000, 'achieved'],
    [12000, 'achieved'],
  ] as const)('after half the time, %d new workers is %s', (value, status) => {
    expect(evaluate(workers, series({ '2026-12': value }), p('2026-12')).status).toBe(status);
  });

  it('a pace exactly on a threshold reaches it even when floating point lands a hair below', () => {
    // Share 22% → 30%: 22.7% after 2 of 24 months is (0.7/8)/(2/24) = 1.05 exactly; in doubles 1.049999999999999.
    const e = evaluate(share, series({ '2025-12': 22, '2026-02': 22.7 }), p('2026-02'));
    expect(e.paceIndex).toBeCloseTo(1.05, 12);
    expect(e.status).toBe('ahead');
    expect(classifyPace(0.95)).toBe('onTrack');
    expect(classifyPace(0.75)).toBe('behind');
    expect(classifyPace(0.7499)).toBe('seriouslyBehind');
  });

  it('uses configured thresholds and rejects disordered ones', () => {
    const strict = { ahead: 1.2, onTrack: 1.0, behind: 0.9 };
    expect(evaluate(workers, steady400('2026-12'), p('2026-12'), strict).status).toBe('behind');
    for (const bad of [
      { ahead: 0.9, onTrack: 0.95, behind: 0.75 },
      { ahead: 1.05, onTrack: 0.95, behind: 0 },
      { ahead: 1.05, onTrack: 0.95, behind: Number.NaN },
      { ahead: Number.POSITIVE_INFINITY, onTrack: 0.95, behind: 0.75 },
    ]) {
      expect(() => evaluate(workers, steady400('2026-12'), p('2026-12'), bad)).toThrow(AppError);
    }
    expect(validateThresholds(DEFAULT_THRESHOLDS)).toEqual({ ahead: 1.05, onTrack: 0.95, behind: 0.75 });
  });

  it('measures a level target from its baseline value', () => {
    // 400亿元 at the baseline, 440 after a year: half of the 80 to go in half the time.
    const e = evaluate(revenue, series({ '2025-12': 400, '2026-06': 420, '2026-12': 440 }), p('2026-12'));
    expect(e.baselineValue).toBe(400);
    expect(e.progress).toBeCloseTo(0.5, 12);
    expect(e.paceIndex).toBeCloseTo(1, 12);
    expect(e.status).toBe('onTrack');
    expect(e.requiredMonthlyPace).toBeCloseTo(40 / 12, 12);
  });

  it('starts a level target at its first known value when the baseline month has none', () => {
    const data = series({ '2025-12': null, '2026-02': 410, '2026-04': 420 });
    const e = evaluate(revenue, data, p('2026-04'));
    expect(e.baselineValue).toBe(410);
    expect(e.progress).toBeCloseTo(10 / 70, 12);
    // Data after `at` never leaks in: evaluated at 2026-01 nothing is known yet.
    const early = evaluate(revenue, data, p('2026-01'));
    expect(early.baselineValue).toBeNull();
    expect(early.status).toBe('noData');
  });

  it('ignores months before the baseline', () => {
    const withHistory = series({ '2025-06': 300, '2025-09': 350, '2025-12': 400, '2026-12': 440 });
    const e = evaluate(revenue, withHistory, p('2026-12'));
    expect(e.baselineValue).toBe(400);
    expect(e.recentMonthlyPace).toBeCloseTo(40 / 12, 12);
    expect(e.projection).toBeNull();
  });

  it('a level target already met at the baseline is achieved while it holds, and has made no progress once it slips', () => {
    // Share 32% at the baseline against a goal of 30%.
    const data = series({ '2025-12': 32, '2026-06': 31, '2026-12': 29 });
    const atBaseline = evaluate(share, data, p('2025-12'));
    expect(atBaseline.status).toBe('achieved');
    expect(atBaseline.progress).toBe(1);
    const holding = evaluate(share, data, p('2026-06'));
    expect(holding.status).toBe('achieved');
    expect(holding.progress).toBe(1);
    const slipped = evaluate(share, data, p('2026-12'));
    expect(slipped.progress).toBe(0);
    expect(slipped.paceIndex).toBe(0);
    expect(slipped.status).toBe('seriouslyBehind');
    expect(slipped.requiredMonthlyPace).toBeCloseTo(1 / 12, 12);
    expectAllFinite(slipped);
  });

  it('reports negative progress when a level falls below its start', () => {
    const e = evaluate(revenue, series({ '2025-12': 400, '2026-12': 390 }), p('2026-12'));
    expect(e.progress).toBeCloseTo(-0.125, 12);
    expect(e.status).toBe('seriouslyBehind');
  });
});

describe('missing months', () => {
  const gappy = series({ '2026-01': 400, '2026-02': null, '2026-04': 1600 });

  it('a month without data is noData with no progress, pace or required pace', () => {
    const e = evaluate(workers, gappy, p('2026-03'));
    expect(e.status).toBe('noData');
    expect(e.value).toBeNull();
    expect(e.progress).toBeNull();
    expect(e.paceIndex).toBeNull();
    expect(e.requiredMonthlyPace).toBeNull();
    expect(e.elapsed).toBeCloseTo(3 / 24, 12);
    // The trend still has the baseline and January.
    expect(e.recentMonthlyPace).toBeCloseTo(400, 9);
    expect(e.projection).toBeNull();
    expect(evaluate(workers, gappy, p('2026-02')).status).toBe('noData');
  });

  it('the trend spaces points by their real months across the gap', () => {
    // (−4, 0), (−3, 400), (0, 1600) lie on one line of 400 a month.
    const e = evaluate(workers, gappy, p('2026-04'));
    expect(e.projection?.basis).toBe(3);
    expect(e.projection?.value).toBeCloseTo(9600, 6);
    expect(e.projection?.high).toBeCloseTo(9600, 6);
    expect(e.recentMonthlyPace).toBeCloseTo(400, 9);
  });

  it('the order of the input does not matter', () => {
    const shuffled = [...gappy].reverse();
    expect(evaluate(workers, shuffled, p('2026-04'))).toEqual(evaluate(workers, gappy, p('2026-04')));
  });
});

describe('at the baseline, at the deadline and beyond', () => {
  it('at the baseline no time has passed: no pace index, nothing due yet', () => {
    const e = evaluate(workers, steady400('2026-12'), p('2025-12'));
    expect(e.value).toBe(0);
    expect(e.elapsed).toBe(0);
    expect(e.paceIndex).toBeNull();
    expect(e.status).toBe('onTrack');
    expect(e.monthsRemaining).toBe(24);
    expect(e.requiredMonthlyPace).toBeCloseTo(10000 / 24, 9);
    expect(e.projection).toBeNull();
    expect(evaluate(revenue, [], p('2025-12')).status).toBe('noData');
  });

  it('at the deadline the time is all gone: nothing to project, no pace required', () => {
    const e = evaluate(workers, steady400('2027-12'), p('2027-12'));
    expect(e.value).toBe(9600);
    expect(e.elapsed).toBe(1);
    expect(e.paceIndex).toBeCloseTo(0.96, 12);
    expect(e.status).toBe('onTrack');
    expect(e.monthsRemaining).toBe(0);
    expect(e.requiredMonthlyPace).toBeNull();
    expect(e.projection).toBeNull();
    expect(e.recentMonthlyPace).toBeCloseTo(400, 9);
  });

  it('beyond the deadline elapsed stays at 1 and the pace index equals progress', () => {
    const late = evaluate(workers, series({ '2028-03': 9000 }), p('2028-03'));
    expect(late.elapsed).toBe(1);
    expect(late.monthsRemaining).toBe(0);
    expect(late.paceIndex).toBeCloseTo(0.9, 12);
    expect(late.status).toBe('behind');
    expect(evaluate(workers, steady400('2028-03'), p('2028-03')).status).toBe('achieved');
  });
});

describe('evaluateSeries', () => {
  it('evaluates every month from the one after the baseline to the last point', () => {
    const all = evaluateSeries(
      workers,
      series({ '2025-12': 0, '2026-01': 400, '2026-03': 1200, '2026-04': 1600 }),
    );
    expect(all.map((e) => e.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(all.map((e) => e.status)).toEqual(['onTrack', 'noData', 'onTrack', 'onTrack']);
    expect(all[3]?.projection?.value).toBeCloseTo(9600, 6);
    for (const e of all) expectAllFinite(e);
  });

  it('matches evaluate month by month and never returns NaN or Infinity', () => {
    const noise = [3, -2, 1, -4, 2, 0, -1, 3, -3, 0, 2, -2, 1, 4, -1, 0, 2, -3, 1, 0, -2, 3, 1, -1, 2, 0, 0];
    const values = periodRange(p('2025-12'), p('2028-02')).map((period, i) => ({
      period,
      value: i % 7 === 5 ? null : 400 + 3.5 * i + (noise[i] ?? 0),
    }));
    const all = evaluateSeries(revenue, values);
    expect(all).toHaveLength(26);
    all.forEach((e) => {
      expect(e).toEqual(evaluate(revenue, values, e.period));
      expectAllFinite(e);
    });
  });

  it('is empty when nothing follows the baseline', () => {
    expect(evaluateSeries(workers, [])).toEqual([]);
    expect(evaluateSeries(revenue, series({ '2025-12': 400 }))).toEqual([]);
  });
});

describe('rejecting malformed input', () => {
  it('refuses duplicate months, non-finite values and an evaluation month before the baseline', () => {
    expect(() =>
      evaluate(workers, series({ '2026-01': 1 }).concat(series({ '2026-01': 2 })), p('2026-01')),
    ).toThrow(AppError);
    expect(() => evaluate(workers, series({ '2026-01': Number.NaN }), p('2026-01'))).toThrow(AppError);
    expect(() => evaluate(workers, [], p('2025-11'))).toThrow(AppError);
    expect(() => evaluate(workers, [{ period: '2026-1' as Period, value: 1 }], p('2026-01'))).toThrow(
      AppError,
    );
  });

  it('refuses a deadline not after the baseline and an increase goal of zero', () => {
    expect(() => evaluate({ ...workers, deadlinePeriod: p('2025-12') }, [], p('2025-12'))).toThrow(AppError);
    expect(() => evaluate({ ...workers, goal: 0 }, [], p('2026-01'))).toThrow(AppError);
    expect(() => evaluate({ ...revenue, goal: Number.NaN }, [], p('2026-01'))).toThrow(AppError);
  });
});

describe('milestones and counts that fall back', () => {
  // 建成1个特色软信产业集聚区: 0 until a department reports it built, then 1.
  const cluster: TargetSpec = {
    goal: 1,
    aim: 'level',
    baselinePeriod: p('2025-12'),
    deadlinePeriod: p('2027-12'),
    milestone: true,
  };
  // 新培育“上星”软信企业5家: a count of entrants, which falls when an entrant leaves the tier.
  const shangxing: TargetSpec = {
    goal: 5,
    aim: 'increase',
    baselinePeriod: p('2025-12'),
    deadlinePeriod: p('2027-12'),
  };

  it('a milestone gets no projection and no monthly pace, before or after it is reached', () => {
    // As a quantity, 0 from 2025-12 to 2026-04 and 1 from 2026-05 to 2026-08 (x = 0…8, ȳ = 4/9, Sxy = 10, Sxx = 60)
    // fits a slope of 1/6 a month and projects 4/9 + 20/6 = 3.78 clusters at the deadline (x = 24).
    const data = series({
      '2025-12': 0,
      '2026-01': 0,
      '2026-02': 0,
      '2026-03': 0,
      '2026-04': 0,
      '2026-05': 1,
      '2026-06': 1,
      '2026-07': 1,
      '2026-08': 1,
    });
    const asCount = evaluate({ ...cluster, milestone: false }, data, p('2026-08'));
    expect(asCount.recentMonthlyPace).toBeCloseTo(1 / 6, 12);
    expect(asCount.projection?.value).toBeCloseTo(4 / 9 + 20 / 6, 12);
    for (const at of ['2026-03', '2026-08']) {
      const e = evaluate(cluster, data, p(at));
      expect(e.projection).toBeNull();
      expect(e.recentMonthlyPace).toBeNull();
      expect(e.requiredMonthlyPace).toBeNull();
    }
    const before = evaluate(cluster, data, p('2026-03'));
    expect(before.value).toBe(0);
    expect(before.progress).toBe(0);
    const reached = evaluate(cluster, data, p('2026-08'));
    expect(reached.status).toBe('achieved');
    expect(reached.progress).toBe(1);
  });

  it('a milestone whose recognition is withdrawn is no longer achieved', () => {
    const data = series({ '2025-12': 0, '2026-05': 1, '2026-06': 1, '2026-07': 0 });
    expect(evaluate(cluster, data, p('2026-06')).status).toBe('achieved');
    const withdrawn = evaluate(cluster, data, p('2026-07'));
    // Progress (0 − 0)/(1 − 0) = 0 after 7 of 24 months: pace index 0.
    expect(withdrawn.progress).toBe(0);
    expect(withdrawn.paceIndex).toBe(0);
    expect(withdrawn.status).toBe('seriouslyBehind');
  });

  it('a count that reaches its goal and falls back is achieved only in the months it holds', () => {
    const data = series({ '2026-03': 2, '2026-06': 5, '2026-07': 4, '2026-09': 5 });
    const all = evaluateSeries(shangxing, data);
    const statusAt = Object.fromEntries(all.map((e) => [e.period, e.status]));
    expect(statusAt['2026-06']).toBe('achieved');
    // July: 4 of 5 = 0.8 after 7 of 24 months: pace index 0.8 / (7/24) = 2.742857… — ahead, not achieved.
    const july = all.find((e) => e.period === '2026-07')!;
    expect(july.progress).toBeCloseTo(0.8, 12);
    expect(july.paceIndex).toBeCloseTo(0.8 / (7 / 24), 12);
    expect(july.status).toBe('ahead');
    // One more is needed over the 17 months left.
    expect(july.requiredMonthlyPace).toBeCloseTo(1 / 17, 12);
    expect(statusAt['2026-08']).toBe('noData');
    expect(statusAt['2026-09']).toBe('achieved');
  });

  it('losing the goal is a worsening the owners are told of, even while the pace is ahead', () => {
    expect(isWorse('achieved', 'ahead')).toBe(true);
    expect(isWorse('ahead', 'achieved')).toBe(false);
    expect(isWorse('ahead', 'onTrack')).toBe(true);
    expect(isWorse('onTrack', 'noData')).toBe(false);
    expect(isWorse('behind', 'seriouslyBehind')).toBe(true);
  });
});

// The annual assessment's scoring (考核计分), pure: a scheme's indicators, each with a method, turn a unit's inputs
// (a target's actual and goal, its place among its peers, counts of overdue 督办单 or late reports, bonus items)
// into points with the reason in words, and the points into a scorecard and a ranking (赛马比拼). Every figure is
// kept in hundredths of a point (integers), so sums are exact; a point value is rounded half away from zero to two
// places once, where it is computed. The rules and worked examples: docs/assessment.md.
import { roundHalfAway } from '../../platform/decimal.ts';

/** How one indicator turns its input into points. */
export type ScoringMethod =
  /**
   * 目标完成计分: full marks when the goal is met; below it `proportional` (full × actual ÷ goal), `zero`, or
   * proportional only from `threshold` (a ratio, e.g. 0.6: under 60 % scores 0). Above the goal, up to `overCap`
   * × full (default 1: no extra for exceeding).
   */
  | { kind: 'targetScoring'; below: 'proportional' | 'zero'; threshold?: number; overCap?: number }
  /**
   * 争先进位: by place among the peers (ties share a place: 1, 1, 3). `step`: full − (place − 1) × step, not under
   * `floor` (default 0); or, without step, spread evenly from full (first) to floor (last). `improvement`: points
   * per place gained on the previous period (lost places take them away), at most `cap` either way.
   */
  | {
      kind: 'rankScoring';
      higherIsBetter?: boolean;
      step?: number;
      floor?: number;
      improvement?: { perPlace: number; cap: number };
    }
  /** 扣分: `per` points for each occurrence, at most `cap`. */
  | { kind: 'deduction'; per: number; cap: number }
  /** 加分: `per` points for each item, at most `cap`. */
  | { kind: 'bonus'; per: number; cap: number };

export interface SchemeIndicator {
  code: string;
  name: string;
  /** Full marks (for deductions and bonuses: unused; their caps bound them). */
  points: number;
  method: ScoringMethod;
  /** What an occurrence or an item is called in the reason ("逾期督办单", "件"). */
  noun?: string;
  unit?: string;
}

export type IndicatorInput =
  | { kind: 'target'; actual: number; goal: number }
  | { kind: 'rank'; value: number; peers: number[]; previousPlace?: number }
  | { kind: 'count'; count: number };

export interface ScoreLine {
  code: string;
  name: string;
  /** Hundredths of a point; negative for a deduction. */
  centi: number;
  /** Hundredths: the most this line could give (0 for deductions). */
  maxCenti: number;
  reason: string;
}

/** Points (a number) in hundredths, rounded half away from zero on the decimal text: 8.105 → 811, −0.125 → −13. */
export function toCenti(points: number): number {
  if (!Number.isFinite(points)) throw new Error(`not a number of points: ${points}`);
  // Through the shortest decimal text of the number, so 8.105 (binary 8.10499…) rounds as it is written.
  return Math.round(Number(roundHalfAway(points, 2)) * 100);
}

/** Hundredths as text with two places: 811 → '8.11', −150 → '-1.50'. */
export const pointsText = (centi: number): string =>
  `${centi < 0 ? '-' : ''}${Math.floor(Math.abs(centi) / 100)}.${String(Math.abs(centi) % 100).padStart(2, '0')}`;

const pct = (ratio: number) => `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;

/** Competition places (1, 1, 3): how many peers are strictly better, plus one. */
export function placeOf(value: number, peers: number[], higherIsBetter = true): number {
  return 1 + peers.filter((p) => (higherIsBetter ? p > value : p < value)).length;
}

export function scoreIndicator(ind: SchemeIndicator, input: IndicatorInput): ScoreLine {
  const m = ind.method;
  const full = toCenti(ind.points);
  const line = (centi: number, maxCenti: number, reason: string): ScoreLine => ({
    code: ind.code,
    name: ind.name,
    centi,
    maxCenti,
    reason,
  });
  const noun = ind.noun ?? '项';
  const unit = ind.unit ?? '件';
  switch (m.kind) {
    case 'targetScoring': {
      if (input.kind !== 'target') throw new Error(`${ind.code}: 目标完成计分 needs a target input`);
      const overCap = m.overCap ?? 1;
      const max = toCenti(ind.points * overCap);
      const ratio = input.goal > 0 ? input.actual / input.goal : input.actual >= input.goal ? 1 : 0;
      const of = `完成 ${pct(ratio)}（目标 ${input.goal}，完成 ${input.actual}）`;
      if (ratio >= 1) {
        const centi = Math.min(max, toCenti(ind.points * Math.min(ratio, overCap)));
        return line(
          centi,
          max,
          ratio > 1 && overCap > 1
            ? `${of}，超额完成，得 ${pointsText(centi)} 分（满分 ${pointsText(full)} 分，超额最多 ${pointsText(max)} 分）`
            : `${of}，达到目标，得满分 ${pointsText(centi)} 分`,
        );
      }
      if (m.below === 'zero') return line(0, max, `${of}，未达到目标，不得分`);
      if (m.threshold !== undefined && ratio < m.threshold)
        return line(0, max, `${of}，低于 ${pct(m.threshold)}，不得分`);
      const centi = toCenti(ind.points * Math.max(0, ratio));
      return line(centi, max, `${of}，按完成比例得 ${pointsText(centi)} 分（满分 ${pointsText(full)} 分）`);
    }
    case 'rankScoring': {
      if (input.kind !== 'rank') throw new Error(`${ind.code}: 争先进位 needs a rank input`);
      const n = input.peers.length;
      const place = placeOf(input.value, input.peers, m.higherIsBetter ?? true);
      const floor = toCenti(m.floor ?? 0);
      let centi: number;
      if (m.step !== undefined) centi = Math.max(floor, full - (place - 1) * toCenti(m.step));
      else centi = n <= 1 ? full : floor + Math.round(((full - floor) * (n - place)) / (n - 1));
      let reason = `在 ${n} 个单位中排第 ${place} 名，得 ${pointsText(centi)} 分`;
      let max = full;
      if (m.improvement && input.previousPlace !== undefined) {
        const gained = input.previousPlace - place;
        const cap = toCenti(m.improvement.cap);
        const extra = Math.max(-cap, Math.min(cap, gained * toCenti(m.improvement.perPlace)));
        centi += extra;
        max += cap;
        reason +=
          gained === 0
            ? `；名次与上期（第 ${input.previousPlace} 名）相同，进位不加分`
            : gained > 0
              ? `；较上期（第 ${input.previousPlace} 名）前进 ${gained} 位，加 ${pointsText(extra)} 分`
              : `；较上期（第 ${input.previousPlace} 名）后退 ${-gained} 位，减 ${pointsText(-extra)} 分`;
      }
      return line(centi, max, reason);
    }
    case 'deduction':
    case 'bonus': {
      if (input.kind !== 'count') throw new Error(`${ind.code}: ${m.kind} needs a count input`);
      const cap = toCenti(m.cap);
      const raw = input.count * toCenti(m.per);
      const centi = Math.min(cap, raw);
      const verb = m.kind === 'deduction' ? '扣' : '加';
      const capped = raw > cap ? `，以 ${pointsText(cap)} 分为限` : '';
      const reason =
        input.count === 0
          ? `${noun} 0 ${unit}，不${verb}分`
          : `${noun} ${input.count} ${unit}，每${unit}${verb} ${pointsText(toCenti(m.per))} 分${capped}，${verb} ${pointsText(centi)} 分`;
      return m.kind === 'deduction' ? line(-centi, 0, reason) : line(centi, cap, reason);
    }
  }
}

export interface Scorecard {
  unitId: string;
  lines: ScoreLine[];
  /** Hundredths; never below 0 (deductions cannot take a unit under zero). */
  totalCenti: number;
}

export function scorecard(
  unitId: string,
  indicators: SchemeIndicator[],
  inputs: Record<string, IndicatorInput | undefined>,
): Scorecard {
  const lines = indicators.flatMap((ind) => {
    const input = inputs[ind.code];
    return input ? [scoreIndicator(ind, input)] : [];
  });
  const sum = lines.reduce((s, l) => s + l.centi, 0);
  return { unitId, lines, totalCenti: Math.max(0, sum) };
}

/** 赛马比拼: scorecards by total, best first, with competition places (ties share a place). */
export function ranking(cards: Scorecard[]): (Scorecard & { place: number })[] {
  const totals = cards.map((c) => c.totalCenti);
  return cards
    .map((c) => ({ ...c, place: placeOf(c.totalCenti, totals) }))
    .sort((a, b) => a.place - b.place || a.unitId.localeCompare(b.unitId));
}

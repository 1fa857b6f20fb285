// The scoring rules on hand-computed cases (docs/assessment.md has the same examples in words).
import { describe, expect, it } from 'vitest';
import {
  placeOf,
  pointsText,
  ranking,
  scoreIndicator,
  scorecard,
  toCenti,
  type SchemeIndicator,
} from './assessment.ts';

const target = (over: Partial<SchemeIndicator['method']> = {}): SchemeIndicator => ({
  code: 'newEnterprises',
  name: '新增软信企业',
  points: 10,
  method: { kind: 'targetScoring', below: 'proportional', ...over } as SchemeIndicator['method'],
});

describe('目标完成计分 (targetScoring)', () => {
  it('gives full marks at the goal and proportional marks below it: 567 of 700 → 81.0% → 8.10', () => {
    expect(scoreIndicator(target(), { kind: 'target', actual: 700, goal: 700 })).toMatchObject({
      centi: 1000,
      reason: '完成 100.0%（目标 700，完成 700），达到目标，得满分 10.00 分',
    });
    expect(scoreIndicator(target(), { kind: 'target', actual: 567, goal: 700 })).toMatchObject({
      centi: 810,
      maxCenti: 1000,
      reason: '完成 81.0%（目标 700，完成 567），按完成比例得 8.10 分（满分 10.00 分）',
    });
  });

  it('rounds half away from zero once: 1 of 3 × 10 → 3.33; 8.105 → 8.11', () => {
    expect(scoreIndicator(target(), { kind: 'target', actual: 1, goal: 3 }).centi).toBe(333);
    expect(toCenti(8.105)).toBe(811);
    expect(toCenti(-0.125)).toBe(-13);
  });

  it('scores zero below the threshold and proportionally from it: 59% → 0, 60% → 6.00', () => {
    const t = target({ threshold: 0.6 });
    expect(scoreIndicator(t, { kind: 'target', actual: 59, goal: 100 })).toMatchObject({
      centi: 0,
      reason: '完成 59.0%（目标 100，完成 59），低于 60.0%，不得分',
    });
    expect(scoreIndicator(t, { kind: 'target', actual: 60, goal: 100 }).centi).toBe(600);
  });

  it('scores nothing below the goal under "zero", and gives extra only up to overCap', () => {
    expect(scoreIndicator(target({ below: 'zero' }), { kind: 'target', actual: 99, goal: 100 }).centi).toBe(
      0,
    );
    expect(scoreIndicator(target(), { kind: 'target', actual: 150, goal: 100 }).centi).toBe(1000);
    const over = target({ overCap: 1.2 });
    expect(scoreIndicator(over, { kind: 'target', actual: 110, goal: 100 })).toMatchObject({
      centi: 1100,
      maxCenti: 1200,
    });
    expect(scoreIndicator(over, { kind: 'target', actual: 150, goal: 100 }).centi).toBe(1200);
  });

  it('treats a zero goal as met by anything not below it', () => {
    expect(scoreIndicator(target(), { kind: 'target', actual: 0, goal: 0 }).centi).toBe(1000);
  });
});

describe('争先进位 (rankScoring)', () => {
  const peers = [90, 80, 80, 70, 60];
  const rank = (method: Partial<Extract<SchemeIndicator['method'], { kind: 'rankScoring' }>>) =>
    ({
      code: 'rank',
      name: '排名',
      points: 10,
      method: { kind: 'rankScoring', ...method },
    }) as SchemeIndicator;

  it('places ties together (1, 2, 2, 4, 5), higher or lower being better', () => {
    expect(peers.map((v) => placeOf(v, peers))).toEqual([1, 2, 2, 4, 5]);
    expect(peers.map((v) => placeOf(v, peers, false))).toEqual([5, 3, 3, 2, 1]);
  });

  it('spreads evenly from full (first) to the floor (last): 5 peers, floor 6 → 10, 9, 9, 7, 6', () => {
    const m = rank({ floor: 6 });
    expect(peers.map((v) => scoreIndicator(m, { kind: 'rank', value: v, peers }).centi)).toEqual([
      1000, 900, 900, 700, 600,
    ]);
  });

  it('takes a step per place, never under the floor: step 1.5, floor 5 → 10, 8.5, 8.5, 5.5, 5', () => {
    const m = rank({ step: 1.5, floor: 5 });
    expect(peers.map((v) => scoreIndicator(m, { kind: 'rank', value: v, peers }).centi)).toEqual([
      1000, 850, 850, 550, 500,
    ]);
  });

  it('adds or takes points per place moved since the previous period, within the cap', () => {
    const m = rank({ step: 1, improvement: { perPlace: 0.5, cap: 1 } });
    const up = scoreIndicator(m, { kind: 'rank', value: 80, peers, previousPlace: 4 });
    expect(up).toMatchObject({ centi: 900 + 100, maxCenti: 1100 });
    expect(up.reason).toBe('在 5 个单位中排第 2 名，得 9.00 分；较上期（第 4 名）前进 2 位，加 1.00 分');
    const far = scoreIndicator(m, { kind: 'rank', value: 90, peers, previousPlace: 5 });
    expect(far.centi).toBe(1000 + 100); // 4 places × 0.5 = 2, capped at 1
    const down = scoreIndicator(m, { kind: 'rank', value: 60, peers, previousPlace: 4 });
    expect(down).toMatchObject({ centi: 600 - 50 });
    expect(down.reason).toContain('后退 1 位，减 0.50 分');
  });
});

describe('deductions and bonuses', () => {
  const overdue: SchemeIndicator = {
    code: 'overdueNotices',
    name: '逾期督办单',
    points: 0,
    noun: '逾期督办单',
    unit: '件',
    method: { kind: 'deduction', per: 0.5, cap: 2 },
  };
  it('takes per occurrence up to the cap, in words', () => {
    expect(scoreIndicator(overdue, { kind: 'count', count: 3 })).toMatchObject({
      centi: -150,
      reason: '逾期督办单 3 件，每件扣 0.50 分，扣 1.50 分',
    });
    expect(scoreIndicator(overdue, { kind: 'count', count: 7 })).toMatchObject({
      centi: -200,
      reason: '逾期督办单 7 件，每件扣 0.50 分，以 2.00 分为限，扣 2.00 分',
    });
    expect(scoreIndicator(overdue, { kind: 'count', count: 0 }).reason).toBe('逾期督办单 0 件，不扣分');
  });

  it('add per item up to the cap', () => {
    const bonus: SchemeIndicator = {
      code: 'honours',
      name: '获评荣誉',
      points: 0,
      noun: '获评市级以上荣誉',
      unit: '项',
      method: { kind: 'bonus', per: 1, cap: 3 },
    };
    expect(scoreIndicator(bonus, { kind: 'count', count: 2 })).toMatchObject({ centi: 200, maxCenti: 300 });
    expect(scoreIndicator(bonus, { kind: 'count', count: 5 }).centi).toBe(300);
  });
});

describe('scorecards and the ranking (赛马比拼)', () => {
  const scheme: SchemeIndicator[] = [
    { code: 'a', name: '指标甲', points: 60, method: { kind: 'targetScoring', below: 'proportional' } },
    { code: 'b', name: '指标乙', points: 40, method: { kind: 'targetScoring', below: 'zero' } },
    { code: 'late', name: '迟报', points: 0, method: { kind: 'deduction', per: 1, cap: 5 } },
  ];
  it('sums the lines exactly, skips indicators without an input, and never goes under zero', () => {
    const card = scorecard('u1', scheme, {
      a: { kind: 'target', actual: 45, goal: 60 }, // 75% of 60 → 45.00
      b: { kind: 'target', actual: 10, goal: 10 }, // 40.00
      late: { kind: 'count', count: 2 }, // −2.00
    });
    expect(card.lines.map((l) => l.centi)).toEqual([4500, 4000, -200]);
    expect(pointsText(card.totalCenti)).toBe('83.00');
    expect(scorecard('u2', scheme, { b: { kind: 'target', actual: 1, goal: 10 } }).lines).toHaveLength(1);
    expect(
      scorecard('u3', scheme, {
        a: { kind: 'target', actual: 0, goal: 60 },
        late: { kind: 'count', count: 9 },
      }).totalCenti,
    ).toBe(0);
  });

  it('ranks by total with shared places for ties', () => {
    const r = ranking([
      { unitId: 'c', lines: [], totalCenti: 8000 },
      { unitId: 'a', lines: [], totalCenti: 9050 },
      { unitId: 'b', lines: [], totalCenti: 8000 },
    ]);
    expect(r.map((x) => [x.unitId, x.place])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
    ]);
  });
});

// A card's words, on the cases issue 10 names: 软件业务收入 80.85亿元 beside a ring of 2.0 %, 软件产品收入占比 27.5 % beside
// 12.0 %, 新培育瞪羚 "166.7 %" while the stock fell from 21 to 13, and "进度指数 0.04".
import { describe, expect, it } from 'vitest';
import type { EvaluationView } from '@contracts/modules/monitoring/monitoring.contract.ts';
import zh from '../../app/locales/zh-CN.json';
import en from '../../app/locales/en-US.json';
import {
  changeWords,
  paceWords,
  ringKind,
  ringWords,
  valueAgainstGoal,
  baselineWords,
} from './progressWords.ts';

/** A minimal i18next: looks the key up in a locale file and fills {{params}}. */
const tOf =
  (locale: unknown) =>
  (key: string, params: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], locale);
    if (typeof text !== 'string') throw new Error(`missing ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));
  };
const t = tOf(zh);

const evaluation = (e: Partial<EvaluationView>): EvaluationView => ({
  period: '2026-11',
  value: null,
  baselineValue: null,
  progress: null,
  elapsed: 11 / 24,
  paceIndex: null,
  status: 'noData',
  projection: null,
  requiredMonthlyPace: null,
  recentMonthlyPace: null,
  monthsRemaining: 13,
  ...e,
});

const revenue = { goal: 480, unit: '亿元', aim: 'level' as const, milestone: false };
// (80.85 − 72.83) ÷ (480 − 72.83) = 8.02 ÷ 407.17 = 0.0197 → "2.0%"
const revenueEval = evaluation({
  value: 80.85,
  baselineValue: 72.83,
  progress: 8.02 / 407.17,
  paceIndex: 8.02 / 407.17 / (11 / 24),
  status: 'seriouslyBehind',
});

describe('what the ring measures, in words', () => {
  it('a 达到 target: the share of the increase from the baseline, with the baseline in the same unit', () => {
    expect(ringKind(revenue, revenueEval)).toBe('fromBaseline');
    expect(ringWords(t, revenue, revenueEval)).toBe('较基期完成目标增量的 2.0%');
    expect(valueAgainstGoal(80.85, revenue, 'zh-CN')).toBe('80.85 / 480.00亿元');
    expect(baselineWords(t, revenue, revenueEval, 'zh-CN')).toBe('基期 72.83亿元');
  });

  it('a share in %: 27.5 of 30 from 25.2 reads 12.0 % of the increase', () => {
    const share = { goal: 45, unit: '%', aim: 'level' as const, milestone: false };
    // (27.5 − 25.1) ÷ (45 − 25.1) = 2.4 ÷ 19.9 = 0.1206
    const e = evaluation({ value: 27.5, baselineValue: 25.1, progress: 2.4 / 19.9, status: 'behind' });
    expect(ringWords(t, share, e)).toBe('较基期完成目标增量的 12.1%');
    expect(valueAgainstGoal(27.5, share, 'zh-CN')).toBe('27.5 / 45%');
  });

  it('a 新增 target: the share of the goal, counts in the same digits', () => {
    const people = { goal: 10_000, unit: '人', aim: 'increase' as const, milestone: false };
    const e = evaluation({ value: 3213, baselineValue: 0, progress: 0.3213, status: 'behind' });
    expect(ringWords(t, people, e)).toBe('完成目标的 32.1%');
    expect(valueAgainstGoal(3213, people, 'zh-CN')).toBe('3,213 / 10,000人'); // not "3,213人" beside "1万人"
    expect(baselineWords(t, people, e, 'zh-CN')).toBeNull();
    expect(valueAgainstGoal(null, people, 'en-US')).toBe('— / 10,000 people');
  });

  it('a level met at the baseline, a milestone, no data', () => {
    const held = { goal: 30, unit: '%', aim: 'level' as const, milestone: false };
    expect(ringWords(t, held, evaluation({ value: 31, baselineValue: 32, progress: 1 }))).toBe(
      '基期已达到目标，保持中',
    );
    expect(ringWords(t, held, evaluation({ value: 29, baselineValue: 32, progress: 0 }))).toBe(
      '基期已达到目标，现已跌破',
    );
    const cluster = { goal: 1, unit: '个', aim: 'level' as const, milestone: true };
    expect(ringWords(t, cluster, evaluation({ value: 1, baselineValue: 0, progress: 1 }))).toBe('已建成');
    expect(ringWords(t, cluster, evaluation({}))).toBe('本月暂无数据');
  });

  it('English', () => {
    expect(ringWords(tOf(en), revenue, revenueEval)).toBe(
      '2.0% of the increase from the baseline to the goal done',
    );
    expect(valueAgainstGoal(80.85, revenue, 'en-US')).toBe('8.085 / 48.000 billion yuan');
  });
});

describe('the pace in words instead of "进度指数 0.04"', () => {
  it('says how far along the target is against where it should be by now', () => {
    // progress 1.97 %, elapsed 45.8 %: 0.0197 ÷ 0.4583 = 0.0430 → 4.3 %
    expect(paceWords(t, revenueEval)).toBe('完成进度 2.0%，时间进度 45.8%：为按时间应有进度的 4.3%');
    expect(paceWords(t, evaluation({ value: 0, progress: 0, elapsed: 0, status: 'onTrack' }))).toBe(
      '基期月份，尚无进度要求',
    );
    expect(paceWords(t, evaluation({ value: 12, progress: 1.2, paceIndex: 2.6, status: 'achieved' }))).toBe(
      '已达到目标',
    );
    expect(paceWords(t, null)).toBe('本月暂无数据');
  });
});

describe('an entrants target shows exits and net change beside the entries', () => {
  it('瞪羚: 8 new, 16 gone, the stock from 21 to 13', () => {
    expect(changeWords(t, { month: '2026-11', entries: 8, exits: 16, net: -8, stock: 13 }, true)).toBe(
      '新进入 8 家 · 退出 16 家 · 净变化 −8 家（存量 21 → 13）',
    );
    expect(changeWords(t, { month: '2026-03', entries: 1, exits: 2, net: -1, stock: 4 }, false)).toBe(
      '新入驻 1 家 · 迁出注销 2 家 · 净变化 −1 家（在区企业 5 → 4）',
    );
    expect(changeWords(t, { month: '2026-03', entries: 3, exits: 1, net: 2, stock: 9 }, true)).toBe(
      '新进入 3 家 · 退出 1 家 · 净变化 +2 家（存量 7 → 9）',
    );
  });
});

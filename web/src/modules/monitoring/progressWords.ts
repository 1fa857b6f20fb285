// What a target's ring and figures mean, in words: which share the ring shows (of the goal, or of the way from the
// baseline to it), the value against the goal in one unit, the pace against time, and an entrants target's changes.
// Pure: the caller's `t` turns the keys into text (monitoring.words.* in the locales).
import type { EntrantChange, EvaluationView } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { groupThousands, roundHalfAway } from '@contracts/platform/decimal.ts';
import { formatMoney } from '../../components/format.ts';
import { formatShare } from '../../components/charts/measure.ts';

type Lang = 'zh-CN' | 'en-US';
type T = (key: string, params?: Record<string, unknown>) => string;

export interface TargetLike {
  goal: number;
  unit: string;
  aim: 'increase' | 'level';
  milestone: boolean;
}

/**
 * What the ring measures:
 * - `ofGoal` — a 新增 target: the value ÷ the goal ("完成目标的 32.1%");
 * - `fromBaseline` — a 达到 target: (value − baseline) ÷ (goal − baseline), the share of the increase the goal asks
 *   for that is done ("较基期完成目标增量的 2.0%"), which is why 80.85亿元 of 480亿元 reads 2.0 %, not 16.8 %;
 * - `holding` — a 达到 target already met at the baseline: 100 % while it holds, 0 % once below;
 * - `milestone` — reached or not; `none` — no value this month.
 */
export type RingKind = 'ofGoal' | 'fromBaseline' | 'holding' | 'milestone' | 'none';

export function ringKind(
  target: TargetLike,
  e: Pick<EvaluationView, 'progress' | 'baselineValue'> | null,
): RingKind {
  if (!e || e.progress === null) return 'none';
  if (target.milestone) return 'milestone';
  if (target.aim === 'increase') return 'ofGoal';
  if (e.baselineValue !== null && e.baselineValue >= target.goal) return 'holding';
  return 'fromBaseline';
}

/** The ring's caption in words: "较基期完成目标增量的 2.0%", "完成目标的 32.1%", "已建成", "暂无数据". */
export function ringWords(t: T, target: TargetLike, e: EvaluationView | null): string {
  const kind = ringKind(target, e);
  const progress = formatShare(e?.progress);
  if (kind === 'milestone')
    return t(`monitoring.words.ring.milestone.${(e?.progress ?? 0) >= 1 ? 'done' : 'notYet'}`);
  if (kind === 'holding')
    return t(`monitoring.words.ring.holding.${(e?.progress ?? 0) >= 1 ? 'held' : 'lost'}`);
  return t(`monitoring.words.ring.${kind}`, { progress });
}

/** A number in the target's unit without the unit, the way both sides of a comparison show it. */
function bare(value: number, unit: string, lang: Lang): string {
  if (unit === '亿元') return formatMoney(roundHalfAway(value, 0, 8), { unit: '亿元', lang, bare: true });
  if (unit === '%') return roundHalfAway(value, 1);
  return groupThousands(roundHalfAway(value, Math.abs(value) >= 100 ? 0 : 2));
}

const unitWords: Record<string, string> = { 人: 'people', 平方米: 'm²', 家: 'enterprises', 个: '', 亿元: '' };

/** The unit after a comparison: "亿元", "人", "%"; in English "people", "billion yuan" for 亿元, "%". */
function unitSuffix(unit: string, lang: Lang): string {
  if (lang === 'zh-CN') return unit;
  if (unit === '亿元') return ' billion yuan';
  if (unit === '%') return '%';
  const w = unitWords[unit] ?? unit;
  return w ? ` ${w}` : '';
}

/**
 * The value against the goal in one unit, with the same digits: "80.85 / 480.00亿元", "3,213 / 10,000人",
 * "27.5 / 30.0%" (not "3,213人" beside "1万人", nor 亿元 beside 万元). Null value → "— / 480.00亿元".
 */
export function valueAgainstGoal(value: number | null | undefined, target: TargetLike, lang: Lang): string {
  const v =
    value === null || value === undefined || !Number.isFinite(value) ? '—' : bare(value, target.unit, lang);
  return `${v} / ${bare(target.goal, target.unit, lang)}${unitSuffix(target.unit, lang)}`;
}

/** The baseline of a 达到 target in the same unit ("80.85" → "基期 78.90亿元"), or null for a 新增 target. */
export function baselineWords(t: T, target: TargetLike, e: EvaluationView | null, lang: Lang): string | null {
  if (target.aim !== 'level' || target.milestone || !e || e.baselineValue === null) return null;
  return t('monitoring.words.baseline', {
    value: `${bare(e.baselineValue, target.unit, lang)}${unitSuffix(target.unit, lang)}`,
  });
}

/**
 * The pace index in words, instead of "进度指数 0.04": how far along the target is against where the straight path
 * from the baseline to the goal would have it by now ("完成进度为按时间应有进度的 4.4%").
 */
export function paceWords(t: T, e: EvaluationView | null): string {
  if (!e || e.value === null) return t('monitoring.words.pace.noData');
  if (e.status === 'achieved') return t('monitoring.words.pace.achieved');
  if (e.paceIndex === null) return t('monitoring.words.pace.atBaseline');
  return t('monitoring.words.pace.ratio', {
    progress: formatShare(e.progress),
    elapsed: formatShare(e.elapsed),
    ratio: formatShare(e.paceIndex),
  });
}

/**
 * An entrants target's changes beside its entries: "新进入 8 · 退出 16 · 净变化 −8（21 → 13家）". `tier` for a tier's
 * members (瞪羚, 上星), else enterprises in the district.
 */
export function changeWords(t: T, c: EntrantChange, tier: boolean): string {
  const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
  return t(`monitoring.words.changes.${tier ? 'tier' : 'enterprises'}`, {
    entries: c.entries,
    exits: c.exits,
    net: signed(c.net),
    from: c.stock - c.net,
    to: c.stock,
  });
}

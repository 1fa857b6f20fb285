// Pure rules of monthly reports: figures' consistency, implausible-jump warnings, money units. The figures themselves
// (keys, labels, kinds, which is part of which) are the catalogue's (figures.ts).
import {
  figure,
  figureCatalogue,
  figureKeys,
  figureLabels,
  flowKeys,
  stockKeys,
  type FigureKey,
  type Figures,
} from './figures.ts';

export { figureKeys, figureLabels, moneyKeys, type Figures } from './figures.ts';

export interface FigureIssue {
  path: FigureKey;
  message: string;
}

/** Rules every report must keep: the parts never exceed the whole (each figure's `partOf` in the catalogue). */
export function consistencyIssues(f: Figures): FigureIssue[] {
  const issues: FigureIssue[] = [];
  for (const part of figureCatalogue) {
    if (part.partOf === null) continue;
    const whole = figure(part.partOf);
    if (f[part.key] > f[whole.key]) {
      const more = part.dimension === 'persons' ? '多于' : '大于';
      issues.push({ path: part.key, message: `${part.labels.zh}不能${more}${whole.labels.zh}` });
    }
  }
  return issues;
}

export interface JumpWarning {
  path: FigureKey;
  previous: number;
  current: number;
  message: string;
}

/**
 * Warnings (never errors) for figures that moved implausibly against the enterprise's last report: headcount and
 * area are sticky, revenue is compared with the recent monthly average because it is seasonal.
 */
export function jumpWarnings(current: Figures, history: Figures[]): JumpWarning[] {
  const last = history[0];
  if (!last) return [];
  const warnings: JumpWarning[] = [];
  const pct = (a: number, b: number) => Math.round(((a - b) / b) * 100);
  const stock = (key: FigureKey, minAbs: number) => {
    const a = current[key];
    const b = last[key];
    if (b > 0 && Math.abs(a - b) >= minAbs && (a > b * 1.5 || a < b * 0.5)) {
      warnings.push({
        path: key,
        previous: b,
        current: a,
        message: `${figureLabels[key].zh}较上期变化 ${pct(a, b)}%，请核实`,
      });
    } else if (b === 0 && a >= minAbs * 5) {
      warnings.push({
        path: key,
        previous: b,
        current: a,
        message: `${figureLabels[key].zh}上期为 0，本期为 ${a}，请核实`,
      });
    }
  };
  // Stocks first, then flows, each in catalogue order.
  for (const key of stockKeys) {
    const jump = figure(key).jump;
    if (jump !== null && typeof jump === 'object') stock(key, jump.minChange);
  }
  const recent = history.slice(0, 3);
  for (const key of flowKeys) {
    if (figure(key).jump !== 'recentAverage') continue;
    const avg = recent.reduce((s, h) => s + h[key], 0) / recent.length;
    const a = current[key];
    if (avg > 0 && (a > avg * 3 || (a < avg / 3 && avg - a > 100_000))) {
      warnings.push({
        path: key,
        previous: Math.round(avg),
        current: a,
        message: `${figureLabels[key].zh}为近${recent.length}期月均的 ${(a / avg).toFixed(1)} 倍，请核实`,
      });
    }
  }
  return warnings;
}

/** Money units a template column may state; values become integer yuan. */
export const moneyUnits = { 元: 0, 万元: 4 } as const;
export type MoneyUnit = keyof typeof moneyUnits;

/**
 * Parses a decimal amount in 元 or 万元 into integer yuan exactly (no floating point): '12.3456' 万元 → 123456.
 * Returns null for anything that is not a non-negative decimal with at most the unit's precision.
 */
export function parseMoney(text: string, unit: MoneyUnit): number | null {
  const t = text.replace(/[,，\s]/g, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const shift = moneyUnits[unit];
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > shift) return null;
  const digits = `${m[1]}${frac.padEnd(shift, '0')}`;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** Equal figures mean a re-import changes nothing (no new version). */
export function sameFigures(a: Figures, b: Figures): boolean {
  return figureKeys.every((k) => Number(a[k]) === Number(b[k]));
}

/**
 * Competition ranks ("1224") of groups by reporting rate, highest first; a group with nothing expected is not ranked
 * (null). Rates are compared as exact fractions (reported × other's expected), not as rounded percentages.
 */
export function rankByReportingRate<T extends { expected: number; reported: number }>(
  groups: readonly T[],
): (number | null)[] {
  const ranked = groups.filter((g) => g.expected > 0);
  return groups.map((g) =>
    g.expected > 0
      ? 1 + ranked.filter((o) => o.reported * g.expected > g.reported * o.expected).length
      : null,
  );
}

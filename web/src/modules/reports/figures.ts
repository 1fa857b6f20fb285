// The figures of a monthly report as the web app shows them: kind (count, money, area), unit, texts — all read from
// the server's figure catalogue (@contracts/modules/reports/figures.ts), so a new figure appears here by itself.
import {
  figureCatalogue,
  figureKeys,
  isMoney,
  type FigureKey,
  type Figures,
  type MoneyKey,
} from '@contracts/modules/reports/figures.ts';
import type { Texts } from '../../app/module.ts';
import type { MoneyUnit } from './money.ts';
import { formatWan, yuanToText } from './money.ts';

export type { FigureKey, Figures, MoneyKey };
/** Figures that are part of another (核心软信人才 ≤ 从业人员): the consistency rules' paths. */
export const partKeys: readonly FigureKey[] = figureCatalogue
  .filter((f) => f.partOf !== null)
  .map((f) => f.key);
export type FigureKind = 'count' | 'money' | 'area';
export { figureKeys };

const kindOf = { persons: 'count', money: 'money', area: 'area' } as const;

export const figureKind = Object.fromEntries(
  figureCatalogue.map((f) => [f.key, kindOf[f.dimension]]),
) as Record<FigureKey, FigureKind>;

export const isMoneyKey = (k: FigureKey) => isMoney(k);

/**
 * The figures' texts, under the reports module's own top-level key: `reportFigures.label.<key>` (从业人员 / Employees)
 * and `reportFigures.help.<key>` (the form's tooltip).
 */
export const figureTexts: { 'zh-CN': Texts; 'en-US': Texts } = {
  'zh-CN': {
    reportFigures: {
      label: Object.fromEntries(figureCatalogue.map((f) => [f.key, f.labels.zh])),
      help: Object.fromEntries(figureCatalogue.map((f) => [f.key, f.help.zh])),
    },
  },
  'en-US': {
    reportFigures: {
      label: Object.fromEntries(figureCatalogue.map((f) => [f.key, f.labels.en])),
      help: Object.fromEntries(figureCatalogue.map((f) => [f.key, f.help.en])),
    },
  },
};

type T = (key: string, options?: Record<string, unknown>) => string;

/** The unit after a figure: 人 / 万元 / 元 / m². */
export function figureUnit(t: T, key: FigureKey, moneyUnit: MoneyUnit): string {
  const kind = figureKind[key];
  if (kind === 'money') return t(`reports.unit.${moneyUnit === '万元' ? 'wan' : 'yuan'}`);
  return t(`reports.unit.${kind === 'count' ? 'persons' : 'area'}`);
}

/** A figure's value in its unit, exact for money (123456 yuan → '12.3456' 万元). */
export function figureText(key: FigureKey, value: number, moneyUnit: MoneyUnit): string {
  const kind = figureKind[key];
  if (kind === 'money') return yuanToText(value, moneyUnit);
  if (kind === 'area') return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return value.toLocaleString('zh-CN');
}

/** A figure for a table: money rounded in 万元. */
export function figureCell(key: FigureKey, value: number): string {
  return isMoneyKey(key) ? formatWan(value) : figureText(key, value, '万元');
}

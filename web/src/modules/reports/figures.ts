// The seven figures of a monthly report as the web app shows them: kind (count, money, area), unit, i18n label.
import { figureKeys, type Figures } from '@contracts/modules/reports/reports.ts';
import type { MoneyUnit } from './money.ts';
import { formatWan, yuanToText } from './money.ts';

export type FigureKey = keyof Figures;
export type FigureKind = 'count' | 'money' | 'area';
export { figureKeys };

export const figureKind: Record<FigureKey, FigureKind> = {
  employees: 'count',
  coreTalents: 'count',
  operatingRevenue: 'money',
  softwareRevenue: 'money',
  softwareProductRevenue: 'money',
  rdExpense: 'money',
  usedArea: 'area',
};

export const isMoneyKey = (k: FigureKey) => figureKind[k] === 'money';

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

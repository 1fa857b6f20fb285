// The report form's values and the API body: money as typed text (exact in 元 or 万元) becomes integer yuan, and
// the contract's schema checks the rest; pure, so the form's conversions are tested without a browser.
import {
  reportBodySchema,
  type Report,
  type ReportBody,
} from '@contracts/modules/reports/reports.contract.ts';
import { issuePaths, type FieldIssue } from '../../app/errors.ts';
import { figureKeys, figureText, isMoneyKey, partKeys, type FigureKey, type MoneyKey } from './figures.ts';
import { textToYuan, type MoneyUnit } from './money.ts';
import type { Period } from './periods.ts';

/** One field per figure of the catalogue: money as typed text (exact in 元 or 万元), counts and area as numbers. */
export type FormValues = { [K in MoneyKey]?: string } & {
  [K in Exclude<FigureKey, MoneyKey>]?: number | null;
} & {
  buildingId?: string | null;
  note?: string;
};

export const formKeys = new Set<string>([...figureKeys, 'buildingId', 'note']);

export function fromReport(r: Report | null, unit: MoneyUnit, buildingId: string | null): FormValues {
  if (!r) return { buildingId };
  const values: Record<string, unknown> = { buildingId: r.buildingId, note: r.note ?? undefined };
  for (const key of figureKeys) values[key] = isMoneyKey(key) ? figureText(key, r[key], unit) : r[key];
  return values as FormValues;
}

export type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The form's values as the API body, checked by the contract's schema. Money text becomes integer yuan exactly;
 * a figure that does not parse is reported on its field.
 */
export function toBody(
  v: FormValues,
  unit: MoneyUnit,
  period: Period,
  t: T,
): { body: ReportBody; issues: [] } | { body: null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const input: Record<string, unknown> = {
    period,
    buildingId: v.buildingId || null,
    note: v.note?.trim() ? v.note.trim() : undefined,
  };
  for (const key of figureKeys) {
    const raw = v[key];
    if (raw === undefined || raw === null || raw === '') {
      issues.push({ path: [key], message: t('reports.form.required') });
      continue;
    }
    if (isMoneyKey(key)) {
      const yuan = textToYuan(String(raw), unit);
      if (yuan === null)
        issues.push({
          path: [key],
          message: t(unit === '万元' ? 'reports.form.badWan' : 'reports.form.badYuan'),
        });
      else input[key] = yuan;
    } else input[key] = Number(raw);
  }
  if (issues.length) return { body: null, issues };
  const parsed = reportBodySchema.safeParse(input);
  if (!parsed.success) {
    // the parts-not-exceeding-the-whole rules come from the contract in Chinese: name them in the UI's language
    const translated = issuePaths(parsed.error.issues).map((i) =>
      i.path.length === 1 && (partKeys as readonly string[]).includes(String(i.path[0]))
        ? { ...i, message: t(`reports.form.consistency.${String(i.path[0])}`, { defaultValue: i.message }) }
        : i,
    );
    return { body: null, issues: translated };
  }
  return { body: parsed.data, issues: [] };
}

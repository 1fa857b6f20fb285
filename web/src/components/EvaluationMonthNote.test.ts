// The evaluation month's words, as every page shows them (issue 10 item 5).
import { describe, expect, it } from 'vitest';
import zh from '../app/locales/zh-CN.json';
import en from '../app/locales/en-US.json';
import { evaluationMonthText } from './EvaluationMonthNote.tsx';

const tOf =
  (locale: unknown) =>
  (key: string, params: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], locale);
    if (typeof text !== 'string') throw new Error(`missing ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));
  };

const onDec3 = {
  month: '2026-10',
  reason: 'closed' as const,
  closed: '2026-10',
  open: '2026-11',
  openDeadline: '2026-12-10',
};

describe('evaluationMonthText', () => {
  it('names the month, why, and the month still being reported', () => {
    expect(evaluationMonthText(tOf(zh), onDec3)).toBe(
      '评估月份 2026-10（最近一个已截止的报送月） · 2026-11 报送中（2026-12-10 截止），截止后纳入评估',
    );
    expect(evaluationMonthText(tOf(zh), onDec3, true)).toBe(
      '最近一个已截止的报送月 · 2026-11 报送中（2026-12-10 截止），截止后纳入评估',
    );
    expect(evaluationMonthText(tOf(en), { ...onDec3, open: null, openDeadline: null })).toBe(
      'Month evaluated: 2026-10 (the latest month whose reporting deadline has passed)',
    );
  });

  it('a picked month says whether its reporting is still open; before any deadline, provisional', () => {
    expect(evaluationMonthText(tOf(zh), { ...onDec3, month: '2026-11', reason: 'picked' })).toBe(
      '所选月份 2026-11（报送尚未截止，数据为初值）',
    );
    expect(evaluationMonthText(tOf(zh), { ...onDec3, month: '2026-09', reason: 'picked' })).toBe(
      '所选月份 2026-09（报送已截止） · 2026-11 报送中（2026-12-10 截止），截止后纳入评估',
    );
    expect(
      evaluationMonthText(tOf(zh), {
        month: '2025-12',
        reason: 'noneClosed',
        closed: '2025-11',
        open: '2025-12',
        openDeadline: '2026-01-12',
      }),
    ).toBe('评估月份 2025-12（尚无已截止的报送月：数据仍在报送，为初值）');
  });
});

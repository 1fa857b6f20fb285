// The free-text check: numbers in a summary that a parameter holds now, or held before, are flagged.
import { describe, expect, it } from 'vitest';
import type { DraftParameter } from './draft.model.ts';
import { numberMentions, numbersIn } from './draft.text.ts';

const rate: DraftParameter = {
  name: 'rate',
  label: '租金补贴标准',
  unit: '元/m²/月',
  values: [
    { from: '2026-01-01', value: 15 },
    { from: '2026-06-01', value: 20 },
  ],
};
const cap: DraftParameter = {
  name: 'cap',
  label: '年度补贴上限',
  unit: '万元',
  values: [{ from: '2026-01-01', value: 50 }],
};
const summary = '按实际使用面积给予租金补贴（示例标准：每平方米每月15元，全年最高50万元）。';

describe('numbersIn', () => {
  it('reads Arabic numbers, full-width digits, decimals and thousands separators', () => {
    expect(numbersIn('每月15元，最高５０万元，面积1,500.5平方米，比例0.2')).toEqual([
      { text: '15', value: 15 },
      { text: '50', value: 50 },
      { text: '1,500.5', value: 1500.5 },
      { text: '0.2', value: 0.2 },
    ]);
  });
});

describe('numberMentions', () => {
  it('flags a number that is no longer the parameter’s value (15 after the rate became 20)', () => {
    expect(numberMentions(summary, [rate, cap], '2026-11-20')).toEqual([
      { text: '15', param: 'rate', label: '租金补贴标准', unit: '元/m²/月', kind: 'stale', current: 20 },
      { text: '50', param: 'cap', label: '年度补贴上限', unit: '万元', kind: 'holds', current: 50 },
    ]);
  });

  it('flags the value in force on the day asked, and nothing when the text names no parameter’s number', () => {
    expect(numberMentions(summary, [rate], '2026-03-01')).toEqual([
      expect.objectContaining({ text: '15', kind: 'holds', current: 15 }),
    ]);
    expect(numberMentions('按实际使用面积给予租金补贴，标准见参数。', [rate, cap], '2026-11-20')).toEqual([]);
    expect(numberMentions('每月15元', [], '2026-11-20')).toEqual([]);
  });

  it('names a number once per parameter, however often the text repeats it', () => {
    expect(numberMentions('20元，再说一次20元', [rate], '2026-11-20')).toHaveLength(1);
  });
});

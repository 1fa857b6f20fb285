// The agenda rules on hand-made ledgers: red, newly yellow, 需协调事项, each item once, the order.
import { describe, expect, it } from 'vitest';
import { decisionDueProblem, generateAgenda, type LedgerItem } from './meetings.ts';

const item = (over: Partial<LedgerItem>): LedgerItem => ({
  id: `i${over.number}`,
  number: 1,
  taskNumber: 3,
  title: '举措',
  ownerUnitId: 'u1',
  ownerName: '区经济信息委',
  colour: 'green',
  colourBefore: 'green',
  reason: '应完成 20%，已报 20%',
  state: 'open',
  ...over,
});

describe('generateAgenda', () => {
  const items = [
    item({ number: 1, taskNumber: 5, colour: 'red', colourBefore: 'yellow', reason: '应完成 58%，已报 30%' }),
    item({
      number: 2,
      taskNumber: 3,
      colour: 'yellow',
      colourBefore: 'green',
      reason: '应完成 40%，已报 25%',
    }),
    item({ number: 3, taskNumber: 3, colour: 'yellow', colourBefore: 'yellow' }),
    item({ number: 4, taskNumber: 3, colour: 'green', title: '举办沙龙' }),
    item({ number: 5, taskNumber: 3, colour: 'red', reason: '已超期 3 个工作日' }),
    item({ number: 6, taskNumber: null, colour: 'yellow', colourBefore: undefined }),
    item({ number: 7, taskNumber: 1, colour: 'red', state: 'done' }),
  ];
  const flagged = [
    { itemId: 'i4', period: '2026-03', problems: '场地未落实' },
    { itemId: 'i5', period: '2026-03', problems: '' },
    { itemId: 'i5', period: '2026-03', problems: '' },
  ];
  const agenda = generateAgenda(items, flagged, { kind: 'previous', days: 30 });

  it('lists red, newly yellow and flagged items, each once with all its reasons, in task then severity order', () => {
    expect(agenda.map((e) => [e.itemNumber, e.sources])).toEqual([
      [5, ['red', 'coordination']],
      [4, ['coordination']],
      [2, ['newlyYellow']],
      [1, ['red']],
      [6, ['newlyYellow']],
    ]);
    expect(agenda[0]!.reasons).toEqual(['亮红灯：已超期 3 个工作日', '需协调事项（2026-03 进展）']);
    expect(agenda[1]!).toMatchObject({
      text: '【任务3】4. 举办沙龙（区经济信息委）',
      reasons: ['需协调事项（2026-03 进展）：场地未落实'],
      unitIds: ['u1'],
    });
    expect(agenda[2]!.reasons).toEqual(['上次会议以来转为黄灯：应完成 40%，已报 25%']);
    expect(agenda[4]!.text).toBe('6. 举措（区经济信息委）');
  });

  it('does not list an item yellow already at the last meeting, a green one unflagged, or a done one', () => {
    expect(agenda.map((e) => e.itemNumber)).not.toContain(3);
    expect(agenda.map((e) => e.itemNumber)).not.toContain(7);
  });

  it('names the window in days when there was no previous meeting', () => {
    const a = generateAgenda([items[1]!], [], { kind: 'days', days: 30 });
    expect(a[0]!.reasons).toEqual(['近 30 日转为黄灯：应完成 40%，已报 25%']);
  });
});

describe('decisionDueProblem', () => {
  it('refuses a due date before the meeting day', () => {
    expect(decisionDueProblem('2026-03-20', '2026-03-19')).toBe('完成时限不能早于会议日期');
    expect(decisionDueProblem('2026-03-20', '2026-03-20')).toBeNull();
  });
});

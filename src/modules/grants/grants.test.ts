// The grant batch state machine (pure), step by step: every status a step is allowed from and refused from, what each
// step requires beyond the status, the status it leads to, and the notice period.
import { describe, expect, it } from 'vitest';
import { parseCivilDate } from '../../platform/time/date.ts';
import { batchStatuses } from './grants.contract.ts';
import {
  batchSteps,
  initialStatus,
  nextStatus,
  noticeOpen,
  noticeDaysRefusal,
  noticePeriod,
  receiptNumber,
  receiptPattern,
  requirementRefusal,
  sameContact,
  statusRefusal,
  type BatchStatus,
  type BatchStep,
} from './grants.ts';

/** Every step with the statuses it is allowed from (anything else is refused). */
const allowedFrom: Record<BatchStep, BatchStatus[]> = {
  reviewItem: ['review'],
  publish: ['review'],
  cancel: ['review'],
  fileObjection: ['notice'],
  resolveObjection: ['notice'],
  decide: ['notice'],
};

const refusedWords: Record<BatchStep, string> = {
  reviewItem: '调整名单',
  publish: '发布公示',
  cancel: '撤销',
  fileObjection: '提出异议',
  resolveObjection: '处理异议',
  decide: '作出决定',
};

const statusText: Record<BatchStatus, string> = {
  review: '审核中',
  notice: '公示中',
  decided: '已决定',
  cancelled: '已撤销',
};

const steps = Object.keys(batchSteps) as BatchStep[];

describe('the grant batch state machine', () => {
  it('opens a batch in review and knows every step', () => {
    expect(initialStatus).toBe('review');
    expect(steps.sort()).toEqual(Object.keys(allowedFrom).sort());
  });

  describe.each(steps)('%s', (step) => {
    it.each(allowedFrom[step])('is allowed from %s', (status) => {
      expect(statusRefusal(step, status)).toBeNull();
    });

    const refused = batchStatuses.filter((s) => !allowedFrom[step].includes(s));
    it.each(refused)('is refused from %s, in words', (status) => {
      expect(statusRefusal(step, status)).toBe(`批次${statusText[status]}，不能${refusedWords[step]}`);
    });

    it('names an unknown status as it is', () => {
      expect(statusRefusal(step, 'archived')).toBe(`批次archived，不能${refusedWords[step]}`);
    });
  });

  it('moves review → notice (publish), review → cancelled (cancel), notice → decided (decide)', () => {
    expect(nextStatus('publish', 'review')).toBe('notice');
    expect(nextStatus('cancel', 'review')).toBe('cancelled');
    expect(nextStatus('decide', 'notice')).toBe('decided');
  });

  it('leaves the status as it is for item review and objections', () => {
    expect(nextStatus('reviewItem', 'review')).toBe('review');
    expect(nextStatus('fileObjection', 'notice')).toBe('notice');
    expect(nextStatus('resolveObjection', 'notice')).toBe('notice');
  });

  it('has no step out of decided or cancelled (both are final)', () => {
    for (const status of ['decided', 'cancelled'] as const)
      for (const step of steps) expect(statusRefusal(step, status)).not.toBeNull();
  });
});

describe('what each step requires beyond the status', () => {
  it('item review and cancelling require nothing more', () => {
    expect(requirementRefusal('reviewItem', {})).toBeNull();
    expect(requirementRefusal('cancel', {})).toBeNull();
  });

  it('publishing requires at least one included enterprise', () => {
    expect(requirementRefusal('publish', { includedItems: 0 })).toBe('名单中没有拟兑现的企业，不能发布公示');
    expect(requirementRefusal('publish', { includedItems: 1 })).toBeNull();
  });

  it('an objection may be filed until the notice’s last day, that day included', () => {
    const noticeEndsOn = '2026-11-26';
    expect(requirementRefusal('fileObjection', { today: '2026-11-20', noticeEndsOn })).toBeNull();
    expect(requirementRefusal('fileObjection', { today: '2026-11-26', noticeEndsOn })).toBeNull();
    expect(requirementRefusal('fileObjection', { today: '2026-11-27', noticeEndsOn })).toBe(
      '公示期已于 2026-11-26 结束，不能再提出异议',
    );
    expect(requirementRefusal('fileObjection', { today: '2026-11-27', noticeEndsOn: null })).toBeNull();
  });

  it('only an open objection can be resolved', () => {
    expect(requirementRefusal('resolveObjection', { objectionStatus: 'open' })).toBeNull();
    for (const objectionStatus of ['upheld', 'dismissed'])
      expect(requirementRefusal('resolveObjection', { objectionStatus })).toBe('该异议已处理');
  });

  it('a decision waits for the day after the notice, then for every objection to be answered', () => {
    const noticeEndsOn = '2026-11-26';
    expect(requirementRefusal('decide', { today: '2026-11-26', noticeEndsOn, openObjections: 0 })).toBe(
      '公示期至 2026-11-26，期满后才能作出决定',
    );
    // The notice period is refused first, open objections or not.
    expect(requirementRefusal('decide', { today: '2026-11-20', noticeEndsOn, openObjections: 2 })).toBe(
      '公示期至 2026-11-26，期满后才能作出决定',
    );
    expect(requirementRefusal('decide', { today: '2026-11-27', noticeEndsOn, openObjections: 2 })).toBe(
      '还有 2 条异议未处理',
    );
    expect(requirementRefusal('decide', { today: '2026-11-27', noticeEndsOn, openObjections: 0 })).toBeNull();
  });
});

describe('the notice', () => {
  it('runs for N working days of the China calendar from today, counted from the next working day at a weekend', () => {
    // Friday: 20, 23, 24, 25, 26 November.
    expect(noticePeriod(parseCivilDate('2026-11-20'), 5)).toEqual({ start: '2026-11-20', end: '2026-11-26' });
    expect(noticePeriod(parseCivilDate('2026-11-20'), 1)).toEqual({ start: '2026-11-20', end: '2026-11-20' });
    // Published on a Saturday: objections from today, the five working days from Monday 23rd to Friday 27th.
    expect(noticePeriod(parseCivilDate('2026-11-21'), 5)).toEqual({ start: '2026-11-21', end: '2026-11-27' });
    // The National Day holiday (1–7 October 2026) does not count.
    expect(noticePeriod(parseCivilDate('2026-09-30'), 2)).toEqual({ start: '2026-09-30', end: '2026-10-08' });
  });

  it('refuses a notice shorter than the minimum instead of raising it, and names the minimum', () => {
    expect(noticeDaysRefusal(0, 5)).toBe('公示期不得少于 5 个工作日');
    expect(noticeDaysRefusal(1, 5)).toBe('公示期不得少于 5 个工作日');
    expect(noticeDaysRefusal(4, 5)).toBe('公示期不得少于 5 个工作日');
    expect(noticeDaysRefusal(5, 5)).toBeNull();
    expect(noticeDaysRefusal(3, 3)).toBeNull();
    expect(noticeDaysRefusal(61, 5)).toBe('公示期不得超过 60 个工作日');
    expect(noticeDaysRefusal(5.5, 5)).toBe('公示期应为整数个工作日');
  });

  it('numbers receipts YY-NNNN and matches a contact however it is typed again', () => {
    expect(receiptNumber('2026', 7)).toBe('26-0007');
    expect(receiptNumber('2027', 12345)).toBe('27-12345');
    expect(receiptPattern.test('26-0007')).toBe(true);
    expect(receiptPattern.test('26-7')).toBe(false);
    expect(sameContact('138-0000 0000', '13800000000')).toBe(true);
    expect(sameContact('LiSi@Example.com', 'lisi@example.com')).toBe(true);
    expect(sameContact('13800000001', '13800000000')).toBe(false);
    expect(sameContact('', '')).toBe(false);
  });

  it('is open for objections while under notice, up to its last day', () => {
    expect(noticeOpen('notice', '2026-11-26', '2026-11-26')).toBe(true);
    expect(noticeOpen('notice', '2026-11-26', '2026-11-27')).toBe(false);
    expect(noticeOpen('notice', null, '2026-11-20')).toBe(false);
    expect(noticeOpen('decided', '2026-11-26', '2026-11-20')).toBe(false);
  });
});

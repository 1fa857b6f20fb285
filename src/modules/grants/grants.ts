// The state machine of a grant batch (免申即享), pure: review → notice → decided, or review → cancelled. Which steps
// each status allows, what each step requires beyond the status, and the status it leads to. grants.store.ts and
// objections.store.ts apply it under the batch's row lock; grants.test.ts walks every allowed and refused step.
import { addDays, type CivilDate } from '../../platform/time/date.ts';
import type { batchStatuses } from './grants.contract.ts';

export type BatchStatus = (typeof batchStatuses)[number];

/** A batch opens in review: the office's working list. */
export const initialStatus: BatchStatus = 'review';

/** The steps taken on a batch (the routes' actions); a step with `to: null` leaves the status as it is. */
export const batchSteps = {
  /** Include or exclude an enterprise while the office checks the list. */
  reviewItem: { from: ['review'], to: null, words: '调整名单' },
  /** Open the public notice (公示) for N days; needs at least one included enterprise. */
  publish: { from: ['review'], to: 'notice', words: '发布公示' },
  /** Withdraw a batch that never left the office. */
  cancel: { from: ['review'], to: 'cancelled', words: '撤销' },
  /** Anyone objects, until the notice's last day. */
  fileObjection: { from: ['notice'], to: null, words: '提出异议' },
  /** The office answers an open objection (upheld excludes the enterprise). */
  resolveObjection: { from: ['notice'], to: null, words: '处理异议' },
  /** After the notice ended and every objection was answered: grant the included, freeze the batch. */
  decide: { from: ['notice'], to: 'decided', words: '作出决定' },
} as const satisfies Record<string, { from: readonly BatchStatus[]; to: BatchStatus | null; words: string }>;

export type BatchStep = keyof typeof batchSteps;

/** The statuses in words, as refusals name them. */
export const statusWords: Record<BatchStatus, string> = {
  review: '审核中',
  notice: '公示中',
  decided: '已决定',
  cancelled: '已撤销',
};

/** Why `step` may not be taken on a batch in `status`, or null when the status allows it. */
export function statusRefusal(step: BatchStep, status: string): string | null {
  const rule = batchSteps[step];
  if ((rule.from as readonly string[]).includes(status)) return null;
  return `批次${statusWords[status as BatchStatus] ?? status}，不能${rule.words}`;
}

/** What each step's requirements are checked against, once its status allowed it. */
export interface StepFacts {
  reviewItem: Record<string, never>;
  cancel: Record<string, never>;
  publish: { includedItems: number };
  /** `today` in Shanghai ('YYYY-MM-DD'); dates compare as strings. */
  fileObjection: { today: string; noticeEndsOn: string | null };
  resolveObjection: { objectionStatus: string };
  decide: { today: string; noticeEndsOn: string | null; openObjections: number };
}

/** Why a step's requirements are not met, or null when they are (the status is checked by statusRefusal). */
export function requirementRefusal<S extends BatchStep>(step: S, facts: StepFacts[S]): string | null {
  switch (step) {
    case 'publish': {
      const f = facts as StepFacts['publish'];
      return f.includedItems ? null : '名单中没有拟兑现的企业，不能发布公示';
    }
    case 'fileObjection': {
      const f = facts as StepFacts['fileObjection'];
      return f.noticeEndsOn && f.today > f.noticeEndsOn
        ? `公示期已于 ${f.noticeEndsOn} 结束，不能再提出异议`
        : null;
    }
    case 'resolveObjection': {
      const f = facts as StepFacts['resolveObjection'];
      return f.objectionStatus === 'open' ? null : '该异议已处理';
    }
    case 'decide': {
      const f = facts as StepFacts['decide'];
      if (f.noticeEndsOn && f.today <= f.noticeEndsOn)
        return `公示期至 ${f.noticeEndsOn}，期满后才能作出决定`;
      if (f.openObjections) return `还有 ${f.openObjections} 条异议未处理`;
      return null;
    }
    default:
      return null;
  }
}

/** The status a step leads to from `status` (the same status for steps that do not move the batch). */
export function nextStatus(step: BatchStep, status: BatchStatus): BatchStatus {
  return batchSteps[step].to ?? status;
}

/** The notice a batch published today runs for: `days` calendar days, today included. */
export function noticePeriod(today: CivilDate, days: number): { start: CivilDate; end: CivilDate } {
  return { start: today, end: addDays(today, days - 1) };
}

/** Whether objections can be filed now, as the public notice says. */
export const noticeOpen = (status: string, noticeEndsOn: string | null, today: string): boolean =>
  status === 'notice' && !!noticeEndsOn && today <= noticeEndsOn;

// The state machine of a grant batch (免申即享), pure: review → notice → decided, or review → cancelled. Which steps
// each status allows, what each step requires beyond the status, and the status it leads to. grants.store.ts and
// objections.store.ts apply it under the batch's row lock; grants.test.ts walks every allowed and refused step.
import type { CivilDate } from '../../platform/time/date.ts';
import {
  addWorkingDays,
  chinaCalendar,
  nextWorkingDay,
  type WorkingCalendar,
} from '../../platform/time/calendar.ts';
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

/** The shortest notice a district may allow, and what it allows unless its plan office set otherwise. */
export const defaultMinNoticeWorkingDays = 5;
export const maxNoticeWorkingDays = 60;

/**
 * Why a notice of `days` working days is refused, or null when allowed: a whole number from the district's minimum
 * to 60. Nothing is rounded or raised silently: a 0- or 1-day notice is refused with the minimum named.
 */
export function noticeDaysRefusal(days: number, minimum: number): string | null {
  if (!Number.isInteger(days)) return '公示期应为整数个工作日';
  if (days < minimum) return `公示期不得少于 ${minimum} 个工作日`;
  if (days > maxNoticeWorkingDays) return `公示期不得超过 ${maxNoticeWorkingDays} 个工作日`;
  return null;
}

/**
 * The notice a batch published today runs for: from today (objections are taken at once) until the last of `days`
 * working days of the China calendar, counted from today when it is a working day, else from the next one. Published
 * on Friday 2026-11-20 for 5 working days, it ends on Thursday 2026-11-26.
 */
export function noticePeriod(
  today: CivilDate,
  days: number,
  cal: WorkingCalendar = chinaCalendar,
): { start: CivilDate; end: CivilDate } {
  const first = nextWorkingDay(today, cal);
  return { start: today, end: days <= 1 ? first : addWorkingDays(first, days - 1, cal) };
}

/** An objection's receipt number: the year's last two digits and its running number, e.g. 26-0007. */
export const receiptNumber = (year: string, n: number): string =>
  `${year.slice(-2)}-${String(n).padStart(4, '0')}`;

/** The receipt pattern the status lookup accepts (NNNN grows past 9999 rather than wrapping). */
export const receiptPattern = /^[0-9]{2}-[0-9]{4,6}$/;

/** A contact as the filer may type it again: case, spaces and hyphens do not matter. */
export const sameContact = (a: string, b: string): boolean => {
  const norm = (s: string) => s.replace(/[\s\-－—]/g, '').toLowerCase();
  return norm(a) === norm(b) && norm(a).length > 0;
};

/** Whether objections can be filed now, as the public notice says. */
export const noticeOpen = (status: string, noticeEndsOn: string | null, today: string): boolean =>
  status === 'notice' && !!noticeEndsOn && today <= noticeEndsOn;

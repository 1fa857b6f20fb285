// The service desk's 三率 (and two more figures), pure: per handling unit and category, by the month a request was
// filed. The definitions, written down once (docs/service-desk.md, "The figures"):
//
//   filed           requests filed in the month whose handling unit (the unit that has it now, or last had it) is
//                   the group's unit; requests still waiting for the dispatcher have no unit and count only in the
//                   district's totals.
//   签收及时率      accepted on time ÷ requests due for acceptance: a request counts once accepted, or once its
//   (acceptedOnTime) acceptance deadline (the last dispatch's) has passed unaccepted; on time = accepted by the end of
//                   that deadline's day.
//   答复及时率      first answers on time ÷ requests due for an answer: a request counts once answered, or once its
//   (answeredOnTime) answer deadline (filing + the limit + approved extensions, pauses taken out) has passed
//                   unanswered and not paused; on time = the first answer by the end of the deadline's day.
//   满意率          closing ratings 满意 or 基本满意 ÷ closing ratings, where the closing rating is the one that
//   (satisfaction)  closed the request (after a reopening, the second); a rating window run out counts as 满意.
//   median days     the median of working days from filing to the first answer (pauses out) over answered requests;
//                   with an even count, the mean of the two middle values.
//   reopened        requests reopened after a 不满意.
// A rate is null when nothing is due (0 ÷ 0 is no figure, not 100 %).
import type { CivilDate } from '../../platform/time/date.ts';
import type { Rating } from './servicedesk.ts';
import { countsAsSatisfied } from './servicedesk.ts';

/** What the figures read of one request (kept on the request row as its steps happen). */
export interface FigureFacts {
  month: string;
  unitId: string | null;
  category: string;
  acceptDueOn: CivilDate | null;
  acceptedOn: CivilDate | null;
  answerDueOn: CivilDate | null;
  /** The clock is stopped (补充材料): not yet due for an answer however late the nominal date. */
  paused: boolean;
  firstAnsweredOn: CivilDate | null;
  /** Working days from filing to the first answer, pauses out. */
  firstAnswerWorkingDays: number | null;
  /** The rating that closed the request, if closed by one. */
  closingRating: Rating | null;
  reopened: boolean;
}

export interface Rate {
  hits: number;
  due: number;
  /** hits ÷ due, null when nothing is due. */
  value: number | null;
}

export interface FigureCell {
  month: string;
  unitId: string | null;
  category: string;
  filed: number;
  acceptedOnTime: Rate;
  answeredOnTime: Rate;
  satisfaction: Rate;
  medianAnswerWorkingDays: number | null;
  reopened: number;
}

const rate = (hits: number, due: number): Rate => ({ hits, due, value: due ? hits / due : null });

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The figures of one set of requests as of `asOf` (deadlines after it are not yet due). */
export function figuresOf(facts: readonly FigureFacts[], asOf: CivilDate) {
  let accHits = 0;
  let accDue = 0;
  let ansHits = 0;
  let ansDue = 0;
  let satHits = 0;
  let rated = 0;
  let reopened = 0;
  const days: number[] = [];
  for (const f of facts) {
    if (f.acceptedOn !== null) {
      accDue++;
      if (f.acceptDueOn === null || f.acceptedOn <= f.acceptDueOn) accHits++;
    } else if (f.acceptDueOn !== null && f.acceptDueOn < asOf) accDue++;
    if (f.firstAnsweredOn !== null) {
      ansDue++;
      if (f.answerDueOn === null || f.firstAnsweredOn <= f.answerDueOn) ansHits++;
      if (f.firstAnswerWorkingDays !== null) days.push(f.firstAnswerWorkingDays);
    } else if (!f.paused && f.answerDueOn !== null && f.answerDueOn < asOf) ansDue++;
    if (f.closingRating) {
      rated++;
      if (countsAsSatisfied(f.closingRating)) satHits++;
    }
    if (f.reopened) reopened++;
  }
  return {
    filed: facts.length,
    acceptedOnTime: rate(accHits, accDue),
    answeredOnTime: rate(ansHits, ansDue),
    satisfaction: rate(satHits, rated),
    medianAnswerWorkingDays: median(days),
    reopened,
  };
}

/** The figures per (month, unit, category), sorted by month, unit and category. */
export function figureCells(facts: readonly FigureFacts[], asOf: CivilDate): FigureCell[] {
  const groups = new Map<string, FigureFacts[]>();
  for (const f of facts) {
    const key = `${f.month}|${f.unitId ?? ''}|${f.category}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(f);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, list]) => ({
      month: list[0]!.month,
      unitId: list[0]!.unitId,
      category: list[0]!.category,
      ...figuresOf(list, asOf),
    }));
}

// The service desk's daily job (`serviceDesk.daily`, 07:00): the overdue check — a request past its acceptance
// deadline unaccepted tells its unit and the plan office; a request past its answer deadline unanswered (and not
// paused) does too, and is sent for supervision (a 督办单, through supervision's subscription) — and the rating
// window: an answer not rated within the configured working days counts as 满意 and the request closes.
// Each finding is recorded once per round (overdue_flagged_on), so running it again the same day changes nothing.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { audit, systemActor } from '../../platform/audit/audit.ts';
import { today, type CivilDate } from '../../platform/time/date.ts';
import { publish } from '../../platform/events/events.store.ts';
import type { JobHandler } from '../../platform/jobs/runner.ts';
import type { Schedule } from '../../platform/jobs/schedule.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import { serviceRequests } from './servicedesk.schema.ts';
import { noticeTitle, requestLink } from './servicedesk.ts';
import { dueDate, overdueWorkingDays } from './servicedesk.clock.ts';
import { deskContext, numberOf, officeUnits, type RequestRow } from './servicedesk.store.ts';
import { writeEvents } from './servicedesk.actions.ts';
import { superviseOf } from './servicedesk.steps.ts';

export const DAILY_JOB = 'serviceDesk.daily';

export interface DailySummary {
  asOf: string;
  acceptOverdue: number;
  answerOverdue: number;
  supervised: number;
  autoRated: number;
}

export async function dailyCheck(db: Db, districtId: string, now: Date): Promise<DailySummary> {
  const asOf = today(now);
  const actor = systemActor(districtId);
  const ctx = await deskContext(db, districtId);
  const summary: DailySummary = { asOf, acceptOverdue: 0, answerOverdue: 0, supervised: 0, autoRated: 0 };
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`service-desk-daily:${districtId}`}))`);
    const due = await tx
      .select()
      .from(serviceRequests)
      .where(
        and(
          eq(serviceRequests.districtId, districtId),
          sql`(
            (${serviceRequests.state} = 'dispatched' AND ${serviceRequests.acceptDueOn} < ${asOf}
              AND ${serviceRequests.acceptOverdueFlaggedOn} IS NULL)
            OR (${serviceRequests.state} IN ('filed', 'dispatched', 'returned', 'accepted', 'handling')
              AND ${serviceRequests.answerDueOn} < ${asOf} AND ${serviceRequests.overdueFlaggedOn} IS NULL)
            OR ${serviceRequests.state} = 'answered')`,
        ),
      );
    const notes: NotificationInput[] = [];
    const tell = (r: RequestRow, unitId: string, what: string, body: string, key: string) =>
      notes.push({
        recipient: { kind: 'unit', id: unitId },
        category: 'reminder',
        title: noticeTitle(numberOf(r), what, r.title),
        body,
        link: requestLink(r.id),
        dedupeKey: `service-desk:${r.id}:${key}:${unitId}`,
      });
    const office = officeUnits(ctx);
    for (const r of due) {
      const set: Partial<RequestRow> = {};
      const events: { kind: 'overdue' | 'rated' | 'closed'; text: string; internal?: boolean }[] = [];
      if (r.state === 'answered') {
        const rateBy = dueDate(r.answeredOn as CivilDate, ctx.config.rateWithinWorkingDays);
        if (rateBy && rateBy < asOf) {
          Object.assign(set, {
            state: 'closed',
            rating: 'satisfied',
            ratingAuto: true,
            ratedAt: now,
            closedAt: now,
          });
          events.push(
            { kind: 'rated', text: `${ctx.config.rateWithinWorkingDays} 个工作日内未评价，视为满意` },
            { kind: 'closed', text: '办结' },
          );
          summary.autoRated++;
        }
      } else {
        if (r.state === 'dispatched' && r.acceptDueOn && r.acceptDueOn < asOf && !r.acceptOverdueFlaggedOn) {
          set.acceptOverdueFlaggedOn = asOf;
          events.push({ kind: 'overdue', text: `超过签收时限（${r.acceptDueOn}）未签收`, internal: true });
          const body = `签收时限 ${r.acceptDueOn} 已过，请尽快签收或退单。`;
          if (r.unitId) tell(r, r.unitId, '超时未签收', body, `accept-overdue:${r.acceptDueOn}`);
          for (const u of office)
            tell(r, u.id, '（抄送）超时未签收', body, `accept-overdue:${r.acceptDueOn}`);
          summary.acceptOverdue++;
        }
        if (r.answerDueOn && r.answerDueOn < asOf && !r.overdueFlaggedOn) {
          const late = overdueWorkingDays(r.answerDueOn as CivilDate, asOf) ?? 0;
          set.overdueFlaggedOn = asOf;
          const text = `超过答复时限（${r.answerDueOn}）${late} 个工作日未答复`;
          events.push({ kind: 'overdue', text, internal: true });
          if (r.unitId)
            tell(r, r.unitId, '超期未答复', `${text}，已转督查督办。`, `answer-overdue:${r.answerDueOn}`);
          for (const u of office)
            tell(r, u.id, '（抄送）超期未答复', text, `answer-overdue:${r.answerDueOn}`);
          summary.answerOverdue++;
          if (r.unitId) {
            set.supervised = true;
            await publish(tx, superviseOf(r, 'overdue', `企业诉求 ${numberOf(r)} ${text}`, districtId));
            summary.supervised++;
          }
        }
      }
      if (!events.length) continue;
      await tx
        .update(serviceRequests)
        .set({ ...set, updatedAt: now })
        .where(and(eq(serviceRequests.districtId, districtId), eq(serviceRequests.id, r.id)));
      await writeEvents(tx, actor, r.id, events, now);
      await audit(tx, actor, {
        action: 'update',
        entity: 'serviceRequest',
        entityId: r.id,
        before: { state: r.state },
        after: set,
        note: events.map((e) => e.kind).join(', '),
      });
    }
    if (notes.length)
      await publish(tx, notificationsRequested.of(districtId, { notifications: notes, deliver: true }));
  });
  return summary;
}

export function serviceDeskSchedules(): Schedule[] {
  return [{ kind: DAILY_JOB, every: 'day', hour: 7 }];
}

export function serviceDeskJobHandlers(): Record<string, JobHandler> {
  return {
    [DAILY_JOB]: async (job, ctx) => ({ ...(await dailyCheck(ctx.db, job.districtId, ctx.now())) }),
  };
}

// 督办单 for the service desk's requests. A 督办单 is keyed by a work item (supervision_notices.item_id), and the
// ladder, the notice pages and the assessment's deductions all read notices through their items. So rather than
// give notices a second kind of subject, a request the service desk sends for supervision (overdue, or rated
// 不满意) becomes a work item of its own — source 'serviceRequest', subject 'serviceRequest:<id>' (one item per
// request), owned by the handling unit, due on the answer deadline — and the notice is issued on that item as the
// ladder issues one. Everything else follows unchanged: the unit signs for it and answers (签收, 整改情况), the
// office closes it (销号), the daily ladder escalates it blue → yellow → red while the item stays red (an overdue
// milestone not reported done), and the assessment counts it against the unit. When the request is answered, the
// item is marked done, which stops the climb; the notice in force waits for its close-out like any other.
// The supervision module learns of requests only through the service desk's events (servicedesk.events.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { audit, systemActor } from '../../platform/audit/audit.ts';
import { on, type Subscription } from '../../platform/events/events.ts';
import { today } from '../../platform/time/date.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import {
  superviseEnded,
  superviseRequested,
  type SuperviseRequest,
} from '../servicedesk/servicedesk.events.ts';
import { supervisionItems, supervisionNotices } from './supervision.schema.ts';
import { createItem, planContext, viewItems } from './supervision.store.ts';
import { insertNotice, openStates } from './supervision.notices.ts';

export const subjectOf = (requestId: string) => `serviceRequest:${requestId}`;

async function itemOf(db: Db, districtId: string, subject: string) {
  const [row] = await db
    .select()
    .from(supervisionItems)
    .where(and(eq(supervisionItems.districtId, districtId), eq(supervisionItems.subject, subject)));
  return row;
}

/** Issues a blue 督办单 on the request's work item (made on first need); nothing when one is in force already. */
export async function noticeForRequest(db: Db, districtId: string, p: SuperviseRequest, now: Date) {
  if (!(await loadPlanView(db, districtId))) return { skipped: 'no plan' };
  const actor = systemActor(districtId);
  const subject = subjectOf(p.requestId);
  const dueDate = p.dueOn < p.filedOn ? p.filedOn : p.dueOn;
  if (!(await itemOf(db, districtId, subject)))
    await createItem(
      db,
      actor,
      {
        taskNumber: null,
        title: `企业诉求 ${p.number}：${p.title}`,
        ownerUnitId: p.unitId,
        responsiblePeople: '',
        startDate: p.filedOn,
        dueDate,
        kind: 'milestone',
        goalQuantity: null,
        goalUnit: null,
        targetCodes: [],
        evidence: '向企业答复并经回访（企业码上服务）',
        source: 'serviceRequest',
        sourceRef: p.evidence,
        cadenceMonths: 1,
        weight: 1,
        state: 'open',
        declaredStatus: null,
      },
      now,
      { subject },
    ).catch(async (err: unknown) => {
      // Two deliveries at once: the other made the item (the subject is unique).
      if (!(await itemOf(db, districtId, subject))) throw err;
    });
  const ctx = await planContext(db, districtId);
  return db.transaction(async (tx) => {
    // The ladder's lock: the daily rule and this never issue two notices for one item.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`supervision-escalate:${districtId}`}))`);
    const [item] = await tx
      .select()
      .from(supervisionItems)
      .where(and(eq(supervisionItems.districtId, districtId), eq(supervisionItems.subject, subject)))
      .for('update');
    const notices = await tx
      .select()
      .from(supervisionNotices)
      .where(and(eq(supervisionNotices.districtId, districtId), eq(supervisionNotices.itemId, item!.id)));
    // At least once: a redelivered event finds its notice (same reason) and does nothing.
    if (notices.some((n) => n.reason === p.reason)) return { skipped: 'already issued' };
    if (notices.some((n) => openStates.includes(n.state as never))) return { skipped: 'notice in force' };
    let row: typeof item = item!;
    if (row.state !== 'open' || row.ownerUnitId !== p.unitId || row.dueDate !== dueDate) {
      [row] = await tx
        .update(supervisionItems)
        .set({ state: 'open', declaredStatus: null, ownerUnitId: p.unitId, dueDate, updatedAt: now })
        .where(and(eq(supervisionItems.districtId, districtId), eq(supervisionItems.id, row.id)))
        .returning();
      await audit(tx, actor, {
        action: 'update',
        entity: 'supervisionItem',
        entityId: row!.id,
        before: item,
        after: row,
        note: `企业诉求 ${p.number} 再次督办`,
      });
    }
    const [view] = await viewItems(tx, districtId, [row!], today(now), () => false, ctx);
    const notice = await insertNotice(tx, actor, ctx, view!.view, {
      level: 'blue',
      reason: p.reason,
      previous: null,
      origin: 'rule',
      now,
      settings: ctx.settings.ladder,
    });
    return { noticeId: notice.id, itemId: row!.id };
  });
}

/** The request was answered: its work item is done (the ladder stops; an open notice awaits its 销号). */
export async function endRequestItem(db: Db, districtId: string, requestId: string, now: Date) {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(supervisionItems)
      .set({ state: 'done', declaredStatus: 'done', updatedAt: now })
      .where(
        and(
          eq(supervisionItems.districtId, districtId),
          eq(supervisionItems.subject, subjectOf(requestId)),
          inArray(supervisionItems.state, ['open']),
        ),
      )
      .returning();
    for (const row of done)
      await audit(tx, systemActor(districtId), {
        action: 'update',
        entity: 'supervisionItem',
        entityId: row.id,
        after: { state: 'done' },
        note: '企业诉求已答复',
      });
    return { done: done.length };
  });
}

export function serviceDeskSubscriptions(): Subscription[] {
  return [
    on(superviseRequested, 'supervision.noticeForServiceRequest', (e, ctx) =>
      noticeForRequest(ctx.db, e.districtId, e.payload, ctx.now()),
    ),
    on(superviseEnded, 'supervision.serviceRequestAnswered', (e, ctx) =>
      endRequestItem(ctx.db, e.districtId, e.payload.requestId, ctx.now()),
    ),
  ];
}

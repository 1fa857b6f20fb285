// The writes of the service desk: filing (by the enterprise, or 代录 by staff), every step of a request (派单,
// 签收, 退单, 审定, notes, 补充材料, 延期, 答复, 回访, 需协调, publication) and attachments. Each step runs in one
// transaction: the request row locked, the step checked against the state (servicedesk.ts refusal), the row
// changed, an event row written, the change audited, and notifications (and, for an overdue or dissatisfied
// request, a supervision request) published with it.
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { today } from '../../platform/time/date.ts';
import { publish } from '../../platform/events/events.store.ts';
import type { NewEvent } from '../../platform/events/events.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import { findEnterpriseByKey, findEnterpriseRow } from '../enterprises/enterprises.store.ts';
import { getPolicy } from '../policies/policies.store.ts';
import { serviceRequestAttachments, serviceRequestEvents, serviceRequests } from './servicedesk.schema.ts';
import {
  limitsOf,
  MAX_ATTACHMENTS,
  refusal,
  route,
  stateLabels,
  type EventKind,
  type RequestAction,
  type RequestState,
} from './servicedesk.ts';
import { dueDate } from './servicedesk.clock.ts';
import { possibleDuplicate } from './servicedesk.text.ts';
import {
  answerDueOf,
  conflict,
  deskContext,
  type DeskContext,
  type RequestRow,
} from './servicedesk.store.ts';
import type { FilingInput } from './servicedesk.contract.ts';
import { enterpriseNote, officeNotes, unitNote } from './servicedesk.steps.ts';

export interface StepEvent {
  kind: EventKind;
  text?: string;
  internal?: boolean;
  unitId?: string | null;
  data?: unknown;
}

/** What a step does to a request: the columns it sets, its event rows, whom it tells, what else it publishes. */
export interface StepResult {
  set: Partial<RequestRow>;
  events: StepEvent[];
  notify?: NotificationInput[];
  publish?: NewEvent[];
}

async function writeEvents(tx: Queryable, actor: Actor, requestId: string, events: StepEvent[], now: Date) {
  if (!events.length) return;
  // Steps keep their order even when the clock does not move between them (or moves back across instances): each
  // comes at least a millisecond after the request's last one.
  const [last] = await tx
    .select({ at: sql<string>`max(${serviceRequestEvents.at})::text` })
    .from(serviceRequestEvents)
    .where(
      and(
        eq(serviceRequestEvents.districtId, actor.districtId),
        eq(serviceRequestEvents.requestId, requestId),
      ),
    );
  const start = Math.max(now.getTime(), last?.at ? new Date(last.at).getTime() + 1 : 0);
  await tx.insert(serviceRequestEvents).values(
    events.map((e, i) => ({
      districtId: actor.districtId,
      requestId,
      kind: e.kind,
      at: new Date(start + i),
      actorId: actor.userId,
      actorLabel: actor.label,
      text: e.text ?? '',
      internal: e.internal ?? false,
      unitId: e.unitId ?? null,
      data: e.data ?? null,
    })),
  );
}

/**
 * Runs one step on a request: locks it, refuses a step its state does not allow (409 with the reason), applies the
 * step's changes, recomputes the answer deadline, writes the events and the audit row, publishes the rest.
 */
export async function step(
  db: Db,
  actor: Actor,
  id: string,
  action: RequestAction,
  now: Date,
  work: (r: RequestRow, ctx: DeskContext, tx: Queryable) => StepResult | Promise<StepResult>,
): Promise<RequestRow> {
  const ctx = await deskContext(db, actor.districtId);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(serviceRequests)
      .where(and(eq(serviceRequests.districtId, actor.districtId), eq(serviceRequests.id, id)))
      .for('update');
    if (!before) throw notFound('诉求');
    const refused = refusal(action, before.state as RequestState, before.rating !== null);
    if (refused) throw conflict(refused.reason, refused.message);
    const result = await work(before, ctx, tx);
    const merged = { ...before, ...result.set };
    const set = { ...result.set, answerDueOn: answerDueOf(merged), updatedAt: now };
    const [after] = await tx
      .update(serviceRequests)
      .set(set)
      .where(and(eq(serviceRequests.districtId, actor.districtId), eq(serviceRequests.id, id)))
      .returning();
    await writeEvents(tx, actor, id, result.events, now);
    await audit(tx, actor, {
      action: 'update',
      entity: 'serviceRequest',
      entityId: id,
      before: { state: before.state, unitId: before.unitId },
      after: result.set,
      note: result.events.map((e) => e.kind).join(', '),
    });
    if (result.notify?.length)
      await publish(
        tx,
        notificationsRequested.of(actor.districtId, { notifications: result.notify, deliver: true }),
      );
    for (const e of result.publish ?? []) await publish(tx, e);
    return after!;
  });
}

/** A concrete unit of the district (not a collective), or 400 on `path`. */
// ── Filing ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The enterprise a staff member names by USCC or exact name (404 alike when absent or out of reach). */
export const enterpriseNamed = (db: Queryable, districtId: string, e: { uscc?: string; name?: string }) =>
  findEnterpriseByKey(db, districtId, e);

async function nextSeq(tx: Queryable, districtId: string): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`service-desk-seq:${districtId}`}))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${serviceRequests.seq}), 0)::int` })
    .from(serviceRequests)
    .where(eq(serviceRequests.districtId, districtId));
  return Number(row?.n ?? 0) + 1;
}

/** Files a request for `enterpriseId`: routed by the rules (or left to the dispatcher), the clock started. */
export async function fileRequest(
  db: Db,
  actor: Actor,
  enterpriseId: string,
  input: FilingInput,
  now: Date,
): Promise<string> {
  const ctx = await deskContext(db, actor.districtId);
  if (!ctx.config.categories.some((c) => c.code === input.category))
    throw invalid('category', `未知的诉求分类：${input.category}`);
  const ent = await findEnterpriseRow(db, actor.districtId, enterpriseId);
  if (!ent) throw notFound('企业');
  const asOf = today(now);
  const text = `${input.title}\n${input.description}`;
  const routed = route(ctx.config, {
    category: input.category,
    subdistrict: ctx.units.get(ent.subdistrictId)?.code ?? null,
    fields: ent.fields,
    text,
  });
  const unit = routed ? ctx.unitByCode.get(routed.unit) : undefined;
  const { acceptDays, answerDays } = limitsOf(ctx.config, input.category, input.urgency);
  const earlier = await db
    .select({
      id: serviceRequests.id,
      title: serviceRequests.title,
      description: serviceRequests.description,
    })
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.districtId, actor.districtId),
        eq(serviceRequests.enterpriseId, enterpriseId),
        eq(serviceRequests.category, input.category),
      ),
    )
    .orderBy(desc(serviceRequests.filedAt))
    .limit(100);
  const duplicate = possibleDuplicate(
    text,
    earlier.map((e) => ({ id: e.id, text: `${e.title}\n${e.description}` })),
  );
  return db.transaction(async (tx) => {
    const seq = await nextSeq(tx, actor.districtId);
    const values = {
      districtId: actor.districtId,
      seq,
      enterpriseId,
      subdistrictId: ent.subdistrictId,
      category: input.category,
      urgency: input.urgency,
      title: input.title,
      description: input.description,
      contactName: input.contactName || ent.contactPerson,
      contactPhone: input.contactPhone || ent.contactPhone,
      publishConsent: input.publishConsent,
      channel: input.channel,
      state: unit ? 'dispatched' : 'filed',
      unitId: unit?.id ?? null,
      handledUnitIds: unit ? [unit.id] : [],
      filedAt: now,
      filedOn: asOf,
      filedByLabel: actor.label,
      dispatchedOn: unit ? asOf : null,
      acceptDueOn: unit ? dueDate(asOf, acceptDays) : null,
      roundStartedOn: asOf,
      answerDays,
      answerDueOn: dueDate(asOf, answerDays),
      duplicateOfId: duplicate?.id ?? null,
      duplicateScore: duplicate ? String(duplicate.score) : null,
      createdAt: now,
      updatedAt: now,
    };
    const [row] = await tx.insert(serviceRequests).values(values).returning();
    const r = row!;
    const events: StepEvent[] = [
      {
        kind: 'filed',
        text:
          input.channel === 'online'
            ? '企业提交诉求'
            : `工作人员代录（${input.channel === 'phone' ? '电话' : '走访'}）`,
      },
      unit
        ? { kind: 'dispatched', text: `按派单规则第 ${routed!.rule + 1} 条派至${unit.name}`, unitId: unit.id }
        : { kind: 'note', text: '无匹配的派单规则，待计划办派单', internal: true },
    ];
    if (duplicate)
      events.push({
        kind: 'internalNote',
        internal: true,
        text: `疑似重复诉求（相似度 ${duplicate.score}）`,
        data: duplicate,
      });
    await writeEvents(tx, actor, r.id, events, now);
    await audit(tx, actor, { action: 'create', entity: 'serviceRequest', entityId: r.id, after: r });
    const notify = [
      enterpriseNote(
        r,
        '已受理',
        `您的诉求已受理（${stateLabels[r.state as RequestState]}），答复时限 ${r.answerDueOn}。`,
        'filed',
      ),
      ...(unit
        ? [
            unitNote(
              unit.id,
              r,
              '待签收',
              `请于 ${r.acceptDueOn} 前签收或退单，答复时限 ${r.answerDueOn}。`,
              'dispatched:1',
            ),
          ]
        : officeNotes(ctx, r, '待派单', '无匹配的派单规则，请派单。', 'filed')),
    ];
    await publish(tx, notificationsRequested.of(actor.districtId, { notifications: notify, deliver: true }));
    return r.id;
  });
}

// ── Attachments and publication ────────────────────────────────────────────────────────────────────────────

export async function addAttachment(
  db: Db,
  actor: Actor,
  r: RequestRow,
  file: { fileName: string; mime: string; bytes: Buffer },
  now: Date,
): Promise<string> {
  if (r.state === 'closed') throw conflict('CLOSED', '该诉求已办结');
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`service-desk-files:${r.id}`}))`);
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(serviceRequestAttachments)
      .where(
        and(
          eq(serviceRequestAttachments.districtId, actor.districtId),
          eq(serviceRequestAttachments.requestId, r.id),
        ),
      );
    if (Number(count?.n ?? 0) >= MAX_ATTACHMENTS)
      throw conflict('TOO_MANY_ATTACHMENTS', `每件诉求最多 ${MAX_ATTACHMENTS} 个附件`);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const [row] = await tx
      .insert(serviceRequestAttachments)
      .values({
        districtId: actor.districtId,
        requestId: r.id,
        fileName: file.fileName,
        mime: file.mime,
        size: file.bytes.length,
        bytes: file.bytes,
        sha256,
        uploadedByLabel: actor.label,
        uploadedAt: now,
      })
      .returning({ id: serviceRequestAttachments.id });
    await writeEvents(tx, actor, r.id, [{ kind: 'attachment', text: file.fileName }], now);
    await audit(tx, actor, {
      action: 'create',
      entity: 'serviceRequestAttachment',
      entityId: row!.id,
      after: { requestId: r.id, fileName: file.fileName, mime: file.mime, size: file.bytes.length, sha256 },
    });
    return row!.id;
  });
}

/**
 * The plan office withholds a consented request from the knowledge base, or publishes it again, and links the
 * policies its answer explains (each must be one of the district's; omitted keeps those linked).
 */
export async function setPublication(
  db: Db,
  actor: Actor,
  id: string,
  body: { withheld: boolean; policyIds?: string[] | undefined },
  now: Date,
) {
  const { withheld } = body;
  const policyIds = body.policyIds && [...new Set(body.policyIds)];
  if (policyIds)
    for (const [i, p] of policyIds.entries())
      await getPolicy(db, actor.districtId, p).catch(() => {
        throw invalid(`policyIds.${i}`, '政策不存在');
      });
  await db.transaction(async (tx) => {
    const [before] = await tx
      .update(serviceRequests)
      .set({ publicationWithheld: withheld, ...(policyIds ? { policyIds } : {}), updatedAt: now })
      .where(and(eq(serviceRequests.districtId, actor.districtId), eq(serviceRequests.id, id)))
      .returning();
    if (!before) throw notFound('诉求');
    await writeEvents(
      tx,
      actor,
      id,
      [{ kind: 'publication', text: withheld ? '不在知识库公开' : '在知识库公开', internal: true }],
      now,
    );
    await audit(tx, actor, {
      action: 'update',
      entity: 'serviceRequest',
      entityId: id,
      after: { publicationWithheld: withheld, ...(policyIds ? { policyIds } : {}) },
    });
  });
}

export { writeEvents };

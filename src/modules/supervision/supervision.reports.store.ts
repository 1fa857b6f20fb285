// The writes and reads of 督查督办's progress reports and their attachments: a new version of an item-period, the
// office's review, attachments, and what the meetings and the assessment read of the reports.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, type Queryable } from '../../platform/db/db.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { currentPeriod, type Period } from '../../platform/time/period.ts';
import { publish } from '../../platform/events/events.store.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import { supervisionAttachments, supervisionItems, supervisionReports } from './supervision.schema.ts';
import { type ReportState } from './supervision.ts';
import type { ReportBody } from './supervision.contract.ts';

import { conflict, type ItemRow, type ReportRow } from './supervision.store.ts';

/** Writes a new version of (item, period): the first, a correction, or the resubmission of a returned one. */
async function insertReport(
  tx: Queryable,
  actor: Actor,
  item: ItemRow,
  body: Omit<ReportBody, 'declaredStatus'>,
  opts: { now: Date; state: ReportState; origin: 'form' | 'import' },
): Promise<ReportRow> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtext(${`supervision-report:${item.id}:${body.period}`}))`,
  );
  const [last] = await tx
    .select({ version: supervisionReports.version })
    .from(supervisionReports)
    .where(
      and(
        eq(supervisionReports.districtId, actor.districtId),
        eq(supervisionReports.itemId, item.id),
        eq(supervisionReports.period, body.period),
      ),
    )
    .orderBy(desc(supervisionReports.version))
    .limit(1);
  const [row] = await tx
    .insert(supervisionReports)
    .values({
      districtId: actor.districtId,
      itemId: item.id,
      period: body.period,
      version: (last?.version ?? 0) + 1,
      progress: body.progress,
      quantityDone: body.quantityDone === null ? null : String(body.quantityDone),
      percent: body.percent,
      problems: body.problems,
      nextSteps: body.nextSteps,
      needsCoordination: body.needsCoordination,
      state: opts.state,
      origin: opts.origin,
      submittedBy: actor.userId,
      submittedByLabel: actor.label,
      submittedAt: opts.now,
      ...(opts.state === 'accepted' ? { reviewedByLabel: actor.label, reviewedAt: opts.now } : {}),
    })
    .returning();
  await audit(tx, actor, {
    action: 'create',
    entity: 'supervisionReport',
    entityId: row!.id,
    after: row,
    note: `item ${item.number} ${body.period} v${row!.version}`,
  });
  return row!;
}

/** A unit's report on its open item; the item's self-declared status follows the report when it says one. */
export async function submitReport(
  db: Db,
  actor: Actor,
  item: ItemRow,
  body: ReportBody,
  now: Date,
): Promise<string> {
  if (item.state !== 'open') throw conflict('该举措已办结或取消，不再报送进展');
  if (body.period > currentPeriod(now)) throw invalid('period', '不能报送未来月份的进展');
  if (item.kind === 'quantity' && body.quantityDone === null)
    throw invalid('quantityDone', '数量型举措须填写已完成数量');
  return db.transaction(async (tx) => {
    const row = await insertReport(tx, actor, item, body, { now, state: 'submitted', origin: 'form' });
    if (body.declaredStatus !== undefined && body.declaredStatus !== item.declaredStatus) {
      await tx
        .update(supervisionItems)
        .set({ declaredStatus: body.declaredStatus, updatedAt: now })
        .where(and(eq(supervisionItems.districtId, actor.districtId), eq(supervisionItems.id, item.id)));
      await audit(tx, actor, {
        action: 'update',
        entity: 'supervisionItem',
        entityId: item.id,
        before: { declaredStatus: item.declaredStatus },
        after: { declaredStatus: body.declaredStatus },
      });
    }
    return row.id;
  });
}

export async function findReport(db: Queryable, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(supervisionReports)
    .where(and(eq(supervisionReports.districtId, districtId), eq(supervisionReports.id, id)));
  return row;
}

/** The plan office returns (with a reason) or accepts the current version of a period; nothing is deleted. */
export async function reviewReport(
  db: Db,
  actor: Actor,
  reportId: string,
  outcome: 'returned' | 'accepted',
  reason: string | null,
  now: Date,
): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(supervisionReports)
      .where(and(eq(supervisionReports.districtId, actor.districtId), eq(supervisionReports.id, reportId)))
      .for('update');
    if (!before) throw notFound('进展报告');
    const [newer] = await tx
      .select({ id: supervisionReports.id })
      .from(supervisionReports)
      .where(
        and(
          eq(supervisionReports.districtId, actor.districtId),
          eq(supervisionReports.itemId, before.itemId),
          eq(supervisionReports.period, before.period),
          sql`${supervisionReports.version} > ${before.version}`,
        ),
      )
      .limit(1);
    if (newer) throw conflict('该报告已有更新的版本');
    if (before.state !== 'submitted')
      throw conflict(before.state === 'returned' ? '该报告已退回' : '该报告已确认');
    const [after] = await tx
      .update(supervisionReports)
      .set({ state: outcome, returnReason: reason, reviewedByLabel: actor.label, reviewedAt: now })
      .where(and(eq(supervisionReports.districtId, actor.districtId), eq(supervisionReports.id, reportId)))
      .returning();
    await audit(tx, actor, {
      action: 'update',
      entity: 'supervisionReport',
      entityId: reportId,
      before: { state: before.state },
      after: { state: outcome, returnReason: reason },
      note: outcome === 'returned' ? '退回' : '确认',
    });
    if (outcome === 'returned') {
      // The owning unit hears of it in its inbox, in this transaction (delivered by the notifications module).
      const [item] = await tx
        .select()
        .from(supervisionItems)
        .where(
          and(eq(supervisionItems.districtId, actor.districtId), eq(supervisionItems.id, before.itemId)),
        );
      await publish(
        tx,
        notificationsRequested.of(actor.districtId, {
          notifications: [
            {
              recipient: { kind: 'unit', id: item!.ownerUnitId },
              category: 'system',
              title: `进展报告被退回：${item!.number}. ${item!.title}（${before.period}）`,
              body: `退回原因：${reason ?? ''}。请补充后重新报送。`,
              link: '/supervision/todo',
              dedupeKey: `supervision-return:${reportId}`,
            },
          ],
        }),
      );
    }
    return after!;
  });
}

export async function addAttachment(
  db: Db,
  actor: Actor,
  reportId: string,
  file: { fileName: string; mime: string; bytes: Buffer },
  now: Date,
) {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(supervisionAttachments)
      .values({
        districtId: actor.districtId,
        reportId,
        fileName: file.fileName,
        mime: file.mime,
        size: file.bytes.length,
        bytes: file.bytes,
        sha256,
        uploadedByLabel: actor.label,
        uploadedAt: now,
      })
      .returning({ id: supervisionAttachments.id });
    await audit(tx, actor, {
      action: 'create',
      entity: 'supervisionAttachment',
      entityId: row!.id,
      after: { reportId, fileName: file.fileName, mime: file.mime, size: file.bytes.length, sha256 },
    });
    return { id: row!.id, sha256, size: file.bytes.length };
  });
}

export async function findAttachment(db: Queryable, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(supervisionAttachments)
    .where(and(eq(supervisionAttachments.districtId, districtId), eq(supervisionAttachments.id, id)));
  return row;
}

export { insertReport };

/** Reports flagged 需协调事项 submitted in [since, until], oldest first (the dispatch meetings' agenda reads them). */
export async function coordinationReports(db: Queryable, districtId: string, since: Date, until: Date) {
  return db
    .select({
      id: supervisionReports.id,
      itemId: supervisionReports.itemId,
      period: supervisionReports.period,
      problems: supervisionReports.problems,
      submittedAt: supervisionReports.submittedAt,
    })
    .from(supervisionReports)
    .where(
      and(
        eq(supervisionReports.districtId, districtId),
        eq(supervisionReports.needsCoordination, true),
        sql`${supervisionReports.state} <> 'returned'`,
        sql`${supervisionReports.submittedAt} >= ${since.toISOString()}`,
        sql`${supervisionReports.submittedAt} <= ${until.toISOString()}`,
      ),
    )
    .orderBy(asc(supervisionReports.submittedAt));
}

/**
 * Every report version of the district's items for periods `from`..`to` (oldest first), for the annual assessment's
 * reporting punctuality (late first versions, returned ones): id, item, period, version, state, submitted at.
 */
export async function reportVersions(db: Queryable, districtId: string, from: Period, to: Period) {
  return db
    .select({
      id: supervisionReports.id,
      itemId: supervisionReports.itemId,
      period: supervisionReports.period,
      version: supervisionReports.version,
      state: supervisionReports.state,
      submittedAt: supervisionReports.submittedAt,
    })
    .from(supervisionReports)
    .where(
      and(
        eq(supervisionReports.districtId, districtId),
        sql`${supervisionReports.period} BETWEEN ${from} AND ${to}`,
      ),
    )
    .orderBy(asc(supervisionReports.itemId), asc(supervisionReports.period), asc(supervisionReports.version));
}

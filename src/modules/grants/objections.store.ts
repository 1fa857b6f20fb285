// Objections to a grant batch under public notice: filed by anyone (the office is told in its inbox), answered by the
// office (upheld excludes the enterprise). Steps of the batch's state machine (grants.ts), under its row lock.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Db, type Queryable } from '../../platform/db/db.ts';
import { enterpriseAttributesSql } from '../enterprises/enterprises.sql.ts';
import { policyVersionsSql } from '../policies/policies.store.ts';
import type { ObjectionStatus } from './grants.contract.ts';
import { receiptNumber, sameContact } from './grants.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { allUnits } from '../units/units.store.ts';
import { publish } from '../../platform/events/events.store.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import { grantItems, grantObjections } from './grants.schema.ts';
import { conflict, event, lockBatch, requireStep } from './grants.store.ts';
// Today in Shanghai, 'YYYY-MM-DD'.
import { today as shanghaiDate } from '../../platform/time/date.ts';

/** An objection during the notice, from anyone (signed-in or not); the office is told in its inbox. */
export async function fileObjection(
  db: Db,
  districtId: string,
  batchId: string,
  input: { enterpriseId: string | null; filerName: string; filerContact: string; text: string },
  filer: { userId: string | null; enterpriseId: string | null; label: string },
  now: Date,
): Promise<{ id: string; receipt: string }> {
  return db.transaction(async (tx) => {
    const b = await lockBatch(tx, districtId, batchId, 'fileObjection');
    requireStep('fileObjection', { today: shanghaiDate(now), noticeEndsOn: b.noticeEndsOn });
    if (input.enterpriseId) {
      const [item] = await tx
        .select({ id: grantItems.enterpriseId })
        .from(grantItems)
        .where(
          and(
            eq(grantItems.districtId, districtId),
            eq(grantItems.batchId, batchId),
            eq(grantItems.enterpriseId, input.enterpriseId),
          ),
        );
      if (!item)
        throw new AppError('VALIDATION', '该企业不在公示名单中', [
          { path: 'enterpriseId', message: '该企业不在公示名单中' },
        ]);
    }
    // The receipt: this district's next number in the year of filing (Shanghai), under a lock per district and year.
    const year = shanghaiDate(now).slice(0, 4);
    const prefix = receiptNumber(year, 0).slice(0, 3);
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`objection-receipt:${districtId}:${year}`}))`,
    );
    const [last] = await rows<{ n: number | null }>(
      tx,
      sql`SELECT max(substr(receipt, 4)::int) AS n FROM grant_objections
          WHERE district_id = ${districtId} AND receipt LIKE ${`${prefix}%`}`,
    );
    const receipt = receiptNumber(year, (last?.n ?? 0) + 1);
    const [o] = await tx
      .insert(grantObjections)
      .values({
        districtId,
        receipt,
        batchId,
        enterpriseId: input.enterpriseId,
        filerName: input.filerName,
        filerContact: input.filerContact,
        filedBy: filer.userId,
        filedByEnterprise: filer.enterpriseId,
        text: input.text,
      })
      .returning({ id: grantObjections.id });
    await event(
      tx,
      districtId,
      batchId,
      'objectionFiled',
      filer.label,
      `${receipt} ${input.text.slice(0, 100)}`,
    );
    await audit(
      tx,
      { districtId, userId: filer.userId, label: filer.label },
      {
        action: 'create',
        entity: 'grantObjection',
        entityId: o!.id,
        after: {
          batchId,
          receipt,
          enterpriseId: input.enterpriseId,
          filerName: input.filerName,
          text: input.text,
        },
      },
    );
    const office = (await allUnits(tx, districtId)).filter((u) => u.kind === 'office');
    await publish(
      tx,
      notificationsRequested.of(districtId, {
        notifications: office.map((u): NotificationInput => ({
          recipient: { kind: 'unit', id: u.id },
          category: 'system',
          title: `公示异议：${b.number}（受理编号 ${receipt}）`,
          body: `${input.filerName} 对公示名单提出异议：${input.text.slice(0, 200)}`,
          link: `/grants/batches/${batchId}`,
          dedupeKey: `objection:${o!.id}`,
        })),
      }),
    );
    return { id: o!.id, receipt };
  });
}

/**
 * Answers open objections of one batch alike — one, or several selected together — in one transaction: all are
 * resolved or none (409 naming the receipts already handled). Upheld excludes each objection's enterprise.
 */
export async function resolveObjections(
  db: Db,
  actor: Actor,
  batchId: string,
  objectionIds: string[],
  outcome: 'upheld' | 'dismissed',
  response: string,
  now: Date,
) {
  const ids = [...new Set(objectionIds)];
  await db.transaction(async (tx) => {
    await lockBatch(tx, actor.districtId, batchId, 'resolveObjection');
    const found = await tx
      .select()
      .from(grantObjections)
      .where(
        and(
          eq(grantObjections.districtId, actor.districtId),
          eq(grantObjections.batchId, batchId),
          inArray(grantObjections.id, ids),
        ),
      )
      .for('update');
    if (found.length !== ids.length) throw notFound('异议');
    const handled = found.filter((o) => o.status !== 'open');
    if (handled.length === 1 && ids.length === 1)
      requireStep('resolveObjection', { objectionStatus: handled[0]!.status });
    if (handled.length) throw conflict(`以下异议已处理：${handled.map((o) => o.receipt ?? o.id).join('、')}`);
    for (const o of found) {
      const where = and(
        eq(grantObjections.districtId, actor.districtId),
        eq(grantObjections.batchId, batchId),
        eq(grantObjections.id, o.id),
      );
      await tx
        .update(grantObjections)
        .set({ status: outcome, response, respondedBy: actor.label, respondedAt: now })
        .where(where);
      if (outcome === 'upheld' && o.enterpriseId) {
        await tx
          .update(grantItems)
          .set({ included: false, exclusionReason: `异议成立：${response}` })
          .where(
            and(
              eq(grantItems.districtId, actor.districtId),
              eq(grantItems.batchId, batchId),
              eq(grantItems.enterpriseId, o.enterpriseId),
            ),
          );
      }
      await event(
        tx,
        actor.districtId,
        batchId,
        outcome === 'upheld' ? 'objectionUpheld' : 'objectionDismissed',
        actor.label,
        o.receipt ? `${o.receipt} ${response}` : response,
      );
      await audit(tx, actor, {
        action: 'update',
        entity: 'grantObjection',
        entityId: o.id,
        before: { status: 'open' },
        after: {
          status: outcome,
          response,
          excluded: outcome === 'upheld' ? o.enterpriseId : null,
          ...(ids.length > 1 ? { bulk: ids.length } : {}),
        },
      });
    }
  });
}

interface StatusRow {
  receipt: string | null;
  batch_id: string;
  batch_number: string;
  batch_status: string;
  policy_name: string;
  enterprise_name: string | null;
  text: string;
  filed_at: string;
  status: string;
  response: string | null;
  responded_at: string | null;
  filer_contact: string;
}

const statusSelect = (districtId: string) => sql`
  SELECT o.receipt, o.batch_id::text, b.number AS batch_number, b.status AS batch_status,
         v.definition->>'name' AS policy_name, e.name AS enterprise_name, o.text, o.filed_at::text, o.status,
         o.response, o.responded_at::text, o.filer_contact
  FROM grant_objections o
  JOIN grant_batches b ON b.district_id = o.district_id AND b.id = o.batch_id
  JOIN (${policyVersionsSql(districtId)}) v ON v.policy_id = b.policy_id AND v.version = b.policy_version
  LEFT JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = o.enterprise_id
  WHERE o.district_id = ${districtId}`;

const toStatus = (r: StatusRow): ObjectionStatus => ({
  receipt: r.receipt,
  batchId: r.batch_id,
  batchNumber: r.batch_number,
  policyName: r.policy_name,
  enterpriseName: r.enterprise_name,
  text: r.text,
  filedAt: r.filed_at,
  status: r.status as ObjectionStatus['status'],
  response: r.response,
  respondedAt: r.responded_at,
  batchStatus: r.batch_status as ObjectionStatus['batchStatus'],
});

/**
 * An objection as its filer follows it, by receipt number and the contact given when filing. A wrong pair answers
 * 404 alike whether the receipt exists or not, so receipts cannot be probed (the route is rate-limited too).
 */
export async function objectionByReceipt(
  db: Queryable,
  districtId: string,
  receipt: string,
  contact: string,
): Promise<ObjectionStatus> {
  const [r] = await rows<StatusRow>(db, sql`${statusSelect(districtId)} AND o.receipt = ${receipt}`);
  if (!r || !sameContact(r.filer_contact, contact)) throw notFound('该受理编号与联系方式对应的异议');
  return toStatus(r);
}

/** The objections a signed-in enterprise filed, newest first. */
export async function enterpriseObjections(
  db: Queryable,
  districtId: string,
  enterpriseId: string,
): Promise<ObjectionStatus[]> {
  const list = await rows<StatusRow>(
    db,
    sql`${statusSelect(districtId)} AND o.filed_by_enterprise = ${enterpriseId} ORDER BY o.filed_at DESC LIMIT 200`,
  );
  return list.map(toStatus);
}

// Objections to a grant batch under public notice: filed by anyone (the office is told in its inbox), answered by the
// office (upheld excludes the enterprise). Steps of the batch's state machine (grants.ts), under its row lock.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { allUnits } from '../units/units.store.ts';
import { publish } from '../../platform/events/events.store.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import { grantItems, grantObjections } from './grants.schema.ts';
import { event, lockBatch, requireStep } from './grants.store.ts';
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
): Promise<string> {
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
    const [o] = await tx
      .insert(grantObjections)
      .values({
        districtId,
        batchId,
        enterpriseId: input.enterpriseId,
        filerName: input.filerName,
        filerContact: input.filerContact,
        filedBy: filer.userId,
        filedByEnterprise: filer.enterpriseId,
        text: input.text,
      })
      .returning({ id: grantObjections.id });
    await event(tx, districtId, batchId, 'objectionFiled', filer.label, input.text.slice(0, 100));
    await audit(
      tx,
      { districtId, userId: filer.userId, label: filer.label },
      {
        action: 'create',
        entity: 'grantObjection',
        entityId: o!.id,
        after: { batchId, enterpriseId: input.enterpriseId, filerName: input.filerName, text: input.text },
      },
    );
    const office = (await allUnits(tx, districtId)).filter((u) => u.kind === 'office');
    await publish(
      tx,
      notificationsRequested.of(districtId, {
        notifications: office.map((u): NotificationInput => ({
          recipient: { kind: 'unit', id: u.id },
          category: 'system',
          title: `公示异议：${b.number}`,
          body: `${input.filerName} 对公示名单提出异议：${input.text.slice(0, 200)}`,
          link: `/grants/batches/${batchId}`,
          dedupeKey: `objection:${o!.id}`,
        })),
      }),
    );
    return o!.id;
  });
}

export async function resolveObjection(
  db: Db,
  actor: Actor,
  batchId: string,
  objectionId: string,
  outcome: 'upheld' | 'dismissed',
  response: string,
  now: Date,
) {
  await db.transaction(async (tx) => {
    await lockBatch(tx, actor.districtId, batchId, 'resolveObjection');
    const where = and(
      eq(grantObjections.districtId, actor.districtId),
      eq(grantObjections.batchId, batchId),
      eq(grantObjections.id, objectionId),
    );
    const [o] = await tx.select().from(grantObjections).where(where);
    if (!o) throw notFound('异议');
    requireStep('resolveObjection', { objectionStatus: o.status });
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
      response,
    );
    await audit(tx, actor, {
      action: 'update',
      entity: 'grantObjection',
      entityId: objectionId,
      before: { status: 'open' },
      after: { status: outcome, response, excluded: outcome === 'upheld' ? o.enterpriseId : null },
    });
  });
}

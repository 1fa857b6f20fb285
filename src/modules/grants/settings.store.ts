// A district's grant settings (grant_settings): the shortest public notice allowed, in working days. The plan office
// sets it; a district that never did has the default (5 working days, grants.ts).
import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { GrantSettings } from './grants.contract.ts';
import { grantSettings } from './grants.schema.ts';
import { defaultMinNoticeWorkingDays } from './grants.ts';

export async function grantSettingsOf(db: Queryable, districtId: string): Promise<GrantSettings> {
  const [row] = await db.select().from(grantSettings).where(eq(grantSettings.districtId, districtId));
  return { minNoticeWorkingDays: row?.minNoticeWorkingDays ?? defaultMinNoticeWorkingDays };
}

export async function saveGrantSettings(db: Db, actor: Actor, next: GrantSettings): Promise<GrantSettings> {
  return db.transaction(async (tx) => {
    const before = await grantSettingsOf(tx, actor.districtId);
    await tx
      .insert(grantSettings)
      .values({ districtId: actor.districtId, ...next, updatedBy: actor.label })
      .onConflictDoUpdate({
        target: grantSettings.districtId,
        set: { ...next, updatedBy: actor.label, updatedAt: new Date() },
      });
    await audit(tx, actor, {
      action: 'update',
      entity: 'grantSettings',
      entityId: actor.districtId,
      before,
      after: next,
    });
    return next;
  });
}

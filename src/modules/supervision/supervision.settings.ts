// The district's status thresholds and ladder settings: read with the plan context (every status and the daily
// ladder use them), saved by the plan office with an audit entry. No row means the defaults.
import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { supervisionSettings } from './supervision.schema.ts';
import { defaultThresholds } from './supervision.ts';
import { defaultLadderSettings } from './supervision.ladder.ts';
import type { SupervisionSettings } from './supervision.contract.ts';

export const defaultSupervisionSettings: SupervisionSettings = {
  thresholds: { ...defaultThresholds },
  ladder: { ...defaultLadderSettings },
};

export async function loadSettings(
  db: Queryable,
  districtId: string,
): Promise<SupervisionSettings & { isDefault: boolean; updatedBy: string | null; updatedAt: string | null }> {
  const [row] = await db
    .select()
    .from(supervisionSettings)
    .where(eq(supervisionSettings.districtId, districtId));
  if (!row) return { ...defaultSupervisionSettings, isDefault: true, updatedBy: null, updatedAt: null };
  // a saved row was validated whole; a setting added by a later release takes its default
  return {
    thresholds: { ...defaultThresholds, ...(row.thresholds as object) },
    ladder: { ...defaultLadderSettings, ...(row.ladder as object) },
    isDefault: false,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function saveSettings(
  db: Db,
  actor: Actor,
  input: SupervisionSettings,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await loadSettings(tx, actor.districtId);
    await tx
      .insert(supervisionSettings)
      .values({
        districtId: actor.districtId,
        thresholds: input.thresholds,
        ladder: input.ladder,
        updatedBy: actor.label,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [supervisionSettings.districtId],
        set: { thresholds: input.thresholds, ladder: input.ladder, updatedBy: actor.label, updatedAt: now },
      });
    await audit(tx, actor, {
      action: before.isDefault ? 'create' : 'update',
      entity: 'supervisionSettings',
      entityId: actor.districtId,
      before: before.isDefault ? null : { thresholds: before.thresholds, ladder: before.ladder },
      after: input,
    });
  });
}

// Records every change to data (who, when, what, before, after) and reads a record's trail.
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/db.ts';
import { auditLog } from './audit.schema.ts';
import type { AuditEntry } from './audit.contract.ts';

export interface Actor {
  districtId: string;
  /** null for the system itself (start-up loading, jobs). */
  userId: string | null;
  label: string;
}

export const systemActor = (districtId: string): Actor => ({ districtId, userId: null, label: 'system' });

export interface AuditEvent {
  action: 'create' | 'update' | 'delete' | 'import' | 'load' | 'login' | 'logout' | (string & {});
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  note?: string;
}

/** Writes audit rows in the caller's transaction, so a change and its record land together or not at all. */
export async function audit(db: Queryable, actor: Actor, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Large imports are recorded in batches to keep each INSERT reasonable.
  for (let i = 0; i < events.length; i += 1000) {
    await db.insert(auditLog).values(
      events.slice(i, i + 1000).map((e) => ({
        districtId: actor.districtId,
        actorId: actor.userId,
        actorLabel: actor.label,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        before: e.before ?? null,
        after: e.after ?? null,
        note: e.note ?? null,
      })),
    );
  }
}

export async function auditTrail(
  db: Queryable,
  districtId: string,
  entity: string,
  entityId: string,
): Promise<AuditEntry[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.districtId, districtId), eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)),
    )
    .orderBy(asc(auditLog.id));
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorLabel: r.actorLabel,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    note: r.note,
  }));
}

// Records every change to data (who, when, what, before, after) and reads a record's trail.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/db.ts';
import { auditLog } from './audit.schema.ts';
import { AUDIT_ID_MAX, type AuditEntry } from './audit.contract.ts';

export interface Actor {
  districtId: string;
  /** null for the system itself (start-up loading, jobs). */
  userId: string | null;
  label: string;
}

export const systemActor = (districtId: string): Actor => ({ districtId, userId: null, label: 'system' });

export interface AuditEvent {
  action:
    | 'create'
    | 'update'
    | 'delete'
    | 'import'
    | 'load'
    | 'login'
    | 'logout'
    | 'refused'
    | 'export'
    | (string & {});
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  note?: string;
}

/**
 * Writes audit rows in the caller's transaction, so a change and its record land together or not at all. The database
 * chains each row to the one before (seq, hash: trigger audit_log_chain); audit.verify.ts checks the chain.
 */
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

/**
 * Writes one audit row per row of `select` in the caller's transaction — for imports too large to bring through
 * Node.js. `select` yields the columns (action, entity, entity_id, before, after, note) of each event; before and after
 * are jsonb (or NULL). The actor is the same for every row; the chain (seq, hash) is set by the database as for audit().
 */
export async function auditFromSelect(db: Queryable, actor: Actor, select: SQL): Promise<void> {
  await db.execute(sql`INSERT INTO ${auditLog} (district_id, actor_id, actor_label, action, entity, entity_id, before, after, note)
    SELECT ${actor.districtId}, ${actor.userId}::uuid, ${actor.label}, ev.action, ev.entity, ev.entity_id, ev.before, ev.after, ev.note
    FROM (${select}) ev`);
}

/** A refused request of a signed-in user, as the error mapping sees it. */
export interface Refusal {
  method: string;
  /** The route's pattern, e.g. /api/enterprises/:id. */
  route: string;
  params: Record<string, string>;
  code: 'FORBIDDEN' | 'NOT_FOUND';
}

/**
 * Records that a signed-in user was refused (403) or told a record is absent (404, which is also how a record out of
 * scope answers): entity `access`, entity id the record asked for (the route's parameters joined by ':', as grant items
 * are named) or the route when it names none.
 */
export function refusalEvent(r: Refusal): AuditEvent {
  const asked = Object.values(r.params).join(':') || r.route;
  return {
    action: 'refused',
    entity: 'access',
    entityId: asked.slice(0, AUDIT_ID_MAX),
    after: { method: r.method, route: r.route, params: r.params, code: r.code },
  };
}

/** Records a download of data: what (entity id), with which filter, how many rows left. */
export function exportEvent(what: string, filter: Record<string, unknown>, rowCount: number): AuditEvent {
  return { action: 'export', entity: 'export', entityId: what, after: { filter, rows: rowCount } };
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

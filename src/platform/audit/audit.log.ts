// The district-wide audit log: every event of the district filtered by user, record, action and time, newest first,
// a page at a time; client addresses partly masked. Reading it is itself an audit event (it shows personal data).
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/db.ts';
import { auditLog } from './audit.schema.ts';
import { addressActions, loginActions, type AuditLogEntry, type AuditLogQuery } from './audit.contract.ts';
import { maskIp } from './mask.ts';

/** A civil date's start in Asia/Shanghai (UTC+8, no daylight saving), or the instant as given. */
const instant = (v: string, endOfDay: boolean): Date => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const start = new Date(`${v}T00:00:00+08:00`);
    return endOfDay ? new Date(start.getTime() + 86_400_000) : start;
  }
  return new Date(v);
};

export function auditLogWhere(districtId: string, q: Omit<AuditLogQuery, 'page' | 'pageSize'>): SQL {
  const parts: (SQL | undefined)[] = [eq(auditLog.districtId, districtId)];
  // A user's events: what they did, and the failed logins tried against their account.
  if (q.userId)
    parts.push(
      or(
        eq(auditLog.actorId, q.userId),
        and(
          eq(auditLog.action, 'login_failed'),
          eq(auditLog.entity, 'user'),
          eq(auditLog.entityId, q.userId),
        ),
      ),
    );
  if (q.entity) parts.push(eq(auditLog.entity, q.entity));
  if (q.entityId) parts.push(eq(auditLog.entityId, q.entityId));
  if (q.action) parts.push(eq(auditLog.action, q.action));
  if (q.logins) parts.push(inArray(auditLog.action, [...loginActions]));
  if (q.from) parts.push(gte(auditLog.at, instant(q.from, false)));
  if (q.to) parts.push(lt(auditLog.at, instant(q.to, true)));
  return and(...parts)!;
}

const masked = new Set<string>(addressActions);

export function toLogEntry(r: typeof auditLog.$inferSelect): AuditLogEntry {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    note: masked.has(r.action) ? maskIp(r.note) : r.note,
  };
}

export async function auditLogPage(db: Queryable, districtId: string, q: AuditLogQuery) {
  const where = auditLogWhere(districtId, q);
  const [items, [counted]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { items: items.map(toLogEntry), total: counted?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every matching event, newest first, in pages of 5,000 (the export). */
export async function* iterateAuditLog(
  db: Queryable,
  districtId: string,
  q: Omit<AuditLogQuery, 'page' | 'pageSize'>,
): AsyncGenerator<AuditLogEntry> {
  const where = auditLogWhere(districtId, q);
  for (let page = 0; ; page++) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(5000)
      .offset(page * 5000);
    for (const r of batch) yield toLogEntry(r);
    if (batch.length < 5000) return;
  }
}

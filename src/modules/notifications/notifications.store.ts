// The only SQL about notifications: write (deduplicated), read an inbox with per-user read state, mark read.
import { and, count, desc, eq, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { allUnits } from '../units/units.store.ts';
import { notificationReads, notifications } from './notifications.schema.ts';
import { audienceOf, readsOfficeInbox, type Reader } from './notifications.policy.ts';
import type { NotificationInput, Recipient } from './notifications.ts';
import type { Inbox, InboxQuery } from './notifications.contract.ts';

export interface StoredNotification extends NotificationInput {
  id: string;
  districtId: string;
  createdAt: Date;
}

const valuesOf = (districtId: string, n: NotificationInput) => ({
  districtId,
  recipientKind: n.recipient.kind,
  recipientId: n.recipient.id,
  category: n.category,
  title: n.title,
  body: n.body,
  link: n.link ?? null,
  data: n.data ?? null,
  dedupeKey: n.dedupeKey ?? null,
});

const dedupeTarget = [
  notifications.districtId,
  notifications.recipientKind,
  notifications.recipientId,
  notifications.dedupeKey,
];

type Row = typeof notifications.$inferSelect;
const toStored = (r: Row): StoredNotification => ({
  id: r.id,
  districtId: r.districtId,
  recipient: { kind: r.recipientKind as Recipient['kind'], id: r.recipientId },
  category: r.category as NotificationInput['category'],
  title: r.title,
  body: r.body,
  link: r.link,
  data: r.data,
  dedupeKey: r.dedupeKey,
  createdAt: new Date(r.createdAt),
});

/** Puts a notification in its recipient's inbox; `created` is false when one with the same dedupe key was there. */
export async function notify(
  db: Queryable,
  districtId: string,
  input: NotificationInput,
): Promise<{ id: string; created: boolean }> {
  const [row] = await db
    .insert(notifications)
    .values(valuesOf(districtId, input))
    .onConflictDoNothing({ target: dedupeTarget })
    .returning({ id: notifications.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.districtId, districtId),
        eq(notifications.recipientKind, input.recipient.kind),
        eq(notifications.recipientId, input.recipient.id),
        eq(notifications.dedupeKey, input.dedupeKey ?? ''),
      ),
    );
  return { id: existing!.id, created: false };
}

/** Many notifications in one statement (reminders to every enterprise that has not reported); returns the new ones. */
export async function notifyMany(
  db: Queryable,
  districtId: string,
  inputs: NotificationInput[],
): Promise<StoredNotification[]> {
  const created: StoredNotification[] = [];
  for (let i = 0; i < inputs.length; i += 1000) {
    const rows = await db
      .insert(notifications)
      .values(inputs.slice(i, i + 1000).map((n) => valuesOf(districtId, n)))
      .onConflictDoNothing({ target: dedupeTarget })
      .returning();
    created.push(...rows.map(toStored));
  }
  return created;
}

/** The recipients whose notifications `user` sees, as a WHERE condition on notifications. */
async function visibleTo(db: Queryable, user: Reader): Promise<SQL> {
  const officeIds = readsOfficeInbox(user)
    ? (await allUnits(db, user.districtId)).filter((u) => u.kind === 'office').map((u) => u.id)
    : [];
  const audience = audienceOf(user, officeIds);
  return and(
    eq(notifications.districtId, user.districtId),
    or(
      ...audience.map((r) =>
        and(eq(notifications.recipientKind, r.kind), eq(notifications.recipientId, r.id)),
      ),
    ),
  )!;
}

const readBy = (user: Reader) =>
  and(
    eq(notificationReads.districtId, notifications.districtId),
    eq(notificationReads.notificationId, notifications.id),
    eq(notificationReads.userId, user.id),
  );

async function counts(db: Queryable, user: Reader, visible: SQL): Promise<{ total: number; unread: number }> {
  const [c] = await db
    .select({
      total: count(),
      unread: sql<number>`(count(*) FILTER (WHERE ${notificationReads.userId} IS NULL))::int`.mapWith(Number),
    })
    .from(notifications)
    .leftJoin(notificationReads, readBy(user))
    .where(visible);
  return { total: c?.total ?? 0, unread: c?.unread ?? 0 };
}

/** A page of the user's inbox, newest first, each item with this user's read state. */
export async function inboxOf(db: Queryable, user: Reader, q: InboxQuery): Promise<Inbox> {
  const visible = await visibleTo(db, user);
  const found = await db
    .select({
      id: notifications.id,
      category: notifications.category,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notificationReads.readAt,
    })
    .from(notifications)
    .leftJoin(notificationReads, readBy(user))
    .where(q.unreadOnly ? and(visible, isNull(notificationReads.userId)) : visible)
    .orderBy(desc(notifications.seq))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const { total, unread } = await counts(db, user, visible);
  return {
    items: found.map((r) => ({
      id: r.id,
      category: r.category,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: new Date(r.createdAt).toISOString(),
      read: r.readAt !== null,
    })),
    total: q.unreadOnly ? unread : total,
    unread,
  };
}

export async function unreadCount(db: Queryable, user: Reader): Promise<number> {
  return (await counts(db, user, await visibleTo(db, user))).unread;
}

/** Marks one notification read for this user only; another user's (or another district's) notification is 404. */
export async function markRead(db: Queryable, user: Reader, id: string): Promise<void> {
  const [found] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(await visibleTo(db, user), eq(notifications.id, id)))
    .limit(1);
  if (!found) throw notFound('通知');
  await db
    .insert(notificationReads)
    .values({ districtId: user.districtId, notificationId: id, userId: user.id })
    .onConflictDoNothing();
}

/** Marks everything in the user's inbox read; returns how many were unread. */
export async function markAllRead(db: Queryable, user: Reader): Promise<number> {
  const visible = await visibleTo(db, user);
  const marked = await db
    .insert(notificationReads)
    .select(
      db
        .select({
          districtId: notifications.districtId,
          notificationId: notifications.id,
          userId: sql<string>`${user.id}::uuid`.as('user_id'),
          readAt: sql<Date>`now()`.as('read_at'),
        })
        .from(notifications)
        .where(visible),
    )
    .onConflictDoNothing()
    .returning({ id: notificationReads.notificationId });
  return marked.length;
}

/**
 * A condition: the recipient (`kind`, an id expression that may name an outer column) already holds the notification
 * with `dedupeKey` — for a sender that asks only for the ones not sent yet (reminders).
 */
export const alreadyNotifiedSql = (
  districtId: string,
  recipient: { kind: Recipient['kind']; id: SQLWrapper },
  dedupeKey: string,
): SQL =>
  sql`EXISTS (SELECT 1 FROM ${notifications} WHERE ${notifications.districtId} = ${districtId}
        AND ${notifications.recipientKind} = ${recipient.kind} AND ${notifications.recipientId} = ${recipient.id}
        AND ${notifications.dedupeKey} = ${dedupeKey})`;

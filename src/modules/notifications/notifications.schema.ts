// The in-app inbox: notifications addressed to a user, a unit or an enterprise, and each user's read marks.
import {
  pgTable,
  text,
  uuid,
  bigint,
  jsonb,
  timestamp,
  primaryKey,
  uniqueIndex,
  index,
  foreignKey,
} from 'drizzle-orm/pg-core';
import { districtId, createdAt, districtRowKey, districtPrimaryKey } from '../../platform/db/columns.ts';
import { users } from '../../platform/auth/auth.schema.ts';

export const notifications = pgTable(
  'notifications',
  {
    ...districtRowKey(),
    /** Insertion order: notifications written in the same millisecond still list newest first. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** 'user' | 'unit' | 'enterprise' | 'operator': whose inbox it lands in (every user bound to it sees it). */
    recipientKind: text('recipient_kind').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    /** 'alert' | 'reminder' | 'system' */
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path in the web app, e.g. '/monitoring/targets/newEmployees'. */
    link: text('link'),
    data: jsonb('data'),
    /** Set by jobs, e.g. 'reminder:2026-10': a re-run job does not notify the same recipient twice. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('notifications_dedupe').on(t.districtId, t.recipientKind, t.recipientId, t.dedupeKey),
    index('notifications_recipient').on(t.districtId, t.recipientKind, t.recipientId, t.seq),
  ],
);

export const notificationReads = pgTable(
  'notification_reads',
  {
    districtId: districtId(),
    notificationId: uuid('notification_id').notNull(),
    userId: uuid('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.notificationId, t.userId] }),
    index('notification_reads_user').on(t.districtId, t.userId),
    foreignKey({
      columns: [t.districtId, t.notificationId],
      foreignColumns: [notifications.districtId, notifications.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.districtId, t.userId], foreignColumns: [users.districtId, users.id] }).onDelete(
      'cascade',
    ),
  ],
);

// The domain event outbox: events written in the transaction that caused them, and one delivery row per subscriber.
import {
  pgTable,
  text,
  uuid,
  integer,
  jsonb,
  timestamp,
  primaryKey,
  index,
  foreignKey,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { districtId, createdAt, districtRowKey, districtPrimaryKey } from '../db/columns.ts';

export const domainEvents = pgTable(
  'domain_events',
  {
    ...districtRowKey(),
    /** What happened, e.g. 'monitoring.recomputed'; subscribers choose events by it. */
    type: text('type').notNull(),
    payload: jsonb('payload').notNull().default({}),
    createdAt: createdAt(),
    /** When the dispatcher wrote this event's delivery rows (one per subscriber of its type); null until then. */
    fannedOutAt: timestamp('fanned_out_at', { withTimezone: true }),
  },
  (t) => [
    districtPrimaryKey(t),
    // The fan-out's search: events not yet given their delivery rows, oldest first.
    index('domain_events_unfanned')
      .on(t.createdAt)
      .where(sql`${t.fannedOutAt} IS NULL`),
  ],
);

export const domainEventDeliveries = pgTable(
  'domain_event_deliveries',
  {
    districtId: districtId(),
    eventId: uuid('event_id').notNull(),
    /** The subscription's name, e.g. 'policies.evaluateAfterRecompute': unique across manifests. */
    subscriber: text('subscriber').notNull(),
    /** 'queued' | 'running' | 'done' | 'failed' */
    status: text('status').notNull().default('queued'),
    /** Claims so far, counting the one running now. */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(10),
    /** Not before this instant: a failed delivery waits here before its next attempt. */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    /** The lease: a running delivery whose lease has passed belongs to a crashed worker and is claimed again. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.eventId, t.subscriber] }),
    foreignKey({
      columns: [t.districtId, t.eventId],
      foreignColumns: [domainEvents.districtId, domainEvents.id],
    }).onDelete('cascade'),
    index('domain_event_deliveries_due').on(t.status, t.runAt),
  ],
);

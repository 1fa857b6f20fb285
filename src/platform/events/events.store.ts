// The only SQL about domain events: publish in the caller's transaction, fan out to subscribers, claim, finish, retry.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/db.ts';
import { rows } from '../db/db.ts';
import { errorText } from '../jobs/jobs.ts';
import { domainEventDeliveries, domainEvents } from './events.schema.ts';
import type { DomainEvent, NewEvent } from './events.ts';

/** The database's clock, or an injected one (tests). */
const clock = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);

/**
 * Writes an event into the outbox. Pass the transaction of the change that caused it: the event commits with the
 * change or not at all, so a rolled-back change notifies nobody and a committed one is never lost.
 */
export async function publish<P>(tx: Queryable, event: NewEvent<P>): Promise<string> {
  const [row] = await tx
    .insert(domainEvents)
    .values({ districtId: event.districtId, type: event.type, payload: event.payload ?? {} })
    .returning({ id: domainEvents.id });
  return row!.id;
}

/** Which subscribers receive which event type: (type, subscriber name) pairs. */
export type Routing = readonly { type: string; subscriber: string }[];

/**
 * Gives up to `limit` new events their delivery rows, one per subscriber of the event's type, and marks them fanned
 * out. SKIP LOCKED lets two dispatchers fan out different events at once; the primary key makes a repeat harmless.
 */
export async function fanOut(db: Queryable, routing: Routing, limit = 200): Promise<number> {
  const pairs = routing.length
    ? sql.join(
        routing.map((r) => sql`(${r.type}::text, ${r.subscriber}::text)`),
        sql`, `,
      )
    : sql`(NULL::text, NULL::text)`;
  const done = await rows<{ n: number }>(
    db,
    sql`WITH batch AS (
          SELECT district_id, id, type FROM domain_events
          WHERE fanned_out_at IS NULL ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED),
        routed AS (
          INSERT INTO domain_event_deliveries (district_id, event_id, subscriber)
          SELECT b.district_id, b.id, s.subscriber FROM batch b JOIN (VALUES ${pairs}) AS s(type, subscriber)
            ON s.type = b.type
          ON CONFLICT DO NOTHING),
        marked AS (
          UPDATE domain_events e SET fanned_out_at = now() FROM batch b
          WHERE e.district_id = b.district_id AND e.id = b.id RETURNING e.id)
        SELECT count(*)::int AS n FROM marked`,
  );
  return done[0]?.n ?? 0;
}

/** A claimed delivery: the event, the subscriber, and the claim (its attempt number tells it from a later one). */
export interface Delivery {
  event: DomainEvent;
  subscriber: string;
  attempts: number;
  maxAttempts: number;
  lockedBy: string;
}

interface DeliveryRow {
  district_id: string;
  event_id: string;
  subscriber: string;
  attempts: number;
  max_attempts: number;
  locked_by: string;
  type: string;
  payload: unknown;
  created_at: string | Date;
}

/**
 * Claims the oldest due delivery to one of `subscribers` for `workerId` with a lease of `leaseMs`: a queued one whose
 * time has come, or a running one whose lease expired (its worker crashed). SKIP LOCKED gives each delivery to
 * exactly one claimer however many instances poll. `districtId` narrows the claim (a request delivering its own
 * district's events).
 */
export async function claimDelivery(
  db: Queryable,
  workerId: string,
  subscribers: readonly string[],
  leaseMs: number,
  opts: { now?: Date; districtId?: string } = {},
): Promise<Delivery | null> {
  if (subscribers.length === 0) return null;
  const at = clock(opts.now);
  const names = sql.join(
    subscribers.map((s) => sql`${s}`),
    sql`, `,
  );
  const district = opts.districtId ? sql`AND c.district_id = ${opts.districtId}` : sql``;
  const [row] = await rows<DeliveryRow>(
    db,
    sql`WITH claimed AS (
          UPDATE domain_event_deliveries d
          SET status = 'running', attempts = d.attempts + 1, locked_by = ${workerId},
              locked_until = ${at} + ${Math.max(1, Math.round(leaseMs))}::int * interval '1 millisecond'
          WHERE (d.district_id, d.event_id, d.subscriber) = (
            SELECT c.district_id, c.event_id, c.subscriber FROM domain_event_deliveries c
            WHERE c.subscriber IN (${names}) ${district}
              AND ((c.status = 'queued' AND c.run_at <= ${at})
                OR (c.status = 'running' AND c.locked_until < ${at} AND c.attempts < c.max_attempts))
            ORDER BY c.run_at LIMIT 1
            FOR UPDATE SKIP LOCKED)
          RETURNING d.district_id, d.event_id::text, d.subscriber, d.attempts, d.max_attempts, d.locked_by)
        SELECT claimed.*, e.type, e.payload, e.created_at
        FROM claimed JOIN domain_events e ON e.district_id = claimed.district_id AND e.id = claimed.event_id::uuid`,
  );
  if (!row) return null;
  return {
    event: {
      districtId: row.district_id,
      id: row.event_id,
      type: row.type,
      payload: row.payload,
      createdAt: new Date(row.created_at),
    },
    subscriber: row.subscriber,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lockedBy: row.locked_by,
  };
}

const heldBy = (d: Delivery) =>
  and(
    eq(domainEventDeliveries.districtId, d.event.districtId),
    eq(domainEventDeliveries.eventId, d.event.id),
    eq(domainEventDeliveries.subscriber, d.subscriber),
    eq(domainEventDeliveries.status, 'running'),
    eq(domainEventDeliveries.lockedBy, d.lockedBy),
    eq(domainEventDeliveries.attempts, d.attempts),
  );

/** Records a delivery done; false when the claim was lost (the lease expired and another worker took it). */
export async function delivered(db: Queryable, d: Delivery): Promise<boolean> {
  const done = await db
    .update(domainEventDeliveries)
    .set({
      status: 'done',
      deliveredAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
    })
    .where(heldBy(d))
    .returning({ id: domainEventDeliveries.eventId });
  return done.length > 0;
}

/** Records a failed attempt: queued again after `delayMs` while attempts remain, else failed for good. */
export async function deliveryFailed(
  db: Queryable,
  d: Delivery,
  err: unknown,
  opts: { delayMs: number; now?: Date },
): Promise<'retry' | 'failed' | 'lost'> {
  const t = domainEventDeliveries;
  const last = sql`${t.attempts} >= ${t.maxAttempts}`;
  const [row] = await db
    .update(t)
    .set({
      status: sql`CASE WHEN ${last} THEN 'failed' ELSE 'queued' END`,
      runAt: sql`CASE WHEN ${last} THEN ${t.runAt} ELSE ${clock(opts.now)} + ${Math.max(0, Math.round(opts.delayMs))}::int * interval '1 millisecond' END`,
      lastError: errorText(err),
      lockedBy: null,
      lockedUntil: null,
    })
    .where(heldBy(d))
    .returning({ status: t.status });
  if (!row) return 'lost';
  return row.status === 'failed' ? 'failed' : 'retry';
}

/** A delivery's state, for tests and diagnosis. */
export async function deliveriesOf(db: Queryable, districtId: string, eventId: string) {
  return db
    .select()
    .from(domainEventDeliveries)
    .where(and(eq(domainEventDeliveries.districtId, districtId), eq(domainEventDeliveries.eventId, eventId)))
    .orderBy(domainEventDeliveries.subscriber);
}

/**
 * Deletes events delivered to every subscriber more than `keepDays` ago, with their delivery rows: the outbox is a
 * queue, not a history (each change is in the audit trail). An event with a failed or pending delivery stays, for
 * diagnosis and retry. Returns how many events went.
 */
export async function pruneDeliveredEvents(db: Queryable, keepDays = 30, now?: Date): Promise<number> {
  const done = await rows<{ n: number }>(
    db,
    sql`WITH old AS (
          SELECT e.district_id, e.id FROM domain_events e
          WHERE e.fanned_out_at IS NOT NULL
            AND e.fanned_out_at < ${clock(now)} - ${keepDays}::int * interval '1 day'
            AND NOT EXISTS (SELECT 1 FROM domain_event_deliveries d
                            WHERE d.district_id = e.district_id AND d.event_id = e.id
                              AND (d.status <> 'done' OR d.delivered_at >= ${clock(now)} - ${keepDays}::int * interval '1 day'))),
        gone_deliveries AS (
          DELETE FROM domain_event_deliveries d USING old
          WHERE d.district_id = old.district_id AND d.event_id = old.id),
        gone AS (
          DELETE FROM domain_events e USING old
          WHERE e.district_id = old.district_id AND e.id = old.id RETURNING e.id)
        SELECT count(*)::int AS n FROM gone`,
  );
  return done[0]?.n ?? 0;
}

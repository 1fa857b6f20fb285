// Domain event values (pure): what an event is, how a module names one it publishes, and how another subscribes.
import type { Db } from '../db/db.ts';

/** An event as stored and delivered. */
export interface DomainEvent<P = unknown> {
  districtId: string;
  id: string;
  type: string;
  payload: P;
  createdAt: Date;
}

/** What a publisher hands to `publish`: the district, the type and the payload (JSON). */
export interface NewEvent<P = unknown> {
  districtId: string;
  type: string;
  payload: P;
}

/**
 * A kind of event one module publishes: its type string and payload shape in one constant, so publisher and
 * subscribers agree at compile time (`recomputed.of(districtId, summary)`, `on(recomputed, …)`).
 */
export interface EventKind<P> {
  readonly type: string;
  of(districtId: string, payload: P): NewEvent<P>;
}

export function defineEvent<P>(type: string): EventKind<P> {
  return { type, of: (districtId, payload) => ({ districtId, type, payload }) };
}

/** The part of a logger event delivery uses; Fastify's (pino) logger fits. */
export interface EventLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface EventContext {
  db: Db;
  /** The deliverer's clock (injected in tests). */
  now(): Date;
  logger: EventLogger;
}

/**
 * What a module does after an event. Delivery is at least once (a crash after the work but before it is recorded
 * delivers again), so a handler must be idempotent — notifications carry dedupe keys for this.
 */
export interface Subscription {
  /** Unique across all manifests, e.g. 'policies.evaluateAfterRecompute'; keys the delivery rows. */
  name: string;
  type: string;
  handle(event: DomainEvent, ctx: EventContext): Promise<unknown>;
}

/** A typed subscription to an event kind. */
export function on<P>(
  kind: EventKind<P>,
  name: string,
  handle: (event: DomainEvent<P>, ctx: EventContext) => Promise<unknown>,
): Subscription {
  return { name, type: kind.type, handle: (e, ctx) => handle(e as DomainEvent<P>, ctx) };
}

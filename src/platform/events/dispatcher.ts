// Delivers outbox events to their subscribers: one claimed delivery at a time, retried with backoff until it succeeds.
import type { Db } from '../db/db.ts';
import { defaultRetry, retryDelayMs, type RetryPolicy } from '../jobs/jobs.ts';
import { claimDelivery, delivered, deliveryFailed, fanOut, type Routing } from './events.store.ts';
import type { EventLogger, Subscription } from './events.ts';

export const consoleEventLogger: EventLogger = {
  info: () => undefined,
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export interface DispatcherOptions {
  db: Db;
  subscriptions: readonly Subscription[];
  /** Names this deliverer in locked_by. */
  workerId?: string;
  /** How long a claim lasts; a crashed worker's deliveries are claimed again after it. Default 5 min. */
  leaseMs?: number;
  retry?: RetryPolicy;
  /** The handlers' clock (the server's, pinned in tests); default the host's. */
  now?: () => Date;
  /**
   * The clock claims and retries are judged by; default the database's. Kept apart from `now`: outbox rows are
   * stamped by the database, so a server clock pinned in the past must not hide them.
   */
  claimClock?: () => Date;
  logger?: EventLogger;
}

export class EventDispatcher {
  private readonly db: Db;
  private readonly byName = new Map<string, Subscription>();
  private readonly routing: Routing;
  private readonly workerId: string;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly injectedNow: (() => Date) | undefined;
  private readonly claimClock: (() => Date) | undefined;
  private readonly logger: EventLogger;

  constructor(opts: DispatcherOptions) {
    this.db = opts.db;
    for (const s of opts.subscriptions) {
      if (this.byName.has(s.name)) throw new Error(`subscription ${s.name} is declared twice`);
      this.byName.set(s.name, s);
    }
    this.routing = opts.subscriptions.map((s) => ({ type: s.type, subscriber: s.name }));
    this.workerId = opts.workerId ?? `events:${process.pid}`;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.retry = opts.retry ?? defaultRetry;
    this.injectedNow = opts.now;
    this.claimClock = opts.claimClock;
    this.logger = opts.logger ?? consoleEventLogger;
  }

  get subscriptions(): Subscription[] {
    return [...this.byName.values()];
  }

  /**
   * Fans out new events, then claims and runs one due delivery; false when there was none. A handler's failure is
   * recorded on its delivery row (attempts, last error, next attempt), never thrown: other subscribers are unaffected.
   */
  async deliverOnce(opts: { districtId?: string } = {}): Promise<boolean> {
    await fanOut(this.db, this.routing);
    const now = this.claimClock?.();
    const d = await claimDelivery(this.db, this.workerId, [...this.byName.keys()], this.leaseMs, {
      ...(now ? { now } : {}),
      ...(opts.districtId ? { districtId: opts.districtId } : {}),
    });
    if (!d) return false;
    const sub = this.byName.get(d.subscriber)!;
    const log = {
      eventId: d.event.id,
      districtId: d.event.districtId,
      type: d.event.type,
      subscriber: d.subscriber,
      attempt: d.attempts,
      workerId: this.workerId,
    };
    try {
      await sub.handle(d.event, {
        db: this.db,
        now: () => this.injectedNow?.() ?? new Date(),
        logger: this.logger,
      });
    } catch (err) {
      const outcome = await deliveryFailed(this.db, d, err, {
        delayMs: retryDelayMs(d.attempts, this.retry),
        ...(now ? { now } : {}),
      });
      this.logger.error(
        { ...log, err, outcome },
        outcome === 'retry' ? 'event delivery failed; will retry' : 'event delivery failed',
      );
      return true;
    }
    if (!(await delivered(this.db, d)))
      this.logger.warn(log, 'event delivered after its lease was lost; it may be delivered again');
    return true;
  }

  /**
   * Delivers everything due now, synchronously (tests; and a request whose answer must show its side effects).
   * A failing delivery waits for its backoff, so drain ends; returns how many deliveries it ran.
   */
  async drain(opts: { districtId?: string } = {}): Promise<number> {
    let n = 0;
    while (await this.deliverOnce(opts)) n++;
    return n;
  }
}

/** Delivers every pending event to `subscriptions` now and returns how many deliveries ran (tests). */
export function drain(
  db: Db,
  subscriptions: readonly Subscription[],
  opts: Omit<DispatcherOptions, 'db' | 'subscriptions'> & { districtId?: string } = {},
): Promise<number> {
  const { districtId, ...rest } = opts;
  return new EventDispatcher({ db, subscriptions, ...rest }).drain(districtId ? { districtId } : {});
}

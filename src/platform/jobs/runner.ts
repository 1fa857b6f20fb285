// Runs jobs inside the server process: claims one job at a time through PostgreSQL, enqueues schedules' occurrences
// and delivers domain events from the outbox.
import type { Db } from '../db/db.ts';
import type { EventDispatcher } from '../events/dispatcher.ts';
import { defaultRetry, PermanentJobError, retryDelayMs, type Job, type RetryPolicy } from './jobs.ts';
import {
  allDistrictIds,
  claimNext,
  complete,
  enqueue,
  fail,
  failAbandoned,
  heartbeat,
} from './jobs.store.ts';
import { dueOccurrence, validateSchedule, type Schedule } from './schedule.ts';
import { jobFailures, jobRuns, time } from '../metrics.ts';

/** The part of a logger the runner uses; Fastify's (pino) logger fits. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const consoleJobLogger: JobLogger = {
  info: () => undefined,
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export interface JobContext {
  db: Db;
  workerId: string;
  /** The runner's clock (injected in tests); handlers take time from here, not from `new Date()`. */
  now(): Date;
  logger: JobLogger;
}

/** Does a job's work and returns its result (stored as JSON). Must be idempotent: a job can run more than once. */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<unknown>;

export interface JobRunnerOptions {
  db: Db;
  /** Names this instance in locked_by, e.g. `${hostname}:${pid}`; unique per running instance. */
  workerId: string;
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  /** Wait between polls when there is no work. Default 2 s. */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat; a crashed worker's jobs are claimed again after it. Default 5 min. */
  leaseMs?: number;
  retry?: RetryPolicy;
  /** How often schedules are checked and abandoned jobs swept. Default 1 min. */
  scheduleEveryMs?: number;
  /** The clock for schedules and claims; default: the database's clock for claims, the host's for schedules. */
  now?: () => Date;
  logger?: JobLogger;
  /** The districts schedules enqueue for; default every row of `districts`. */
  districts?: () => Promise<string[]>;
  /** Delivers domain events (platform/events) when no job is due; the manifests' subscriptions. */
  events?: EventDispatcher;
}

export class JobRunner {
  private readonly db: Db;
  private readonly workerId: string;
  private readonly handlers: Record<string, JobHandler>;
  private readonly kinds: string[];
  private readonly schedules: Schedule[];
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly retry: RetryPolicy;
  private readonly scheduleEveryMs: number;
  private readonly injectedNow: (() => Date) | undefined;
  private readonly logger: JobLogger;
  private readonly districts: () => Promise<string[]>;
  private readonly events: EventDispatcher | undefined;
  /** The last occurrence key this instance enqueued per district and schedule, so polls do not re-insert it. */
  private readonly lastEnqueued = new Map<string, string>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private tickedAt: number | undefined;

  constructor(opts: JobRunnerOptions) {
    this.db = opts.db;
    this.workerId = opts.workerId;
    this.handlers = opts.handlers;
    this.kinds = Object.keys(opts.handlers);
    this.schedules = opts.schedules ?? [];
    this.pollMs = opts.pollMs ?? 2000;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.retry = opts.retry ?? defaultRetry;
    this.scheduleEveryMs = opts.scheduleEveryMs ?? 60_000;
    this.injectedNow = opts.now;
    this.logger = opts.logger ?? consoleJobLogger;
    this.districts = opts.districts ?? (() => allDistrictIds(this.db));
    this.events = opts.events;
    for (const s of this.schedules) {
      validateSchedule(s);
      if (!this.handlers[s.kind]) throw new Error(`schedule ${s.kind}: no handler for this kind`);
    }
  }

  private now(): Date {
    return this.injectedNow ? this.injectedNow() : new Date();
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  /** The worker id this runner claims jobs as. */
  get worker(): string {
    return this.workerId;
  }

  /**
   * When the loop last showed it was alive (wall-clock ms): each poll, and each lease renewal while a long job
   * runs. Undefined before start and after stop; /readyz and the metrics read it.
   */
  get lastTick(): number | undefined {
    return this.loop ? this.tickedAt : undefined;
  }

  /** Starts polling in the background; returns at once. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.tickedAt = Date.now();
    this.loop = this.run();
  }

  /** Stops polling; resolves once the job in hand (if any) has finished and been recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    let nextHousekeeping = 0;
    while (!this.stopping) {
      this.tickedAt = Date.now();
      let worked = false;
      try {
        if (performance.now() >= nextHousekeeping) {
          nextHousekeeping = performance.now() + this.scheduleEveryMs;
          await this.housekeeping();
        }
        worked = await this.runOnce();
        // Events wait behind due jobs, never for long: each poll delivers one when there is no job.
        if (!worked && this.events) worked = await this.events.deliverOnce();
      } catch (err) {
        // The database may be briefly unreachable: log, wait, try again; the loop itself never dies.
        this.logger.error({ err, workerId: this.workerId }, 'job runner: poll failed');
      }
      if (!worked && !this.stopping) await this.sleep(this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Enqueues due schedule occurrences and fails jobs abandoned on their last attempt. */
  async housekeeping(): Promise<void> {
    await this.enqueueDue();
    const abandoned = await failAbandoned(this.db, this.injectedNow?.());
    if (abandoned)
      this.logger.warn(
        { abandoned, workerId: this.workerId },
        'jobs failed: lease expired on their last attempt',
      );
  }

  /** Enqueues each schedule's due occurrence for every district; returns how many jobs this call created. */
  async enqueueDue(): Promise<number> {
    if (!this.schedules.length) return 0;
    const now = this.now();
    const districtIds = await this.districts();
    let created = 0;
    for (const s of this.schedules) {
      const due = dueOccurrence(s, now);
      if (!due) continue;
      for (const districtId of districtIds) {
        const memo = `${districtId}\u0000${s.kind}`;
        if (this.lastEnqueued.get(memo) === due.key) continue;
        const r = await enqueue(this.db, {
          districtId,
          kind: s.kind,
          key: due.key,
          payload: { ...s.payload, occurrence: due.label, scheduledAt: due.at.toISOString() },
          runAt: due.at,
          ...(s.maxAttempts ? { maxAttempts: s.maxAttempts } : {}),
        });
        this.lastEnqueued.set(memo, due.key);
        if (r.enqueued) {
          created++;
          this.logger.info(
            { districtId, kind: s.kind, key: due.key, workerId: this.workerId },
            'scheduled job enqueued',
          );
        }
      }
    }
    return created;
  }

  /** Claims and runs one job; false when there was none due. Handler failures are recorded, not thrown. */
  async runOnce(): Promise<boolean> {
    const job = await claimNext(this.db, this.workerId, this.kinds, this.leaseMs, this.injectedNow?.());
    if (!job) return false;
    const handler = this.handlers[job.kind]!;
    const log = {
      jobId: job.id,
      districtId: job.districtId,
      kind: job.kind,
      key: job.key,
      attempt: job.attempts,
      workerId: this.workerId,
    };
    // A long job keeps its lease alive, so it is only claimed again if this process really stops.
    const beat = setInterval(
      () => {
        heartbeat(this.db, job, this.leaseMs, this.injectedNow?.()).then(
          (kept) => {
            if (kept) this.tickedAt = Date.now();
            else this.logger.warn(log, 'job lease lost while running');
          },
          (err: unknown) => this.logger.warn({ ...log, err }, 'job heartbeat failed'),
        );
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    beat.unref?.();
    let result: unknown;
    let failure: { err: unknown } | undefined;
    jobRuns.inc({ kind: job.kind });
    try {
      result = await time('job', { kind: job.kind }, () =>
        handler(job, {
          db: this.db,
          workerId: this.workerId,
          now: () => this.now(),
          logger: this.logger,
        }),
      );
    } catch (err) {
      failure = { err };
    } finally {
      clearInterval(beat);
    }
    if (!failure) {
      try {
        if (!(await complete(this.db, job, result)))
          this.logger.warn(log, 'job finished after its lease was lost; result discarded');
        return true;
      } catch (err) {
        // A result that cannot be stored (not JSON) fails the attempt like a throw would.
        failure = { err };
      }
    }
    jobFailures.inc({ kind: job.kind });
    const final = failure.err instanceof PermanentJobError;
    const outcome = await fail(this.db, job, failure.err, {
      delayMs: retryDelayMs(job.attempts, this.retry),
      final,
      ...(this.injectedNow ? { now: this.injectedNow() } : {}),
    });
    this.logger.error(
      { ...log, err: failure.err, outcome, maxAttempts: job.maxAttempts },
      outcome === 'retry'
        ? 'job failed; will retry'
        : outcome === 'failed'
          ? 'job failed for good'
          : 'job failed after its lease was lost',
    );
    return true;
  }
}

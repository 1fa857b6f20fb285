// The admission gate in front of the database: at most N requests at work, a bounded FIFO queue, a bounded wait.
//
// Why per request and not per query: PGlite runs every statement synchronously on the one event loop, behind one
// mutex, so requests admitted together interleave their statements and all finish late; without a bound, 200 clients
// made every request wait behind every other (p99 ≈ 30 s). Admitting whole requests means a request that cannot
// start soon is refused before it does any work — never half-way through a transaction.
//
// The gate also refuses while the event loop lags: measured under load, most of a slow request's time was spent
// before Fastify read it at all (the loop busy with other requests' SQL and JSON), where no queue of ours can see it.
// A loop that has lagged by more than maxEventLoopDelayMs in the last second is overloaded whatever our queue
// says, and the cheapest answer is a quick 503.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface GateOptions {
  /** Requests at work at once; more waiting beyond this queue. */
  concurrency: number;
  /** Requests allowed to wait; the next one is refused at once. */
  queueMax: number;
  /** Longest wait in the queue before a request is refused. */
  timeoutMs: number;
  /** Refuse new requests while the event loop has lagged by more than this (ms) recently; 0 or absent: never. */
  maxEventLoopDelayMs?: number;
  /** Where the recent lag is read (tests pass their own); default the process's event-loop delay histogram. */
  lagSource?: LagSource;
}

/** Thrown when a request cannot be admitted: the queue is full or the wait ran out. */
export class OverloadedError extends Error {
  constructor(readonly reason: 'queue-full' | 'timeout' | 'event-loop') {
    super(
      reason === 'queue-full'
        ? 'database queue full'
        : reason === 'timeout'
          ? 'database queue wait exceeded'
          : 'event loop lagging',
    );
  }
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

export interface GateStats {
  active: number;
  queued: number;
  admitted: number;
  refusedFull: number;
  refusedTimeout: number;
  refusedLag: number;
  /** Sum of queue waits of admitted requests, ms (with `admitted`, the mean wait). */
  waitedMs: number;
}

export class AdmissionGate {
  private active = 0;
  private readonly queue: Waiter[] = [];
  readonly stats: GateStats = {
    active: 0,
    queued: 0,
    admitted: 0,
    refusedFull: 0,
    refusedTimeout: 0,
    refusedLag: 0,
    waitedMs: 0,
  };
  private readonly lag: LagSource | undefined;

  constructor(readonly options: GateOptions) {
    if (options.concurrency < 1) throw new Error('gate concurrency must be at least 1');
    if (options.maxEventLoopDelayMs) this.lag = options.lagSource ?? new LagMonitor();
  }

  /** Stops the event-loop monitor (the server is closing). */
  close(): void {
    this.lag?.close();
  }

  /**
   * Waits for a place; resolves to the release function (call it exactly once; later calls do nothing).
   * Rejects with OverloadedError when the queue is full or the wait exceeds timeoutMs, or when `signal` aborts.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const started = performance.now();
    if (this.lag && this.lag.recentMaxMs() > this.options.maxEventLoopDelayMs!) {
      this.stats.refusedLag++;
      return Promise.reject(new OverloadedError('event-loop'));
    }
    if (this.active < this.options.concurrency && this.queue.length === 0) {
      this.active++;
      this.stats.admitted++;
      this.snapshot();
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.options.queueMax) {
      this.stats.refusedFull++;
      return Promise.reject(new OverloadedError('queue-full'));
    }
    return new Promise((resolve, reject) => {
      const leave = (why: OverloadedError) => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
        this.snapshot();
        reject(why);
      };
      const onAbort = () => leave(new OverloadedError('timeout'));
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          this.stats.admitted++;
          this.stats.waitedMs += performance.now() - started;
          resolve(this.releaser());
        },
        timer: setTimeout(() => {
          this.stats.refusedTimeout++;
          leave(new OverloadedError('timeout'));
        }, this.options.timeoutMs),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.snapshot();
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      // The place passes straight to the next waiter, so a newcomer cannot overtake the queue.
      if (next) next.admit();
      else this.active--;
      this.snapshot();
    };
  }

  private snapshot() {
    this.stats.active = this.active;
    this.stats.queued = this.queue.length;
  }

  /** Seconds a refused client should wait before retrying: about one queue wait, at least 1. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.options.timeoutMs / 1000));
  }
}

/**
 * The event loop's worst delay over the last second: the current half-second window and the windows that closed
 * within the last second, by the wall clock — so a timer delayed by a busy machine cannot slide the lag out of view.
 */
export interface LagSource {
  /** The worst event-loop delay of the recent past, in ms. */
  recentMaxMs(): number;
  close(): void;
}

/** What the monitor reads: the process's event-loop delay histogram, or a stand-in in tests. */
export interface DelayHistogram {
  readonly max: number; // nanoseconds
  reset(): void;
  disable(): void;
}

/**
 * The largest event-loop delay of about the last second. The histogram is rolled into a closed
 * window every half second; a closed window is remembered for a wall-clock second, so a roll
 * that comes late on a busy machine cannot slide a delay out of view before it is read.
 */
export class LagMonitor implements LagSource {
  private readonly histogram: DelayHistogram;
  private readonly now: () => number;
  private closed: { at: number; maxMs: number }[] = [];
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(options: { histogram?: DelayHistogram; now?: () => number; rollEveryMs?: number | null } = {}) {
    this.now = options.now ?? Date.now;
    if (options.histogram) this.histogram = options.histogram;
    else {
      const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
      h.enable();
      this.histogram = h;
    }
    const every = options.rollEveryMs === undefined ? 500 : options.rollEveryMs;
    if (every !== null) {
      this.timer = setInterval(() => this.roll(), every);
      this.timer.unref();
    }
  }

  /** Closes the current window: its maximum is kept for a second, the histogram starts afresh. */
  roll() {
    const now = this.now();
    this.closed = this.closed.filter((w) => now - w.at < 1000);
    this.closed.push({ at: now, maxMs: this.histogram.max / 1e6 });
    this.histogram.reset();
  }

  recentMaxMs(): number {
    const now = this.now();
    let max = this.histogram.max / 1e6;
    for (const w of this.closed) if (now - w.at < 1000) max = Math.max(max, w.maxMs);
    return max;
  }

  close() {
    if (this.timer) clearInterval(this.timer);
    this.histogram.disable();
  }
}

export interface GateConfig {
  /** Requests at work at once; default 4 on PGlite (one thread), the pool size on PostgreSQL. */
  concurrency: number | undefined;
  queueMax: number;
  timeoutMs: number;
  maxEventLoopDelayMs?: number;
}

/** The gate for a store: PGlite executes one statement at a time, so few requests at work is best there. */
export function gateOptionsFor(kind: 'pglite' | 'pg', poolSize: number, config: GateConfig): GateOptions {
  return {
    concurrency: config.concurrency ?? (kind === 'pglite' ? 4 : poolSize),
    queueMax: config.queueMax,
    timeoutMs: config.timeoutMs,
    ...(config.maxEventLoopDelayMs ? { maxEventLoopDelayMs: config.maxEventLoopDelayMs } : {}),
  };
}

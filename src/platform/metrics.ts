// The platform's metrics: one Prometheus registry of our own (never prom-client's global one) and the few helpers
// modules use to be measured. Imports nothing of the platform, so any module may import it without a cycle; the
// HTTP side (the /metrics route, the per-request counters) lives in platform/observe/metrics.routes.ts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();

let defaultsOn = false;
/** Process metrics (CPU, memory, event-loop lag, GC, handles) into our registry; once per process. */
export function collectProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry, prefix: 'mtx_' });
}

/** Seconds, from 5 ms to 10 min: requests sit at the low end, imports and recomputes at the high end. */
const secondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export const httpRequests = new Counter({
  name: 'mtx_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status class',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});
export const httpDuration = new Histogram({
  name: 'mtx_http_request_duration_seconds',
  help: 'Time from receiving a request to sending its answer, by method, route pattern and status class',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: secondsBuckets,
  registers: [registry],
});

export const jobRuns = new Counter({
  name: 'mtx_job_runs_total',
  help: 'Job attempts run by this instance, by kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});
export const jobFailures = new Counter({
  name: 'mtx_job_failures_total',
  help: 'Job attempts that failed (will retry or failed for good), by kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});

/** What `time` can measure; each is one histogram `mtx_<name>_duration_seconds`. */
const timed = {
  job: new Histogram({
    name: 'mtx_job_duration_seconds',
    help: "A job attempt's handler time, by kind and outcome (ok | error)",
    labelNames: ['kind', 'outcome'] as const,
    buckets: secondsBuckets,
    registers: [registry],
  }),
  import: new Histogram({
    name: 'mtx_import_duration_seconds',
    help: 'A spreadsheet import (kind: registry | reports), from the first row read to the answer, by outcome',
    labelNames: ['kind', 'outcome'] as const,
    buckets: secondsBuckets,
    registers: [registry],
  }),
  recompute: new Histogram({
    name: 'mtx_recompute_duration_seconds',
    help: "A district's monitoring recompute (facts, results, snapshots), by outcome",
    labelNames: ['outcome'] as const,
    buckets: secondsBuckets,
    registers: [registry],
  }),
};
export type Timed = keyof typeof timed;

/**
 * Runs `work` and records its duration in the `name` histogram with `labels` and outcome ok | error (a throw is
 * recorded and rethrown).
 */
export async function time<T>(
  name: Timed,
  labels: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  const end = timed[name].startTimer(labels);
  try {
    const result = await work();
    end({ outcome: 'ok' });
    return result;
  } catch (err) {
    end({ outcome: 'error' });
    throw err;
  }
}

/** What a running server reports at scrape time (summed when a process runs more than one, as tests do). */
export interface MetricsSource {
  gate?: () =>
    { active: number; queued: number; admitted: number; refused: Record<string, number> } | undefined;
  pool?: (() => { total: number; idle: number; waiting: number }) | undefined;
  /** The job runner's worker id and milliseconds since its loop last ticked; undefined when no runner runs. */
  runner?: () => { worker: string; ageMs: number } | undefined;
}

const sources = new Set<MetricsSource>();
/** Adds a source of scrape-time gauges; returns its removal (call when the server closes). */
export function addSource(source: MetricsSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

const sum = <T>(pick: (s: MetricsSource) => T | undefined, add: (v: T) => void) => {
  for (const s of sources) {
    const v = pick(s);
    if (v !== undefined) add(v);
  }
};

new Gauge({
  name: 'mtx_admission_in_flight',
  help: 'API requests admitted by the admission gate and still at work',
  registers: [registry],
  collect() {
    let n = 0;
    sum(
      (s) => s.gate?.(),
      (g) => (n += g.active),
    );
    this.set(n);
  },
});
new Gauge({
  name: 'mtx_admission_queue_depth',
  help: 'API requests waiting in the admission gate (on PGlite: the queue in front of the one database thread)',
  registers: [registry],
  collect() {
    let n = 0;
    sum(
      (s) => s.gate?.(),
      (g) => (n += g.queued),
    );
    this.set(n);
  },
});
new Counter({
  name: 'mtx_admission_admitted_total',
  help: 'API requests admitted by the admission gate',
  registers: [registry],
  collect() {
    let n = 0;
    sum(
      (s) => s.gate?.(),
      (g) => (n += g.admitted),
    );
    this.reset();
    this.inc(n);
  },
});
new Counter({
  name: 'mtx_admission_refused_total',
  help: 'API requests refused with 503 OVERLOADED, by reason (queue-full | timeout | event-loop)',
  labelNames: ['reason'] as const,
  registers: [registry],
  collect() {
    const by: Record<string, number> = {};
    sum(
      (s) => s.gate?.(),
      (g) => {
        for (const [k, v] of Object.entries(g.refused)) by[k] = (by[k] ?? 0) + v;
      },
    );
    this.reset();
    for (const [reason, n] of Object.entries(by)) this.inc({ reason }, n);
  },
});
new Gauge({
  name: 'mtx_db_pool_connections',
  help: 'PostgreSQL pool (node-postgres): connections open (total), idle, and queries waiting for one (waiting); absent on PGlite',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    let any = false;
    const t = { total: 0, idle: 0, waiting: 0 };
    sum(
      (s) => s.pool?.(),
      (p) => {
        any = true;
        t.total += p.total;
        t.idle += p.idle;
        t.waiting += p.waiting;
      },
    );
    if (any) for (const [state, n] of Object.entries(t)) this.set({ state }, n);
  },
});
new Gauge({
  name: 'mtx_job_runner_heartbeat_age_seconds',
  help: "Seconds since the job runner's loop last ticked, by worker (absent when no runner runs in this process)",
  labelNames: ['worker'] as const,
  registers: [registry],
  collect() {
    this.reset();
    sum(
      (s) => s.runner?.(),
      (r) => this.set({ worker: r.worker }, r.ageMs / 1000),
    );
  },
});

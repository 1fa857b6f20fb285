// The platform's observability on one server: request metrics, the probes and /metrics, with what they read.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../http/app.ts';
import type { Db, PoolStats } from '../db/db.ts';
import { registerHealthRoutes, type RunnerHeartbeat } from './health.ts';
import { registerMetricsRoute, registerRequestMetrics } from './metrics.routes.ts';

export interface ObserveOptions {
  db: Db;
  /** MANTIANXING_METRICS_TOKEN; none: /metrics answers 404. */
  metricsToken?: string | undefined;
  /** The job runner, once started (cli.ts); absent: no runner in this process, readiness does not ask. */
  jobRunner?: (() => (RunnerHeartbeat & { worker: string }) | undefined) | undefined;
  /** The PostgreSQL pool's counts (Database.poolStats). */
  poolStats?: (() => PoolStats) | undefined;
}

/** Registers /healthz, /readyz, /metrics and the per-request counters; call before the routes they count. */
export function registerObservability(app: App, opts: ObserveOptions): void {
  const { jobRunner } = opts;
  registerRequestMetrics(app);
  registerHealthRoutes(app.withTypeProvider<ZodTypeProvider>(), { db: opts.db, jobRunner });
  registerMetricsRoute(app, {
    token: opts.metricsToken,
    source: {
      gate: () => {
        const s = app.admissionGate?.stats;
        return s
          ? {
              active: s.active,
              queued: s.queued,
              admitted: s.admitted,
              refused: { 'queue-full': s.refusedFull, timeout: s.refusedTimeout, 'event-loop': s.refusedLag },
            }
          : undefined;
      },
      pool: opts.poolStats,
      runner: () => {
        const r = jobRunner?.();
        const tick = r?.lastTick;
        return r && tick !== undefined ? { worker: r.worker, ageMs: Date.now() - tick } : undefined;
      },
    },
  });
}

// GET /metrics (Prometheus text format) behind an administrator's token, and the per-request counters it shows.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { App } from '../http/app.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses } from '../http/routes.ts';
import {
  addSource,
  collectProcessMetrics,
  httpDuration,
  httpRequests,
  registry,
  type MetricsSource,
} from '../metrics.ts';

export interface MetricsOptions {
  /** MANTIANXING_METRICS_TOKEN; without one the endpoint answers 404 (it does not exist). */
  token: string | undefined;
  /** This server's gauges read at scrape time: admission gate, pool, job runner. */
  source: MetricsSource;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant time over the token's content: both sides hashed to the same length first. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(token)) && m !== null;
}

/** Counts and times every answered request by method, route pattern (never the raw URL) and status class. */
export function registerRequestMetrics(app: App): void {
  app.addHook('onResponse', async (req, reply) => {
    const labels = {
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      status: `${Math.floor(reply.statusCode / 100)}xx`,
    };
    httpRequests.inc(labels);
    httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
}

export function registerMetricsRoute(app: App, opts: MetricsOptions): void {
  const remove = addSource(opts.source);
  app.addHook('onClose', async () => {
    remove();
  });
  if (opts.token) collectProcessMetrics();
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['meta'],
        summary:
          'Prometheus metrics (text format); Authorization: Bearer MANTIANXING_METRICS_TOKEN, 404 when none is configured',
        response: errorResponses(401, 404),
      },
    },
    async (req, reply) => {
      if (!opts.token) throw new AppError('NOT_FOUND', `No route GET /metrics`);
      if (!tokenMatches(req.headers.authorization, opts.token)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('UNAUTHENTICATED', 'metrics token required');
      }
      const body = await registry.metrics();
      return reply
        .header('content-type', registry.contentType)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
}

// A fixed-window rate limiter kept in PostgreSQL: one atomic upsert per request, shared by every instance.
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.ts';
import { rows } from '../db/db.ts';
import { AppError } from './errors.ts';
import { rateLimits } from './throttle.schema.ts';

export interface Limit {
  /** The counter's name; routes sharing a bucket share the allowance. */
  bucket: string;
  max: number;
  windowSeconds: number;
}

/** Allowances of the public writes: generous for a person, far too few to fill an inbox. */
export const publicLimits = {
  login: { bucket: 'login', max: 300, windowSeconds: 600 },
  objection: { bucket: 'objection', max: 5, windowSeconds: 600 },
} satisfies Record<string, Limit>;

/**
 * Counts one request for (district, bucket, key) and refuses it with 429 RATE_LIMITED and Retry-After once the
 * window's allowance is spent. The window restarts with the first request after it ended.
 */
export async function hit(
  db: Db,
  districtId: string,
  limit: Limit,
  key: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const windowEnded = sql`${rateLimits.windowStart} <= ${now.toISOString()}::timestamptz - make_interval(secs => ${limit.windowSeconds})`;
  const [r] = await rows<{ count: number; window_start: string }>(
    db,
    sql`INSERT INTO ${rateLimits} (district_id, bucket, key, window_start, count)
        VALUES (${districtId}, ${limit.bucket}, ${key}, ${now.toISOString()}::timestamptz, 1)
        ON CONFLICT (district_id, bucket, key) DO UPDATE SET
          count = CASE WHEN ${windowEnded} THEN 1 ELSE ${rateLimits.count} + 1 END,
          window_start = CASE WHEN ${windowEnded} THEN excluded.window_start ELSE ${rateLimits.windowStart} END
        RETURNING count::int AS count, window_start::text AS window_start`,
  );
  if (!r || r.count <= limit.max) return { ok: true };
  const endsAt = new Date(r.window_start).getTime() + limit.windowSeconds * 1000;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) };
}

export function rateLimited(reply: FastifyReply, retryAfterSeconds: number): AppError {
  reply.header('retry-after', String(retryAfterSeconds));
  return new AppError('RATE_LIMITED', undefined, undefined, { retryAfterSeconds });
}

/** A preHandler that limits a route per client address (which honours only configured proxies). */
export function rateLimit(db: Db, limit: Limit, now: () => Date = () => new Date()) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const result = await hit(db, req.districtId, limit, req.ip, now());
    if (!result.ok) throw rateLimited(reply, result.retryAfterSeconds);
  };
}

/** Drops counters whose window ended long ago (called at start-up, like the login failures' pruning). */
export async function pruneRateLimits(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM ${rateLimits} WHERE window_start < now() - interval '1 day'`);
}

// The password-guessing throttle shared by login and a user's own password change: failures per (username, address)
// and per address, counted in PostgreSQL (login_failures) so every instance sees the same attempts.
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Queryable } from '../db/db.ts';
import { rows } from '../db/db.ts';
import { rateLimited } from '../http/throttle.ts';
import { loginFailures } from './auth.schema.ts';

export interface ThrottleOptions {
  /** Failed attempts of one (username, address) before each further attempt waits 1 s, 2 s, 4 s … up to 15 min. */
  maxFailures: number;
  /** Failed attempts from one address across usernames (×6 maxFailures) within this window before 429. */
  windowMinutes: number;
}

export const defaultThrottle: ThrottleOptions = { maxFailures: 5, windowMinutes: 15 };

/** The longest wait the growing delay reaches: after that one attempt per 15 minutes per (user, address). */
const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds a (user, address) pair must wait after `failures` failed attempts. */
export function loginDelaySeconds(failures: number, maxFailures: number): number {
  if (failures < maxFailures) return 0;
  return Math.min(2 ** (failures - maxFailures), MAX_DELAY_SECONDS);
}

/**
 * Throws 429 RATE_LIMITED (with Retry-After) when (username, ip) must still wait, or the address has failed too often
 * across usernames; answers before any password is verified, so a throttled guess costs no hash.
 */
export async function checkThrottle(
  db: Queryable,
  reply: FastifyReply,
  k: { districtId: string; username: string; ip: string; now: Date },
  opts: ThrottleOptions = defaultThrottle,
): Promise<void> {
  const { districtId, username, ip } = k;
  const at = k.now.toISOString();
  const { maxFailures, windowMinutes } = opts;
  // The pair's failures count for a day (so the delay keeps growing); the address's for the window.
  const [counts] = await rows<{
    pair: number;
    last_at: string | null;
    by_ip: number;
    first_ip_at: string | null;
  }>(
    db,
    sql`SELECT
          count(*) FILTER (WHERE ${loginFailures.username} = ${username})::int AS pair,
          max(${loginFailures.at}) FILTER (WHERE ${loginFailures.username} = ${username})::text AS last_at,
          count(*) FILTER (WHERE ${loginFailures.at} > ${at}::timestamptz - make_interval(mins => ${windowMinutes}))::int AS by_ip,
          min(${loginFailures.at}) FILTER (WHERE ${loginFailures.at} > ${at}::timestamptz - make_interval(mins => ${windowMinutes}))::text AS first_ip_at
        FROM ${loginFailures}
        WHERE ${loginFailures.districtId} = ${districtId} AND ${loginFailures.ip} = ${ip}
          AND ${loginFailures.at} > ${at}::timestamptz - interval '1 day'`,
  );
  const t = k.now.getTime();
  const delay = loginDelaySeconds(counts?.pair ?? 0, maxFailures);
  if (delay > 0 && counts?.last_at) {
    const wait = Math.ceil((new Date(counts.last_at).getTime() + delay * 1000 - t) / 1000);
    if (wait > 0) throw rateLimited(reply, wait);
  }
  if ((counts?.by_ip ?? 0) >= maxFailures * 6 && counts?.first_ip_at) {
    const wait = Math.ceil((new Date(counts.first_ip_at).getTime() + windowMinutes * 60_000 - t) / 1000);
    throw rateLimited(reply, Math.max(1, wait));
  }
}

/** Counts one failed attempt of (username, ip) at `now`. */
export async function recordFailure(
  db: Queryable,
  k: { districtId: string; username: string; ip: string; now: Date },
): Promise<void> {
  await db
    .insert(loginFailures)
    .values({ districtId: k.districtId, username: k.username, ip: k.ip, at: k.now });
}

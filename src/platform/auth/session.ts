// Server-side sessions: a random token in an httpOnly cookie, its hash and expiry in PostgreSQL.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import type { users } from './auth.schema.ts';
import { sessions } from './auth.schema.ts';

export const SESSION_COOKIE = 'mtx_session';
/** last_seen_at is refreshed at most this often, to keep reads from turning into writes (idle time errs ≤ 1 min). */
const TOUCH_EVERY_MS = 60 * 1000;

/** A session last used longer ago than the idle limit is over (0 disables the idle limit). */
export function idleExpired(lastSeenAt: Date, idleMinutes: number, now = Date.now()): boolean {
  return idleMinutes > 0 && now - lastSeenAt.getTime() > idleMinutes * 60_000;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(
  db: Db,
  districtId: string,
  userId: string,
  ttlHours: number,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600 * 1000);
  await db.insert(sessions).values({
    districtId,
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  // Expired sessions are swept opportunistically at login; no timer needed.
  await db
    .delete(sessions)
    .where(and(eq(sessions.districtId, districtId), lt(sessions.expiresAt, new Date())));
  return { token, expiresAt };
}

export type UserRow = typeof users.$inferSelect;

/** Refreshes last_seen_at when it is older than a few minutes (reads stay reads most of the time). */
export async function touchSession(
  db: Db,
  districtId: string,
  tokenHash: string,
  lastSeenAt: Date,
): Promise<void> {
  if (Date.now() - lastSeenAt.getTime() <= TOUCH_EVERY_MS) return;
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.districtId, districtId), eq(sessions.tokenHash, tokenHash)));
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function destroyUserSessions(db: Db, districtId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.districtId, districtId), eq(sessions.userId, userId)));
}

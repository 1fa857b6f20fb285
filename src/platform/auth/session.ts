// Server-side sessions: a random token in an httpOnly cookie, its hash and expiry in PostgreSQL.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { sessions, users } from './auth.schema.ts';

export const SESSION_COOKIE = 'mtx_session';
/** last_seen_at is refreshed at most this often, to keep reads from turning into writes. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

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

/** The live, enabled user a token belongs to, or null. */
export async function resolveSession(db: Db, token: string): Promise<UserRow | null> {
  const tokenHash = hashToken(token);
  const now = new Date();
  const found = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt, districtId: sessions.districtId })
    .from(sessions)
    .innerJoin(users, and(eq(users.districtId, sessions.districtId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  const hit = found[0];
  if (!hit || hit.user.disabled) return null;
  if (now.getTime() - new Date(hit.lastSeenAt).getTime() > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(and(eq(sessions.districtId, hit.districtId), eq(sessions.tokenHash, tokenHash)));
  }
  return hit.user;
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function destroyUserSessions(db: Db, districtId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.districtId, districtId), eq(sessions.userId, userId)));
}

// Login, logout and "who am I", plus the hook that turns the session cookie into req.user on every request.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { App, TypedApp } from '../http/app.ts';
import type { Db } from '../db/db.ts';
import { rows } from '../db/db.ts';
import { AppError } from '../http/errors.ts';
import { okSchema, errorBodySchema } from '../http/common.contract.ts';
import { loginBodySchema, meResponseSchema, type SessionUser } from './auth.contract.ts';
import { loginFailures, users } from './auth.schema.ts';
import {
  createSession,
  destroySession,
  hashToken,
  SESSION_COOKIE,
  touchSession,
  type UserRow,
} from './session.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { audit } from '../audit/audit.ts';

/** Names of a user's district, unit and enterprise; supplied by the modules that own them. */
export type DescribeUser = (
  db: Db,
  row: UserRow,
) => Promise<{ districtName: string; unitName: string | null; enterpriseName: string | null }>;

/** One query from a session token's hash to the signed-in user with names (supplied by the users module). */
export type LoadSession = (
  db: Db,
  tokenHash: string,
) => Promise<{ user: SessionUser; lastSeenAt: Date } | null>;

export interface AuthOptions {
  db: Db;
  loadSession: LoadSession;
  ttlHours: number;
  secureCookies: boolean;
  defaultDistrictId: string;
  describe: DescribeUser;
  /** Failed logins allowed per username (and, ×6, per address) in the window before 429. */
  maxFailures?: number;
  windowMinutes?: number;
}

export async function toSessionUser(db: Db, row: UserRow, describe: DescribeUser): Promise<SessionUser> {
  const names = await describe(db, row);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as SessionUser['role'],
    districtId: row.districtId,
    districtName: names.districtName,
    unitId: row.unitId,
    unitName: names.unitName,
    enterpriseId: row.enterpriseId,
    enterpriseName: names.enterpriseName,
  };
}

export function registerSessionHook(app: App, opts: AuthOptions): void {
  app.decorateRequest('user', null);
  app.decorateRequest('districtId', '');
  app.addHook('onRequest', async (req) => {
    req.districtId = opts.defaultDistrictId;
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await opts.loadSession(opts.db, hashToken(token));
    if (!found) return;
    await touchSession(opts.db, found.user.districtId, hashToken(token), found.lastSeenAt);
    req.user = found.user;
    req.districtId = found.user.districtId;
  });
}

export function registerAuthRoutes(app: TypedApp, opts: AuthOptions): void {
  const { db } = opts;
  const maxFailures = opts.maxFailures ?? 5;
  const windowMinutes = opts.windowMinutes ?? 15;

  const setCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secureCookies,
      expires,
    });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie',
        body: loginBodySchema,
        response: { 200: meResponseSchema.required(), 401: errorBodySchema, 429: errorBodySchema },
      },
    },
    async (req, reply) => {
      const districtId = opts.defaultDistrictId;
      const { username, password } = req.body;
      const since = sql`now() - make_interval(mins => ${windowMinutes})`;
      const [counts] = await rows<{ by_user: number; by_ip: number }>(
        db,
        sql`SELECT
              count(*) FILTER (WHERE ${loginFailures.username} = ${username})::int AS by_user,
              count(*) FILTER (WHERE ${loginFailures.ip} = ${req.ip})::int AS by_ip
            FROM ${loginFailures}
            WHERE ${loginFailures.districtId} = ${districtId} AND ${loginFailures.at} > ${since}
              AND (${loginFailures.username} = ${username} OR ${loginFailures.ip} = ${req.ip})`,
      );
      if ((counts?.by_user ?? 0) >= maxFailures || (counts?.by_ip ?? 0) >= maxFailures * 6) {
        throw new AppError('RATE_LIMITED');
      }
      const found = await db
        .select()
        .from(users)
        .where(and(eq(users.districtId, districtId), eq(users.username, username)))
        .limit(1);
      const row = found[0];
      // Verify against a dummy hash when there is no such user: same work, no hint which part was wrong.
      const ok = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!row || !ok || row.disabled) {
        await db.insert(loginFailures).values({ districtId, username, ip: req.ip });
        throw new AppError('INVALID_CREDENTIALS');
      }
      await db
        .delete(loginFailures)
        .where(and(eq(loginFailures.districtId, districtId), eq(loginFailures.username, username)));
      await db
        .update(users)
        .set({ lastLoginAt: new Date() })
        .where(and(eq(users.districtId, districtId), eq(users.id, row.id)));
      const { token, expiresAt } = await createSession(
        db,
        districtId,
        row.id,
        opts.ttlHours,
        req.headers['user-agent'],
      );
      setCookie(reply, token, expiresAt);
      const user = await toSessionUser(db, row, opts.describe);
      await audit(
        db,
        { districtId, userId: row.id, label: `${row.displayName} (${row.username})` },
        {
          action: 'login',
          entity: 'user',
          entityId: row.id,
          note: req.ip,
        },
      );
      return { user };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 200: okSchema } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await destroySession(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags: ['auth'], summary: 'The signed-in user, or null', response: { 200: meResponseSchema } },
    },
    async (req) => ({ user: req.user }),
  );
}

/** Drops failure records older than a day (called from start-up; a job later). */
export async function pruneLoginFailures(db: Db): Promise<void> {
  await db.delete(loginFailures).where(gt(sql`now() - ${loginFailures.at}`, sql`interval '1 day'`));
}

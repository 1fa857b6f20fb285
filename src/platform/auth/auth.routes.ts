// Login, logout and "who am I", plus the hook that turns the session cookie into req.user on every request.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, TypedApp } from '../http/app.ts';
import type { Db } from '../db/db.ts';
import { rows } from '../db/db.ts';
import { AppError } from '../http/errors.ts';
import { publicLimits, rateLimit, rateLimited } from '../http/throttle.ts';
import { okSchema } from '../http/common.contract.ts';
import { errorResponses } from '../http/routes.ts';
import { loginBodySchema, meResponseSchema, type SessionUser } from './auth.contract.ts';
import { loginFailures, users } from './auth.schema.ts';
import {
  createSession,
  destroySession,
  hashToken,
  SESSION_COOKIE,
  idleExpired,
  touchSession,
  type UserRow,
} from './session.ts';
import { actorOf } from './principal.ts';
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
  /** A session unused this many minutes ends (0 = no idle limit). */
  idleMinutes: number;
  /** Always set Secure; otherwise it is set whenever the request came over HTTPS (as a trusted proxy says). */
  secureCookies: boolean;
  defaultDistrictId: string;
  describe: DescribeUser;
  /** Failed logins of one (username, address) before each further attempt waits 1 s, 2 s, 4 s … up to 15 min. */
  maxFailures?: number;
  /** Failed logins from one address across usernames (×6 maxFailures) within this window before 429. */
  windowMinutes?: number;
  /** The clock of the throttle (tests move it). */
  now?: () => Date;
}

/** The session cookie's Secure flag: configured on, or the request came over HTTPS (trusted proxies only). */
export const secureCookie = (opts: Pick<AuthOptions, 'secureCookies'>, req: FastifyRequest) =>
  opts.secureCookies || req.protocol === 'https';

/** The longest wait the growing delay reaches: after that one attempt per 15 minutes per (user, address). */
const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds a (user, address) pair must wait after `failures` failed logins, the last at `lastAt`. */
export function loginDelaySeconds(failures: number, maxFailures: number): number {
  if (failures < maxFailures) return 0;
  return Math.min(2 ** (failures - maxFailures), MAX_DELAY_SECONDS);
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
    if (idleExpired(found.lastSeenAt, opts.idleMinutes)) {
      // Idle too long: the session ends here, on every instance.
      await destroySession(opts.db, token);
      return;
    }
    await touchSession(opts.db, found.user.districtId, hashToken(token), found.lastSeenAt);
    req.user = found.user;
    req.districtId = found.user.districtId;
  });
}

export function registerAuthRoutes(app: TypedApp, opts: AuthOptions): void {
  const { db } = opts;
  const maxFailures = opts.maxFailures ?? 5;
  const windowMinutes = opts.windowMinutes ?? 15;
  const now = opts.now ?? (() => new Date());

  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie(opts, req),
      expires,
    });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets the session cookie',
        body: loginBodySchema,
        response: { 200: meResponseSchema.required(), ...errorResponses(400, 401, 429) },
      },
      preHandler: rateLimit(db, publicLimits.login, now),
    },
    async (req, reply) => {
      const districtId = opts.defaultDistrictId;
      const { username, password } = req.body;
      const ip = req.ip;
      const t = now();
      const at = t.toISOString();
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
      const delay = loginDelaySeconds(counts?.pair ?? 0, maxFailures);
      if (delay > 0 && counts?.last_at) {
        const wait = Math.ceil((new Date(counts.last_at).getTime() + delay * 1000 - t.getTime()) / 1000);
        if (wait > 0) throw rateLimited(reply, wait);
      }
      if ((counts?.by_ip ?? 0) >= maxFailures * 6 && counts?.first_ip_at) {
        const wait = Math.ceil(
          (new Date(counts.first_ip_at).getTime() + windowMinutes * 60_000 - t.getTime()) / 1000,
        );
        throw rateLimited(reply, Math.max(1, wait));
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
        await db.transaction(async (tx) => {
          await tx.insert(loginFailures).values({ districtId, username, ip, at: t });
          // The attempt is recorded with the name tried and the address, never the password.
          await audit(
            tx,
            { districtId, userId: null, label: `未登录 (${username})` },
            {
              action: 'login_failed',
              entity: row ? 'user' : 'login',
              entityId: row ? row.id : username,
              after: {
                username,
                reason: !row ? 'unknown user' : row.disabled ? 'disabled' : 'wrong password',
              },
              note: ip,
            },
          );
        });
        throw new AppError('INVALID_CREDENTIALS');
      }
      // Success forgives this address's failures for the name; other addresses' attempts still count.
      await db
        .delete(loginFailures)
        .where(
          and(
            eq(loginFailures.districtId, districtId),
            eq(loginFailures.username, username),
            eq(loginFailures.ip, ip),
          ),
        );
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
      setCookie(req, reply, token, expiresAt);
      const user = await toSessionUser(db, row, opts.describe);
      await audit(
        db,
        { districtId, userId: row.id, label: `${row.displayName} (${row.username})` },
        {
          action: 'login',
          entity: 'user',
          entityId: row.id,
          note: ip,
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
      if (req.user) {
        await audit(db, actorOf(req.user), {
          action: 'logout',
          entity: 'user',
          entityId: req.user.id,
          note: req.ip,
        });
      }
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

// Login, logout and "who am I", plus the hook that turns the session cookie into req.user on every request.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, TypedApp } from '../http/app.ts';
import type { Db } from '../db/db.ts';
import { AppError } from '../http/errors.ts';
import { publicLimits, rateLimit } from '../http/throttle.ts';
import { okSchema } from '../http/common.contract.ts';
import { errorResponses } from '../http/routes.ts';
import {
  loginBodySchema,
  meResponseSchema,
  resetRequestBodySchema,
  type SessionUser,
} from './auth.contract.ts';
import { loginFailures, users } from './auth.schema.ts';
import { checkThrottle, recordFailure } from './login-throttle.ts';
import { fileResetRequest } from './resets.store.ts';
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

/** Names of a user's district, unit, enterprise and operator; supplied by the modules that own them. */
export type DescribeUser = (
  db: Db,
  row: UserRow,
) => Promise<{
  districtName: string;
  unitName: string | null;
  enterpriseName: string | null;
  operatorName: string | null;
}>;

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

/** 忘记密码 requests per address: a person asks once or twice; a script filling the office's list is cut off. */
export const resetRequestLimit = { bucket: 'passwordReset', max: 5, windowSeconds: 600 };

/** The session cookie's Secure flag: configured on, or the request came over HTTPS (trusted proxies only). */
export const secureCookie = (opts: Pick<AuthOptions, 'secureCookies'>, req: FastifyRequest) =>
  opts.secureCookies || req.protocol === 'https';

export { loginDelaySeconds } from './login-throttle.ts';

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
    operatorId: row.operatorId,
    operatorName: names.operatorName,
    mustChangePassword: row.mustChangePassword,
  };
}

/**
 * What an account that must change its password may still call: the change itself, who am I, logout (and login).
 * Everything else answers 403 PASSWORD_CHANGE_REQUIRED until the password is changed.
 */
const allowedBeforeChange = new Set([
  'PUT /api/users/me/password',
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/login',
]);
export const allowedBeforePasswordChange = (method: string, url: string) =>
  allowedBeforeChange.has(`${method} ${url.split('?')[0]}`);

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
    if (found.user.mustChangePassword && !allowedBeforePasswordChange(req.method, req.url))
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
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
      const throttle = { maxFailures, windowMinutes };
      await checkThrottle(db, reply, { districtId, username, ip, now: t }, throttle);
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
          await recordFailure(tx, { districtId, username, ip, now: t });
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

  app.post(
    '/api/auth/password-reset-requests',
    {
      schema: {
        tags: ['auth'],
        summary:
          "忘记密码: ask an administrator to reset an account's password; the same answer whether or not it exists",
        body: resetRequestBodySchema,
        response: { 202: okSchema, ...errorResponses(400, 429) },
      },
      preHandler: rateLimit(db, resetRequestLimit, now),
    },
    async (req, reply) => {
      await fileResetRequest(db, opts.defaultDistrictId, req.body.username, req.ip, now());
      return reply.status(202).send({ ok: true as const });
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

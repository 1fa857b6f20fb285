// Login, sessions and throttling: argon2id passwords, httpOnly cookie sessions in the database, shared by instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { openDatabase } from '../../src/platform/db/db.ts';
import { buildServer } from '../../src/server.ts';
import { users } from '../../src/platform/auth/auth.schema.ts';
import { eq } from 'drizzle-orm';

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 60, loginMaxFailures: 3 });
});
afterAll(() => p?.close());

describe('login', () => {
  it('sets an httpOnly, SameSite session cookie and tells who is signed in', async () => {
    const c = new Client(p.app);
    const res = await c.login('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/mtx_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user).toMatchObject({
      username: 'admin',
      role: 'admin',
      districtId: 'jiulongpo',
      districtName: '九龙坡区',
    });
  });

  it('sends baseline security headers', async () => {
    const res = await new Client(p.app).get('/api/meta');
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
  });

  it('stores passwords as argon2id hashes', async () => {
    const [row] = await p.db.select().from(users).where(eq(users.username, 'admin'));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('answers a wrong password and an unknown user alike: 401, no hint which part was wrong', async () => {
    const a = await new Client(p.app).login('dept', 'wrong-password');
    const b = await new Client(p.app).login('nobody-here', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles repeated failures of one username from one address with 429, even with the right password', async () => {
    for (let i = 0; i < 3; i++)
      expect((await new Client(p.app).login('street', 'nope-nope')).statusCode).toBe(401);
    const blocked = await new Client(p.app).login('street', DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('RATE_LIMITED');
    // Other accounts are unaffected.
    expect((await new Client(p.app).login('dept', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('rejects a malformed body with 400 naming the field', async () => {
    const res = await new Client(p.app).request('POST', '/api/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toContain('password');
  });

  it('logout ends the session on the server, not just in the browser', async () => {
    const c = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
    const cookie = c.cookie;
    expect((await c.request('POST', '/api/auth/logout')).statusCode).toBe(200);
    const replay = new Client(p.app);
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).json().user).toBeNull();
    expect((await replay.get('/api/enterprises')).statusCode).toBe(401);
  });
});

describe('two server instances on one database', () => {
  it('share sessions: signed in on one, recognised on the other; logged out on the other, gone on both', async () => {
    const second = p.testDb.url ? await openDatabase({ databaseUrl: p.testDb.url, poolSize: 2 }) : undefined;
    const app2 = await buildServer({
      db: second?.db ?? p.db,
      config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
      defaultDistrictId: p.districtId,
    });
    try {
      const onA = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
      const onB = new Client(app2);
      onB.cookie = onA.cookie;
      expect((await onB.get('/api/auth/me')).json().user.username).toBe('admin');
      expect((await onB.get('/api/enterprises')).statusCode).toBe(200);
      await onB.request('POST', '/api/auth/logout');
      expect((await onA.get('/api/auth/me')).json().user).toBeNull();
    } finally {
      await app2.close();
      await second?.close();
    }
  });
});

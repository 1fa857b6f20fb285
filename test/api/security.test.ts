// Login throttle, passwords, sessions, cross-site writes, headers and logs: the security probe's findings (issue 8).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import { ADMIN_PASSWORD, Client, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { buildServer } from '../../src/server.ts';
import { auditLog } from '../../src/platform/audit/audit.schema.ts';
import { users } from '../../src/platform/auth/auth.schema.ts';
import type { App } from '../../src/platform/http/app.ts';

let p: Platform;
let clock = new Date('2026-11-20T08:00:00Z');
beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 30, now: () => clock });
});
afterAll(() => p?.close());

const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

const login = (app: App, username: string, password: string, remoteAddress: string, headers = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
    headers,
  });

const serverWith = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  buildServer({
    db: p.db,
    config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false, ...config },
    defaultDistrictId: p.districtId,
    now: () => clock,
    ...extra,
  });

describe('login throttle', () => {
  it("keys on the peer's address: a forged X-Forwarded-For changes nothing when no proxy is configured", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login(p.app, 'dept', 'wrong-password', '203.0.113.10', {
        'x-forwarded-for': `192.0.2.${i}`,
      });
      expect(res.statusCode).toBe(401);
    }
    const next = await login(p.app, 'dept', 'wrong-password', '203.0.113.10', {
      'x-forwarded-for': '192.0.2.99',
    });
    expect(next.statusCode).toBe(429);
    expect(next.json().code).toBe('RATE_LIMITED');
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("an attacker's failures from one address never lock the owner out from another", async () => {
    for (let i = 0; i < 8; i++) await login(p.app, 'street', 'guessing-password', '203.0.113.20');
    expect((await login(p.app, 'street', DEMO_PASSWORD, '203.0.113.20')).statusCode).toBe(429);
    expect((await login(p.app, 'street', DEMO_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });

  it('makes each further attempt of a (user, address) pair wait longer: 1 s, 2 s, 4 s …', async () => {
    const from = '203.0.113.30';
    for (let i = 0; i < 5; i++)
      expect((await login(p.app, 'firm', 'bad-password', from)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const blocked = await login(p.app, 'firm', 'bad-password', from);
      expect(blocked.statusCode).toBe(429);
      const wait = Number(blocked.headers['retry-after']);
      waits.push(wait);
      later(wait);
      expect((await login(p.app, 'firm', 'bad-password', from)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // Waited out, the owner gets in from the same address, and the pair starts afresh.
    later(16);
    expect((await login(p.app, 'firm', DEMO_PASSWORD, from)).statusCode).toBe(200);
    expect((await login(p.app, 'firm', 'bad-password', from)).statusCode).toBe(401);
  });

  it('caps one address across usernames', async () => {
    const from = '203.0.113.40';
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await login(p.app, `guess${i}`, 'bad-password', from)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
  });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const app = await serverWith({ trustProxy: ['127.0.0.1'] });
    try {
      for (let i = 0; i < 6; i++)
        await login(app, 'admin', 'bad-password', '127.0.0.1', { 'x-forwarded-for': '203.0.113.50' });
      const viaProxy = await login(app, 'admin', ADMIN_PASSWORD, '127.0.0.1', {
        'x-forwarded-for': '203.0.113.50',
      });
      expect(viaProxy.statusCode).toBe(429);
      const otherClient = await login(app, 'admin', ADMIN_PASSWORD, '127.0.0.1', {
        'x-forwarded-for': '203.0.113.51',
      });
      expect(otherClient.statusCode).toBe(200);
      // Not from the proxy: the header is ignored and the peer address counts.
      const direct = await login(app, 'admin', ADMIN_PASSWORD, '203.0.113.52', {
        'x-forwarded-for': '203.0.113.50',
      });
      expect(direct.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('records failed logins and logouts in the audit trail, never the password', async () => {
    await login(p.app, 'admin', 'audited-wrong-password', '203.0.113.60');
    const [failed] = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.districtId, p.districtId), eq(auditLog.action, 'login_failed')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(failed).toMatchObject({ entity: 'user', note: '203.0.113.60' });
    expect(JSON.stringify(failed)).not.toContain('audited-wrong-password');
    expect(JSON.stringify(failed)).toContain('admin');

    const c = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
    await c.request('POST', '/api/auth/logout');
    const [out] = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.districtId, p.districtId), eq(auditLog.action, 'logout')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(out?.actorLabel).toContain('admin');
  });
});

describe('passwords', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  });
  const create = (username: string, password: string) =>
    admin.request('POST', '/api/users', { username, displayName: '密码测试', password, role: 'admin' });

  it('refuses short and common passwords on create and on reset', async () => {
    for (const weak of [
      '1234567890',
      'password12',
      'woaini1314',
      'qq123456',
      'a123456789',
      '123456789012',
      'Password1234',
      'aaaaaaaaaaaaaaaa',
    ]) {
      const res = await create('weak-user', weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().fields[0].path).toBe('password');
    }
    const ok = await create('strong-user', 'correct horse battery');
    expect(ok.statusCode).toBe(201);
    const reset = await admin.request('PUT', `/api/users/${ok.json().id}`, {
      displayName: '密码测试',
      role: 'admin',
      password: 'qwertyuiop123',
    });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().fields[0].path).toBe('password');
  });

  it('lets a user change their own password; their other sessions end, this one stays', async () => {
    expect((await create('changer', 'first-good-password')).statusCode).toBe(201);
    const here = await signedIn(p.app, 'changer', 'first-good-password');
    const elsewhere = await signedIn(p.app, 'changer', 'first-good-password');
    const change = (currentPassword: string, newPassword: string) =>
      here.request('PUT', '/api/users/me/password', { currentPassword, newPassword });
    const wrong = await change('not-the-password', 'second-good-password');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].path).toBe('currentPassword');
    const weak = await change('first-good-password', 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields[0].path).toBe('newPassword');
    expect((await change('first-good-password', 'second-good-password')).statusCode).toBe(200);
    expect((await here.get('/api/auth/me')).json().user.username).toBe('changer');
    expect((await elsewhere.get('/api/auth/me')).json().user).toBeNull();
    expect((await new Client(p.app).login('changer', 'second-good-password')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes, well before the absolute expiry', async () => {
    const c = await signedIn(p.app, 'dept', DEMO_PASSWORD);
    expect((await c.get('/api/auth/me')).json().user.username).toBe('dept');
    const [u] = await p.db.select().from(users).where(eq(users.username, 'dept'));
    await p.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = ${u!.id}`,
    );
    expect((await c.get('/api/auth/me')).json().user).toBeNull();
    expect((await c.get('/api/enterprises')).statusCode).toBe(401);
  });

  it('set Secure on the cookie when the request came over HTTPS through a trusted proxy', async () => {
    const app = await serverWith({ trustProxy: ['127.0.0.1'] });
    try {
      const https = await login(app, 'admin', ADMIN_PASSWORD, '127.0.0.1', { 'x-forwarded-proto': 'https' });
      expect(String(https.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      const plain = await login(app, 'admin', ADMIN_PASSWORD, '127.0.0.1');
      expect(String(plain.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
      // An untrusted client cannot claim HTTPS either way; the header is ignored.
      const forged = await login(app, 'admin', ADMIN_PASSWORD, '203.0.113.70', {
        'x-forwarded-proto': 'https',
      });
      expect(String(forged.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    } finally {
      await app.close();
    }
  });
});

describe('cross-site requests', () => {
  it('refuse a text/plain POST to a body-less route (what a cross-site form can send) with 415', async () => {
    const c = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
    const post = (payload: string, contentType: string) =>
      p.app.inject({
        method: 'POST',
        url: '/api/inbox/read-all',
        payload,
        headers: { cookie: c.cookie!, 'content-type': contentType },
      });
    const forged = await post('x', 'text/plain');
    expect(forged.statusCode).toBe(415);
    expect(forged.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await post('a=1', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    expect((await post('--x--\r\n', 'multipart/form-data; boundary=x')).statusCode).toBe(415);
    expect((await c.request('POST', '/api/inbox/read-all')).statusCode).toBe(200);
  });

  it('refuse a JSON write from another origin', async () => {
    const c = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
    const res = await c.request('POST', '/api/inbox/read-all', {}, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    const site = await c.request('POST', '/api/inbox/read-all', {}, { 'sec-fetch-site': 'cross-site' });
    expect(site.statusCode).toBe(403);
    const same = await c.request('POST', '/api/inbox/read-all', {}, { origin: 'http://localhost:80' });
    expect(same.statusCode).toBe(200);
  });

  it('the HTML and the API carry a Content-Security-Policy without inline scripts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title><div id="root"></div>');
    const app = await serverWith({ serveWeb: true }, { webRoot: dir });
    try {
      for (const url of ['/', '/monitoring', '/api/meta']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
      }
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('logs', () => {
  it('hold neither password hashes nor contact data when an insert fails', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await serverWith({ logLevel: 'info' }, { logStream: stream });
    const phone = '13912345678';
    const secretHash = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$leakedhashvalue';
    // A write that fails in the database the way a real one does: a duplicate username, the row full of personal data.
    app.post('/api/test/failing-insert', async () => {
      await p.db.insert(users).values({
        districtId: p.districtId,
        username: 'admin',
        displayName: `联系人 ${phone}`,
        passwordHash: secretHash,
        role: 'admin',
      });
      return { ok: true };
    });
    try {
      const res = await app.inject({
        method: 'POST',
        url: `/api/test/failing-insert?phone=${phone}`,
        payload: { password: 'plain-text-password', phone },
      });
      expect(res.statusCode).toBe(500);
      await login(app, 'admin', 'plain-text-password', '203.0.113.80');
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('users_username');
    expect(log).not.toContain(phone);
    expect(log).not.toContain('leakedhashvalue');
    expect(log).not.toContain('plain-text-password');
  });
});

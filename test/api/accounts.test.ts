// Issue 10, item 12: first-login password change, one's own change throttled, enterprise accounts in bulk with
// initial passwords delivered through the adapters, and 忘记密码 through an administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN_PASSWORD, Client, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { rows } from '../../src/platform/db/db.ts';
import type { DeliveryOptions } from '../../src/modules/notifications/notifications.delivery.ts';
import { LoggingDeliveryAdapter } from '../../src/modules/notifications/notifications.delivery.ts';
import type { OutgoingMessage } from '../../src/modules/notifications/notifications.ts';
import { createEnterpriseAccounts } from '../../src/platform/auth/accounts.bulk.ts';

/** What the recording adapter "sent"; `unreachable` enterprises have no contact. */
const sent: OutgoingMessage[] = [];
const unreachable = new Set<string>();
const delivery: DeliveryOptions = {
  adapters: [{ channel: 'sms', send: async (m) => void sent.push(m) }],
  contactsOf: async (_d, r) =>
    r.kind === 'enterprise' && !unreachable.has(r.id)
      ? [{ channel: 'sms', to: `1380000${r.id.slice(0, 4)}` }]
      : [],
  logger: { info: () => {}, warn: () => {} },
};
/** The password a delivered message carries. */
const passwordIn = (m: OutgoingMessage) => /初始密码：([A-Za-z0-9]+)/.exec(m.text)![1]!;

let clock = new Date('2026-12-02T02:00:00Z');
let p: Platform;
let admin: Client;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 40, delivery, now: () => clock });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
});
afterAll(() => p?.close());

async function auditRows(action: string) {
  return rows<{
    entity: string;
    entity_id: string;
    actor_label: string;
    after: unknown;
    note: string | null;
  }>(
    p.db,
    sql`SELECT entity, entity_id, actor_label, after, note FROM audit_log
        WHERE district_id = ${p.districtId} AND action = ${action} ORDER BY id`,
  );
}

describe('a new account must change its password at first login', () => {
  it('answers 403 PASSWORD_CHANGE_REQUIRED to everything but the change, me and logout, until changed', async () => {
    const created = await admin.request('POST', '/api/users', {
      username: 'newcomer',
      displayName: '新同事',
      password: 'initial-pass-4821',
      role: 'admin',
    });
    expect(created.statusCode).toBe(201);
    const u = new Client(p.app);
    const login = await u.login('newcomer', 'initial-pass-4821');
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const blocked = await u.get('/api/enterprises');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await u.get('/api/users')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await u.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const changed = await u.request('PUT', '/api/users/me/password', {
      currentPassword: 'initial-pass-4821',
      newPassword: 'my-own-secret-7730',
    });
    expect(changed.statusCode).toBe(200);
    expect((await u.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
    expect((await u.get('/api/enterprises')).statusCode).toBe(200);
    const listed = (await admin.get('/api/users')).json<{
      items: { username: string; mustChangePassword: boolean }[];
    }>();
    expect(listed.items.find((x) => x.username === 'newcomer')!.mustChangePassword).toBe(false);
    // An administrator's reset sets the flag again.
    const id = created.json().id;
    await admin.request('PUT', `/api/users/${id}`, {
      displayName: '新同事',
      role: 'admin',
      password: 'reset-by-admin-9154',
    });
    const again = new Client(p.app);
    expect((await again.login('newcomer', 'reset-by-admin-9154')).json().user.mustChangePassword).toBe(true);
    expect((await again.get('/api/plan')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await again.request('POST', '/api/auth/logout')).statusCode).toBe(200);
  });

  it('leaves seeded accounts alone', async () => {
    const dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
    expect((await dept.get('/api/auth/me')).json().user.mustChangePassword).toBe(false);
  });
});

describe("changing one's own password", () => {
  it('throttles wrong current passwords like logins, per (user, address), and audits them', async () => {
    await admin.request('POST', '/api/users', {
      username: 'guesser',
      displayName: '被盗会话',
      password: 'stolen-session-5512',
      role: 'admin',
    });
    const u = await signedIn(p.app, 'guesser', 'stolen-session-5512');
    const wrong = () =>
      u.request('PUT', '/api/users/me/password', {
        currentPassword: 'not-it-at-all',
        newPassword: 'another-one-8812',
      });
    for (let i = 0; i < 5; i++) expect((await wrong()).statusCode).toBe(400);
    // The sixth attempt in the same second waits 1 s (2^0), whatever it sends: the right password too.
    const limited = await u.request('PUT', '/api/users/me/password', {
      currentPassword: 'stolen-session-5512',
      newPassword: 'another-one-8812',
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    clock = new Date(clock.getTime() + 2000);
    const ok = await u.request('PUT', '/api/users/me/password', {
      currentPassword: 'stolen-session-5512',
      newPassword: 'another-one-8812',
    });
    expect(ok.statusCode).toBe(200);
    const failed = await auditRows('password_change_failed');
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatchObject({ entity: 'user', actor_label: '被盗会话 (guesser)' });
    expect(JSON.stringify(failed)).not.toContain('not-it-at-all');
  });
});

describe('enterprise accounts in bulk', () => {
  it("lists the registry's enterprises without an account, the demo firm's excluded", async () => {
    const me = (await (await signedIn(p.app, 'firm', DEMO_PASSWORD)).get('/api/auth/me')).json().user;
    const list = (await admin.get('/api/users/enterprise-accounts/candidates')).json<{
      items: { enterpriseId: string; uscc: string; reachable: boolean }[];
    }>();
    expect(list.items.length).toBeGreaterThan(10);
    expect(list.items.map((i) => i.enterpriseId)).not.toContain(me.enterpriseId);
    expect(list.items.every((i) => i.reachable)).toBe(true);
    // A landline is not a number an SMS reaches: listed as unreachable (a registry fix puts it back).
    const landline = list.items[list.items.length - 1]!;
    const [{ phone }] = (await rows<{ phone: string }>(
      p.db,
      sql`SELECT contact_phone AS phone FROM enterprises WHERE id = ${landline.enterpriseId}`,
    )) as [{ phone: string }];
    await p.db.execute(
      sql`UPDATE enterprises SET contact_phone = '023-6868 1234' WHERE id = ${landline.enterpriseId}`,
    );
    const again = (await admin.get('/api/users/enterprise-accounts/candidates')).json<typeof list>();
    expect(again.items.filter((i) => !i.reachable).map((i) => i.enterpriseId)).toEqual([
      landline.enterpriseId,
    ]);
    await p.db.execute(
      sql`UPDATE enterprises SET contact_phone = ${phone} WHERE id = ${landline.enterpriseId}`,
    );
  });

  it('creates one account per enterprise, delivers the password, skips with reasons, audits', async () => {
    const me = (await (await signedIn(p.app, 'firm', DEMO_PASSWORD)).get('/api/auth/me')).json().user;
    const list = (await admin.get('/api/users/enterprise-accounts/candidates')).json<{
      items: { enterpriseId: string; uscc: string; name: string }[];
    }>();
    const [a, b, c] = list.items;
    unreachable.add(c!.enterpriseId);
    const missing = '00000000-0000-4000-8000-000000000001';
    sent.length = 0;
    const res = await admin.request('POST', '/api/users/enterprise-accounts', {
      enterpriseIds: [a!.enterpriseId, b!.enterpriseId, c!.enterpriseId, me.enterpriseId, missing],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      created: { enterpriseId: string; username: string; delivered: number }[];
      skipped: { enterpriseId: string; reason: string }[];
    }>();
    expect(body.created.map((x) => [x.enterpriseId, x.username, x.delivered])).toEqual(
      expect.arrayContaining([
        [a!.enterpriseId, a!.uscc, 1],
        [b!.enterpriseId, b!.uscc, 1],
      ]),
    );
    expect(body.created).toHaveLength(2);
    expect(body.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ enterpriseId: missing, reason: 'notFound' }),
        expect.objectContaining({ enterpriseId: me.enterpriseId, reason: 'hasAccount' }),
        expect.objectContaining({ enterpriseId: c!.enterpriseId, reason: 'unreachable' }),
      ]),
    );
    expect(body.skipped).toHaveLength(3);
    // Two messages left, each carrying its account's username and a password that signs in (and must be changed).
    expect(sent).toHaveLength(2);
    const toA = sent.find((m) => m.text.includes(a!.uscc))!;
    expect(toA.sensitive).toBe(true);
    const login = await new Client(p.app).login(a!.uscc, passwordIn(toA));
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({
      role: 'enterprise',
      enterpriseId: a!.enterpriseId,
      mustChangePassword: true,
    });
    // Neither the answer nor the audit trail nor the inbox holds the password.
    expect(res.body).not.toContain(passwordIn(toA));
    const everything = await rows<{ t: string }>(
      p.db,
      sql`SELECT string_agg(after::text || coalesce(note, ''), ' ') AS t FROM audit_log`,
    );
    expect(everything[0]!.t).not.toContain(passwordIn(toA));
    const inbox = await rows<{ n: number }>(
      p.db,
      sql`SELECT count(*)::int AS n FROM notifications WHERE body LIKE ${`%${passwordIn(toA)}%`}`,
    );
    expect(inbox[0]!.n).toBe(0);
    const bulk = await auditRows('bulk_create');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]!.after).toMatchObject({ created: 2 });
    // Asked again, both now have accounts.
    const again = await admin.request('POST', '/api/users/enterprise-accounts', {
      enterpriseIds: [a!.enterpriseId],
    });
    expect(again.json()).toEqual({
      created: [],
      skipped: [{ enterpriseId: a!.enterpriseId, name: a!.name, reason: 'hasAccount' }],
      remaining: 0,
    });
  });

  it('creates for every enterprise without an account with `all`, skipping the unreachable', async () => {
    const before = (await admin.get('/api/users/enterprise-accounts/candidates')).json<{ items: unknown[] }>()
      .items.length;
    sent.length = 0;
    const res = await admin.request('POST', '/api/users/enterprise-accounts', { all: true });
    const body = res.json<{ created: unknown[]; skipped: { reason: string }[] }>();
    expect(body.created.length + body.skipped.length).toBe(before);
    expect(body.skipped.map((s) => s.reason)).toEqual(['unreachable']);
    expect(sent).toHaveLength(body.created.length);
    expect((await admin.get('/api/users/enterprise-accounts/candidates')).json().items).toHaveLength(1);
  });

  it('is all or nothing: an account that appeared meanwhile writes none of them', async () => {
    const [existing] = await rows<{ username: string; enterprise_id: string }>(
      p.db,
      sql`SELECT username, enterprise_id::text FROM users WHERE enterprise_id IS NOT NULL LIMIT 1`,
    );
    const [free] = (await admin.get('/api/users/enterprise-accounts/candidates')).json().items;
    const count = async () =>
      (await rows<{ n: number }>(p.db, sql`SELECT count(*)::int AS n FROM users`))[0]!.n;
    const n = await count();
    await expect(
      createEnterpriseAccounts(
        p.db,
        { districtId: p.districtId, userId: null, label: 'test' },
        [
          { enterpriseId: free.enterpriseId, username: free.uscc, displayName: 'x', passwordHash: 'x' },
          { enterpriseId: existing!.enterprise_id, username: 'clash', displayName: 'y', passwordHash: 'y' },
        ],
        [],
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count()).toBe(n);
  });

  it('refuses an empty choice', async () => {
    const res = await admin.request('POST', '/api/users/enterprise-accounts', { enterpriseIds: [] });
    expect(res.statusCode).toBe(400);
  });
});

describe('忘记密码 through an administrator', () => {
  it('answers the same whether or not the user exists, and files one pending request per account', async () => {
    const asked = async (username: string, remoteAddress: string) =>
      p.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset-requests',
        payload: { username },
        remoteAddress,
      });
    const real = await asked('firm', '203.0.113.7');
    const fake = await asked('no-such-user', '203.0.113.7');
    expect(real.statusCode).toBe(202);
    expect(fake.statusCode).toBe(202);
    expect(real.body).toBe(fake.body);
    await asked('firm', '203.0.113.8');
    const list = (await admin.get('/api/users/password-resets')).json<{
      items: { id: string; username: string; ip: string; reachable: boolean }[];
    }>();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ username: 'firm', ip: '203.0.113.*', reachable: true });
    const filed = await auditRows('reset_requested');
    expect(filed.map((r) => (r.after as { outcome: string }).outcome)).toEqual([
      'filed',
      'unknown user',
      'already pending',
    ]);
    // Five per address in ten minutes.
    for (let i = 0; i < 3; i++) expect((await asked('x', '203.0.113.7')).statusCode).toBe(202);
    const limited = await asked('firm', '203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
  });

  it('approves: a new password delivered, the old one and its sessions dead, change required; audited', async () => {
    const firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
    const [req] = (await admin.get('/api/users/password-resets')).json().items;
    sent.length = 0;
    const approved = await admin.request('POST', `/api/users/password-resets/${req.id}/approve`);
    expect(approved.json()).toEqual({ delivered: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.sensitive).toBe(true);
    expect((await firm.get('/api/auth/me')).json().user).toBeNull();
    expect((await new Client(p.app).login('firm', DEMO_PASSWORD)).statusCode).toBe(401);
    const fresh = new Client(p.app);
    expect((await fresh.login('firm', passwordIn(sent[0]!))).json().user.mustChangePassword).toBe(true);
    expect((await admin.request('POST', `/api/users/password-resets/${req.id}/approve`)).statusCode).toBe(
      404,
    );
    expect((await admin.get('/api/users/password-resets')).json().items).toEqual([]);
    expect(await auditRows('reset_approved')).toHaveLength(1);
  });

  it('rejects, and refuses to approve an account no adapter reaches (409, nothing changed)', async () => {
    const ask = (username: string) =>
      p.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset-requests',
        payload: { username },
        remoteAddress: '2001:db8:85a3::8a2e:370:7334',
      });
    await ask('dept');
    await ask('street');
    const items = (await admin.get('/api/users/password-resets')).json<{
      items: { id: string; username: string; reachable: boolean; ip: string }[];
    }>().items;
    const dept = items.find((i) => i.username === 'dept')!;
    const street = items.find((i) => i.username === 'street')!;
    expect(dept).toMatchObject({ reachable: false, ip: '2001:db8:85a3:*' });
    const refused = await admin.request('POST', `/api/users/password-resets/${dept.id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect((await new Client(p.app).login('dept', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await admin.request('POST', `/api/users/password-resets/${street.id}/reject`)).json()).toEqual({
      delivered: 0,
    });
    expect((await new Client(p.app).login('street', DEMO_PASSWORD)).statusCode).toBe(200);
    expect(
      (await admin.get('/api/users/password-resets'))
        .json()
        .items.map((i: { username: string }) => i.username),
    ).toEqual(['dept']);
    expect(await auditRows('reset_rejected')).toHaveLength(1);
  });
});

describe('the logging adapter', () => {
  it('never writes a credential to the log', async () => {
    const lines: object[] = [];
    const adapter = new LoggingDeliveryAdapter({ info: (o) => lines.push(o), warn: () => {} }, 'sms');
    await adapter.send({
      to: '13800000000',
      subject: '账号',
      text: '初始密码：Secret123abc',
      sensitive: true,
    });
    expect(JSON.stringify(lines)).not.toContain('Secret123abc');
    await adapter.send({ to: '13800000000', subject: '提醒', text: '请按时填报' });
    expect(JSON.stringify(lines)).toContain('请按时填报');
  });
});

describe('building operator accounts (专业运营机构)', () => {
  it('binds an operator account to a registered operator, and refuses the wrong binding with the field', async () => {
    const operator = (
      await admin.request('POST', '/api/space/operators', {
        name: '测试楼宇运营有限公司',
        contactPerson: '李工',
        contactPhone: '13900001111',
      })
    ).json<{ id: string; name: string }>();
    const body = { username: 'op-user', displayName: '运营测试', password: 'a-long-password-1' };
    const missing = await admin.request('POST', '/api/users', { ...body, role: 'operator' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual([expect.objectContaining({ path: 'operatorId' })]);
    const unknown = await admin.request('POST', '/api/users', {
      ...body,
      role: 'operator',
      operatorId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.json().fields).toEqual([{ path: 'operatorId', message: '运营机构不存在' }]);
    const wrongRole = await admin.request('POST', '/api/users', {
      ...body,
      role: 'admin',
      operatorId: operator.id,
    });
    expect(wrongRole.json().fields).toEqual([{ path: 'operatorId', message: '该角色不绑定运营机构' }]);
    const created = await admin.request('POST', '/api/users', {
      ...body,
      role: 'operator',
      operatorId: operator.id,
    });
    expect(created.statusCode).toBe(201);
    const listed = (await admin.get('/api/users')).json<{ items: Record<string, unknown>[] }>().items;
    expect(listed.find((u) => u.username === 'op-user')).toMatchObject({
      role: 'operator',
      operatorId: operator.id,
      operatorName: '测试楼宇运营有限公司',
      unitId: null,
      enterpriseId: null,
    });
    const me = await signedIn(p.app, 'op-user', 'a-long-password-1');
    expect((await me.get('/api/auth/me')).json().user).toMatchObject({
      role: 'operator',
      operatorId: operator.id,
      operatorName: '测试楼宇运营有限公司',
    });
    // It sees itself among the operators, its phone in full; the registry's enterprises are not its to read.
    expect((await me.get('/api/space/operators')).json().items).toEqual([
      expect.objectContaining({ id: operator.id, contactPhone: '13900001111' }),
    ]);
    expect((await me.get('/api/enterprises')).json().items).toEqual([]);
    // Staff other than the office see the operator's phone masked.
    const dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
    const seen = (await dept.get('/api/space/operators')).json<{
      items: { id: string; contactPhone: string }[];
    }>().items;
    expect(seen.find((o) => o.id === operator.id)!.contactPhone).not.toContain('0000111');
  });
});

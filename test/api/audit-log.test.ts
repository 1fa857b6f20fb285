// Issue 10, item 13: the district-wide audit log for administrators — filters (user, record, action, time), paging,
// the login history with addresses partly masked, reads of it audited, and the .xlsx export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Client } from '../harness.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { rows } from '../../src/platform/db/db.ts';
import { maskIp } from '../../src/platform/audit/mask.ts';
import type { AuditLogEntry } from '../../src/platform/audit/audit.contract.ts';

let p: Platform;
let admin: Client;
let deptId: string;

interface Page {
  items: AuditLogEntry[];
  total: number;
  page: number;
  pageSize: number;
}
const log = async (query: string) => {
  const res = await admin.get(`/api/audit/log?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<Page>();
};

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 20 });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  deptId = (await dept.get('/api/auth/me')).json().user.id;
  // A failed login against dept from one address, and one for a name that does not exist.
  await p.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'dept', password: 'wrong-password-1' },
    remoteAddress: '198.51.100.23',
  });
  await p.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'ghost', password: 'wrong-password-2' },
    remoteAddress: '198.51.100.24',
  });
  await dept.request('POST', '/api/auth/logout');
});
afterAll(() => p?.close());

describe('masking addresses', () => {
  it('keeps three octets of IPv4 and three groups of IPv6', () => {
    expect(maskIp('198.51.100.23')).toBe('198.51.100.*');
    expect(maskIp('::ffff:10.1.2.3')).toBe('10.1.2.*');
    expect(maskIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3:*');
    expect(maskIp('')).toBe('');
    expect(maskIp('unknown')).toBe('*');
  });
});

describe('GET /api/audit/log', () => {
  it('pages the whole district, newest first, with the total', async () => {
    const first = await log('pageSize=5');
    const [{ n }] = (await rows<{ n: number }>(
      p.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE district_id = ${p.districtId}`,
    )) as [{ n: number }];
    // Everything but the record of this very read, written after the page was read.
    expect(first.total).toBe(n - 1);
    expect(first.items).toHaveLength(5);
    const ids = first.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // Each read adds an event on top, so page 2 is compared within a filter reads do not match.
    const users1 = await log('entity=user&pageSize=3');
    const users2 = await log('entity=user&pageSize=3&page=2');
    expect(users2.items[0]!.id).toBeLessThan(users1.items[2]!.id);
    expect(users2.total).toBe(users1.total);
  });

  it("shows the login history: successes, failures (the account's and unknown names) and logouts, addresses masked", async () => {
    const history = await log('logins=true&pageSize=100');
    const actions = new Set(history.items.map((i) => i.action));
    expect(actions).toEqual(new Set(['login', 'login_failed', 'logout']));
    const failed = history.items.filter((i) => i.action === 'login_failed');
    expect(failed.map((f) => [f.entity, f.note])).toEqual([
      ['login', '198.51.100.*'],
      ['user', '198.51.100.*'],
    ]);
    expect(JSON.stringify(history)).not.toContain('198.51.100.23');
    expect(JSON.stringify(history)).not.toContain('wrong-password');
  });

  it('filters by user: what they did and the failed logins against their account', async () => {
    const mine = await log(`userId=${deptId}&pageSize=100`);
    expect(mine.items.map((i) => i.action).sort()).toEqual(['login', 'login_failed', 'logout']);
    expect(mine.items.every((i) => i.actorId === deptId || i.entityId === deptId)).toBe(true);
  });

  it('filters by record (kind and id) and by action', async () => {
    const trail = await log(`entity=user&entityId=${deptId}`);
    expect(trail.items.every((i) => i.entity === 'user' && i.entityId === deptId)).toBe(true);
    expect(trail.total).toBeGreaterThanOrEqual(4);
    const created = await log('action=create&entity=user');
    expect(created.items.length).toBe(created.total);
    expect(created.items.every((i) => i.action === 'create' && i.entity === 'user')).toBe(true);
  });

  it('filters by time: dates are days in Asia/Shanghai, instants as given', async () => {
    const [{ first, last }] = (await rows<{ first: string; last: string }>(
      p.db,
      sql`SELECT min(at)::text AS first, max(at)::text AS last FROM audit_log WHERE district_id = ${p.districtId}`,
    )) as [{ first: string; last: string }];
    const lastAt = new Date(last);
    const future = (await log(`from=${encodeURIComponent(new Date(lastAt.getTime() + 1000).toISOString())}`))
      .total;
    expect(future).toBe(0);
    const past = (await log(`to=${encodeURIComponent(new Date(new Date(first).getTime()).toISOString())}`))
      .total;
    expect(past).toBe(0);
    // The Shanghai day of the first event holds it; the day before holds nothing.
    const day = new Date(new Date(first).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await log(`from=${day}&to=${day}&pageSize=1`)).total).toBeGreaterThan(0);
    const before = new Date(new Date(`${day}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
    expect((await log(`from=${before}&to=${before}`)).total).toBe(0);
  });

  it('records each read as an audit event with its filter', async () => {
    await log('action=login&pageSize=3');
    const [r] = await rows<{ actor_label: string; after: { filter: Record<string, unknown>; rows: number } }>(
      p.db,
      sql`SELECT actor_label, after FROM audit_log WHERE action = 'read' AND entity = 'audit' ORDER BY id DESC LIMIT 1`,
    );
    expect(r!.after.filter).toEqual({ action: 'login' });
    expect(r!.after.rows).toBeLessThanOrEqual(3);
    expect(r!.actor_label).toContain('admin');
  });

  it('refuses a malformed filter', async () => {
    expect((await admin.get('/api/audit/log?userId=nope')).statusCode).toBe(400);
    expect((await admin.get('/api/audit/log?from=yesterday')).statusCode).toBe(400);
  });
});

describe('GET /api/audit/log/export', () => {
  it('sends the filtered log as .xlsx and records the download', async () => {
    const res = await admin.get('/api/audit/log/export?logins=true');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    const expected = (await log('logins=true&pageSize=200')).total;
    expect(sheet.rowCount - 1).toBe(expected);
    expect(sheet.getRow(1).getCell(4).value).toBe('操作');
    const notes = sheet.getColumn(9).values.slice(2).map(String);
    expect(notes).toContain('198.51.100.*');
    const [r] = await rows<{ after: { rows: number } }>(
      p.db,
      sql`SELECT after FROM audit_log WHERE action = 'export' AND entity_id = 'auditLog' ORDER BY id DESC LIMIT 1`,
    );
    expect(r!.after.rows).toBe(expected);
  });
});

// The inbox: who sees a notification (user, unit, enterprise, plan office), dedupe, per-user read state, delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ADMIN_PASSWORD, Client, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { buildServer } from '../../src/server.ts';
import type { App } from '../../src/platform/http/app.ts';
import { registerNotificationRoutes } from '../../src/modules/notifications/notifications.routes.ts';
import { notify, notifyMany } from '../../src/modules/notifications/notifications.store.ts';
import {
  LoggingDeliveryAdapter,
  notifyAndDeliver,
  type DeliveryAdapter,
  type DeliveryLogger,
} from '../../src/modules/notifications/notifications.delivery.ts';
import type { NotificationInput, Recipient } from '../../src/modules/notifications/notifications.ts';
import type { Inbox } from '../../src/modules/notifications/notifications.contract.ts';
import type { Unit } from '../../src/modules/units/units.contract.ts';
import type { EnterpriseListItem } from '../../src/modules/enterprises/enterprises.contract.ts';

let p: Platform;
let app: App;
const c = {} as Record<
  'public' | 'admin' | 'dept' | 'dept2' | 'otherDept' | 'street' | 'firm' | 'firm2' | 'otherFirm',
  Client
>;
let ids: {
  jxw: string;
  office: string;
  otherDept: string;
  street: string;
  firm: string;
  otherFirm: string;
  adminUser: string;
  deptUser: string;
};

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 60 });
  // The inbox routes on a server of their own until server.ts registers them (then the harness's server has them).
  app = await buildServer({
    db: p.db,
    config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
    defaultDistrictId: p.districtId,
  });
  if (!app.hasRoute({ method: 'GET', url: '/api/inbox' }))
    registerNotificationRoutes(app.withTypeProvider<ZodTypeProvider>(), { db: p.db });
  await app.ready();

  c.public = new Client(app);
  c.admin = await signedIn(app, 'admin', ADMIN_PASSWORD);
  c.dept = await signedIn(app, 'dept', DEMO_PASSWORD);
  c.street = await signedIn(app, 'street', DEMO_PASSWORD);
  c.firm = await signedIn(app, 'firm', DEMO_PASSWORD);
  const me = async (client: Client) => (await client.get('/api/auth/me')).json().user;
  const [admin, dept, street, firm] = [
    await me(c.admin),
    await me(c.dept),
    await me(c.street),
    await me(c.firm),
  ];
  const units = (await c.admin.get('/api/units')).json<{ items: Unit[] }>().items;
  const office = units.find((u) => u.kind === 'office')!;
  const otherDept = units.find((u) => u.kind === 'department' && u.id !== dept.unitId)!;
  const firms = (await c.admin.get('/api/enterprises?pageSize=100')).json<{ items: EnterpriseListItem[] }>()
    .items;
  const otherFirm = firms.find((e) => e.id !== firm.enterpriseId)!;
  const account = async (
    username: string,
    role: string,
    binding: { unitId?: string; enterpriseId?: string },
  ) => {
    const res = await c.admin.request('POST', '/api/users', {
      username,
      displayName: username,
      password: 'a-long-password',
      role,
      ...binding,
    });
    expect(res.statusCode).toBe(201);
    return signedIn(app, username, 'a-long-password');
  };
  c.dept2 = await account('dept-colleague', 'department', { unitId: dept.unitId });
  c.otherDept = await account('other-dept', 'department', { unitId: otherDept.id });
  c.firm2 = await account('firm-colleague', 'enterprise', { enterpriseId: firm.enterpriseId });
  c.otherFirm = await account('other-firm', 'enterprise', { enterpriseId: otherFirm.id });
  ids = {
    jxw: dept.unitId,
    office: office.id,
    otherDept: otherDept.id,
    street: street.unitId,
    firm: firm.enterpriseId,
    otherFirm: otherFirm.id,
    adminUser: admin.id,
    deptUser: dept.id,
  };
});
afterAll(async () => {
  await app?.close();
  await p?.close();
});

const inbox = async (client: Client, query = 'pageSize=100') => {
  const res = await client.get(`/api/inbox?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<Inbox>();
};
const sees = async (client: Client, id: string) => (await inbox(client)).items.some((i) => i.id === id);
const whoSees = async (id: string) => {
  const names = Object.keys(c).filter((n) => n !== 'public') as (keyof typeof c)[];
  const seen: string[] = [];
  for (const n of names) if (await sees(c[n], id)) seen.push(n);
  return seen.sort();
};

let serial = 0;
const alert = (recipient: Recipient, extra: Partial<NotificationInput> = {}): NotificationInput => ({
  recipient,
  category: 'alert',
  title: `指标预警 ${++serial}：新增软信从业人员低于目标进度`,
  body: '截至2026年10月，新增软信从业人员完成年度目标的62%，低于时间进度（83%）。请牵头单位研究推进措施。',
  link: '/monitoring/targets/newEmployees',
  data: { targetCode: 'newEmployees', month: '2026-10' },
  ...extra,
});

describe('who sees a notification', () => {
  it('one to a unit reaches every user of that unit and nobody else', async () => {
    const { id } = await notify(p.db, p.districtId, alert({ kind: 'unit', id: ids.jxw }));
    expect(await whoSees(id)).toEqual(['dept', 'dept2']);
    const item = (await inbox(c.dept)).items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ category: 'alert', link: '/monitoring/targets/newEmployees', read: false });
    expect(item.title).toContain('新增软信从业人员');
    expect(Date.parse(item.createdAt)).not.toBeNaN();
  });

  it('one to a subdistrict reaches its subdistrict user only', async () => {
    const { id } = await notify(p.db, p.districtId, alert({ kind: 'unit', id: ids.street }));
    expect(await whoSees(id)).toEqual(['street']);
  });

  it('one to the plan office reaches the administrators', async () => {
    const { id } = await notify(
      p.db,
      p.districtId,
      alert({ kind: 'unit', id: ids.office }, { category: 'system' }),
    );
    expect(await whoSees(id)).toEqual(['admin']);
  });

  it('an enterprise reminder reaches only that enterprise’s users', async () => {
    const { id } = await notify(p.db, p.districtId, {
      recipient: { kind: 'enterprise', id: ids.firm },
      category: 'reminder',
      title: '请填报2026年10月软信企业监测数据',
      body: '贵企业尚未填报2026年10月的从业人员和营业收入数据，请于11月20日前完成填报。',
      link: '/reports/2026-10',
      dedupeKey: 'reminder:2026-10',
    });
    expect(await whoSees(id)).toEqual(['firm', 'firm2']);
  });

  it('one to a user reaches that user only', async () => {
    const { id } = await notify(
      p.db,
      p.districtId,
      alert({ kind: 'user', id: ids.deptUser }, { category: 'system' }),
    );
    expect(await whoSees(id)).toEqual(['dept']);
  });
});

describe('dedupe', () => {
  it('makes one notification per recipient and dedupe key, however often the job that sends it runs', async () => {
    const reminder = (id: string): NotificationInput => ({
      recipient: { kind: 'enterprise', id },
      category: 'reminder',
      title: '请填报2026年9月数据',
      body: '贵企业尚未填报2026年9月数据。',
      dedupeKey: 'reminder:2026-09',
    });
    const first = await notify(p.db, p.districtId, reminder(ids.otherFirm));
    const again = await notify(p.db, p.districtId, reminder(ids.otherFirm));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    // The same key to another recipient is another notification; a batch skips what exists.
    const batch = await notifyMany(p.db, p.districtId, [
      reminder(ids.otherFirm),
      reminder(ids.firm),
      reminder(ids.firm),
    ]);
    expect(batch.map((n) => n.recipient)).toEqual([{ kind: 'enterprise', id: ids.firm }]);
    const titles = (await inbox(c.otherFirm)).items.filter((i) => i.title === '请填报2026年9月数据');
    expect(titles).toHaveLength(1);
  });

  it('does not apply without a key: two notifications without one are two', async () => {
    const a = await notify(
      p.db,
      p.districtId,
      alert({ kind: 'unit', id: ids.otherDept }, { title: '无键通知' }),
    );
    const b = await notify(
      p.db,
      p.districtId,
      alert({ kind: 'unit', id: ids.otherDept }, { title: '无键通知' }),
    );
    expect(a.created && b.created).toBe(true);
    expect(a.id).not.toBe(b.id);
  });
});

describe('read state', () => {
  it('is per user: one colleague reading a unit’s alert leaves it unread for the other', async () => {
    const { id } = await notify(p.db, p.districtId, alert({ kind: 'unit', id: ids.jxw }));
    const before = (await c.dept2.get('/api/inbox/unread-count')).json<{ unread: number }>().unread;
    const res = await c.dept.request('POST', `/api/inbox/${id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, unread: (await inbox(c.dept)).unread });
    expect((await inbox(c.dept)).items.find((i) => i.id === id)!.read).toBe(true);
    expect((await inbox(c.dept2)).items.find((i) => i.id === id)!.read).toBe(false);
    expect((await c.dept2.get('/api/inbox/unread-count')).json()).toEqual({ unread: before });
    // Marking twice is harmless.
    expect((await c.dept.request('POST', `/api/inbox/${id}/read`)).statusCode).toBe(200);
  });

  it('filters to unread items, and read-all empties the unread list for that user only', async () => {
    await notify(p.db, p.districtId, alert({ kind: 'unit', id: ids.jxw }));
    const unreadOnly = await inbox(c.dept2, 'unreadOnly=true&pageSize=100');
    expect(unreadOnly.items.length).toBeGreaterThan(0);
    expect(unreadOnly.items.every((i) => !i.read)).toBe(true);
    expect(unreadOnly.total).toBe(unreadOnly.unread);

    const res = await c.dept2.request('POST', '/api/inbox/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: unreadOnly.unread, unread: 0 });
    expect(await inbox(c.dept2, 'unreadOnly=true')).toEqual({ items: [], total: 0, unread: 0 });
    expect((await inbox(c.dept)).unread).toBeGreaterThan(0);
  });

  it('pages newest first', async () => {
    for (let i = 1; i <= 12; i++)
      await notify(p.db, p.districtId, alert({ kind: 'user', id: ids.adminUser }, { title: `第${i}条` }));
    const all = await inbox(c.admin, 'pageSize=100');
    const first = await inbox(c.admin, 'page=1&pageSize=5');
    const second = await inbox(c.admin, 'page=2&pageSize=5');
    expect(first.total).toBe(all.total);
    expect(first.items.map((i) => i.title)).toEqual(['第12条', '第11条', '第10条', '第9条', '第8条']);
    expect(second.items.map((i) => i.title)).toEqual(['第7条', '第6条', '第5条', '第4条', '第3条']);
  });
});

describe('someone else’s notification', () => {
  it('is 404 to mark, whether it belongs to another user, unit or enterprise, or does not exist', async () => {
    const { id: firms } = await notify(p.db, p.districtId, alert({ kind: 'enterprise', id: ids.firm }));
    const { id: units } = await notify(p.db, p.districtId, alert({ kind: 'unit', id: ids.jxw }));
    for (const [client, id] of [
      [c.otherFirm, firms],
      [c.dept, firms],
      [c.admin, units],
      [c.otherDept, units],
      [c.firm, units],
      [c.dept, randomUUID()],
    ] as const) {
      const res = await client.request('POST', `/api/inbox/${id}/read`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    // Nothing was marked on anyone's behalf.
    expect((await inbox(c.firm)).items.find((i) => i.id === firms)!.read).toBe(false);
  });

  it('and the inbox itself are closed to the public', async () => {
    const { id } = await notify(p.db, p.districtId, alert({ kind: 'unit', id: ids.jxw }));
    expect((await c.public.get('/api/inbox')).statusCode).toBe(401);
    expect((await c.public.get('/api/inbox/unread-count')).statusCode).toBe(401);
    expect((await c.public.request('POST', `/api/inbox/${id}/read`)).statusCode).toBe(401);
    expect((await c.public.request('POST', '/api/inbox/read-all')).statusCode).toBe(401);
    expect((await c.dept.request('POST', '/api/inbox/not-a-uuid/read')).statusCode).toBe(400);
  });
});

describe('access per role', () => {
  it('matches the rows test/api/access.test.ts carries for the inbox routes', async () => {
    const { id } = await notify(
      p.db,
      p.districtId,
      alert({ kind: 'unit', id: ids.office }, { category: 'system' }),
    );
    const roles = {
      public: c.public,
      admin: c.admin,
      department: c.dept,
      subdistrict: c.street,
      enterprise: c.firm,
    };
    const statuses = async (method: 'GET' | 'POST', url: string) =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(roles).map(async ([r, client]) => [
            r,
            (await client.request(method, url)).statusCode,
          ]),
        ),
      );
    const signedInOnly = { public: 401, admin: 200, department: 200, subdistrict: 200, enterprise: 200 };
    expect(await statuses('GET', '/api/inbox')).toEqual(signedInOnly);
    expect(await statuses('GET', '/api/inbox/unread-count')).toEqual(signedInOnly);
    expect(await statuses('POST', `/api/inbox/${id}/read`)).toEqual({
      public: 401,
      admin: 200,
      department: 404,
      subdistrict: 404,
      enterprise: 404,
    });
    expect(await statuses('POST', '/api/inbox/read-all')).toEqual(signedInOnly);
  });
});

describe('delivery', () => {
  const recordingLogger = () => {
    const lines: { msg: string; obj: Record<string, unknown> }[] = [];
    const logger: DeliveryLogger = {
      info: (obj, msg) => lines.push({ msg, obj: obj as Record<string, unknown> }),
      warn: (obj, msg) => lines.push({ msg, obj: obj as Record<string, unknown> }),
    };
    return { logger, lines };
  };

  it('hands a new notification to the logging adapter once, for each contact the resolver names', async () => {
    const { logger, lines } = recordingLogger();
    const opts = {
      adapters: [new LoggingDeliveryAdapter(logger, 'email'), new LoggingDeliveryAdapter(logger, 'sms')],
      contactsOf: async (_districtId: string, r: Recipient) =>
        r.kind === 'unit' && r.id === ids.jxw
          ? [
              { channel: 'email' as const, to: 'jxw@jlp.example.gov.cn' },
              { channel: 'sms' as const, to: '13800000000' },
            ]
          : [],
      logger,
      baseUrl: 'https://mtx.example.gov.cn/',
    };
    const input = alert({ kind: 'unit', id: ids.jxw }, { dedupeKey: 'alert:newEmployees:2026-10' });
    const first = await notifyAndDeliver(p.db, p.districtId, input, opts);
    expect(first).toMatchObject({ created: true, delivery: { sent: 2, failed: 0 } });
    expect(lines.map((l) => l.obj)).toEqual([
      {
        channel: 'email',
        to: 'jxw@jlp.example.gov.cn',
        subject: `【满天星】${input.title}`,
        text: `${input.body}\n\n查看详情：https://mtx.example.gov.cn/monitoring/targets/newEmployees`,
      },
      {
        channel: 'sms',
        to: '13800000000',
        subject: input.title,
        text: `【满天星】${input.title}：${input.body} https://mtx.example.gov.cn/monitoring/targets/newEmployees`,
      },
    ]);
    // The job runs again: no second notification, no second message.
    const again = await notifyAndDeliver(p.db, p.districtId, input, opts);
    expect(again).toMatchObject({ id: first.id, created: false, delivery: { sent: 0, failed: 0 } });
    expect(lines).toHaveLength(2);
    // No contacts, no messages; the inbox still has it.
    const quiet = await notifyAndDeliver(p.db, p.districtId, alert({ kind: 'unit', id: ids.street }), opts);
    expect(quiet.delivery).toEqual({ sent: 0, failed: 0 });
    expect(await sees(c.street, quiet.id)).toBe(true);
  });

  it('logs and counts a failing gateway without losing the inbox notification', async () => {
    const { logger, lines } = recordingLogger();
    const broken: DeliveryAdapter = {
      channel: 'sms',
      send: async () => {
        throw new Error('短信网关不可用');
      },
    };
    const r = await notifyAndDeliver(p.db, p.districtId, alert({ kind: 'enterprise', id: ids.firm }), {
      adapters: [broken],
      contactsOf: async () => [{ channel: 'sms', to: '13900000000' }],
      logger,
    });
    expect(r).toMatchObject({ created: true, delivery: { sent: 0, failed: 1 } });
    expect(lines.map((l) => l.msg)).toEqual(['notification delivery failed']);
    expect(await sees(c.firm, r.id)).toBe(true);
  });
});

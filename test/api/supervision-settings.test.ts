// The district's own thresholds and ladder settings (亮灯阈值 · 督办时限): the defaults until the plan office saves its
// own; saved values change the colours at once and the daily ladder from its next run; only the office may save,
// and a bad value is refused with its field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  type Client,
  type Platform,
} from '../harness.ts';
import { Client as PublicClient } from '../harness.ts';
import { deliverToInboxes, escalationRunner } from './supervision-clock.ts';
import type { ItemView, NoticeView } from '../../src/modules/supervision/supervision.contract.ts';
import { notifications } from '../../src/modules/notifications/notifications.schema.ts';
import { eq } from 'drizzle-orm';

let p: Platform;
let admin: Client;
let dept: Client;
let firm: Client;
let deptUnit: string;
const clock = { now: new Date('2026-06-15T02:00:00Z') };

const defaults = {
  thresholds: { yellowBehindPoints: 10, redBehindPoints: 25, dueSoonWorkingDays: 5 },
  ladder: {
    reminderWorkingDays: 3,
    yellowAfterWorkingDays: 5,
    redAfterWorkingDays: 5,
    responseWorkingDays: 5,
    reissueAfterWorkingDays: 5,
  },
};
const save = (c: Client, body: unknown) => c.request('PUT', '/api/supervision/settings', body);
const itemOf = async (id: string) =>
  (await admin.get(`/api/supervision/items/${id}`)).json<{ item: ItemView }>().item;
const runJob = escalationRunner(() => p, clock);

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 5, now: () => clock.now });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  deptUnit = (await dept.get('/api/auth/me')).json().user.unitId;
});
afterAll(() => p?.close());

describe('reading and saving the settings', () => {
  it('are the defaults until saved, for every supervision reader; not for an enterprise or the public', async () => {
    const res = await dept.get('/api/supervision/settings');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...defaults, isDefault: true, updatedBy: null, updatedAt: null });
    expect((await firm.get('/api/supervision/settings')).statusCode).toBe(403);
    expect((await new PublicClient(p.app).get('/api/supervision/settings')).statusCode).toBe(401);
  });

  it('only the plan office saves; a bad value is refused with its field and nothing changes', async () => {
    expect((await save(dept, defaults)).statusCode).toBe(403);
    const crossed = await save(admin, {
      ...defaults,
      thresholds: { ...defaults.thresholds, yellowBehindPoints: 30, redBehindPoints: 20 },
    });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json()).toMatchObject({ code: 'VALIDATION' });
    expect(JSON.stringify(crossed.json())).toContain('红灯阈值须大于黄灯阈值');
    expect(JSON.stringify(crossed.json())).toContain('redBehindPoints');
    const zero = await save(admin, {
      ...defaults,
      ladder: { ...defaults.ladder, yellowAfterWorkingDays: 0 },
    });
    expect(zero.statusCode).toBe(400);
    expect(JSON.stringify(zero.json())).toContain('yellowAfterWorkingDays');
    const text = await save(admin, { ...defaults, ladder: { ...defaults.ladder, responseWorkingDays: '5' } });
    expect(text.statusCode).toBe(400);
    expect((await admin.get('/api/supervision/settings')).json()).toMatchObject({ isDefault: true });
  });
});

describe('the saved settings', () => {
  let item: ItemView;
  it('colour every item from the next view on', async () => {
    const res = await admin.request('POST', '/api/supervision/items', {
      taskNumber: 3,
      title: '建设软件人才实训基地',
      ownerUnitId: deptUnit,
      startDate: '2026-01-05',
      dueDate: '2026-12-31',
      kind: 'milestone',
    });
    expect(res.statusCode, res.body).toBe(201);
    item = res.json<{ item: ItemView }>().item;
    const expected = item.status.expected;
    expect(expected).toBeGreaterThan(30);
    // 15 points behind the expected progress: yellow on the defaults (more than 10, not more than 25)
    const percent = Math.round(expected) - 15;
    const report = await dept.request('POST', `/api/supervision/items/${item.id}/reports`, {
      period: '2026-05',
      progress: '基地选址已确定',
      percent,
    });
    expect(report.statusCode, report.body).toBe(201);
    expect((await itemOf(item.id)).status.colour).toBe('yellow');

    const looser = await save(admin, {
      ...defaults,
      thresholds: { ...defaults.thresholds, yellowBehindPoints: 20, redBehindPoints: 30 },
    });
    expect(looser.statusCode, looser.body).toBe(200);
    expect(looser.json()).toMatchObject({ isDefault: false, thresholds: { yellowBehindPoints: 20 } });
    expect((await itemOf(item.id)).status.colour).toBe('green');

    expect(
      (
        await save(admin, {
          ...defaults,
          thresholds: { ...defaults.thresholds, yellowBehindPoints: 5, redBehindPoints: 12 },
        })
      ).statusCode,
    ).toBe(200);
    expect((await itemOf(item.id)).status.colour).toBe('red');
    // the public task colours use them too
    const tasks = (await new PublicClient(p.app).get('/api/public/supervision/tasks')).json<{
      tasks: { number: number; colour: string | null }[];
    }>().tasks;
    expect(tasks.find((t) => t.number === 3)!.colour).toBe('red');
  });

  it('are audited, before and after', async () => {
    const trail = (await admin.get(`/api/audit?entity=supervisionSettings&entityId=${p.districtId}`)).json<{
      items: { action: string }[];
    }>().items;
    expect(trail.map((e) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('set the ladder’s pace: blue becomes yellow after the saved 2 working days', async () => {
    expect(
      (await save(admin, { ...defaults, ladder: { ...defaults.ladder, yellowAfterWorkingDays: 2 } }))
        .statusCode,
    ).toBe(200);
    clock.now = new Date('2026-06-29T02:00:00Z');
    const made = await admin.request('POST', '/api/supervision/items', {
      taskNumber: 3,
      title: '印发软件人才实训补贴办法',
      ownerUnitId: deptUnit,
      startDate: '2026-06-01',
      dueDate: '2026-07-03',
      kind: 'milestone',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ item: ItemView }>().item.id;
    const open = async () =>
      (await admin.get('/api/supervision/notices?state=open'))
        .json<{ items: NoticeView[] }>()
        .items.filter((n) => n.item.id === id);
    // Monday 07-06: overdue one working day → blue
    await runJob('2026-07-06');
    expect((await open()).map((n) => [n.level, n.issuedOn])).toEqual([['blue', '2026-07-06']]);
    // one working day later: not yet; two (Wednesday 07-08): yellow, not after the default 5
    await runJob('2026-07-07');
    expect((await open()).map((n) => n.level)).toEqual(['blue']);
    await runJob('2026-07-08');
    expect((await open()).map((n) => [n.level, n.issuedOn])).toEqual([['yellow', '2026-07-08']]);
  });
});

describe('a unit head (单位负责人)', () => {
  it('receives the unit’s 督办单 in person once named; the unit’s inbox gets them while it has none', async () => {
    const users = (await admin.get('/api/users')).json<{
      items: {
        id: string;
        username: string;
        displayName: string;
        unitId: string | null;
        enterpriseId: string | null;
      }[];
    }>().items;
    const head = users.find((u) => u.username === 'dept')!;
    // A user bound to no unit (here the administrator) cannot be a unit head.
    const office = users.find((u) => u.username === 'admin')!;
    const addressed = async (noticeId: string) =>
      (
        await p.db
          .select({ kind: notifications.recipientKind, id: notifications.recipientId })
          .from(notifications)
          .where(eq(notifications.dedupeKey, `supervision-notice:${noticeId}`))
      )
        .filter((r) => r.kind !== 'unit' || r.id === deptUnit)
        .map((r) => `${r.kind}:${r.id}`)
        .sort();
    const byHand = async (title: string) => {
      const made = await admin.request('POST', '/api/supervision/items', {
        taskNumber: 3,
        title,
        ownerUnitId: deptUnit,
        startDate: '2026-06-01',
        dueDate: '2026-07-10',
        kind: 'milestone',
      });
      const id = made.json<{ item: ItemView }>().item.id;
      const res = await admin.request('POST', `/api/supervision/items/${id}/notices`, { reason: '进度滞后' });
      expect(res.statusCode, res.body).toBe(201);
      await deliverToInboxes(p);
      return res.json<{ notice: NoticeView }>().notice.id;
    };

    expect(await addressed(await byHand('举措甲'))).toEqual([`unit:${deptUnit}`]);

    const edit = await admin.request('PUT', `/api/users/${head.id}`, {
      displayName: head.displayName,
      role: 'department',
      unitId: deptUnit,
      unitHead: true,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const refused = await admin.request('PUT', `/api/users/${office.id}`, {
      displayName: office.displayName,
      role: 'admin',
      unitHead: true,
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().fields).toEqual([
      { path: 'unitHead', message: '只有区级部门和镇街的用户可设为单位负责人' },
    ]);
    const listed = (await admin.get('/api/users')).json<{ items: { id: string; unitHead: boolean }[] }>()
      .items;
    expect(listed.find((u) => u.id === head.id)!.unitHead).toBe(true);
    expect(listed.find((u) => u.id === office.id)!.unitHead).toBe(false);

    expect(await addressed(await byHand('举措乙'))).toEqual([`user:${head.id}`]);
  });
});

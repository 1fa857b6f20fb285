// The supervision ladder through the API and the daily job: an overdue item climbing blue → yellow → red as a movable
// clock passes working days (the 2026 Spring Festival in between), reminders sent once, 签收 and 整改情况 by the owning
// unit, 销号 by the plan office only, a notice by hand, colour history, and the public task colours.
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
import { escalationRunner } from './supervision-clock.ts';
import { indicatorSnapshots } from '../../src/modules/monitoring/monitoring.schema.ts';
import type { ItemView, NoticeView } from '../../src/modules/supervision/supervision.contract.ts';

let p: Platform;
let admin: Client;
let dept: Client;
let street: Client;
const clock = { now: new Date('2026-02-02T02:00:00Z') };
const setDate = (date: string) => (clock.now = new Date(`${date}T02:00:00Z`));
let deptUnit: string;
const runJob = escalationRunner(() => p, clock);
const inbox = async (c: Client) =>
  (await c.get('/api/inbox?pageSize=100')).json<{ items: { title: string; body: string }[] }>().items;

let item: ItemView;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 10, now: () => clock.now });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  deptUnit = (await dept.get('/api/auth/me')).json().user.unitId;
  const res = await admin.request('POST', '/api/supervision/items', {
    taskNumber: 3,
    title: '出台智能体产业扶持细则',
    ownerUnitId: deptUnit,
    startDate: '2026-01-05',
    dueDate: '2026-02-13',
    kind: 'milestone',
  });
  expect(res.statusCode, res.body).toBe(201);
  item = res.json<{ item: ItemView }>().item;
  const report = await dept.request('POST', `/api/supervision/items/${item.id}/reports`, {
    period: '2026-01',
    progress: '细则初稿已完成，正在征求意见',
    percent: 80,
  });
  expect(report.statusCode, report.body).toBe(201);
});
afterAll(() => p?.close());

const notices = async (c: Client, query = '') =>
  (await c.get(`/api/supervision/notices${query}`)).json<{ items: NoticeView[]; total: number }>();

describe('the daily job', () => {
  it('reminds 3 working days before the due date, once per due date', async () => {
    expect(await runJob('2026-02-09')).toMatchObject({ reminders: 0, issued: 0 });
    expect(await runJob('2026-02-10')).toMatchObject({ reminders: 1, issued: 0 });
    await runJob('2026-02-10');
    await runJob('2026-02-11');
    const reminders = (await inbox(dept)).filter((n) => n.title.startsWith('督办提醒'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain('距完成时限（2026-02-13）还有 3 个工作日');
  });

  it('issues a blue notice the first working day after the due date (the make-up Saturday 02-14)', async () => {
    expect(await runJob('2026-02-14')).toMatchObject({ issued: 1, escalated: 0 });
    // Running again the same day changes nothing.
    expect(await runJob('2026-02-14')).toMatchObject({ issued: 0, escalated: 0, colourChanges: 0 });
    const list = await notices(admin, '?state=open');
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      level: 'blue',
      state: 'issued',
      origin: 'rule',
      unit: { id: deptUnit, name: '区经济信息委' },
      issuedOn: '2026-02-14',
      // 02-24, 25, 26, 27 and the make-up Saturday 02-28.
      responseDue: '2026-02-28',
      reason: '已超期 1 个工作日，应完成 100%，已报 80%',
      item: { id: item.id, title: '出台智能体产业扶持细则' },
    });
    expect(list.items[0]!.evidence).toContain('最近报送 2026-01 第 1 版：细则初稿已完成');
    // Addressed to the owning unit, copied to the plan office.
    expect(
      (await inbox(dept)).some((n) => n.title === `蓝色督办单：${item.number}. 出台智能体产业扶持细则`),
    ).toBe(true);
    expect((await inbox(admin)).some((n) => n.title.startsWith('（抄送）蓝色督办单'))).toBe(true);
  });

  it('escalates to yellow after 5 working days across the Spring Festival, then to red after 5 more', async () => {
    // 02-15 … 02-23 are the holiday: by Friday 02-27 only 4 working days have passed.
    expect(await runJob('2026-02-20')).toMatchObject({ escalated: 0 });
    expect(await runJob('2026-02-27')).toMatchObject({ escalated: 0 });
    expect(await runJob('2026-02-28')).toMatchObject({ escalated: 1 });
    expect(await runJob('2026-02-28')).toMatchObject({ escalated: 0, issued: 0 });
    expect((await notices(admin, '?state=open')).items[0]).toMatchObject({
      level: 'yellow',
      issuedOn: '2026-02-28',
    });
    expect(await runJob('2026-03-05')).toMatchObject({ escalated: 0 });
    expect(await runJob('2026-03-06')).toMatchObject({ escalated: 1 });
    expect(await runJob('2026-03-09')).toMatchObject({ escalated: 0, issued: 0 });
    const open = await notices(admin, '?state=open');
    expect(open.items.map((n) => n.level)).toEqual(['red']);
    const detail = (await admin.get(`/api/supervision/notices/${open.items[0]!.id}`)).json<{
      chain: NoticeView[];
    }>();
    expect(detail.chain.map((n) => [n.level, n.state, n.issuedOn])).toEqual([
      ['blue', 'escalated', '2026-02-14'],
      ['yellow', 'escalated', '2026-02-28'],
      ['red', 'issued', '2026-03-06'],
    ]);
    expect(detail.chain[1]!.previousId).toBe(detail.chain[0]!.id);
    expect(detail.chain[2]!.previousId).toBe(detail.chain[1]!.id);
    expect(detail.chain[2]!.reason).toMatch(/^黄色督办单下发 5 个工作日内未整改到位：已超期/);
    expect((await notices(admin, '?level=blue')).total).toBe(1);
  });
});

describe('the unit answers, the plan office closes out', () => {
  let id: string;
  it('a notice is the owning unit’s and the district’s to read; another unit sees nothing', async () => {
    id = (await notices(admin, '?state=open')).items[0]!.id;
    expect((await notices(dept)).total).toBe(3);
    expect((await notices(street)).total).toBe(0);
    expect((await street.get(`/api/supervision/notices/${id}`)).statusCode).toBe(404);
    expect((await street.request('POST', `/api/supervision/notices/${id}/acknowledge`)).statusCode).toBe(404);
    expect((await admin.request('POST', `/api/supervision/notices/${id}/acknowledge`)).statusCode).toBe(403);
  });

  it('签收 and 整改情况 by the owning unit; 销号 only by the plan office, and only after the response', async () => {
    const ack = await dept.request('POST', `/api/supervision/notices/${id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json<{ notice: NoticeView }>().notice).toMatchObject({
      state: 'acknowledged',
      acknowledgedByLabel: expect.any(String),
      actions: { acknowledge: false, respond: true, close: false },
    });
    expect((await dept.request('POST', `/api/supervision/notices/${id}/acknowledge`)).statusCode).toBe(409);
    expect((await admin.request('POST', `/api/supervision/notices/${id}/close`, {})).statusCode).toBe(409);
    expect(
      (await dept.request('POST', `/api/supervision/notices/${id}/respond`, { remediation: '' })).statusCode,
    ).toBe(400);
    const resp = await dept.request('POST', `/api/supervision/notices/${id}/respond`, {
      remediation: '细则已报区政府常务会审议，3 月底印发',
    });
    expect(resp.statusCode, resp.body).toBe(200);
    expect(resp.json<{ notice: NoticeView }>().notice).toMatchObject({
      state: 'responded',
      remediation: '细则已报区政府常务会审议，3 月底印发',
    });
    expect((await inbox(admin)).some((n) => n.title.startsWith('红色督办单已报送整改情况'))).toBe(true);
    // A unit cannot close its own notice.
    expect((await dept.request('POST', `/api/supervision/notices/${id}/close`, {})).statusCode).toBe(403);
    const closed = await admin.request('POST', `/api/supervision/notices/${id}/close`, { note: '整改到位' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<{ notice: NoticeView }>().notice).toMatchObject({
      state: 'closed',
      closeNote: '整改到位',
      closedByLabel: expect.any(String),
    });
    expect(
      (await dept.request('POST', `/api/supervision/notices/${id}/respond`, { remediation: 'x' })).statusCode,
    ).toBe(409);
    expect((await inbox(dept)).some((n) => n.title.startsWith('红色督办单已销号'))).toBe(true);
  });

  it('after a close-out the rule waits 5 working days before a new blue notice', async () => {
    // Closed on 03-09 (the clock of the last request); still overdue.
    expect(await runJob('2026-03-13')).toMatchObject({ issued: 0 });
    expect(await runJob('2026-03-16')).toMatchObject({ issued: 1 });
  });

  it('the item shows its notices and its colour over time', async () => {
    const detail = (await admin.get(`/api/supervision/items/${item.id}`)).json<{
      notices: NoticeView[];
      colourHistory: { day: string; colour: string }[];
    }>();
    expect(detail.notices.map((n) => `${n.level} ${n.state}`)).toEqual([
      'blue issued',
      'red closed',
      'yellow escalated',
      'blue escalated',
    ]);
    // 02-09 green (expected 90 %, reported 80 %: 10 points), 02-10 yellow (92 %), 02-14 red (overdue).
    expect(detail.colourHistory.map((c) => `${c.day} ${c.colour}`)).toEqual([
      '2026-02-09 green',
      '2026-02-10 yellow',
      '2026-02-14 red',
    ]);
  });
});

describe('a notice by hand', () => {
  it('the plan office issues blue, then the next level; nobody else may', async () => {
    setDate('2026-03-16');
    const other = (
      await admin.request('POST', '/api/supervision/items', {
        taskNumber: 3,
        title: '举办创新沙龙 12 场',
        ownerUnitId: deptUnit,
        startDate: '2026-01-01',
        dueDate: '2026-12-31',
        kind: 'quantity',
        goalQuantity: 12,
      })
    ).json<{ item: ItemView }>().item;
    expect((await dept.request('POST', `/api/supervision/items/${other.id}/notices`, {})).statusCode).toBe(
      403,
    );
    const first = await admin.request('POST', `/api/supervision/items/${other.id}/notices`, {
      reason: '区领导批示：加快进度',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<{ notice: NoticeView }>().notice).toMatchObject({
      level: 'blue',
      origin: 'manual',
      reason: '区领导批示：加快进度',
    });
    expect(
      (await admin.request('POST', `/api/supervision/items/${other.id}/notices`, { level: 'blue' }))
        .statusCode,
    ).toBe(400);
    const second = await admin.request('POST', `/api/supervision/items/${other.id}/notices`, {});
    expect(second.json<{ notice: NoticeView; chain: NoticeView[] }>().chain.map((n) => n.level)).toEqual([
      'blue',
      'yellow',
    ]);
  });
});

describe('the public task colours', () => {
  it('answer without a session with task- and section-level figures only', async () => {
    const res = await new PublicClient(p.app).get('/api/public/supervision/tasks');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      tasks: Record<string, unknown>[];
      sections: { number: number; colour: string | null }[];
    }>();
    expect(body.tasks).toHaveLength(22);
    for (const t of body.tasks)
      expect(Object.keys(t).sort()).toEqual(['colour', 'expected', 'number', 'reported', 'section', 'title']);
    expect(body.tasks.find((t) => t.number === 3)).toMatchObject({ colour: 'yellow' });
    expect(body.tasks.find((t) => t.number === 1)).toMatchObject({ colour: null });
    expect(body.sections.length).toBeGreaterThan(0);
    // Nothing below task level: no item, report, notice or unit.
    for (const secret of [
      '出台智能体产业扶持细则',
      '举办创新沙龙',
      '细则初稿',
      '区经济信息委',
      deptUnit,
      item.id,
    ])
      expect(res.body).not.toContain(secret);
  });
});

describe('an item linked to a plan target', () => {
  it('takes the monitoring engine’s projection of the target into its colour', async () => {
    setDate('2026-03-16');
    // The engine's published evaluation of 新增软信企业 (goal 700 by 2027-12) for 2026-02: 105 so far, 21 a month.
    // By the item's due month 2027-12 (22 months on) the trend reaches 105 + 462 = 567 of the 700 the path asks: 81 %.
    await p.db.insert(indicatorSnapshots).values({
      districtId: p.districtId,
      targetCode: 'newEnterprises',
      month: '2026-02-01',
      revision: 1,
      value: '105',
      status: 'behind',
      reason: 'test',
      evaluation: {
        period: '2026-02',
        value: 105,
        baselineValue: 0,
        progress: 0.15,
        elapsed: 0.08,
        paceIndex: 1.8,
        status: 'ahead',
        projection: null,
        requiredMonthlyPace: 27,
        recentMonthlyPace: 21,
        monthsRemaining: 22,
      },
    });
    const res = await admin.request('POST', '/api/supervision/items', {
      taskNumber: 3,
      title: '培育引进软信企业',
      ownerUnitId: deptUnit,
      startDate: '2026-03-01',
      dueDate: '2027-12-31',
      targetCodes: ['newEnterprises'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const linked = res.json<{ item: ItemView }>().item;
    // By its own dates it is on schedule (2 % expected, nothing reported yet: green); the target makes it yellow.
    expect(linked.status).toMatchObject({
      colour: 'yellow',
      reason: '应完成 2%，尚未报送，关联指标“新增软信企业”预计到期完成 81%',
    });
  });
});

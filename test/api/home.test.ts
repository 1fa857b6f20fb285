// The role homes' server side: a subdistrict's standing (its reporting rate and rank) and 催报, the one-click
// reminder to every enterprise of its own that has not reported — once per enterprise and day, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn } from '../harness.ts';
import { homeDistrict, type HomeDistrict } from './home-fixture.ts';
import type { Inbox } from '../../src/modules/notifications/notifications.contract.ts';

let clock = new Date('2026-05-20T02:00:00Z');
let d: HomeDistrict;

beforeAll(async () => {
  d = await homeDistrict(() => clock);
});
afterAll(async () => {
  await d?.p.close();
});

const reminders = async (c: Client) =>
  (await c.get('/api/inbox?pageSize=50')).json<Inbox>().items.filter((n) => n.title.startsWith('催报'));

describe('a subdistrict’s standing', () => {
  it('gives its own rate and its rank among the subdistricts (东街道 1/3 is below 西镇 1/2)', async () => {
    const res = await d.east.get('/api/reports/standing?period=2026-04');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      period: '2026-04',
      deadline: '2026-05-11',
      subdistrict: { id: d.units.east, name: '东街道' },
      expected: 3,
      reported: 1,
      onTime: 0, // filed on 2026-05-20, after the deadline
      rank: 2,
      ranked: 2,
    });
    const west = (await d.west.get('/api/reports/standing?period=2026-04')).json();
    expect([west.expected, west.reported, west.rank, west.ranked]).toEqual([2, 1, 1, 2]);
  });

  it('another subdistrict’s standing is absent to a subdistrict user, open to the plan office', async () => {
    expect(
      (await d.east.get(`/api/reports/standing?period=2026-04&subdistrictId=${d.units.west}`)).statusCode,
    ).toBe(404);
    const res = await d.admin.get(`/api/reports/standing?period=2026-04&subdistrictId=${d.units.west}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().rank).toBe(1);
    expect((await d.admin.get('/api/reports/standing?period=2026-04')).statusCode).toBe(400);
  });

  it('is not an enterprise’s to read, nor the public’s', async () => {
    expect((await d.firmA.get('/api/reports/standing?period=2026-04')).statusCode).toBe(403);
    expect((await new Client(d.p.app).get('/api/reports/standing?period=2026-04')).statusCode).toBe(401);
  });
});

describe('催报', () => {
  it('reminds the subdistrict’s own non-reporters only, and says how many', async () => {
    const res = await d.east.request('POST', '/api/monitoring/reminders', { period: '2026-04' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ period: '2026-04', missing: 2, reminded: 2, alreadyToday: 0 });
    // A (reported) and D (西镇) hold none.
    expect(await reminders(d.firmA)).toEqual([]);
    expect(await reminders(d.firmD)).toEqual([]);
  });

  it('the reminded enterprise finds it in its inbox, with the month, the deadline and who asked', async () => {
    const res = await d.admin.request('POST', '/api/users', {
      username: 'firm-b',
      displayName: 'firm-b',
      password: 'home-test-password-1',
      role: 'enterprise',
      enterpriseId: d.ids.B,
    });
    expect(res.statusCode).toBe(201);
    const firmB = await signedIn(d.p.app, 'firm-b', 'home-test-password-1'); // through its first-login change
    const got = await reminders(firmB);
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toBe('催报：请填报 2026-04 月度数据');
    expect(got[0]!.body).toBe(
      '首页测试B科技有限公司：2026-04 的月度数据应于 2026-05-11 前填报，已逾期，目前尚未收到。东街道提醒您尽快登录平台“月度填报”完成填报。',
    );
    expect(got[0]!.link).toBe(`/enterprises/${d.ids.B}/reports/2026-04`);
  });

  it('a second press the same day sends nothing twice; the next day it reminds again', async () => {
    const again = await d.east.request('POST', '/api/monitoring/reminders', { period: '2026-04' });
    expect(again.json()).toEqual({ period: '2026-04', missing: 2, reminded: 0, alreadyToday: 2 });
    clock = new Date('2026-05-21T02:00:00Z');
    const next = await d.east.request('POST', '/api/monitoring/reminders', { period: '2026-04' });
    expect(next.json()).toEqual({ period: '2026-04', missing: 2, reminded: 2, alreadyToday: 0 });
  });

  it('is audited: who pressed, the month, how many were reminded', async () => {
    const trail = (await d.admin.get('/api/audit?entity=reporting&entityId=2026-04')).json<{
      items: { action: string; actorLabel: string; after: { reminded: number; missing: number } }[];
    }>().items;
    const presses = trail.filter((t) => t.action === 'remind');
    expect(presses.map((t) => [t.actorLabel, t.after.missing, t.after.reminded])).toEqual([
      ['east (east)', 2, 2],
      ['east (east)', 2, 0],
      ['east (east)', 2, 2],
    ]);
  });

  it('the plan office reminds the whole district; E in 西镇 is reached', async () => {
    const res = await d.admin.request('POST', '/api/monitoring/reminders', { period: '2026-04' });
    // B and C were reminded today by 东街道; E has not been.
    expect(res.json()).toEqual({ period: '2026-04', missing: 3, reminded: 1, alreadyToday: 2 });
  });

  it('is refused to departments and enterprises, and for a month not yet closed', async () => {
    expect(
      (await d.dept.request('POST', '/api/monitoring/reminders', { period: '2026-04' })).statusCode,
    ).toBe(403);
    expect(
      (await d.firmA.request('POST', '/api/monitoring/reminders', { period: '2026-04' })).statusCode,
    ).toBe(403);
    expect(
      (await d.east.request('POST', '/api/monitoring/reminders', { period: '2026-05' })).statusCode,
    ).toBe(400);
  });
});

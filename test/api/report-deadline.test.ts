// The report deadline moved off a weekend: April 2026's reports are due on Monday 2026-05-11 (the 10th is a Sunday),
// and coverage, the stored reporting rates, the report history and the reminders all judge by the moved day.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  deliverNotifications,
  signedIn,
  startPlatform,
  type Client,
  type Platform,
} from '../harness.ts';
import { repoRoot } from '../../src/platform/config.ts';
import { makeOrgCode, makeUscc } from '../../src/modules/enterprises/uscc.ts';
import type { Unit } from '../../src/modules/units/units.contract.ts';
import { sendReminders } from '../../src/modules/monitoring/monitoring.feedback.ts';

let clock = new Date('2026-05-01T02:00:00Z');
let p: Platform;
let admin: Client;
const ids: Record<string, string> = {};
const uscc = (n: number) => makeUscc(`91500107${makeOrgCode(`DL${String(n).padStart(6, '0')}`)}`);

async function fileApril(who: string, at: string) {
  clock = new Date(at);
  const res = await admin.request('POST', `/api/enterprises/${ids[who]}/reports`, {
    period: '2026-04',
    employees: 20,
    coreTalents: 4,
    operatingRevenue: 1_000_000,
    softwareRevenue: 800_000,
    softwareProductRevenue: 0,
    rdExpense: 0,
    usedArea: 100,
  });
  if (res.statusCode !== 200) throw new Error(`${who}: ${res.statusCode} ${res.body}`);
}

beforeAll(async () => {
  p = await startPlatform({
    planFile: path.join(repoRoot, 'test/fixtures/plans/monitoring-district.yaml'),
    now: () => clock,
  });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const east = (await admin.get('/api/units?kind=subdistrict')).json<{ items: Unit[] }>().items[0]!.id;
  for (const [n, key] of ['A', 'B', 'C', 'D'].entries()) {
    const res = await admin.request('POST', '/api/enterprises', {
      uscc: uscc(n + 1),
      name: `期限企业${key}科技有限公司`,
      registrationDate: '2020-01-01',
      subdistrictId: east,
      status: 'active',
      leftOn: null,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids[key] = res.json().id;
  }
  await fileApril('A', '2026-05-10T10:00:00+08:00'); // Sunday, the nominal deadline: on time
  await fileApril('B', '2026-05-11T20:00:00+08:00'); // Monday, the moved deadline: on time (late before the move)
  await fileApril('C', '2026-05-12T09:00:00+08:00'); // Tuesday: late
  // D never files.
});

afterAll(async () => {
  await p?.close();
});

describe('a deadline on a Sunday moves to the Monday', () => {
  it('coverage shows the moved deadline and counts Monday’s report as on time', async () => {
    const cov = (await admin.get('/api/reports/coverage?period=2026-04')).json();
    expect(cov.deadline).toBe('2026-05-11');
    expect(cov.district).toEqual({ expected: 4, reported: 3, onTime: 2 });
  });

  it('the month’s form and the history say the same', async () => {
    const month = (await admin.get(`/api/enterprises/${ids.B}/reports/2026-04`)).json();
    expect(month.deadline).toBe('2026-05-11');
    expect(month.current.onTime).toBe(true);
    const late = (await admin.get(`/api/enterprises/${ids.C}/reports`)).json().items;
    expect(late.find((r: { period: string }) => r.period === '2026-04').onTime).toBe(false);
  });

  it('the recompute stores the same on-time count', async () => {
    clock = new Date('2026-05-20T02:00:00Z');
    expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
    const o = (await admin.get('/api/monitoring/overview')).json();
    expect(o.reporting).toEqual({
      period: '2026-04',
      expected: 4,
      reported: 3,
      onTime: 2,
      deadline: '2026-05-11',
    });
  });

  it('reminds only after the moved deadline has ended', async () => {
    const sent: string[] = [];
    const delivery = {
      adapters: [{ channel: 'sms' as const, send: async (m: { to: string }) => void sent.push(m.to) }],
      contactsOf: async () => [{ channel: 'sms' as const, to: '13800000000' }],
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    // Monday 09:00 in Shanghai: the 10th has passed but the deadline is today.
    expect(await sendReminders(p.db, p.districtId, new Date('2026-05-11T01:00:00Z'))).toBe(0);
    await deliverNotifications(p.db, delivery);
    // Tuesday 10:00: D only (C filed at 09:00).
    expect(await sendReminders(p.db, p.districtId, new Date('2026-05-12T02:00:00Z'))).toBe(1);
    await deliverNotifications(p.db, delivery);
    expect(await sendReminders(p.db, p.districtId, new Date('2026-05-13T01:00:00Z'))).toBe(0);
    await deliverNotifications(p.db, delivery);
    expect(sent).toHaveLength(1);
  });
});

// Tier pages show the evaluation month every page uses (issue 10, item 5): on 3 December the November reports are
// still due (deadline 10 December), so the tiers page counts members at October, not at the month being filed, while
// its series still runs to November.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signedIn, startPlatform, type Client, type Platform } from '../harness.ts';
import type { TierSummary } from '../../src/modules/policies/policies.contract.ts';

let p: Platform;
let admin: Client;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 300, now: () => new Date('2026-12-03T02:00:00Z') });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  // tiers are evaluated by the monitoring recompute, month by month up to the last calendar month
  expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
});
afterAll(() => p?.close());

describe('the tiers page month', () => {
  it('is the newest month past its deadline, with members counted there', async () => {
    const tiers = (await admin.get('/api/tiers')).json<TierSummary[]>();
    const s = tiers.find((t) => t.code === 'shangxing')!;
    expect(s.series.at(-1)!.month).toBe('2026-11'); // the run holds the month being filed
    expect(s.period).toBe('2026-10');
    expect(s.members).toBe(s.series.find((x) => x.month === '2026-10')!.members);
    const current = (await admin.get('/api/tiers/shangxing/members?filter=current&pageSize=1')).json<{
      total: number;
    }>();
    expect(current.total).toBe(s.members);
  });
});

// The demo district's ledger: every key task broken into items owned by its lead unit, reports up to the last
// closed month, every colour present, made once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { ensureDemoLedger } from '../../src/modules/demo/ledger.ts';

let p: Platform;
const now = new Date('2026-12-04T02:00:00Z');
beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 20, now: () => now });
});
afterAll(() => p?.close());

describe('the demo ledger', () => {
  it('breaks every key task into items of its lead unit, with reports, in every colour, once', async () => {
    const made = await ensureDemoLedger(p.db, p.districtId, now);
    expect(made!.items).toBeGreaterThanOrEqual(44);
    expect(made!.reports).toBeGreaterThan(made!.items);
    expect(await ensureDemoLedger(p.db, p.districtId, now)).toBeUndefined();
    const admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
    const rollup = (await admin.get('/api/supervision/rollup')).json<{
      tasks: { number: number; items: number; colour: string | null }[];
    }>();
    expect(rollup.tasks).toHaveLength(22);
    expect(rollup.tasks.every((t) => t.items >= 2)).toBe(true);
    const page = (await admin.get('/api/supervision/items?pageSize=100')).json<{
      items: { state: string; status: { colour: string | null } }[];
    }>();
    const colours = new Set(page.items.filter((i) => i.state === 'open').map((i) => i.status.colour));
    expect([...colours].sort()).toEqual(['green', 'red', 'yellow']);
    expect(page.items.some((i) => i.state === 'done')).toBe(true);
  });
});

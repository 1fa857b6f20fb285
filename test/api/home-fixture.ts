// A small district for the role homes' API tests: two subdistricts, five enterprises, an account of every role.
import path from 'node:path';
import { ADMIN_PASSWORD, signedIn, startPlatform, type Client, type Platform } from '../harness.ts';
import { repoRoot } from '../../src/platform/config.ts';
import { makeOrgCode, makeUscc } from '../../src/modules/enterprises/uscc.ts';
import type { Unit } from '../../src/modules/units/units.contract.ts';

export const PASSWORD = 'home-test-password-1';
export const usccOf = (n: number) => makeUscc(`91500107${makeOrgCode(`HM${String(n).padStart(6, '0')}`)}`);

export interface HomeDistrict {
  p: Platform;
  admin: Client;
  /** 东街道's account, 西镇's account, 区经信局's account, enterprise A's and D's accounts, the public. */
  east: Client;
  west: Client;
  dept: Client;
  firmA: Client;
  firmD: Client;
  units: { east: string; west: string; economy: string };
  /** A, B, C in 东街道; D, E in 西镇. */
  ids: Record<'A' | 'B' | 'C' | 'D' | 'E', string>;
}

/**
 * April 2026 (due 2026-05-11) as of `clock()`: A (东街道) and D (西镇) have reported; B, C (东街道) and E (西镇)
 * have not — 东街道 1 of 3, 西镇 1 of 2.
 */
export async function homeDistrict(clock: () => Date): Promise<HomeDistrict> {
  const p = await startPlatform({
    planFile: path.join(repoRoot, 'test/fixtures/plans/monitoring-district.yaml'),
    now: clock,
  });
  const admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const units = (await admin.get('/api/units')).json<{ items: Unit[] }>().items;
  const unit = (code: string) => units.find((u) => u.code === code)!.id;
  const u = { east: unit('east-street'), west: unit('west-town'), economy: unit('economy-bureau') };
  const ids = {} as HomeDistrict['ids'];
  const where = { A: u.east, B: u.east, C: u.east, D: u.west, E: u.west } as const;
  for (const [n, key] of (['A', 'B', 'C', 'D', 'E'] as const).entries()) {
    const res = await admin.request('POST', '/api/enterprises', {
      uscc: usccOf(n + 1),
      name: `首页测试${key}科技有限公司`,
      registrationDate: '2020-01-01',
      subdistrictId: where[key],
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids[key] = res.json<{ id: string }>().id;
  }
  for (const key of ['A', 'D'] as const) {
    const res = await admin.request('POST', `/api/enterprises/${ids[key]}/reports`, {
      period: '2026-04',
      employees: 20,
      coreTalents: 4,
      operatingRevenue: 1_000_000,
      softwareRevenue: 800_000,
      softwareProductRevenue: 0,
      rdExpense: 0,
      usedArea: 100,
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  const account = async (username: string, role: string, binding: object) => {
    const res = await admin.request('POST', '/api/users', {
      username,
      displayName: username,
      password: PASSWORD,
      role,
      ...binding,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return signedIn(p.app, username, PASSWORD);
  };
  return {
    p,
    admin,
    east: await account('east', 'subdistrict', { unitId: u.east }),
    west: await account('west', 'subdistrict', { unitId: u.west }),
    dept: await account('economy', 'department', { unitId: u.economy }),
    firmA: await account('firm-a', 'enterprise', { enterpriseId: ids.A }),
    firmD: await account('firm-d', 'enterprise', { enterpriseId: ids.D }),
    units: u,
    ids,
  };
}

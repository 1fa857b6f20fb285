// The small hand-checked district (plans: test/fixtures/plans/monitoring-district.yaml) that the monitoring and
// policy-figure tests build on: the platform on a test clock, the administrator, its two subdistricts, enterprises
// registered by letter, and monthly reports filed on time.
import path from 'node:path';
import { ADMIN_PASSWORD, signedIn, startPlatform, type Client, type Platform } from './harness.ts';
import { repoRoot } from '../src/platform/config.ts';
import { makeOrgCode, makeUscc } from '../src/modules/enterprises/uscc.ts';
import type { Unit } from '../src/modules/units/units.contract.ts';
import type { Overview } from '../src/modules/monitoring/monitoring.contract.ts';
import { parsePeriod, periodRange } from '../src/platform/time/period.ts';

/** The platform on the fixture plan with the given clock, the administrator signed in, and 东街道 and 西镇. */
export async function startFixtureDistrict(
  now: () => Date,
): Promise<{ p: Platform; admin: Client; east: string; west: string }> {
  const p = await startPlatform({
    planFile: path.join(repoRoot, 'test/fixtures/plans/monitoring-district.yaml'),
    now,
  });
  const admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const subs = (await admin.get('/api/units?kind=subdistrict')).json<{ items: Unit[] }>().items;
  const east = subs.find((s) => s.name === '东街道')!.id;
  const west = subs.find((s) => s.name === '西镇')!.id;
  return { p, admin, east, west };
}

/** A valid USCC per number, unique to the test file by its two-letter `tag`. */
export const usccMaker =
  (tag: string) =>
  (n: number): string =>
    makeUscc(`91500107${makeOrgCode(`${tag}${String(n).padStart(6, '0')}`)}`);

export interface FixtureFirm {
  key: string;
  n: number;
  sub: string;
  registrationDate: string;
  status?: string;
  leftOn?: string;
}

/** Registers each firm as `${name}${key}科技有限公司` with USCC `uscc(n)` and puts its id in `ids` under its key. */
export async function registerFirms(
  admin: Client,
  firms: FixtureFirm[],
  uscc: (n: number) => string,
  name: string,
  ids: Record<string, string>,
): Promise<void> {
  for (const f of firms) {
    const res = await admin.request('POST', '/api/enterprises', {
      uscc: uscc(f.n),
      name: `${name}${f.key}科技有限公司`,
      registrationDate: f.registrationDate,
      subdistrictId: f.sub,
      status: f.status ?? 'active',
      leftOn: f.leftOn ?? null,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    ids[f.key] = res.json().id;
  }
}

/** When a report for `period` is on time: the 5th of the next month, 02:00 UTC. */
export function onTime(period: string): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-05T02:00:00Z`);
}

export interface ReportFigures {
  employees: number;
  coreTalents: number;
  operatingRevenue: number;
  softwareRevenue: number;
  softwareProductRevenue: number;
  rdExpense: number;
  usedArea: number;
}

/** Files `who`'s report for `period` (at whatever the clock says); throws unless it is accepted. */
export async function fileReport(
  admin: Client,
  ids: Record<string, string>,
  who: string,
  period: string,
  figures: ReportFigures,
) {
  const res = await admin.request('POST', `/api/enterprises/${ids[who]}/reports`, { period, ...figures });
  if (res.statusCode !== 200) throw new Error(`${who} ${period}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const months = (from: string, to: string): string[] => periodRange(parsePeriod(from), parsePeriod(to));

/** A target's overview series, value by month. */
export const series = (o: Overview, code: string) =>
  Object.fromEntries(o.targets.find((t) => t.code === code)!.series.map((s) => [s.month, s.value]));

// The demo district lands in the database exactly as generated: every monthly report, by COPY on PGlite or INSERT on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../harness.ts';
import { rows, sql } from '../../src/platform/db/db.ts';
import { generateDemoDistrict } from '../../src/modules/demo/demo.ts';
import { demoSubmittedAt, iterateReports } from '../../src/modules/demo/reports.ts';
import { DEMO_AS_OF, DEMO_REPORTS_FROM, DEMO_SEED } from '../../src/bootstrap.ts';
import { allUnits } from '../../src/modules/units/units.store.ts';
import { lastClosedMonth } from '../../src/modules/monitoring/monitoring.store.ts';

const now = new Date('2026-11-20T00:00:00Z');
let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 40, now: () => now });
});
afterAll(() => p?.close());

describe('the demo district', () => {
  it('stores every generated monthly report with its figures', async () => {
    const subs = (await allUnits(p.db, p.districtId)).filter((u) => u.kind === 'subdistrict');
    const demo = generateDemoDistrict({
      seed: DEMO_SEED,
      enterprises: 40,
      subdistricts: subs.map((s) => ({
        code: s.code,
        name: s.name,
        subkind: (s.subkind ?? 'street') as 'street' | 'town',
      })),
      asOf: DEMO_AS_OF,
    });
    let count = 0;
    let employees = 0;
    let revenue = 0;
    const to = lastClosedMonth(new Date()) > '2026-10' ? lastClosedMonth(new Date()) : '2026-10';
    for (const r of iterateReports(demo.enterprises, {
      seed: DEMO_SEED,
      from: DEMO_REPORTS_FROM,
      to,
      asOf: DEMO_AS_OF,
    })) {
      // The demo's history stops at now: a month still open has only the reports filed so far.
      if (demoSubmittedAt(r).getTime() > Date.now()) continue;
      count++;
      employees += r.employees;
      revenue += r.softwareRevenue;
    }
    const [stored] = await rows<{ n: number; e: number; r: string }>(
      p.db,
      sql`SELECT count(*)::int AS n, sum(employees)::int AS e, sum(software_revenue)::text AS r FROM reports
          WHERE district_id = ${p.districtId} AND is_current AND version = 1`,
    );
    expect(stored).toEqual({ n: count, e: employees, r: String(revenue) });
  });
});

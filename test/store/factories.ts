// Small builders for store-level tests: a fresh migrated database (PGlite, or PostgreSQL under test:pg) and rows
// with defaults — a district, units, buildings, enterprises, honours, reports and tier months.
import { randomUUID } from 'node:crypto';
import { and, eq, type SQL } from 'drizzle-orm';
import { rows } from '../../src/platform/db/db.ts';
import { districts } from '../../src/platform/district.schema.ts';
import { units } from '../../src/modules/units/units.schema.ts';
import {
  buildings,
  enterpriseHonours,
  enterprises,
} from '../../src/modules/enterprises/enterprises.schema.ts';
import { reports } from '../../src/modules/reports/reports.schema.ts';
import { tierMonths } from '../../src/modules/policies/policies.schema.ts';
import { freshDatabase, type TestDb } from '../harness.ts';
import { parsePeriod, periodRange } from '../../src/platform/time/period.ts';

type Db = TestDb['database']['db'];

/** The figures of one month's report; any left out are zero. */
export interface Figures {
  employees?: number;
  coreTalents?: number;
  operatingRevenue?: number;
  softwareRevenue?: number;
  softwareProductRevenue?: number;
  rdExpense?: number;
  usedArea?: number;
}

export interface StoreWorld {
  db: Db;
  districtId: string;
  /** Runs a query and returns its rows. */
  query<T>(q: SQL): Promise<T[]>;
  unit(o?: { code?: string; kind?: string; name?: string }): Promise<string>;
  building(o: { subdistrictId: string; code?: string }): Promise<string>;
  enterprise(o: {
    subdistrictId: string;
    name?: string;
    settledOn?: string;
    leftOn?: string | null;
    registrationDate?: string;
    fields?: string[];
    aboveScale?: boolean;
    buildingId?: string | null;
  }): Promise<string>;
  honour(enterpriseId: string, kind: string, awardedOn: string): Promise<void>;
  /**
   * A report of `period` ('YYYY-MM'). A second report of the same month is a correction: it becomes the current
   * version and the earlier one is kept, as the reports store does.
   */
  report(enterpriseId: string, period: string, figures: Figures): Promise<void>;
  /** Many months of the same figures, for rules that read a year. */
  reports(enterpriseId: string, periods: string[], figures: Figures): Promise<void>;
  tierMonth(enterpriseId: string, tier: string, period: string): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;
const next = () => ++seq;

/** An empty district on a fresh database; close() drops it. */
export async function storeWorld(districtId = 'testdistrict'): Promise<StoreWorld> {
  const testDb = await freshDatabase();
  const db = testDb.database.db;
  await db.insert(districts).values({ id: districtId, name: '测试区', nameEn: 'Test district' });
  const versions = new Map<string, number>();
  const world: StoreWorld = {
    db,
    districtId,
    query: <T>(q: SQL) => rows<T>(db, q),
    async unit(o = {}) {
      const n = next();
      const [u] = await db
        .insert(units)
        .values({
          districtId,
          code: o.code ?? `unit${n}`,
          name: o.name ?? `单位${n}`,
          nameEn: `Unit ${n}`,
          kind: o.kind ?? 'subdistrict',
          position: n,
        })
        .returning({ id: units.id });
      return u!.id;
    },
    async building(o) {
      const n = next();
      const [b] = await db
        .insert(buildings)
        .values({
          districtId,
          code: o.code ?? `b${n}`,
          name: `楼宇${n}`,
          kind: 'office',
          subdistrictId: o.subdistrictId,
          address: '',
          totalArea: 10_000,
        })
        .returning({ id: buildings.id });
      return b!.id;
    },
    async enterprise(o) {
      const n = next();
      const settledOn = o.settledOn ?? '2020-01-01';
      const [e] = await db
        .insert(enterprises)
        .values({
          districtId,
          uscc: `TEST${String(n).padStart(14, '0')}`,
          name: o.name ?? `企业${n}`,
          registrationDate: o.registrationDate ?? settledOn,
          subdistrictId: o.subdistrictId,
          buildingId: o.buildingId ?? null,
          fields: o.fields ?? [],
          aboveScale: o.aboveScale ?? false,
          status: o.leftOn ? 'movedOut' : 'active',
          settledOn,
          leftOn: o.leftOn ?? null,
        })
        .returning({ id: enterprises.id });
      return e!.id;
    },
    async honour(enterpriseId, kind, awardedOn) {
      await db
        .insert(enterpriseHonours)
        .values({ districtId, enterpriseId, kind, awardedOn, source: 'test' });
    },
    async report(enterpriseId, period, f) {
      const key = `${enterpriseId}:${period}`;
      const version = (versions.get(key) ?? 0) + 1;
      versions.set(key, version);
      await db.transaction(async (tx) => {
        if (version > 1)
          await tx
            .update(reports)
            .set({ isCurrent: false })
            .where(
              // The one current version of this enterprise and month.
              and(
                eq(reports.districtId, districtId),
                eq(reports.enterpriseId, enterpriseId),
                eq(reports.period, `${period}-01`),
              ),
            );
        await tx.insert(reports).values({
          districtId,
          id: randomUUID(),
          enterpriseId,
          period: `${period}-01`,
          version,
          isCurrent: true,
          employees: f.employees ?? 0,
          coreTalents: f.coreTalents ?? 0,
          operatingRevenue: f.operatingRevenue ?? 0,
          softwareRevenue: f.softwareRevenue ?? 0,
          softwareProductRevenue: f.softwareProductRevenue ?? 0,
          rdExpense: f.rdExpense ?? 0,
          usedArea: String(f.usedArea ?? 0),
          source: 'form',
        });
      });
    },
    async reports(enterpriseId, periods, f) {
      for (const p of periods) await world.report(enterpriseId, p, f);
    },
    async tierMonth(enterpriseId, tier, period) {
      await db.insert(tierMonths).values({ districtId, tier, month: `${period}-01`, enterpriseId });
    },
    close: () => testDb.drop(),
  };
  return world;
}

/** Every month from `from` to `to` ('YYYY-MM', inclusive). */
export function months(from: string, to: string): string[] {
  return periodRange(parsePeriod(from), parsePeriod(to));
}

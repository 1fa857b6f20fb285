// Upgrading from the previous release: its data, written by its own code (scripts/upgrade-fixture.ts; the committed
// fixture test/fixtures/upgrade/v0.1.0.*), is brought into a fresh store at that release's migration level, then this
// code starts on it — migrating forward as a start would — and the data reads back and the demo flows pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows, sql, type Database } from '../../src/platform/db/db.ts';
import { appVersion } from '../../src/platform/db/migrations.ts';
import { codeMigrationLevel, databaseMigrationLevel } from '../../src/platform/db/level.ts';
import { readManifest } from '../../src/platform/backup/archive.ts';
import { restoreArchive } from '../../src/platform/backup/restore.ts';
import { verifyChain } from '../../src/platform/audit/audit.verify.ts';
import { buildServer } from '../../src/server.ts';
import type { App } from '../../src/platform/http/app.ts';
import { Client, DEMO_PASSWORD, signedIn } from '../harness.ts';
import { repoRoot } from '../../src/platform/config.ts';

const fixtureDir = path.join(repoRoot, 'test', 'fixtures', 'upgrade');
const release = 'v0.1.0';
const archive = path.join(fixtureDir, `${release}.tar.gz`);
const expected = JSON.parse(fs.readFileSync(path.join(fixtureDir, `${release}.json`), 'utf8')) as {
  release: string;
  adminPassword: string;
  districtId: string;
  counts: Record<string, number>;
  batch: Record<string, unknown> & { id: string };
  items: { enterpriseId: string; amount: number; included: boolean }[];
  targets: string[];
  enterprisesTotal: number;
  migrations: { tag: string; hash: string }[];
};

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-upgrade-'));
let database: Database;
let app: App;
let dropDb: (() => Promise<void>) | undefined;
const clock = new Date('2026-12-04T02:00:00Z');

beforeAll(async () => {
  let target: { dataDir: string } | { databaseUrl: string };
  if (process.env.DATABASE_URL) {
    const name = `mtx_upgrade_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    target = { databaseUrl: url.toString() };
    dropDb = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else target = { dataDir: path.join(scratch, 'data') };
  const restored = await restoreArchive(archive, target);
  expect(restored.ok).toBe(true);
  // This code on the upgraded store, as `serve` opens it.
  database = await openDatabase(
    'dataDir' in target ? target : { databaseUrl: target.databaseUrl, poolSize: 3 },
  );
  app = await buildServer({
    db: database.db,
    config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
    defaultDistrictId: expected.districtId,
    now: () => clock,
  });
  await app.ready();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  await dropDb?.();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe(`an upgrade from ${release}`, () => {
  it('starts from the release’s own migration level and ends at this code’s, recording this release', async () => {
    const manifest = await readManifest(archive);
    expect(manifest.migrations.count).toBe(expected.migrations.length);
    expect(manifest.migrations.count).toBeLessThan(codeMigrationLevel().count);
    expect(await databaseMigrationLevel(database.db)).toEqual(codeMigrationLevel());
    const [c] = await rows<{ c: string }>(
      database.db,
      sql`SELECT obj_description('drizzle.__drizzle_migrations'::regclass, 'pg_class') AS c`,
    );
    expect(c!.c).toBe(`mantianxing ${appVersion}`);
  });

  it('keeps every row of every table the release had', async () => {
    for (const [table, n] of Object.entries(expected.counts)) {
      const [r] = await rows<{ n: number }>(
        database.db,
        sql.raw(`SELECT count(*)::int AS n FROM "${table}"`),
      );
      expect({ table, n: r!.n }).toEqual({ table, n });
    }
  });

  it('keeps the audit chain verifying', async () => {
    const chain = await verifyChain(database.db, expected.districtId);
    expect(chain.broken).toBeNull();
    expect(chain.rows).toBe(expected.counts.audit_log);
  });

  it('reads back the decided grant batch and its items as the release showed them', async () => {
    const admin = await signedIn(app, 'admin', expected.adminPassword);
    const batch = (await admin.get(`/api/grant-batches/${expected.batch.id}`)).json();
    expect(batch.batch).toMatchObject(expected.batch);
    const items = (await admin.get(`/api/grant-batches/${expected.batch.id}/items?pageSize=200`)).json();
    expect(items.items).toMatchObject(expected.items);
    expect((await admin.get('/api/enterprises?pageSize=1')).json().total).toBe(expected.enterprisesTotal);
  });

  it('passes the demo flows: each role signs in, a report is filed, a recompute and a policy evaluation run', async () => {
    const admin = await signedIn(app, 'admin', expected.adminPassword);
    for (const u of ['dept', 'street', 'firm']) {
      const c = new Client(app);
      expect((await c.login(u, DEMO_PASSWORD)).statusCode).toBe(200);
    }
    const firm = await signedIn(app, 'firm', DEMO_PASSWORD);
    const me = (await firm.get('/api/auth/me')).json().user;
    const form = await firm.get(`/api/enterprises/${me.enterpriseId}/reports/2026-11`);
    expect(form.statusCode).toBe(200);
    const filed = await firm.request('POST', `/api/enterprises/${me.enterpriseId}/reports`, {
      period: '2026-11',
      employees: 25,
      coreTalents: 5,
      operatingRevenue: 1_200_000,
      softwareRevenue: 900_000,
      softwareProductRevenue: 200_000,
      rdExpense: 60_000,
      usedArea: 220,
      note: '升级测试：数字已核实',
    });
    expect(filed.statusCode).toBe(200);
    expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
    const overview = (await admin.get('/api/monitoring/overview')).json();
    expect(overview.targets.map((t: { code: string }) => t.code)).toEqual(expected.targets);
    expect((await admin.request('POST', '/api/policies/evaluate')).statusCode).toBe(200);
    // A module the release did not have works on its data.
    expect((await admin.get('/api/supervision/items')).statusCode).toBe(200);
    const chain = await verifyChain(database.db, expected.districtId);
    expect(chain.broken).toBeNull();
  });
});

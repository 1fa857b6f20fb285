// Backup and restore: a district filled through the API (registry, a monthly report, a policy, a decided grant batch
// with its immutable rows, the audit trail) is backed up, restored into a fresh store, and every table compared row
// by row; the audit chain still verifies. Damaged, newer and misplaced archives are refused with the reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../harness.ts';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  freshDatabase,
  signedIn,
  startPlatform,
  type Platform,
  type TestDb,
} from '../harness.ts';
import {
  migrationsFolder,
  openDatabase,
  rows,
  sql,
  type Database,
  type Db,
} from '../../src/platform/db/db.ts';
import { createBackup } from '../../src/platform/backup/backup.ts';
import { verifyChain } from '../../src/platform/audit/audit.verify.ts';
import { audit, systemActor } from '../../src/platform/audit/audit.ts';
import { restoreArchive } from '../../src/platform/backup/restore.ts';
import { manifestChecksum, type Manifest } from '../../src/platform/backup/archive.ts';
import { codeMigrationLevel, databaseMigrationLevel } from '../../src/platform/db/level.ts';
import type { BackupItem, BackupList, VerifyResult } from '../../src/platform/backup/backup.contract.ts';
import { BACKUP_JOB, backupModule } from '../../src/platform/backup/backup.module.ts';
import type { Job } from '../../src/platform/jobs/jobs.ts';
import type { JobContext } from '../../src/platform/jobs/runner.ts';
import type { PlatformDeps } from '../../src/platform/module.ts';

let clock = new Date('2026-11-20T02:00:00Z');
const days = (n: number) => new Date(clock.getTime() + n * 86400_000);
let p: Platform;
let admin: Client;
let scratch: string;
let archive: string;
let backupDir: string;
let backupName: string;
let restored: { db: Db; close(): Promise<void> } | undefined;
let firstTarget: { dataDir: string } | { databaseUrl: string };
const onPg = !!process.env.DATABASE_URL;
const extraDbs: TestDb[] = [];

/** A fresh target store: a new data directory (PGlite) or a new database on the server. */
async function freshTarget(): Promise<{
  target: { dataDir: string } | { databaseUrl: string };
  open(): Promise<Database>;
}> {
  if (onPg) {
    // A new database, migrated (restore wipes a migrated, empty one too), its connections closed: restore refuses
    // while other sessions are connected.
    const t = await freshDatabase();
    await t.database.close();
    const url = t.url!;
    extraDbs.push({ ...t, drop: () => dropDatabase(url) });
    return { target: { databaseUrl: url }, open: () => openDatabase({ databaseUrl: url, poolSize: 2 }) };
  }
  const dataDir = fs.mkdtempSync(path.join(scratch, 'data-'));
  return { target: { dataDir }, open: () => openDatabase({ dataDir }) };
}

async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
}

const policyDefinition = {
  name: '备份测试政策',
  eligibility: { kind: 'aboveScale', value: true },
  parameters: { reward: { label: '奖励', unit: '万元', values: [{ from: '2026-01-01', value: 1 }] } },
  benefit: { formula: { kind: 'param', name: 'reward' } },
};

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-backup-test-'));
  p = await startPlatform({ demoEnterprises: 150, now: () => clock });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  const me = (await firm.get('/api/auth/me')).json<{ user: { enterpriseId: string } }>().user;
  const report = await firm.request('POST', `/api/enterprises/${me.enterpriseId}/reports`, {
    period: '2026-10',
    employees: 21,
    coreTalents: 4,
    operatingRevenue: 1_000_000,
    softwareRevenue: 800_000,
    softwareProductRevenue: 100_000,
    rdExpense: 50_000,
    usedArea: 200,
    note: '备份测试：数字与上期不同，已核实',
  });
  expect(report.statusCode).toBeLessThan(300);
  expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
  const policy = await admin.request('POST', '/api/policies', {
    code: 'backupPolicy',
    definition: policyDefinition,
    status: 'active',
  });
  expect(policy.statusCode).toBe(200);
  const batch = await admin.request('POST', `/api/policies/${policy.json().id}/batches`, {
    note: '备份测试',
  });
  expect(batch.statusCode).toBe(200);
  const batchId = batch.json().batch.id as string;
  expect(batch.json().batch.items).toBeGreaterThan(0);
  expect(
    (await admin.request('POST', `/api/grant-batches/${batchId}/publish`, { noticeDays: 5 })).statusCode,
  ).toBe(200);
  clock = days(10);
  const decided = await admin.request('POST', `/api/grant-batches/${batchId}/decide`, { note: '决定' });
  expect(decided.statusCode).toBe(200);
  expect(decided.json().batch.status).toBe('decided');

  const made = await admin.request('POST', '/api/platform/backups');
  expect(made.statusCode).toBe(201);
  backupName = made.json<BackupItem>().name;
  const list = (await admin.get('/api/platform/backups')).json<BackupList>();
  backupDir = list.dir;
  archive = path.join(backupDir, backupName);
}, 300_000);

afterAll(async () => {
  await restored?.close();
  await p?.close();
  for (const t of extraDbs) await t.drop().catch(() => undefined);
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  if (backupDir) fs.rmSync(backupDir, { recursive: true, force: true });
});

/** Every table of the public schema with its row count and an md5 over its rows' text in a fixed order. */
async function fingerprint(db: Db): Promise<Record<string, { n: number; md5: string }>> {
  const tables = await rows<{ name: string }>(
    db,
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: Record<string, { n: number; md5: string }> = {};
  for (const { name } of tables) {
    const [r] = await rows<{ n: number; md5: string }>(
      db,
      sql.raw(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text COLLATE "C"), '')) AS md5 FROM "${name}" t`,
      ),
    );
    out[name] = r!;
  }
  return out;
}

/** Rewrites an archive's entries (in memory: test archives are small). */
async function rewrite(
  from: string,
  to: string,
  change: (name: string, body: Buffer) => Buffer | null,
): Promise<void> {
  const entries: { name: string; body: Buffer }[] = [];
  const extract = tar.extract();
  const reading = (async () => {
    for await (const e of extract) {
      const chunks: Buffer[] = [];
      for await (const c of e) chunks.push(c as Buffer);
      entries.push({ name: e.header.name, body: Buffer.concat(chunks) });
    }
  })();
  await Promise.all([pipeline(fs.createReadStream(from), zlib.createGunzip(), extract), reading]);
  const pack = tar.pack();
  const writing = pipeline(pack, zlib.createGzip(), fs.createWriteStream(to));
  for (const e of entries) {
    const body = change(e.name, e.body);
    if (body) pack.entry({ name: e.name }, body);
  }
  pack.finalize();
  await writing;
}

const withManifest = (edit: (m: Manifest) => void) => (name: string, body: Buffer) => {
  if (name !== 'manifest.json') return body;
  const m = JSON.parse(body.toString('utf8')) as Manifest;
  edit(m);
  m.checksum = manifestChecksum(m);
  return Buffer.from(JSON.stringify(m));
};

describe('a backup', () => {
  it('lists the archive with its manifest: format, version, store, migration level, plan versions, tables', async () => {
    const list = (await admin.get('/api/platform/backups')).json<BackupList>();
    const item = list.items.find((i) => i.name === backupName)!;
    expect(item.error).toBeNull();
    expect(item.bytes).toBe(fs.statSync(archive).size);
    expect(item.summary).toMatchObject({
      format: 1,
      store: onPg ? 'pg' : 'pglite',
      migrations: codeMigrationLevel(),
      districts: [{ id: p.districtId, plans: [expect.objectContaining({ dataVersion: 1 })] }],
    });
    expect(item.summary!.tables).toBeGreaterThan(30);
  });

  it('restores into a fresh store with every table equal row by row, and the audit chain verifying', async () => {
    const fresh = await freshTarget();
    firstTarget = fresh.target;
    const r = await restoreArchive(archive, fresh.target);
    expect(r.ok).toBe(true);
    expect(r.tables.every((t) => t.ok)).toBe(true);
    const db = await fresh.open();
    restored = db;
    const before = await fingerprint(p.db);
    const after = await fingerprint(db.db);
    // The source was audited once more (the backup itself) after the snapshot: that row is the only difference.
    const { audit_log: auditBefore, ...restBefore } = before;
    const { audit_log: auditAfter, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(Object.keys(restAfter).length).toBeGreaterThan(30);
    expect(after.grant_items!.n).toBeGreaterThan(0);
    expect(after.reports!.n).toBeGreaterThan(0);
    expect(auditAfter!.n).toBe(auditBefore!.n - 1);
    const [same] = await rows<{ n: number; md5: string }>(
      p.db,
      sql.raw(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text COLLATE "C"), '')) AS md5
         FROM audit_log t WHERE NOT (entity = 'backup' AND entity_id = '${backupName}')`,
      ),
    );
    expect(auditAfter).toEqual(same);
    const chain = await verifyChain(db.db, p.districtId);
    expect(chain.broken).toBeNull();
    expect(chain.rows).toBe(auditAfter!.n);
    expect(await databaseMigrationLevel(db.db)).toEqual(codeMigrationLevel());
  });

  it('leaves the restored store working: triggers guard decided batches again, identities continue', async () => {
    const db = restored!.db;
    await expect(
      db.execute(sql`UPDATE grant_batches SET note = 'changed' WHERE status = 'decided'`),
    ).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await audit(db, systemActor(p.districtId), {
      action: 'update',
      entity: 'test',
      entityId: 'after-restore',
    });
    const chain = await verifyChain(db, p.districtId);
    expect(chain.broken).toBeNull();
  });

  it('is not restored over a store that holds data, unless forced, nor under a connected server', async () => {
    // PostgreSQL: the restored store's open pool is a running server's as far as restore can tell. (PGlite's data
    // directory is guarded by the server's lock file, test/e2e/backup-cli.test.ts.)
    if (onPg)
      await expect(restoreArchive(archive, firstTarget, { force: true })).rejects.toThrow(
        /other sessions? (are|is) connected to the target database \(a running server\?\)/,
      );
    await restored?.close();
    restored = undefined;
    await expect(restoreArchive(archive, firstTarget)).rejects.toThrow(
      /the target database is not empty \(\d+ tables hold rows/,
    );
    const forced = await restoreArchive(archive, firstTarget, { force: true });
    expect(forced.ok).toBe(true);
  });

  it('is verified by the administrator page: restored into a scratch database, every table checked', async () => {
    const r = await admin.request('POST', `/api/platform/backups/${backupName}/verify`);
    expect(r.statusCode).toBe(200);
    const v = r.json<VerifyResult>();
    expect(v.ok).toBe(true);
    expect(v.scratch).toBe(onPg ? 'pg' : 'pglite');
    expect(v.tables.length).toBeGreaterThan(30);
    expect(v.tables.every((t) => t.ok && t.rows === t.expectedRows)).toBe(true);
    const dl = await admin.get(`/api/platform/backups/${backupName}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(fs.readFileSync(archive))).toBe(true);
    expect((await admin.get('/api/platform/backups/../etc/passwd.tar.gz/download')).statusCode).toBe(404);
    // Only the command line on the server's machine (with the lock file's token) chooses where an archive goes.
    const elsewhere = await admin.request('POST', '/api/platform/backups', {
      out: path.join(scratch, 'x.tar.gz'),
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().fields[0].path).toBe('out');
    expect(fs.existsSync(path.join(scratch, 'x.tar.gz'))).toBe(false);
  });
});

describe('restore refuses', () => {
  it('a truncated archive, saying so', async () => {
    const cut = path.join(scratch, 'cut.tar.gz');
    const whole = fs.readFileSync(archive);
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const fresh = await freshTarget();
    await expect(restoreArchive(cut, fresh.target)).rejects.toThrow(/damaged or truncated/);
  });

  it('an archive whose table file was altered, naming the table', async () => {
    const bad = path.join(scratch, 'altered.tar.gz');
    await rewrite(archive, bad, (name, body) =>
      name === 'data/units.copy' ? Buffer.from(body.toString('utf8').replace('街道', '镇')) : body,
    );
    const fresh = await freshTarget();
    await expect(restoreArchive(bad, fresh.target)).rejects.toThrow(/table units is damaged/);
    const v = await admin.request('POST', `/api/platform/backups/${backupName}/verify`);
    expect(v.json<VerifyResult>().ok).toBe(true);
  });

  it('an archive whose manifest was edited without its checksum', async () => {
    const bad = path.join(scratch, 'manifest.tar.gz');
    await rewrite(archive, bad, (name, body) => {
      if (name !== 'manifest.json') return body;
      const m = JSON.parse(body.toString('utf8')) as Manifest;
      m.tables[0]!.rows += 1;
      return Buffer.from(JSON.stringify(m));
    });
    const fresh = await freshTarget();
    await expect(restoreArchive(bad, fresh.target)).rejects.toThrow(/manifest.json is damaged/);
  });

  it('an archive of a newer format', async () => {
    const newer = path.join(scratch, 'format2.tar.gz');
    await rewrite(
      archive,
      newer,
      withManifest((m) => (m.format = 2)),
    );
    const fresh = await freshTarget();
    await expect(restoreArchive(newer, fresh.target)).rejects.toThrow(
      /archive format 2 is newer than this version reads \(format 1\)/,
    );
  });

  it('an archive migrated by a newer version, naming the levels', async () => {
    const newer = path.join(scratch, 'level.tar.gz');
    const code = codeMigrationLevel();
    await rewrite(
      archive,
      newer,
      withManifest((m) => {
        m.migrations = {
          count: code.count + 1,
          lastTag: '9999_future',
          lastHash: 'f'.repeat(64),
          lastWhen: Date.now() * 2,
        };
        m.app.version = '9.0.0';
      }),
    );
    const fresh = await freshTarget();
    await expect(restoreArchive(newer, fresh.target)).rejects.toThrow(
      new RegExp(
        `migrated by a newer version \\(Mantianxing 9\\.0\\.0, ${code.count + 1} migrations, the last 9999_future\\)`,
      ),
    );
  });
});

describe('the scheduled backup', () => {
  it('runs daily at the configured hour, once for the deployment, keeping the newest archives', async () => {
    const dir = path.join(scratch, 'scheduled');
    const m = backupModule({ dir, keep: 2, hour: 1 });
    const deps = { defaultDistrictId: p.districtId } as PlatformDeps;
    expect(await m.schedules!(deps)).toEqual([
      expect.objectContaining({ kind: BACKUP_JOB, every: 'day', hour: 1 }),
    ]);
    expect(await backupModule({ dir, keep: 2, hour: null }).schedules!(deps)).toEqual([]);
    expect(await backupModule({ dir, keep: 0, hour: 1 }).schedules!(deps)).toEqual([]);
    const handler = m.jobs!(deps)[BACKUP_JOB]!;
    const job = (districtId: string) => ({ districtId, id: 'j', kind: BACKUP_JOB }) as Job;
    const ctx = (at: string) =>
      ({ db: p.db, workerId: 'test', now: () => new Date(at), logger: console }) as unknown as JobContext;
    // Schedules enqueue one job per district: only the default district's takes the backup.
    expect(await handler(job('another-district'), ctx('2026-12-01T17:00:00Z'))).toEqual({
      skipped: 'deployment-wide; taken once',
    });
    expect(fs.existsSync(dir)).toBe(false);
    for (const at of ['2026-12-01T17:00:00Z', '2026-12-02T17:00:00Z', '2026-12-03T17:00:00Z'])
      await handler(job(p.districtId), ctx(at));
    expect(fs.readdirSync(dir).sort()).toEqual([
      'mantianxing-2026-12-02T17-00-00Z.tar.gz',
      'mantianxing-2026-12-03T17-00-00Z.tar.gz',
    ]);
  });
});

describe('an archive of an older version', () => {
  it('is restored at its own migration level, then migrated forward to this code’s', async () => {
    // A database as the previous migration left it: every migration but the last, and a row.
    const code = codeMigrationLevel();
    const dir = fs.mkdtempSync(path.join(scratch, 'migrations-'));
    const journal = JSON.parse(
      fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
    ) as {
      entries: { tag: string }[];
    };
    const older = journal.entries.slice(0, -1);
    fs.mkdirSync(path.join(dir, 'meta'));
    fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: older }));
    for (const e of older)
      fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    const client = await PGlite.create();
    const file = path.join(scratch, 'older.tar.gz');
    try {
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: dir });
      await db.execute(sql`INSERT INTO districts (id, name, name_en) VALUES ('old', '旧区', 'Old')`);
      const b = await createBackup(db as unknown as Db, file);
      expect(b.manifest.migrations).toMatchObject({
        count: code.count - 1,
        lastTag: older[older.length - 1]!.tag,
      });
    } finally {
      await client.close();
    }
    const dataDir = fs.mkdtempSync(path.join(scratch, 'older-data-'));
    const r = await restoreArchive(file, { dataDir });
    expect(r.ok).toBe(true);
    expect(r.migrations).toEqual(code);
    const db = await openDatabase({ dataDir });
    try {
      expect(await rows(db.db, sql`SELECT id, name FROM districts`)).toEqual([{ id: 'old', name: '旧区' }]);
    } finally {
      await db.close();
    }
  });
});

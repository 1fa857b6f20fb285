// Backup and restore (issue 16): time and archive size for a district, on PGlite (beside copying the data directory
// with fs.cp) and on PostgreSQL (beside a bare `pg_dump -Fc` of the same database). `--scale=N` sets the enterprises;
// up to 5,000 the demo generator's own reports are used, beyond it 36 months of reports are synthesised in SQL.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, rows, sql, type Database } from '../src/platform/db/db.ts';
import {
  ensureAdmin,
  ensureComputed,
  ensureDemo,
  ensureExamplePolicies,
  loadPlanFromFile,
  policyFileFor,
} from '../src/bootstrap.ts';
import { repoRoot } from '../src/platform/config.ts';
import { createBackup } from '../src/platform/backup/backup.ts';
import { restoreArchive } from '../src/platform/backup/restore.ts';
import { ms, withScratchPg } from './lib.ts';

const planFile = path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml');
const NOW = new Date('2026-11-20T00:00:00Z');

async function fill(database: Database, enterprises: number): Promise<{ reports: number }> {
  const plan = await loadPlanFromFile(database.db, planFile);
  await ensureAdmin(database.db, plan.districtId, 'bench-password-1');
  const synth = enterprises > 5000;
  await ensureDemo(database.db, plan.districtId, {
    enterprises,
    now: NOW,
    ...(synth ? { reports: false } : {}),
  });
  if (synth)
    await database.db.execute(sql`
      INSERT INTO reports (district_id, enterprise_id, period, version, is_current, employees, core_talents, operating_revenue,
        software_revenue, software_product_revenue, rd_expense, used_area, source, submitted_at)
      SELECT ${plan.districtId}, e.id, m::date, 1, true, x.emp, x.emp / 6, x.rev, x.rev * 7 / 10, x.rev * 2 / 10, x.rev / 12,
             x.emp * 12, 'demo', m + interval '1 month' + interval '5 days'
      FROM enterprises e
      CROSS JOIN generate_series('2023-11-01'::date, '2026-10-01'::date, interval '1 month') AS m
      CROSS JOIN LATERAL (SELECT 5 + abs(hashtext(e.id::text)) % 60 + (extract(month from m)::int % 3) AS emp,
                                 (200000 + abs(hashtext(e.id::text || m::text)) % 800000)::bigint AS rev) x
      WHERE e.district_id = ${plan.districtId} AND e.settled_on <= m::date AND (e.left_on IS NULL OR e.left_on >= m::date)`);
  // As a first start leaves it: monitoring computed (facts, results, snapshots, tiers), policies evaluated.
  await ensureExamplePolicies(database.db, plan.districtId, policyFileFor(planFile));
  await ensureComputed(database.db, plan.districtId, NOW);
  await database.db.execute(sql`ANALYZE`);
  const [r] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM reports`);
  return { reports: r!.n };
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return n;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const s = (t0: number) => `${ms((performance.now() - t0) / 1000)} s`;
/** `backup` beside its floor (the data directory's copy, or pg_dump): time ÷ time, size ÷ size. */
const ratios = (time: string, floorTime: string, bytes: number, floorBytes: number) =>
  `${(parseFloat(time) / parseFloat(floorTime)).toFixed(1)}× time, ${(bytes / floorBytes).toFixed(2)}× size`;

async function onPglite(enterprises: number, scratch: string): Promise<string[]> {
  const dataDir = path.join(scratch, 'pglite-src');
  const database = await openDatabase({ dataDir });
  const size = await fill(database, enterprises);
  await database.close();
  let t0 = performance.now();
  await fs.promises.cp(path.join(dataDir, 'pglite'), path.join(scratch, 'pglite-copy'), { recursive: true });
  const cp = s(t0);
  const cpBytes = dirBytes(path.join(scratch, 'pglite-copy'));
  const open = await openDatabase({ dataDir });
  const archive = path.join(scratch, 'pglite.tar.gz');
  t0 = performance.now();
  const b = await createBackup(open.db, archive);
  const backup = s(t0);
  await open.close();
  t0 = performance.now();
  await restoreArchive(archive, { dataDir: path.join(scratch, 'pglite-restored') });
  const restore = s(t0);
  return [
    `| PGlite | ${size.reports.toLocaleString('en')} | ${b.manifest.tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en')} | \`backup\` | ${backup} | ${mb(b.bytes)} | ${ratios(backup, cp, b.bytes, cpBytes)} | ${restore} (into a new data directory, verified) |`,
    `| PGlite | | | floor: \`fs.cp\` of the stopped data directory | ${cp} | ${mb(cpBytes)} (uncompressed) | 1 | — |`,
  ];
}

async function onPg(enterprises: number, pgUrl: string, scratch: string): Promise<string[]> {
  return withScratchPg(pgUrl, 'mtx_bench_backup', async (database, url) => {
    const size = await fill(database, enterprises);
    const archive = path.join(scratch, 'pg.tar.gz');
    let t0 = performance.now();
    const b = await createBackup(database.db, archive);
    const backup = s(t0);
    const target = `mtx_bench_restore_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${target}`);
    const targetUrl = new URL(pgUrl);
    targetUrl.pathname = `/${target}`;
    t0 = performance.now();
    await restoreArchive(archive, { databaseUrl: targetUrl.toString() });
    const restore = s(t0);
    await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin.end();
    const dump = path.join(scratch, 'pg.dump');
    t0 = performance.now();
    const r = spawnSync('pg_dump', ['-Fc', '-f', dump, url], { encoding: 'utf8' });
    const dumped = r.status === 0 ? s(t0) : `failed: ${r.stderr.trim().slice(0, 80)}`;
    const version = /\d+\.\d+/.exec(spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).stdout)?.[0];
    return [
      `| PostgreSQL | ${size.reports.toLocaleString('en')} | ${b.manifest.tables.reduce((n, t) => n + t.rows, 0).toLocaleString('en')} | \`backup\` | ${backup} | ${mb(b.bytes)} | ${r.status === 0 ? ratios(backup, dumped, b.bytes, fs.statSync(dump).size) : '—'} | ${restore} (into an empty database, verified) |`,
      `| PostgreSQL | | | floor: bare \`pg_dump -Fc\` ${version} | ${dumped} | ${r.status === 0 ? mb(fs.statSync(dump).size) : '—'} | 1 | — |`,
    ];
  });
}

export async function benchBackup(opts: { enterprises: number; pgUrl: string }): Promise<string> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-bench-backup-'));
  try {
    const lines = [
      ...(await onPglite(opts.enterprises, scratch)),
      ...(await onPg(opts.enterprises, opts.pgUrl, scratch)),
    ];
    return [
      `### Backup and restore: ${opts.enterprises.toLocaleString('en')} enterprises`,
      '',
      'Whole deployment (every table); `backup` is one REPEATABLE READ snapshot copied table by table (COPY text) into a',
      '.tar.gz; restore migrates an empty store to the archive’s level, loads every table in one transaction and reads',
      'each back to compare its row count and checksum before committing.',
      '',
      'The district as a first start leaves it: registry, reports, monitoring computed, example policies evaluated.',
      '',
      '| store | reports | rows (all tables) | what | time | size | ÷ floor | restore |',
      '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
      ...lines,
    ].join('\n');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

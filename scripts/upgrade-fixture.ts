// Makes the upgrade test's fixture: a PGlite database written by a previous release's own code, with the records an
// office has after some use (the demo registry and reports, example policies, a recompute, a decided grant batch, an
// audit trail), saved as a backup archive (this code's logical format: the release's migration level and every
// table's rows as COPY text — 0.3 MB where the data directory itself is 45 MB) beside a JSON file of what must read
// back after the upgrade and the release's migrations (tag and hash), which must never change.
//
//   git worktree add --detach /tmp/rel v0.2.0 && ln -s "$PWD/node_modules" /tmp/rel/node_modules
//   node --import tsx scripts/upgrade-fixture.ts --code /tmp/rel --out test/fixtures/upgrade/v0.2.0
//
// It imports the release's modules from --code, so the data is exactly what that release writes. It drives the
// release through its HTTP API (Fastify's inject), as an office would, and never reads outside --code and --out.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v) throw new Error(`--${name} is required`);
  return path.resolve(v);
};
const code = arg('code');
const out = arg('out');
const load = (rel: string) => import(pathToFileURL(path.join(code, rel)).href);

const ADMIN = 'upgrade-fixture-admin';
const { openDatabase, sql } = await load('src/platform/db/db.ts');
const { buildServer } = await load('src/server.ts');
const boot = await load('src/bootstrap.ts');
const release = JSON.parse(await fs.readFile(path.join(code, 'package.json'), 'utf8')).version as string;

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'mtx-upgrade-'));
const dataDir = path.join(work, 'data');
const database = await openDatabase({ dataDir });
const db = database.db;
let clock = new Date('2026-11-20T02:00:00Z');
const planFile = path.join(code, 'plans', 'jiulongpo-2027.yaml');
const plan = await boot.loadPlanFromFile(db, planFile);
await boot.ensureAdmin(db, plan.districtId, ADMIN);
await boot.ensureDemo(db, plan.districtId, { enterprises: 120 });
await boot.ensureExamplePolicies(db, plan.districtId, boot.policyFileFor(planFile));
await boot.ensureComputed(db, plan.districtId, clock);
const app = await buildServer({
  db,
  config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
  defaultDistrictId: plan.districtId,
  now: () => clock,
});
await app.ready();

let cookie = '';
async function call(method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  const r = await app.inject({ method, url, payload: JSON.stringify(body ?? {}), headers });
  if (r.statusCode >= 400) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  const set = r.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (first) cookie = first.split(';')[0]!;
  return r.json();
}
await call('POST', '/api/auth/login', { username: 'admin', password: ADMIN });
await call('POST', '/api/policies/evaluate');
const policies = (await call('GET', '/api/policies')) as { id: string; code: string }[];
const policy = policies.find((p) => p.code === 'aboveScaleRent')!;
const opened = await call('POST', `/api/policies/${policy.id}/batches`, { note: '升级测试批次' });
const batchId = opened.batch.id as string;
await call('POST', `/api/grant-batches/${batchId}/publish`, { noticeDays: 5 });
clock = new Date('2026-12-01T02:00:00Z');
await call('POST', `/api/grant-batches/${batchId}/decide`, { note: '升级测试' });
const batch = await call('GET', `/api/grant-batches/${batchId}`);
const items = await call('GET', `/api/grant-batches/${batchId}/items?pageSize=200`);
const overview = await call('GET', '/api/monitoring/overview');
const enterprises = await call('GET', '/api/enterprises?pageSize=5');
await app.close();

// Row counts of every table, to compare after the upgrade (a migration may add tables, never lose rows).
const tables = (await database.db.execute(
  sql.raw(`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`),
)) as { rows: { name: string }[] };
const counts: Record<string, number> = {};
for (const { name } of tables.rows) {
  const r = (await database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM "${name}"`))) as {
    rows: { n: number }[];
  };
  counts[name] = r.rows[0]!.n;
}
await fs.mkdir(path.dirname(out), { recursive: true });
// The archive is written by this code's backup from the release's own database, at the release's migration level.
const { createBackup } = await import('../src/platform/backup/backup.ts');
await createBackup(database.db, `${out}.tar.gz`, { now: clock });
await database.close();
const { codeMigrations } = await import('../src/platform/db/migrations.ts');
const expected = {
  release,
  madeAt: new Date().toISOString(),
  adminPassword: ADMIN,
  districtId: plan.districtId,
  counts,
  batch: batch.batch,
  items: items.items,
  targets: overview.targets?.map((t: { code: string; status?: string }) => t.code) ?? null,
  enterprisesTotal: enterprises.total,
  migrations: codeMigrations(path.join(code, 'migrations')).map(({ tag, hash }) => ({ tag, hash })),
};
await fs.writeFile(`${out}.json`, JSON.stringify(expected, null, 2) + '\n');
await fs.rm(work, { recursive: true, force: true });
const size = (await fs.stat(`${out}.tar.gz`)).size;
console.log(`fixture of ${release}: ${out}.tar.gz (${(size / 1024).toFixed(0)} KB), ${out}.json`);

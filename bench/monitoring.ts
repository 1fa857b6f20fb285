// Monitoring at scale: full recompute at N enterprises × 36 months beside one hand-written aggregate over the same
// rows; the overview API under 50 concurrent clients beside bare Fastify; a 100,000-row report import beside COPY.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import ExcelJS from 'exceljs';
import { openDatabase, rows, sql, type Database } from '../src/platform/db/db.ts';
import { ensureAdmin, ensureDemo, loadPlanFromFile } from '../src/bootstrap.ts';
import { buildServer } from '../src/server.ts';
import { recompute } from '../src/modules/monitoring/monitoring.store.ts';
import { repoRoot } from '../src/platform/config.ts';
import { ms, ratio, stats, withScratchPg } from './lib.ts';

const planFile = path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml');
const NOW = new Date('2026-11-20T00:00:00Z');

/** 36 months of reports for every enterprise, generated inside the database from hashes (fast, repeatable). */
async function synthesizeReports(database: Database, districtId: string) {
  await database.db.execute(sql`
    INSERT INTO reports (district_id, enterprise_id, period, version, is_current, employees, core_talents, operating_revenue,
      software_revenue, software_product_revenue, rd_expense, used_area, source, submitted_at)
    SELECT ${districtId}, e.id, m::date, 1, true, x.emp, x.emp / 6, x.rev, x.rev * 7 / 10, x.rev * 2 / 10, x.rev / 12, x.emp * 12,
           'demo', m + interval '1 month' + interval '5 days'
    FROM enterprises e
    CROSS JOIN generate_series('2023-11-01'::date, '2026-10-01'::date, interval '1 month') AS m
    CROSS JOIN LATERAL (SELECT 5 + abs(hashtext(e.id::text)) % 60 + (extract(month from m)::int % 3) AS emp,
                               (200000 + abs(hashtext(e.id::text || m::text)) % 800000)::bigint AS rev) x
    WHERE e.district_id = ${districtId} AND e.settled_on <= m::date AND (e.left_on IS NULL OR e.left_on >= m::date)`);
  await database.db.execute(sql`ANALYZE`);
  const [n] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM reports`);
  return n!.n;
}

async function setup(database: Database, enterprises: number) {
  const plan = await loadPlanFromFile(database.db, planFile);
  await ensureAdmin(database.db, plan.districtId, 'bench-password-1');
  await ensureDemo(database.db, plan.districtId, { enterprises, reports: false, now: NOW });
  const reports = await synthesizeReports(database, plan.districtId);
  return { districtId: plan.districtId, reports };
}

async function recomputeRow(database: Database, label: string, enterprises: number): Promise<string> {
  const t0 = performance.now();
  const { districtId, reports } = await setup(database, enterprises);
  const loadS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const summary = await recompute(database.db, districtId, NOW);
  const full = performance.now() - t1;
  // The floor: one hand-written aggregate over the same rows — the district's employees per month.
  const t2 = performance.now();
  await database.db.execute(sql`SELECT period, sum(employees), sum(software_revenue) FROM reports
    WHERE district_id = ${districtId} AND is_current GROUP BY period`);
  const floor = performance.now() - t2;
  return `| ${label} | ${enterprises.toLocaleString('en')} | ${reports.toLocaleString('en')} | ${summary!.facts.toLocaleString('en')} | ${(full / 1000).toFixed(1)} s | ${ms(floor)} ms | ${ratio(full, floor)} | ${loadS.toFixed(0)} s |`;
}

async function load(url: string, cookie: string | undefined, clients: number, seconds: number) {
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await fetch(url, cookie ? { headers: { cookie } } : {});
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        samples.push(performance.now() - t);
      }
    }),
  );
  const s = stats(samples);
  return { ...s, rps: samples.length / seconds };
}

/** The platform listening on a free port, with an administrator's session cookie. */
async function listeningAsAdmin(database: Database, districtId: string) {
  const app = await buildServer({
    db: database.db,
    config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
    defaultDistrictId: districtId,
    now: () => NOW,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password-1' }),
  });
  return { app, port, cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}

async function overviewRow(database: Database, label: string, districtId: string): Promise<string> {
  const { app, port, cookie } = await listeningAsAdmin(database, districtId);
  const body = await (
    await fetch(`http://127.0.0.1:${port}/api/monitoring/overview`, { headers: { cookie } })
  ).text();
  await load(`http://127.0.0.1:${port}/api/monitoring/overview`, cookie, 10, 2); // warm-up
  const api = await load(`http://127.0.0.1:${port}/api/monitoring/overview`, cookie, 50, 10);
  await app.close();
  // The floor: bare Fastify answering the same bytes from memory.
  const bare = Fastify();
  bare.get('/x', async (_req, reply) => reply.type('application/json').send(body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bport = (bare.server.address() as { port: number }).port;
  await load(`http://127.0.0.1:${bport}/x`, undefined, 10, 2);
  const floor = await load(`http://127.0.0.1:${bport}/x`, undefined, 50, 10);
  await bare.close();
  return `| ${label} | ${(body.length / 1024).toFixed(0)} KiB | ${ms(api.p50)} | ${ms(api.p99)} | ${api.rps.toFixed(0)} | ${ms(floor.p50)} | ${ms(floor.p99)} | ${floor.rps.toFixed(0)} | ${ratio(floor.rps, api.rps)} |`;
}

async function importRow(
  database: Database,
  label: string,
  districtId: string,
  n: number,
  dbUrl?: string,
): Promise<string> {
  const list = await rows<{ uscc: string }>(
    database.db,
    sql`SELECT uscc FROM enterprises WHERE district_id = ${districtId}
    AND left_on IS NULL AND settled_on <= '2026-10-31' ORDER BY uscc LIMIT ${n}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-bench-import-'));
  const file = path.join(dir, 'reports.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('2026-10');
  ws.addRow([
    '统一社会信用代码',
    '从业人员（人）',
    '核心软信人才（人）',
    '营业收入（万元）',
    '软件业务收入（万元）',
    '软件产品收入（万元）',
    '研发投入（万元）',
    '使用面积（平方米）',
  ]).commit();
  const csv: string[] = [];
  for (const [i, e] of list.entries()) {
    ws.addRow([e.uscc, 20 + (i % 50), 5, 100 + (i % 7), 80, 20, 5.5, 300]).commit();
    csv.push(`${e.uscc},${20 + (i % 50)},5,${(100 + (i % 7)) * 10000},800000,200000,55000,300`);
  }
  await wb.commit();
  const size = fs.statSync(file).size;

  const { app, port, cookie } = await listeningAsAdmin(database, districtId);
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), 'reports.xlsx');
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/reports/import?period=2026-10`, {
    method: 'POST',
    body: form,
    headers: { cookie },
  });
  const result = (await res.json()) as { rows: number; revised: number };
  const took = performance.now() - t;
  clearInterval(sampler);
  await app.close();
  if (res.status !== 200)
    throw new Error(`import failed: ${res.status} ${JSON.stringify(result).slice(0, 300)}`);

  // The floor: COPY of the same rows (as CSV, amounts in yuan) into a plain table of the same shape.
  await database.db
    .execute(sql`CREATE TABLE bench_copy_floor (uscc text, employees int, core_talents int, operating_revenue bigint,
    software_revenue bigint, software_product_revenue bigint, rd_expense bigint, used_area numeric(12,2))`);
  const text = csv.join('\n') + '\n';
  let copyMs: number;
  if (database.pglite) {
    const t2 = performance.now();
    await database.pglite.query(`COPY bench_copy_floor FROM '/dev/blob' WITH (FORMAT csv)`, [], {
      blob: new Blob([text]),
    });
    copyMs = performance.now() - t2;
  } else {
    const csvFile = path.join(dir, 'floor.csv');
    fs.writeFileSync(csvFile, text);
    const t2 = performance.now();
    const r = spawnSync(
      'psql',
      [dbUrl!, '-q', '-c', `\\copy bench_copy_floor FROM '${csvFile}' WITH (FORMAT csv)`],
      { encoding: 'utf8' },
    );
    copyMs = performance.now() - t2;
    if (r.status !== 0) throw new Error(`psql copy failed: ${r.stderr}`);
  }
  await database.db.execute(sql`DROP TABLE bench_copy_floor`);
  fs.rmSync(dir, { recursive: true, force: true });
  return `| ${label} | ${result.rows.toLocaleString('en')} (${(size / 2 ** 20).toFixed(1)} MiB xlsx) | ${(took / 1000).toFixed(1)} s | ${Math.round(result.rows / (took / 1000)).toLocaleString('en')} | ${((peak - rss0) / 2 ** 20).toFixed(0)} MiB | ${ms(copyMs)} ms | ${ratio(took, copyMs)} |`;
}

export async function benchMonitoring(opts: {
  enterprises: number;
  pgUrl: string | undefined;
  only?: string;
}) {
  const recomputeRows: string[] = [];
  const overviewRows: string[] = [];
  const importRows: string[] = [];
  const run = async (label: string, database: Database, dbUrl?: string) => {
    recomputeRows.push(await recomputeRow(database, label, opts.enterprises));
    const [d] = await rows<{ id: string }>(database.db, sql`SELECT id FROM districts WHERE is_default`);
    overviewRows.push(await overviewRow(database, label, d!.id));
    importRows.push(await importRow(database, label, d!.id, Math.min(100_000, opts.enterprises), dbUrl));
  };
  const lite = await openDatabase({});
  try {
    await run('PGlite', lite);
  } finally {
    await lite.close();
  }
  if (opts.pgUrl) {
    await withScratchPg(opts.pgUrl, 'mtx_bench_mon', async (server, url) => {
      await run('PostgreSQL 15', server, url);
    });
  }
  return `### Full recompute (facts, every target with breakdowns, snapshots)

| store | enterprises | reports | fact rows | recompute | floor: one aggregate over the reports | ratio | setup |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${recomputeRows.join('\n')}

### Overview API under 50 concurrent clients (10 s)

| store | body | p50 (ms) | p99 (ms) | req/s | bare Fastify p50 | p99 | req/s | bare ÷ API (req/s) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${overviewRows.join('\n')}

### Importing a month of reports from .xlsx (streamed), beside COPY of the same rows

| store | rows | time | rows/s | peak RSS growth | floor: COPY | ratio |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${importRows.join('\n')}`;
}

// Mixed reads under 200 concurrent clients on both stores, with and without the admission gate, beside bare Fastify;
// and, on PGlite, where a request's time goes (waiting for the database, executing SQL, the rest of Node).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance as perf } from 'node:perf_hooks';
import Fastify from 'fastify';
import { DEFAULT_POOL_SIZE, openDatabase, type Database } from '../src/platform/db/db.ts';
import { gateOptionsFor, type GateOptions } from '../src/platform/db/gate.ts';
import { ensureAdmin, ensureDemo, loadPlanFromFile } from '../src/bootstrap.ts';
import { buildServer } from '../src/server.ts';
import { recompute } from '../src/modules/monitoring/monitoring.store.ts';
import { loadConfig, repoRoot } from '../src/platform/config.ts';
import type { App } from '../src/platform/http/app.ts';
import { ms, ratio, withScratchPg } from './lib.ts';
import type { LoadPlan, LoadResult, LoadTarget } from './load-client.ts';

const planFile = path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml');
const NOW = new Date('2026-11-20T00:00:00Z');
const PASSWORD = 'bench-password-1';

/** Runs the load generator in its own process and returns its summary. */
function drive(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'bench', 'load-client.ts'), JSON.stringify(plan)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`client exited ${code}`)),
    );
  });
}

/** Time spent in PGlite: every statement (call to answer, including its queue) and the synchronous execution. */
interface Profile {
  queries: number;
  queryMs: number;
  execs: number;
  execMs: number;
  requests: number;
  requestMs: number;
}

const profiles = new WeakMap<Database, Profile>();

/** Counts statements and their execution on a PGlite store (once per store), and requests of this app. */
function instrument(database: Database, app: App): Profile {
  let p = profiles.get(database);
  if (!p) {
    p = { queries: 0, queryMs: 0, execs: 0, execMs: 0, requests: 0, requestMs: 0 };
    profiles.set(database, p);
    wrapPglite(database, p);
  }
  const profile = p;
  app.addHook('onResponse', async (_req, reply) => {
    profile.requests++;
    profile.requestMs += reply.elapsedTime;
  });
  return profile;
}

function wrapPglite(database: Database, p: Profile) {
  const lite = database.pglite as unknown as Record<string, (...a: unknown[]) => unknown> | undefined;
  if (!lite) return;
  // The WebAssembly call that runs a statement: synchronous, so it holds the event loop while it runs.
  const rawSync = lite.execProtocolRawSync!.bind(lite);
  lite.execProtocolRawSync = (...a: unknown[]) => {
    const t = performance.now();
    try {
      return rawSync(...a);
    } finally {
      p.execs++;
      p.execMs += performance.now() - t;
    }
  };
  for (const name of ['query', 'exec']) {
    const orig = lite[name]!.bind(lite);
    lite[name] = async (...a: unknown[]) => {
      const t = performance.now();
      try {
        return await orig(...a);
      } finally {
        p.queries++;
        p.queryMs += performance.now() - t;
      }
    };
  }
}

async function seed(database: Database) {
  const t = performance.now();
  const plan = await loadPlanFromFile(database.db, planFile);
  await ensureAdmin(database.db, plan.districtId, PASSWORD);
  await ensureDemo(database.db, plan.districtId, { enterprises: 1500, now: NOW });
  await recompute(database.db, plan.districtId, NOW);
  console.log(`  ${database.kind}: seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return plan.districtId;
}

async function listen(database: Database, districtId: string, gate: GateOptions | undefined) {
  const app = await buildServer({
    db: database.db,
    config: { logLevel: 'silent', sessionTtlHours: 4, secureCookies: false, serveWeb: false },
    defaultDistrictId: districtId,
    now: () => NOW,
    ...(gate ? { gate } : {}),
  });
  const profile = instrument(database, app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  // The pages every visit touches: the dashboard, a target, the registry's first page, the public dashboard.
  const targets: LoadTarget[] = [
    { url: `${base}/api/monitoring/overview`, cookie },
    { url: `${base}/api/monitoring/targets/newEmployees`, cookie },
    { url: `${base}/api/enterprises?page=1&pageSize=20`, cookie },
    { url: `${base}/api/public/overview` },
  ];
  for (const t of targets) {
    const res = await fetch(t.url, t.cookie ? { headers: { cookie: t.cookie } } : {});
    if (res.status !== 200) throw new Error(`${t.url}: ${res.status} ${await res.text()}`);
  }
  return { app, profile, targets };
}

interface Row {
  label: string;
  admission: string;
  r: LoadResult;
  profile?: Profile;
  elu?: number;
  wallMs?: number;
  gateWaitMs?: number;
}

async function measure(
  database: Database,
  districtId: string,
  label: string,
  gate: GateOptions | undefined,
  clients: number,
  seconds: number,
): Promise<Row> {
  const { app, profile, targets } = await listen(database, districtId, gate);
  console.log(`  ${label}, admission ${gate ? 'gated' : 'none'}…`);
  try {
    await drive({ targets, clients: 20, seconds: 3, timeoutMs: 30_000 }); // warm-up
    Object.assign(profile, { queries: 0, queryMs: 0, execs: 0, execMs: 0, requests: 0, requestMs: 0 });
    const gateStats = app.admissionGate?.stats;
    const admitted0 = gateStats?.admitted ?? 0;
    const waited0 = gateStats?.waitedMs ?? 0;
    const elu0 = perf.eventLoopUtilization();
    const t0 = performance.now();
    const r = await drive({ targets, clients, seconds, timeoutMs: 30_000 });
    const wallMs = performance.now() - t0;
    const elu = perf.eventLoopUtilization(elu0).utilization;
    const admitted = (gateStats?.admitted ?? 0) - admitted0;
    return {
      label,
      admission: gate
        ? `${gate.concurrency} at work, queue ≤ ${gate.queueMax}, wait ≤ ${gate.timeoutMs} ms, loop lag ≤ ${gate.maxEventLoopDelayMs ?? '∞'} ms`
        : 'none',
      r,
      profile: { ...profile },
      elu,
      wallMs,
      ...(gate && admitted ? { gateWaitMs: ((gateStats?.waitedMs ?? 0) - waited0) / admitted } : {}),
    };
  } finally {
    await app.close();
  }
}

async function bare(clients: number, seconds: number): Promise<LoadResult> {
  const app = Fastify();
  app.get('/x', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/x`;
  try {
    await drive({ targets: [{ url }], clients: 20, seconds: 3, timeoutMs: 30_000 });
    return await drive({ targets: [{ url }], clients, seconds, timeoutMs: 30_000 });
  } finally {
    await app.close();
  }
}

const n = (x: number) => x.toLocaleString('en', { maximumFractionDigits: 0 });
/** Milliseconds, or a dash when there was nothing to measure (NaN arrives from the client's JSON as null). */
const msOr = (x: number | null) => (x === null || Number.isNaN(x) ? '–' : ms(x));

export async function benchLoad(opts: { pgUrl: string | undefined; clients?: number; seconds?: number }) {
  const clients = opts.clients ?? 200;
  const seconds = opts.seconds ?? 30;
  // The gate as `serve` configures it by default (MANTIANXING_DB_* unset).
  const config = loadConfig({});
  const gateCfg = {
    concurrency: config.dbConcurrency,
    queueMax: config.dbQueueMax,
    timeoutMs: config.dbQueueTimeoutMs,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
  };
  const rowsOut: Row[] = [];
  const floor = await bare(clients, seconds);

  const lite = await openDatabase({});
  try {
    const districtId = await seed(lite);
    rowsOut.push(await measure(lite, districtId, 'PGlite', undefined, clients, seconds));
    rowsOut.push(
      await measure(
        lite,
        districtId,
        'PGlite',
        gateOptionsFor('pglite', DEFAULT_POOL_SIZE, gateCfg),
        clients,
        seconds,
      ),
    );
  } finally {
    await lite.close();
  }
  if (opts.pgUrl) {
    await withScratchPg(opts.pgUrl, 'mtx_bench_load', async (server) => {
      const districtId = await seed(server);
      rowsOut.push(await measure(server, districtId, 'PostgreSQL 15', undefined, clients, seconds));
      rowsOut.push(
        await measure(
          server,
          districtId,
          'PostgreSQL 15',
          gateOptionsFor('pg', DEFAULT_POOL_SIZE, gateCfg),
          clients,
          seconds,
        ),
      );
    });
  }

  const line = (x: Row) =>
    `| ${x.label} | ${x.admission} | ${n(x.r.ok)} | ${x.r.okPerSecond.toFixed(0)} | ${msOr(x.r.okP50)} | ${msOr(x.r.okP99)} | ${n(x.r.overloaded)} | ${msOr(x.r.overloadedP99)} | ${n(x.r.errors)} (${n(x.r.timeouts)} timeouts) | ${ratio(floor.okPerSecond, x.r.okPerSecond)} |`;
  const where = (x: Row) => {
    const p = x.profile!;
    const perReq = (v: number) => (p.requests ? v / p.requests : 0);
    const busy = x.elu! * x.wallMs!;
    return `| ${x.label} | ${x.admission} | ${msOr(x.r.okP50)} | ${ms(perReq(p.requestMs))} | ${x.gateWaitMs === undefined ? '–' : ms(x.gateWaitMs)} | ${ms(perReq(p.execMs))} | ${ms(perReq(Math.max(0, busy - p.execMs)))} | ${(x.elu! * 100).toFixed(0)} % | ${((p.execMs / Math.max(1, busy)) * 100).toFixed(0)} % |`;
  };
  const lites = rowsOut.filter((x) => x.label === 'PGlite');
  return `**Provisional, machine shared** (other engineers' work ran at the same time; the lead re-runs this on the final
code). ${clients} clients in closed loops for ${seconds} s each, in a separate process on 127.0.0.1, cycling through
the signed-in overview, a target page (newEmployees), the registry's first page and the public overview (1,500 demo
enterprises, one recompute). A 503 is honoured as a browser would: the client waits Retry-After before its next
request. Latencies are of 200 answers only; the floor is bare Fastify answering \`{"ok":true}\` to the same load.

| store | admission | 200s | 200/s | p50 (ms) | p99 (ms) | 503 | 503 p99 (ms) | errors | bare ÷ store (req/s) |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| bare Fastify | – | ${n(floor.ok)} | ${floor.okPerSecond.toFixed(0)} | ${msOr(floor.okP50)} | ${msOr(floor.okP99)} | ${n(floor.overloaded)} | – | ${n(floor.errors)} | 1.0× |
${rowsOut.map(line).join('\n')}

### Where a request's time goes on PGlite (same runs)

Measured inside the server, per request answered (200 or 503): its time from Fastify reading it to the response
(\`elapsedTime\`), its wait at the gate, the synchronous WebAssembly execution of its SQL (PGlite runs on the event
loop, so this is event-loop time), and the rest of the event loop's busy time (Fastify, Zod, JSON, the session hook);
then the event loop's busy share and how much of it was SQL. The client's p50 minus the server time is time spent
before Fastify read the request: in the socket, behind a busy event loop.

| store | admission | client p50 (ms) | server time (ms) | gate wait (ms) | SQL execution (ms) | other Node work (ms) | event loop busy | of which SQL |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${lites.map(where).join('\n')}`;
}

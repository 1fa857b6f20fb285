// 企业诉求 at a district's size: 200,000 service-desk requests over three years (bench/servicedesk-data.ts takes each
// through the module's own steps), 10,000 of them open at the cut. The desk's list page through the real route
// (Fastify inject) for the plan office, a department and a subdistrict, beside a bare SELECT of the same page; the
// 三率 through the figures route for a month and a year, beside one SQL aggregate computing the same counts (and
// checked against it, cell by cell); the nightly job (dailyCheck) on the 10,000 open requests, and their clocks
// recomputed in Node, beside a bare read of the same rows. Both stores: PGlite (in a scratch data directory) and a
// scratch database on the PostgreSQL server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'drizzle-orm';
import { openDatabase, rows, type Database, type Db } from '../src/platform/db/db.ts';
import { inTransaction } from '../src/platform/backup/session.ts';
import { ensureAdmin, ensureDemo, loadPlanFromFile } from '../src/bootstrap.ts';
import { buildServer } from '../src/server.ts';
import { repoRoot } from '../src/platform/config.ts';
import { today, type CivilDate } from '../src/platform/time/date.ts';
import { serviceRequests } from '../src/modules/servicedesk/servicedesk.schema.ts';
import { answerDueOf, deskContext, pausesOf } from '../src/modules/servicedesk/servicedesk.store.ts';
import { elapsedWorkingDays, overdueWorkingDays } from '../src/modules/servicedesk/servicedesk.clock.ts';
import { dailyCheck } from '../src/modules/servicedesk/servicedesk.jobs.ts';
import { copyColumns, eventColumns, generate, requestColumns, type Firm } from './servicedesk-data.ts';
import { ms, ratio, time, withScratchPg, type Stats } from './lib.ts';

/** The instant the benchmark stands at: 07:00 in Shanghai on 2026-12-04, when the daily job runs. */
const NOW = new Date('2026-12-03T23:00:00Z');
const FROM = '2023-12-04' as CivilDate;
const OPEN_STATES = sql.raw(`('filed', 'dispatched', 'returned', 'accepted', 'handling', 'supplement')`);

class Rollback extends Error {}

// A full collection before each measured block, so that its growth is its own (no --expose-gc needed).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Peak RSS and JS heap while `fn` runs (sampled every 20 ms), as growth over the start after a full GC. */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; rss: number; heap: number }> {
  gc();
  const m0 = process.memoryUsage();
  let rss = m0.rss;
  let heap = m0.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await fn();
    sample();
    return { value, rss: (rss - m0.rss) / 2 ** 20, heap: (heap - m0.heapUsed) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function seed(database: Database, requests: number, open: number) {
  const db = database.db;
  const t0 = performance.now();
  const plan = await loadPlanFromFile(db, path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml'));
  const districtId = plan.districtId;
  await ensureAdmin(db, districtId, 'bench-password-1');
  await ensureDemo(db, districtId, { enterprises: 3000, reports: false, now: NOW });
  const ctx = await deskContext(db, districtId);
  const firms = await rows<Firm>(
    db,
    sql`SELECT id::text, subdistrict_id::text AS "subdistrictId", fields, contact_person AS "contactPerson",
               contact_phone AS "contactPhone" FROM enterprises WHERE district_id = ${districtId} ORDER BY uscc`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-servicedesk-'));
  const reqFile = path.join(dir, 'requests.copy');
  const evFile = path.join(dir, 'events.copy');
  try {
    const counts = await generate(
      { districtId, ctx, firms, requests, open, from: FROM, cut: NOW, seed: 2027 },
      async (reqLines, evLines) => {
        fs.writeFileSync(reqFile, reqLines.join('\n') + '\n');
        fs.writeFileSync(evFile, evLines.join('\n') + '\n');
        await inTransaction(db, '', async (s) => {
          await s.copyIn(`COPY service_requests (${copyColumns(requestColumns)})`, reqFile);
          await s.copyIn(`COPY service_request_events (${copyColumns(eventColumns)})`, evFile);
        });
      },
    );
    await db.execute(sql`ANALYZE`);
    return { districtId, counts, seconds: (performance.now() - t0) / 1000 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Shape {
  name: string;
  who: 'admin' | 'dept' | 'street';
  query: string;
  /** The same page's WHERE (beyond the district), ORDER and LIMIT/OFFSET on service_requests alone. */
  bare: (p: {
    districtId: string;
    deptId: string;
    streetId: string;
    unitId: string;
  }) => ReturnType<typeof sql>;
}

const order = sql.raw('ORDER BY filed_at DESC, seq DESC');
const shapes = (ids: { unitId: string }): Shape[] => [
  {
    name: 'plan office: first page, no filter',
    who: 'admin',
    query: '/api/service-desk/requests?page=1&pageSize=20',
    bare: ({ districtId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId} ${order} LIMIT 20`,
  },
  {
    name: 'plan office: open, category 人才 (subtree), page 1',
    who: 'admin',
    query: '/api/service-desk/requests?state=open&category=talent&page=1&pageSize=20',
    bare: ({ districtId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId} AND state IN ${OPEN_STATES}
          AND (category = 'talent' OR category LIKE 'talent.%') ${order} LIMIT 20`,
  },
  {
    name: 'plan office: overdue, page 1',
    who: 'admin',
    query: '/api/service-desk/requests?state=overdue&page=1&pageSize=20',
    bare: ({ districtId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId}
          AND ((state = 'dispatched' AND accept_due_on < ${today(NOW)})
            OR (state IN ('filed', 'dispatched', 'returned', 'accepted', 'handling') AND answer_due_on < ${today(NOW)}))
          ${order} LIMIT 20`,
  },
  {
    name: 'plan office: one unit, month 2026-06, page 2',
    who: 'admin',
    query: `/api/service-desk/requests?unitId=${ids.unitId}&month=2026-06&page=2&pageSize=20`,
    bare: ({ districtId, unitId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId} AND unit_id = ${unitId}
          AND filed_on BETWEEN '2026-06-01' AND '2026-06-30' ${order} LIMIT 20 OFFSET 20`,
  },
  {
    name: 'plan office: text search "公寓", page 1',
    who: 'admin',
    query: `/api/service-desk/requests?q=${encodeURIComponent('公寓')}&page=1&pageSize=20`,
    bare: ({ districtId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId}
          AND (title ILIKE '%公寓%' OR description ILIKE '%公寓%') ${order} LIMIT 20`,
  },
  {
    name: 'plan office: deep page 200, no filter',
    who: 'admin',
    query: '/api/service-desk/requests?page=200&pageSize=20',
    bare: ({ districtId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId} ${order} LIMIT 20 OFFSET 3980`,
  },
  {
    name: 'department (区经济信息委): first page',
    who: 'dept',
    query: '/api/service-desk/requests?page=1&pageSize=20',
    bare: ({ districtId, deptId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId}
          AND (unit_id = ${deptId} OR ${deptId}::uuid = ANY(handled_unit_ids)) ${order} LIMIT 20`,
  },
  {
    name: 'subdistrict (石桥铺街道): open, page 1',
    who: 'street',
    query: '/api/service-desk/requests?state=open&page=1&pageSize=20',
    bare: ({ districtId, streetId }) =>
      sql`SELECT * FROM service_requests WHERE district_id = ${districtId} AND state IN ${OPEN_STATES}
          AND (unit_id = ${streetId} OR ${streetId}::uuid = ANY(handled_unit_ids) OR subdistrict_id = ${streetId})
          ${order} LIMIT 20`,
  },
];

/** The 三率 cells as one SQL aggregate: the definitions of servicedesk.figures.ts, written as FILTERs. */
const figuresSql = (districtId: string, from: string, to: string, asOf: string) => sql`
  SELECT to_char(filed_on, 'YYYY-MM') AS month, unit_id::text AS unit, category, count(*)::int AS filed,
    count(*) FILTER (WHERE accepted_on IS NOT NULL AND (accept_due_on IS NULL OR accepted_on <= accept_due_on))::int AS acc_hits,
    count(*) FILTER (WHERE accepted_on IS NOT NULL OR accept_due_on < ${asOf})::int AS acc_due,
    count(*) FILTER (WHERE first_answered_on IS NOT NULL
      AND (first_answer_due_on IS NULL OR first_answered_on <= first_answer_due_on))::int AS ans_hits,
    count(*) FILTER (WHERE first_answered_on IS NOT NULL
      OR (state <> 'supplement' AND answer_due_on < ${asOf}))::int AS ans_due,
    count(*) FILTER (WHERE state = 'closed' AND rating IN ('satisfied', 'basicallySatisfied'))::int AS sat_hits,
    count(*) FILTER (WHERE state = 'closed' AND rating IS NOT NULL)::int AS rated,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY first_answer_working_days)
      FILTER (WHERE first_answered_on IS NOT NULL) AS median,
    count(*) FILTER (WHERE reopen_count > 0)::int AS reopened
  FROM service_requests WHERE district_id = ${districtId} AND filed_on BETWEEN ${from} AND ${to}
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

interface ApiCell {
  month: string;
  unit: { id: string } | null;
  category: string;
  filed: number;
  acceptedOnTime: { hits: number; due: number };
  answeredOnTime: { hits: number; due: number };
  satisfaction: { hits: number; due: number };
  medianAnswerWorkingDays: number | null;
  reopened: number;
}
interface SqlCell {
  month: string;
  unit: string | null;
  category: string;
  filed: number;
  acc_hits: number;
  acc_due: number;
  ans_hits: number;
  ans_due: number;
  sat_hits: number;
  rated: number;
  median: number | string | null;
  reopened: number;
}

/** Cells that differ between the route's figures and the aggregate's. */
function disagreements(api: ApiCell[], bare: SqlCell[]): number {
  const key = (m: string, u: string | null, c: string) => `${m}|${u ?? ''}|${c}`;
  const byKey = new Map(bare.map((b) => [key(b.month, b.unit, b.category), b]));
  let differ = Math.abs(api.length - bare.length);
  for (const a of api) {
    const b = byKey.get(key(a.month, a.unit?.id ?? null, a.category));
    const same =
      b &&
      b.filed === a.filed &&
      b.acc_hits === a.acceptedOnTime.hits &&
      b.acc_due === a.acceptedOnTime.due &&
      b.ans_hits === a.answeredOnTime.hits &&
      b.ans_due === a.answeredOnTime.due &&
      b.sat_hits === a.satisfaction.hits &&
      b.rated === a.satisfaction.due &&
      (b.median === null ? null : Number(b.median)) === a.medianAnswerWorkingDays &&
      b.reopened === a.reopened;
    if (!same) differ++;
  }
  return differ;
}

async function benchOn(
  database: Database,
  label: string,
  o: { requests: number; open: number; iterations: number },
) {
  const db = database.db;
  const seeded = await seed(database, o.requests, o.open);
  const { districtId, counts } = seeded;
  const app = await buildServer({
    db,
    config: { logLevel: 'silent', sessionTtlHours: 12, secureCookies: false, serveWeb: false },
    defaultDistrictId: districtId,
    now: () => NOW,
  });
  await app.ready();
  const login = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return String(res.headers['set-cookie']).split(';')[0]!;
  };
  const cookies = {
    admin: await login('admin', 'bench-password-1'),
    dept: await login('dept', 'mantianxing-demo'),
    street: await login('street', 'mantianxing-demo'),
  };
  const [ids] = await rows<{ deptId: string; streetId: string; unitId: string }>(
    db,
    sql`SELECT (SELECT id::text FROM units WHERE district_id = ${districtId} AND name = '区经济信息委') AS "deptId",
               (SELECT id::text FROM units WHERE district_id = ${districtId} AND name = '石桥铺街道') AS "streetId",
               (SELECT id::text FROM units WHERE district_id = ${districtId} AND name = '区人力社保局') AS "unitId"`,
  );
  const p = { districtId, ...ids! };
  const get = async (url: string, cookie: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };

  // 1. The list page.
  const listRows: string[] = [];
  for (const s of shapes(ids!)) {
    const total = (JSON.parse((await get(s.query, cookies[s.who])).body) as { total: number }).total;
    const api: Stats = await time(() => get(s.query, cookies[s.who]), o.iterations);
    const bare: Stats = await time(() => db.execute(s.bare(p)), o.iterations);
    listRows.push(
      `| ${label} | ${s.name} | ${total.toLocaleString('en')} | ${ms(api.p50)} | ${ms(api.p99)} | ${ms(bare.p50)} | ${ms(bare.p99)} | ${ratio(api.p50, bare.p50)} |`,
    );
  }

  // 2. The 三率: a month and a year through the figures route, beside the aggregate.
  const asOf = today(NOW);
  const figRows: string[] = [];
  for (const [what, from, to, n] of [
    ['month (2026-11)', '2026-11', '2026-11', 20],
    ['year (2025-12 – 2026-11)', '2025-12', '2026-11', 6],
  ] as const) {
    const url = `/api/service-desk/figures?from=${from}&to=${to}`;
    const apiCells = (JSON.parse((await get(url, cookies.admin)).body) as { cells: ApiCell[] }).cells;
    const lastDay = new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const bareSql = figuresSql(districtId, `${from}-01`, lastDay, asOf);
    const bareCells = await rows<SqlCell>(db, bareSql);
    const [filed] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM service_requests WHERE district_id = ${districtId} AND filed_on BETWEEN ${`${from}-01`} AND ${lastDay}`,
    );
    const peak = await withPeak(() => time(() => get(url, cookies.admin), n, 2));
    const bare = await time(() => db.execute(bareSql), n, 2);
    figRows.push(
      `| ${label} | ${what} | ${filed!.n.toLocaleString('en')} | ${apiCells.length.toLocaleString('en')} | ${ms(peak.value.p50)} | ${ms(peak.value.p99)} | ${ms(bare.p50)} | ${ratio(peak.value.p50, bare.p50)} | ${disagreements(apiCells, bareCells)} | ${peak.rss.toFixed(0)} / ${peak.heap.toFixed(0)} MiB |`,
    );
  }
  await app.close();

  // 3. The nightly job and the clock of every open request.
  const openRead = sql`SELECT * FROM service_requests WHERE district_id = ${districtId} AND state IN ${OPEN_STATES}`;
  const [openCount] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM service_requests WHERE district_id = ${districtId} AND state IN ${OPEN_STATES}`,
  );
  const bareOpen = await time(() => db.execute(openRead), 10, 2);
  let mismatched = 0;
  const clock = await withPeak(() =>
    time(
      async () => {
        const found = await db
          .select()
          .from(serviceRequests)
          .where(
            sql`${serviceRequests.districtId} = ${districtId} AND ${serviceRequests.state} IN ${OPEN_STATES}`,
          );
        mismatched = 0;
        for (const r of found) {
          const due = answerDueOf(r);
          if (due !== r.answerDueOn) mismatched++;
          elapsedWorkingDays(r.roundStartedOn as CivilDate, asOf, pausesOf(r));
          overdueWorkingDays(due, asOf);
        }
      },
      10,
      2,
    ),
  );
  // dailyCheck inside an outer transaction rolled back after each run (its own transaction is a savepoint), so every
  // run finds the same rows. Steady state: every earlier morning's findings already flagged. Catch-up: every flag
  // cleared first (outside the timing), as after the job had not run for weeks.
  const timedNightly = async (clear: boolean) => {
    const times: number[] = [];
    let mem = { rss: 0, heap: 0 };
    let summary = { acceptOverdue: 0, answerOverdue: 0, supervised: 0, autoRated: 0, asOf: '' };
    for (let i = 0; i < (clear ? 2 : 5); i++) {
      await db
        .transaction(async (tx) => {
          if (clear)
            await tx.execute(sql`UPDATE service_requests SET overdue_flagged_on = NULL, accept_overdue_flagged_on = NULL
              WHERE district_id = ${districtId} AND state IN ${OPEN_STATES}`);
          const t = performance.now();
          const run = await withPeak(() => dailyCheck(tx as unknown as Db, districtId, NOW));
          times.push(performance.now() - t);
          summary = run.value;
          mem = { rss: Math.max(mem.rss, run.rss), heap: Math.max(mem.heap, run.heap) };
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      p50: sorted[Math.floor((sorted.length - 1) / 2)]!,
      max: sorted[sorted.length - 1]!,
      summary,
      mem,
    };
  };
  const steady = await timedNightly(false);
  const catchUp = await timedNightly(true);
  const found2 = (s: typeof steady.summary) =>
    `${s.answerOverdue.toLocaleString('en')} answer overdue, ${s.acceptOverdue.toLocaleString('en')} acceptance overdue, ${s.autoRated.toLocaleString('en')} closed by the rating window`;
  const nightRows = [
    `| ${label} | nightly check, steady state (dailyCheck; finds ${found2(steady.summary)}) | ${ms(steady.p50)} | ${ms(steady.max)} | ${ms(bareOpen.p50)} | ${ratio(steady.p50, bareOpen.p50)} | ${steady.mem.rss.toFixed(0)} / ${steady.mem.heap.toFixed(0)} MiB |`,
    `| ${label} | nightly check, catch-up: every flag cleared (finds ${found2(catchUp.summary)}) | ${ms(catchUp.p50)} | ${ms(catchUp.max)} | ${ms(bareOpen.p50)} | ${ratio(catchUp.p50, bareOpen.p50)} | ${catchUp.mem.rss.toFixed(0)} / ${catchUp.mem.heap.toFixed(0)} MiB |`,
    `| ${label} | every open request's clock recomputed in Node (read, answerDueOf, elapsed and overdue working days; ${mismatched} deadlines differ from the stored) | ${ms(clock.value.p50)} | ${ms(clock.value.p99)} | ${ms(bareOpen.p50)} | ${ratio(clock.value.p50, bareOpen.p50)} | ${clock.rss.toFixed(0)} / ${clock.heap.toFixed(0)} MiB |`,
  ];
  const states = Object.entries(counts.byState)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s} ${n.toLocaleString('en')}`)
    .join(', ');
  const setup =
    `${label}: ${counts.requests.toLocaleString('en')} requests (${states}; ${openCount!.n.toLocaleString('en')} open), ` +
    `${counts.events.toLocaleString('en')} events; ${counts.reopened.toLocaleString('en')} reopened, ` +
    `${counts.paused.toLocaleString('en')} paused, ${counts.extended.toLocaleString('en')} with an extension asked, ` +
    `${counts.returned.toLocaleString('en')} returned, ${counts.rated.toLocaleString('en')} rated by the enterprise, ` +
    `${counts.autoRated.toLocaleString('en')} closed by the rating window. Generated and loaded (COPY) in ${seeded.seconds.toFixed(1)} s.`;
  return { listRows, figRows, nightRows, setup };
}

export async function benchServiceDesk(opts: {
  pgUrl: string | undefined;
  requests?: number;
  open?: number;
  iterations?: number;
  stores?: ('pglite' | 'pg')[];
}): Promise<string> {
  const o = {
    requests: opts.requests ?? 200_000,
    open: opts.open ?? 10_000,
    iterations: opts.iterations ?? 50,
  };
  const results: Awaited<ReturnType<typeof benchOn>>[] = [];
  const stores = opts.stores ?? ['pglite', 'pg'];
  if (stores.includes('pglite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-servicedesk-pglite-'));
    const lite = await openDatabase({ dataDir: dir });
    try {
      results.push(await benchOn(lite, 'PGlite', o));
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (opts.pgUrl && stores.includes('pg'))
    await withScratchPg(opts.pgUrl, 'bench_servicedesk', async (server) => {
      results.push(await benchOn(server, 'PostgreSQL 15', o));
    });
  return [
    `### Service-desk requests (企业诉求): ${o.requests.toLocaleString('en')} over three years, ${o.open.toLocaleString('en')} open`,
    '',
    `As of ${NOW.toISOString()} (07:00 in Shanghai on ${today(NOW)}, when the daily job runs); filed from ${FROM}, ` +
      'by 3,000 demo enterprises, routed by the default rules and taken through their steps by the module’s own step ' +
      'logic (bench/servicedesk-data.ts), the daily job’s findings of every earlier morning applied.',
    '',
    ...results.map((r) => `- ${r.setup}`),
    '',
    `#### The desk’s list page (${o.iterations} requests per row)`,
    '',
    'A whole request through Fastify (session, Zod, the visibility condition, the exact count for the pager, the page ' +
      'with enterprise names, the configuration and units, duplicates, serialisation); the floor is a bare `SELECT *` of ' +
      'the same page from service_requests alone, same WHERE, ORDER BY and LIMIT.',
    '',
    '| store | page | matching | API p50 (ms) | API p99 (ms) | floor p50 (ms) | floor p99 (ms) | API / floor (p50) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.flatMap((r) => r.listRows),
    '',
    '#### The 三率 (GET /api/service-desk/figures, every unit and category)',
    '',
    'The route reads the facts of every request filed in the range (factsBetween) and groups them in Node ' +
      '(figureCells); the floor is one SQL aggregate computing the same hits, dues, medians and counts per month × unit ' +
      '× category, and the cells are compared one by one. Memory: peak growth of RSS / JS heap during the timed runs ' +
      '(PGlite’s memory is in the same process).',
    '',
    '| store | range | requests | cells | API p50 (ms) | API p99 (ms) | floor: SQL aggregate p50 (ms) | ratio | cells differing | peak RSS / heap growth |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.flatMap((r) => r.figRows),
    '',
    '#### The clock of the open requests: the nightly check (serviceDesk.daily)',
    '',
    '`dailyCheck` as the job runs it, inside an outer transaction rolled back after each run so that every run finds ' +
      'the same rows (5 runs steady state, 2 catch-up; the median — of two, the faster — and the slowest); it reads the open requests past a ' +
      'deadline and not yet flagged, and every answered request (the rating window), then writes each finding ' +
      '(the row, event rows, an audit row, the supervision request) and one batch of notifications. The floor is a bare ' +
      '`SELECT *` of the open requests.',
    '',
    '| store | what | p50 (ms) | slowest / p99 (ms) | floor: bare read of the open rows p50 (ms) | ratio | peak RSS / heap growth |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...results.flatMap((r) => r.nightRows),
  ].join('\n');
}

// Enterprise list (filter + page) at 100,000 enterprises through the API, beside a bare SELECT of the same page.
import { openDatabase, rows, sql, type Database } from '../src/platform/db/db.ts';
import { ensureAdmin, ensureDemo, loadPlanFromFile } from '../src/bootstrap.ts';
import { buildServer } from '../src/server.ts';
import { ms, ratio, time, withScratchPg, type Stats } from './lib.ts';
import path from 'node:path';
import { repoRoot } from '../src/platform/config.ts';

interface Shape {
  name: string;
  query: (ids: { sub: string }) => string;
  bare: (ids: { sub: string }, districtId: string) => ReturnType<typeof sql>;
}

const cols = sql.raw(
  'id, uscc, name, registration_date, subdistrict_id, building_id, fields, above_scale, status',
);
const shapes: Shape[] = [
  {
    name: 'first page, no filter, by name',
    query: () => '/api/enterprises?page=1&pageSize=20',
    bare: (_, d) => sql`SELECT ${cols} FROM enterprises WHERE district_id = ${d} ORDER BY name, id LIMIT 20`,
  },
  {
    name: 'subdistrict + field filter, page 3',
    query: ({ sub }) => `/api/enterprises?subdistrictId=${sub}&field=aiAgents&page=3&pageSize=20`,
    bare: ({ sub }, d) =>
      sql`SELECT ${cols} FROM enterprises WHERE district_id = ${d} AND subdistrict_id = ${sub} AND 'aiAgents' = ANY(fields)
          ORDER BY name, id LIMIT 20 OFFSET 40`,
  },
  {
    name: 'name search "智能" + above scale, page 1',
    query: () => `/api/enterprises?q=${encodeURIComponent('智能')}&aboveScale=true&page=1&pageSize=20`,
    bare: (_, d) =>
      sql`SELECT ${cols} FROM enterprises WHERE district_id = ${d} AND name ILIKE '%智能%' AND above_scale
          ORDER BY name, id LIMIT 20`,
  },
  {
    name: 'deep page 200, no filter',
    query: () => '/api/enterprises?page=200&pageSize=20',
    bare: (_, d) =>
      sql`SELECT ${cols} FROM enterprises WHERE district_id = ${d} ORDER BY name, id LIMIT 20 OFFSET 3980`,
  },
];

async function benchOn(
  database: Database,
  label: string,
  enterprises: number,
  iterations: number,
): Promise<string[]> {
  const db = database.db;
  const t0 = performance.now();
  const plan = await loadPlanFromFile(db, path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml'));
  await ensureAdmin(db, plan.districtId, 'bench-password-1');
  await ensureDemo(db, plan.districtId, { enterprises, reports: false });
  await db.execute(sql`ANALYZE`);
  const loadMs = performance.now() - t0;
  const app = await buildServer({
    db,
    config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
    defaultDistrictId: plan.districtId,
  });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: 'bench-password-1' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const [sub] = await rows<{ id: string }>(
    db,
    sql`SELECT id::text FROM units WHERE district_id = ${plan.districtId} AND name = '石桥铺街道'`,
  );
  const ids = { sub: sub!.id };
  const out: string[] = [];
  for (const s of shapes) {
    const api: Stats = await time(async () => {
      const res = await app.inject({ method: 'GET', url: s.query(ids), headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    }, iterations);
    const bare: Stats = await time(() => db.execute(s.bare(ids, plan.districtId)), iterations);
    out.push(
      `| ${label} | ${s.name} | ${ms(api.p50)} | ${ms(api.p99)} | ${ms(bare.p50)} | ${ms(bare.p99)} | ${ratio(api.p50, bare.p50)} |`,
    );
  }
  await app.close();
  out.push(
    `| ${label} | (loading ${enterprises.toLocaleString('en')} demo enterprises took ${(loadMs / 1000).toFixed(1)} s) | | | | | |`,
  );
  return out;
}

export async function benchRegistry(opts: {
  enterprises: number;
  iterations: number;
  pgUrl: string | undefined;
}): Promise<string> {
  const lines: string[] = [];
  const lite = await openDatabase({});
  try {
    lines.push(...(await benchOn(lite, 'PGlite', opts.enterprises, opts.iterations)));
  } finally {
    await lite.close();
  }
  if (opts.pgUrl) {
    await withScratchPg(opts.pgUrl, 'mtx_bench', async (server) => {
      lines.push(...(await benchOn(server, 'PostgreSQL 15', opts.enterprises, opts.iterations)));
    });
  }
  return `### Enterprise list at ${opts.enterprises.toLocaleString('en')} enterprises (${opts.iterations} requests per row)

The API figure is a whole request through Fastify (session lookup, Zod validation, the page query with joins to
subdistrict and building, honour kinds, the total count, serialisation). The floor is a bare \`SELECT\` of the same page
from the enterprises table alone, through the same driver.

| store | query | API p50 (ms) | API p99 (ms) | floor p50 (ms) | floor p99 (ms) | API / floor (p50) |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${lines.join('\n')}`;
}

// The public view attacked: for every unauthenticated route and every month and breakdown it returns, no withheld
// figure can be recovered — by total − Σ shown, by combining overlapping breakdowns, or by month-on-month differences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, signedIn, startPlatform, type Platform } from '../harness.ts';
import type { Overview, TargetDetail } from '../../src/modules/monitoring/monitoring.contract.ts';
import { derivableCells, MIN_PUBLIC_CONTRIBUTORS } from '../../src/modules/monitoring/disclosure.ts';

const now = new Date('2026-11-20T00:00:00Z');
type Dim = keyof TargetDetail['breakdowns'];
const dims: Dim[] = ['subdistrict', 'sizeBand', 'field'];

let p: Platform;
let anon: Client;
let admin: Client;
/** Every target × month as the public sees it and as an administrator does (the truth). */
const pages: { code: string; month: string; pub: TargetDetail; truth: TargetDetail }[] = [];

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 60, now: () => now });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  anon = new Client(p.app);
  const run = await admin.request('POST', '/api/monitoring/recompute');
  expect(run.statusCode, run.body).toBe(200);
  const overview = (await anon.get('/api/public/overview')).json<Overview>();
  for (const t of overview.targets) {
    for (const s of t.series) {
      const pub = await anon.get(`/api/public/targets/${t.code}?month=${s.month}`);
      const truth = await admin.get(`/api/monitoring/targets/${t.code}?month=${s.month}`);
      expect(pub.statusCode, pub.body).toBe(200);
      pages.push({ code: t.code, month: s.month, pub: pub.json(), truth: truth.json() });
    }
  }
}, 240_000);
afterAll(() => p?.close());

const truthOf = (page: (typeof pages)[number], dim: Dim, key: string) =>
  page.truth.breakdowns[dim].find((r) => r.key === key) ?? { value: 0, contributors: 0 };
const totalOf = (d: TargetDetail) => d.series.find((s) => s.month === d.month)?.value ?? null;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe('the routes anyone can read', () => {
  it('are these, and only the monitoring pages carry figures of groups of enterprises', async () => {
    const doc = (await anon.get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const sample: Record<string, string> = {
      '/api/public/targets/{code}': '/api/public/targets/newEnterprises',
      '/api/plan/tasks/{number}': '/api/plan/tasks/11',
      '/api/public/service-desk/figures': '/api/public/service-desk/figures?from=2026-01&to=2026-11',
      '/api/units/{id}': `/api/units/${(await anon.get('/api/units')).json<{ items: { id: string }[] }>().items[0]!.id}`,
    };
    const open: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!('get' in ops) || path === '/api/openapi.json') continue;
      // Routes with an id no anonymous caller can know without a listing are tried through their listing.
      if (path === '/api/public/notices/{id}' || path === '/api/public/service-desk/knowledge/{id}') {
        open.push(path);
        continue;
      }
      const url = sample[path] ?? (path.includes('{') ? null : path);
      if (url === null) continue;
      if ((await anon.get(url)).statusCode === 200) open.push(path);
    }
    // A new public route must be added here after checking it for derivable figures: figures of groups of
    // enterprises are only on the two monitoring pages. The notices (公示) name each firm and its grant by design.
    expect(open.sort()).toEqual(
      [
        '/api/auth/me',
        '/api/health',
        '/api/meta',
        '/api/plan',
        '/api/plan/tasks/{number}',
        '/api/public/notices',
        '/api/public/notices/{id}',
        '/api/public/overview',
        // Task and section colours and progress only (no items, units' reports or figures of enterprises).
        '/api/public/supervision/tasks',
        // The service desk: monthly counts and rates per top-level category, cells of fewer than 3 requests and
        // their complements withheld (test/api/servicedesk.test.ts); published requests anonymised, by consent.
        '/api/public/service-desk/figures',
        '/api/public/service-desk/knowledge',
        '/api/public/service-desk/knowledge/{id}',
        '/api/public/targets/{code}',
        '/api/units',
        '/api/units/{id}',
        // The load balancer's probes: the process and its dependencies' state, no figures.
        '/healthz',
        '/readyz',
      ].sort(),
    );
  });

  it('the public overview shows district totals only, as the target pages do', async () => {
    const overview = (await anon.get('/api/public/overview')).json<Overview>();
    for (const t of overview.targets) {
      const detail = pages.filter((x) => x.code === t.code);
      for (const s of t.series) expect(s.value).toBe(totalOf(detail.find((x) => x.month === s.month)!.pub));
    }
  });
});

describe('the public target pages, attacked', () => {
  it('have months with small groups to protect (the attack is not empty)', () => {
    const small = pages.flatMap((x) =>
      dims.flatMap((d) =>
        x.truth.breakdowns[d].filter((r) => (r.contributors ?? 0) < MIN_PUBLIC_CONTRIBUTORS),
      ),
    );
    expect(small.length).toBeGreaterThan(10);
  });

  it('withhold every group of fewer than 3 enterprises, and its count of enterprises', () => {
    for (const page of pages) {
      for (const d of dims) {
        for (const r of page.truth.breakdowns[d]) {
          if ((r.contributors ?? 0) >= MIN_PUBLIC_CONTRIBUTORS) continue;
          const shown = page.pub.breakdowns[d].find((x) => x.key === r.key);
          expect(shown, `${page.code} ${page.month} ${d} ${r.key}`).toBeDefined();
          expect(shown).toMatchObject({ suppressed: true, value: null, contributors: null });
        }
      }
    }
  });

  it('total − Σ shown never gives a withheld value', () => {
    const leaks: string[] = [];
    for (const page of pages) {
      const total = totalOf(page.pub);
      if (total === null) continue;
      // Fields overlap (a firm in two fields counts in both), yet a firm with one field makes them a partition.
      for (const d of dims) {
        const rows = page.pub.breakdowns[d];
        const hidden = rows.filter((r) => r.suppressed);
        if (hidden.length === 0) continue;
        const rest = total - rows.reduce((s, r) => s + (r.suppressed ? 0 : (r.value ?? 0)), 0);
        if (hidden.length === 1) leaks.push(`${page.code} ${page.month} ${d} ${hidden[0]!.key} = ${rest}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('no combination of the breakdowns of a month determines a withheld cell', () => {
    for (const page of pages) {
      const cells = Object.fromEntries(
        dims.map((d) => [
          d,
          page.pub.breakdowns[d].map((r) => ({
            key: r.key,
            contributors: truthOf(page, d, r.key).contributors ?? 0,
          })),
        ]),
      ) as Record<Dim, { key: string; contributors: number }[]>;
      const withheld = Object.fromEntries(
        dims.map((d) => [d, new Set(page.pub.breakdowns[d].filter((r) => r.suppressed).map((r) => r.key))]),
      ) as Record<Dim, Set<string>>;
      expect(derivableCells(cells, withheld), `${page.code} ${page.month}`).toEqual([]);
    }
  });

  it('month-on-month differences never give a withheld value', () => {
    const leaks: string[] = [];
    for (const page of pages) {
      const prev = pages.find(
        (x) => x.code === page.code && x.month < page.month && isPrevious(x.month, page.month),
      );
      if (!prev) continue;
      const [t0, t1] = [totalOf(prev.pub), totalOf(page.pub)];
      if (t0 === null || t1 === null) continue;
      for (const d of dims) {
        for (const [a, b] of [
          [prev, page],
          [page, prev],
        ] as const) {
          // A cell withheld in b but shown in a, every other cell shown in both: b = a + Δtotal − Σ Δothers.
          for (const cell of b.pub.breakdowns[d].filter((r) => r.suppressed)) {
            const before = a.pub.breakdowns[d].find((r) => r.key === cell.key);
            if (!before || before.suppressed) continue;
            const others = b.pub.breakdowns[d].filter((r) => r.key !== cell.key);
            if (others.some((r) => r.suppressed)) continue;
            const delta = others.reduce((s, r) => {
              const o = a.pub.breakdowns[d].find((x) => x.key === r.key);
              return s + (r.value ?? 0) - (o && !o.suppressed ? (o.value ?? 0) : NaN);
            }, 0);
            if (!Number.isFinite(delta)) continue;
            const guess = (before.value ?? 0) + (totalOf(b.pub)! - totalOf(a.pub)!) - delta;
            const real = truthOf(b, d, cell.key).value ?? 0;
            if (close(guess, real)) leaks.push(`${b.code} ${b.month} ${d} ${cell.key} = ${guess}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('withheld rows come in a fixed order, not by their hidden value', () => {
    for (const page of pages) {
      for (const d of dims) {
        const keys = page.pub.breakdowns[d].filter((r) => r.suppressed).map((r) => r.key);
        expect(keys).toEqual([...keys].sort());
      }
    }
  });
});

function isPrevious(a: string, b: string): boolean {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return yb * 12 + mb - (ya * 12 + ma) === 1;
}

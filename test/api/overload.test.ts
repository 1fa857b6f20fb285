// Overload: with a tiny admission gate, a burst beyond it is refused quickly with 503 OVERLOADED and Retry-After —
// never a 500, never a hang — and the server answers normally once the burst has passed. And what is cached: the
// monitoring pages revalidate by run (ETag), so a page a browser holds costs a 304 until the next recompute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signedIn, startPlatform, type Client, type Platform } from '../harness.ts';

let p: Platform;
let admin: Client;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 30, gate: { concurrency: 1, queueMax: 2, timeoutMs: 300 } });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
});
afterAll(() => p.close());

const pages = [
  '/api/monitoring/overview',
  '/api/enterprises?page=1&pageSize=20',
  '/api/public/overview',
  '/api/plan',
];

describe('overload', () => {
  it('answers a burst beyond the gate with some 503 OVERLOADED and Retry-After, the rest 200, no 500', async () => {
    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) => admin.get(pages[i % pages.length]!)),
    );
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 503).length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 200 || c === 503)).toBe(true);
    for (const r of burst.filter((x) => x.statusCode === 503)) {
      expect(r.json()).toMatchObject({ code: 'OVERLOADED' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Recovered: every page answers once the burst is over, and the gate holds nobody.
    for (const url of pages) expect((await admin.get(url)).statusCode).toBe(200);
    expect(p.app.admissionGate!.stats).toMatchObject({ active: 0, queued: 0 });
  });

  it('refuses a request whose wait runs out instead of letting it hang', async () => {
    const gate = p.app.admissionGate!;
    const held = await gate.acquire(); // the one place, taken as a long request would
    try {
      const t = performance.now();
      const res = await admin.get('/api/monitoring/overview');
      const waited = performance.now() - t;
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'OVERLOADED' });
      expect(res.headers['retry-after']).toBe('1');
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(5000);
    } finally {
      held();
    }
    expect((await admin.get('/api/monitoring/overview')).statusCode).toBe(200);
  });

  it('lets the API description through without a place (it reads no data)', async () => {
    const held = await p.app.admissionGate!.acquire();
    try {
      expect((await admin.get('/api/openapi.json')).statusCode).toBe(200);
    } finally {
      held();
    }
  });
});

describe('monitoring pages revalidate by run', () => {
  it('answers 304 to a page already held, until a recompute makes a new run', async () => {
    for (const url of ['/api/public/overview', '/api/public/targets/newEmployees']) {
      const first = await admin.get(url);
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^W\/"run-/);
      const again = await admin.request('GET', url, undefined, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
    const staff = await admin.get('/api/monitoring/overview');
    expect(staff.headers['cache-control']).toBe('private, no-cache');
    const held = String(staff.headers.etag);
    expect(
      (await admin.request('GET', '/api/monitoring/overview', undefined, { 'if-none-match': held }))
        .statusCode,
    ).toBe(304);

    expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
    const after = await admin.request('GET', '/api/monitoring/overview', undefined, {
      'if-none-match': held,
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(held);
    expect(after.json().computedAt).not.toBe(staff.json().computedAt);
  });
});

// Health probes, Prometheus metrics, request ids and redaction in the logs, the rolling log file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ServerDeps } from '../../src/server.ts';
import { ensureAdmin, loadPlanFromFile } from '../../src/bootstrap.ts';
import { rows, sql } from '../../src/platform/db/db.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { openLogFile } from '../../src/platform/observe/log-file.ts';
import { tokenMatches } from '../../src/platform/observe/metrics.routes.ts';
import { scrubLine } from '../../src/platform/http/logging.ts';
import type { App } from '../../src/platform/http/app.ts';
import { templateCsv } from '../../src/modules/enterprises/enterprises.import.ts';
import { ADMIN_PASSWORD, freshDatabase, jiulongpoPlan, signedIn, upload, type TestDb } from '../harness.ts';

const TOKEN = 'metrics-token-for-tests';
let testDb: TestDb;
let districtId: string;

beforeAll(async () => {
  testDb = await freshDatabase();
  const plan = await loadPlanFromFile(testDb.database.db, jiulongpoPlan);
  districtId = plan.districtId;
  await ensureAdmin(testDb.database.db, districtId, ADMIN_PASSWORD);
});
afterAll(() => testDb?.drop());

/** A server on the test database; `logLevel` info and a captured log when `lines` is given. */
async function server(
  opts: { token?: string; lines?: string[]; extra?: Partial<ServerDeps>; ready?: boolean } = {},
): Promise<App> {
  const lines = opts.lines;
  const app = await buildServer({
    db: testDb.database.db,
    config: {
      logLevel: lines ? 'info' : 'silent',
      sessionTtlHours: 1,
      secureCookies: false,
      serveWeb: false,
      ...(opts.token ? { metricsToken: opts.token } : {}),
    },
    defaultDistrictId: districtId,
    ...(lines
      ? {
          logStream: new Writable({
            write(chunk, _enc, done) {
              lines.push(...String(chunk).split('\n').filter(Boolean));
              done();
            },
          }),
        }
      : {}),
    ...opts.extra,
  });
  if (opts.ready !== false) await app.ready();
  return app;
}

describe('GET /healthz and /readyz', () => {
  it('answer 200 when the process is up and the database current; no runner is required without one', async () => {
    const app = await server();
    try {
      const live = await app.inject({ method: 'GET', url: '/healthz' });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: 'ok' });
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        status: 'ok',
        checks: {
          database: { ok: true },
          migrations: { ok: true },
          jobs: { ok: true, detail: expect.stringContaining('not required') },
        },
      });
    } finally {
      await app.close();
    }
  });

  it("follow the job runner's heartbeat: 503 before it starts and after it stops, 200 while it runs", async () => {
    const runner = new JobRunner({
      db: testDb.database.db,
      workerId: 'observe-test',
      handlers: {},
      pollMs: 20,
    });
    const app = await server({
      extra: { observe: { jobRunner: () => (runner.running ? runner : undefined) } },
    });
    try {
      const before = await app.inject({ method: 'GET', url: '/readyz' });
      expect(before.statusCode).toBe(503);
      expect(before.json().checks.jobs).toEqual({ ok: false, detail: 'job runner not running' });
      runner.start();
      expect(runner.lastTick).toBeTypeOf('number');
      const running = await app.inject({ method: 'GET', url: '/readyz' });
      expect(running.statusCode).toBe(200);
      expect(running.json().checks.jobs.detail).toMatch(/^last tick/);
      await runner.stop();
      expect(runner.lastTick).toBeUndefined();
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    } finally {
      await runner.stop();
      await app.close();
    }
  });

  it('answer 503 naming a stalled runner', async () => {
    const app = await server({
      extra: { observe: { jobRunner: () => ({ lastTick: Date.now() - 60 * 60_000, worker: 'stuck' }) } },
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', checks: { jobs: { ok: false } } });
      expect(res.json().checks.jobs.detail).toMatch(/^stalled/);
    } finally {
      await app.close();
    }
  });

  it('answer /readyz 503 when migrations are behind, and 200 again once they are current', async () => {
    const app = await server();
    const db = testDb.database.db;
    const [last] = await rows<{ id: number; hash: string; created_at: string }>(
      db,
      sql`SELECT id, hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
    );
    await db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE id = ${last!.id}`);
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.database.ok).toBe(true);
      expect(res.json().checks.migrations).toMatchObject({ ok: false });
      expect(res.json().checks.migrations.detail).toMatch(/^behind/);
    } finally {
      await db.execute(
        sql`INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES (${last!.id}, ${last!.hash}, ${last!.created_at}::bigint)`,
      );
    }
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('answer /readyz 503 when the database is closed, while /healthz still answers 200', async () => {
    const closing = await freshDatabase();
    const app = await buildServer({
      db: closing.database.db,
      config: { logLevel: 'silent', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
      defaultDistrictId: districtId,
    });
    await app.ready();
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await closing.database.close();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'unavailable',
        checks: { database: { ok: false }, migrations: { ok: false } },
      });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await closing.drop().catch(() => undefined);
    }
  });

  it('pass a full admission gate: probes are not API requests and are never shed', async () => {
    const app = await server({ extra: { gate: { concurrency: 1, queueMax: 0, timeoutMs: 50 } } });
    try {
      const release = await app.admissionGate!.acquire();
      try {
        expect((await app.inject({ method: 'GET', url: '/api/meta' })).statusCode).toBe(503);
        expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      } finally {
        release();
      }
    } finally {
      await app.close();
    }
  });
});

describe('GET /metrics', () => {
  it('does not exist (404) when no token is configured', async () => {
    const app = await server();
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    } finally {
      await app.close();
    }
  });

  it('asks for the token: 401 without it or with a wrong one', async () => {
    const app = await server({ token: TOKEN });
    try {
      for (const authorization of [undefined, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
        const res = await app.inject({
          method: 'GET',
          url: '/metrics',
          ...(authorization ? { headers: { authorization } } : {}),
        });
        expect(res.statusCode, String(authorization)).toBe(401);
        expect(res.json().code).toBe('UNAUTHENTICATED');
      }
      expect(tokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
      expect(tokenMatches(`bearer  ${TOKEN} `, TOKEN)).toBe(true);
      expect(tokenMatches('Bearer', TOKEN)).toBe(false);
      expect(tokenMatches(undefined, TOKEN)).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('counts requests by route pattern (never the raw URL), and times a recompute', async () => {
    const app = await server({
      token: TOKEN,
      extra: {
        gate: { concurrency: 4, queueMax: 10, timeoutMs: 1000 },
        observe: { poolStats: testDb.database.poolStats },
      },
    });
    try {
      const admin = await signedIn(app, 'admin', ADMIN_PASSWORD);
      const missing = '00000000-0000-4000-8000-00000000abcd';
      expect((await admin.get(`/api/enterprises/${missing}`)).statusCode).toBe(404);
      expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
      // A registry import, previewed: the template's example row.
      const imported = await upload(
        app,
        admin,
        '/api/enterprises/import?preview=true',
        'e.csv',
        templateCsv(),
      );
      expect(imported.statusCode, imported.body).toBeLessThan(500);
      const res = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const text = res.body;
      expect(text).toMatch(
        /^mtx_http_requests_total\{method="GET",route="\/api\/enterprises\/:id",status="4xx"\} \d+$/m,
      );
      expect(text).toMatch(
        /^mtx_http_requests_total\{method="POST",route="\/api\/monitoring\/recompute",status="2xx"\} \d+$/m,
      );
      expect(text).toMatch(
        /^mtx_http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/login",status="2xx"\} \d+$/m,
      );
      expect(text).not.toContain(missing);
      const recomputes = /^mtx_recompute_duration_seconds_count\{outcome="ok"\} (\d+)$/m.exec(text);
      expect(Number(recomputes?.[1])).toBeGreaterThanOrEqual(1);
      // The admission gate's gauges, read at scrape time; process metrics from our own registry.
      expect(text).toMatch(/^mtx_admission_in_flight \d+$/m);
      expect(text).toMatch(/^mtx_admission_queue_depth 0$/m);
      expect(text).toMatch(/^mtx_admission_admitted_total [1-9]\d*$/m);
      expect(text).toMatch(/^mtx_process_resident_memory_bytes \d+/m);
      const outcome = imported.statusCode === 200 ? 'ok' : 'error';
      expect(text).toMatch(
        new RegExp(
          `^mtx_import_duration_seconds_count\\{kind="registry",outcome="${outcome}"\\} [1-9]\\d*$`,
          'm',
        ),
      );
      expect(text).toContain('# TYPE mtx_job_runs_total counter');
      // The pool on PostgreSQL; PGlite has none and shows no sample.
      if (testDb.database.poolStats)
        expect(text).toMatch(/^mtx_db_pool_connections\{state="total"\} [1-9]\d*$/m);
      else expect(text).not.toMatch(/^mtx_db_pool_connections\{/m);
    } finally {
      await app.close();
    }
  });

  it('counts job runs and failures by kind', async () => {
    const db = testDb.database.db;
    const { enqueue } = await import('../../src/platform/jobs/jobs.store.ts');
    await enqueue(db, { districtId, kind: 'observe.ok', key: 'a', payload: {} });
    await enqueue(db, { districtId, kind: 'observe.bad', key: 'b', payload: {}, maxAttempts: 1 });
    const runner = new JobRunner({
      db,
      workerId: 'observe-jobs',
      handlers: {
        'observe.ok': async () => ({ done: true }),
        'observe.bad': async () => {
          throw new Error('on purpose');
        },
      },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    expect(await runner.runOnce()).toBe(true);
    expect(await runner.runOnce()).toBe(true);
    const app = await server({ token: TOKEN });
    try {
      const text = (
        await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
      ).body;
      expect(text).toMatch(/^mtx_job_runs_total\{kind="observe.ok"\} 1$/m);
      expect(text).toMatch(/^mtx_job_runs_total\{kind="observe.bad"\} 1$/m);
      expect(text).toMatch(/^mtx_job_failures_total\{kind="observe.bad"\} 1$/m);
      expect(text).not.toMatch(/^mtx_job_failures_total\{kind="observe.ok"\}/m);
      expect(text).toMatch(/^mtx_job_duration_seconds_count\{kind="observe.bad",outcome="error"\} 1$/m);
    } finally {
      await app.close();
    }
  });
});

describe('logs', () => {
  const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it("keep a caller's sane x-request-id, echo it, and put it on every line of the request", async () => {
    const lines: string[] = [];
    const app = await server({ lines, ready: false });
    app.get('/api/test/log-through-app-logger', async () => {
      app.log.warn('logged through the app logger');
      return { ok: true };
    });
    await app.ready();
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/test/log-through-app-logger',
        headers: { 'x-request-id': 'lb-7f3a.01_x' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-request-id']).toBe('lb-7f3a.01_x');
      const mine = parse(lines).filter((l) => l.reqId === 'lb-7f3a.01_x');
      expect(mine.map((l) => l.msg)).toEqual([
        'incoming request',
        'logged through the app logger',
        'request completed',
      ]);
      // A request id that is not a sane token is replaced by a fresh one.
      for (const given of ['has space', 'x'.repeat(65), 'quote"inject', '']) {
        const r = await app.inject({ method: 'GET', url: '/api/meta', headers: { 'x-request-id': given } });
        const id = r.headers['x-request-id'] as string;
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(parse(lines).some((l) => l.reqId === id)).toBe(true);
      }
      // Probes stay out of the request log at info.
      const before = lines.length;
      await app.inject({ method: 'GET', url: '/healthz' });
      await app.inject({ method: 'GET', url: '/readyz' });
      expect(lines.length).toBe(before);
    } finally {
      await app.close();
    }
  });

  it('never show passwords, tokens, ID numbers, phone numbers or cookies from a request', async () => {
    const lines: string[] = [];
    const app = await server({ lines, ready: false });
    app.post('/api/test/log-body', async (req) => {
      req.log.warn({ body: req.body, headers: req.headers }, 'body as received');
      app.log.warn(`note: ${(req.body as { note: string }).note}`);
      return { ok: true };
    });
    await app.ready();
    const secrets = {
      password: 'plain-text-password-1',
      newPassword: 'another-plain-password',
      token: 'tok-4f2a9c',
      idNumber: '11010519491231002X',
      contactPhone: '13912345678',
      mobile: '15011112222',
    };
    const note = '请联系 13987654321，身份证 110105194912310021，座机 023-68000000';
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/test/log-body',
        payload: { ...secrets, nested: { deeper: { phone: '18600001111' } }, note },
        headers: { cookie: 'mtx_session=session-secret-value', authorization: 'Bearer bearer-secret-value' },
      });
      expect(res.statusCode).toBe(200);
      const log = lines.join('\n');
      expect(log).toContain('body as received');
      expect(log).toContain('[redacted]');
      for (const value of [
        ...Object.values(secrets),
        '18600001111',
        '13987654321',
        '110105194912310021',
        'session-secret-value',
        'bearer-secret-value',
      ])
        expect(log, value).not.toContain(value);
      // What is not personal stays readable.
      expect(log).toContain('座机');
      expect(log).toContain('/api/test/log-body');
    } finally {
      await app.close();
    }
  });

  it('mask mobile and ID numbers in free text, not other numbers', () => {
    expect(scrubLine('{"msg":"call 13912345678 now"}')).toBe('{"msg":"call [redacted] now"}');
    expect(scrubLine('{"id":"11010519491231002x"}')).toBe('{"id":"[redacted]"}');
    expect(
      scrubLine('{"time":1796393813359,"n":12345678901,"uuid":"7d827344-a023-4909-89ac-613912345678"}'),
    ).toBe('{"time":1796393813359,"n":12345678901,"uuid":"7d827344-a023-4909-89ac-613912345678"}');
  });
});

describe('--log-file', () => {
  it('writes the JSON log lines to a file that rolls by size, keeping the newest files of this run and earlier ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-logs-'));
    try {
      // An earlier run's files, and a file that is not a log.
      for (const n of [1, 2, 3]) fs.writeFileSync(path.join(dir, `server.2020-01-01.${n}.log`), '{}\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a log');
      const logFile = await openLogFile({ file: path.join(dir, 'server.log'), size: '1k', keep: 2 });
      const cleaned = new Promise((resolve) =>
        (logFile.stream as unknown as EventEmitter).once('cleanup-complete', resolve),
      );
      const app = await buildServer({
        db: testDb.database.db,
        config: { logLevel: 'info', sessionTtlHours: 1, secureCookies: false, serveWeb: false },
        defaultDistrictId: districtId,
        logStream: logFile.stream,
      });
      await app.ready();
      for (let i = 0; i < 40; i++) {
        await app.inject({ method: 'GET', url: '/api/meta', headers: { 'x-request-id': `roll-${i}` } });
        // In-process requests on an in-memory database never reach the loop's I/O phase, where the file's writes
        // complete (and rolling happens); a real server's sockets pass through it all the time.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      // The first roll's clean-up: 3 old + 2 new files, 2 kept besides the current one → the two oldest go.
      await cleaned;
      await app.close();
      await logFile.close();
      const files = fs.readdirSync(dir).sort();
      expect(files).toContain('notes.txt');
      expect(files).not.toContain('server.2020-01-01.1.log');
      expect(files).not.toContain('server.2020-01-01.2.log');
      const today = files.filter((f) => f.startsWith('server.') && !f.startsWith('server.2020-01-01.'));
      expect(today.length).toBeGreaterThan(1);
      for (const f of today) expect(f).toMatch(/^server\.\d{4}-\d{2}-\d{2}\.\d+\.log$/);
      const all = today.flatMap((f) =>
        fs
          .readFileSync(path.join(dir, f), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { reqId?: string; msg: string }),
      );
      expect(all.some((l) => l.reqId === 'roll-39' && l.msg === 'request completed')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  it('reads the metrics token, the log file and its rotation from the environment and --log-file', async () => {
    const { loadConfig } = await import('../../src/platform/config.ts');
    const plain = loadConfig({});
    expect(plain).toMatchObject({
      metricsToken: undefined,
      logFile: undefined,
      logRotateSize: '50m',
      logKeep: 14,
    });
    const set = loadConfig(
      {
        MANTIANXING_METRICS_TOKEN: 'tok',
        MANTIANXING_LOG_FILE: 'ignored.log',
        MANTIANXING_LOG_ROTATE_SIZE: '10M',
        MANTIANXING_LOG_KEEP: '3',
      },
      ['--log-file', 'logs/server.log'],
    );
    expect(set).toMatchObject({ metricsToken: 'tok', logRotateSize: '10m', logKeep: 3 });
    expect(set.logFile).toBe(path.resolve('logs/server.log'));
    expect(loadConfig({ MANTIANXING_LOG_FILE: 'a.log' }).logFile).toBe(path.resolve('a.log'));
    expect(() => loadConfig({ MANTIANXING_LOG_ROTATE_SIZE: 'big' })).toThrow(/MANTIANXING_LOG_ROTATE_SIZE/);
  });
});

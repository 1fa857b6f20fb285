// Jobs claimed through PostgreSQL: exactly-once under two runners, lease reclaim, retry then failure, dedupe, schedules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../harness.ts';
import { openDatabase, type Database, type Db } from '../../src/platform/db/db.ts';
import { claimNext, complete, enqueue, findJob, jobsOfKind } from '../../src/platform/jobs/jobs.store.ts';
import {
  JobRunner,
  type JobHandler,
  type JobLogger,
  type JobRunnerOptions,
} from '../../src/platform/jobs/runner.ts';
import { PermanentJobError } from '../../src/platform/jobs/jobs.ts';
import type { Schedule } from '../../src/platform/jobs/schedule.ts';

let p: Platform;
let second: Database | undefined;
/** The second instance's database handle: its own pool on PostgreSQL, the same PGlite otherwise. */
let db2: Db;

beforeAll(async () => {
  p = await startPlatform();
  second = p.testDb.url ? await openDatabase({ databaseUrl: p.testDb.url, poolSize: 3 }) : undefined;
  db2 = second?.db ?? p.db;
});
afterAll(async () => {
  await second?.close();
  await p?.close();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; msg: string; obj: Record<string, unknown> }[] = [];
  const logger: JobLogger = {
    info: (obj, msg) => lines.push({ level: 'info', msg, obj: obj as Record<string, unknown> }),
    warn: (obj, msg) => lines.push({ level: 'warn', msg, obj: obj as Record<string, unknown> }),
    error: (obj, msg) => lines.push({ level: 'error', msg, obj: obj as Record<string, unknown> }),
  };
  return { logger, lines };
}

const runner = (opts: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, 'db' | 'workerId' | 'handlers'>) =>
  new JobRunner({ pollMs: 10, logger: recordingLogger().logger, ...opts });

const statusesOf = async (kind: string) => (await jobsOfKind(p.db, p.districtId, kind)).map((j) => j.status);

describe('enqueue', () => {
  it('makes one job of the same key, however many times and from however many instances it is enqueued', async () => {
    const job = {
      districtId: p.districtId,
      kind: 'test.once',
      key: 'test.once:2026-10',
      payload: { period: '2026-10' },
    };
    const first = await enqueue(p.db, job);
    const again = await enqueue(db2, job);
    expect(first.enqueued).toBe(true);
    expect(again).toEqual({ id: first.id, enqueued: false });
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => enqueue(i % 2 ? p.db : db2, { ...job, key: 'test.once:2026-11' })),
    );
    expect(racing.filter((r) => r.enqueued)).toHaveLength(1);
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);
    expect((await jobsOfKind(p.db, p.districtId, 'test.once')).map((j) => j.key)).toEqual([
      'test.once:2026-10',
      'test.once:2026-11',
    ]);
  });

  it('re-queues a finished job only when forced, and never touches a queued one', async () => {
    const job = { districtId: p.districtId, kind: 'test.force', key: 'test.force:2026-10' };
    const { id } = await enqueue(p.db, job);
    expect((await enqueue(p.db, { ...job, force: true })).enqueued).toBe(false);
    const claimed = (await claimNext(p.db, 'w', ['test.force'], 60_000))!;
    expect(await complete(p.db, claimed, { rows: 12 })).toBe(true);
    expect(await enqueue(p.db, job)).toEqual({ id, enqueued: false });
    expect((await findJob(p.db, p.districtId, id))!.status).toBe('done');
    expect(await enqueue(p.db, { ...job, payload: { again: true }, force: true })).toEqual({
      id,
      enqueued: true,
    });
    const requeued = (await findJob(p.db, p.districtId, id))!;
    expect(requeued).toMatchObject({
      status: 'queued',
      attempts: 0,
      result: null,
      finishedAt: null,
      payload: { again: true },
    });
  });
});

describe('two runners on one database', () => {
  it('run each of 50 jobs exactly once, and both do some of the work', async () => {
    const kind = 'test.slow';
    for (let i = 0; i < 50; i++)
      await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:${i}`, payload: { i } });
    const calls = new Map<string, number>();
    const byWorker: Record<string, number> = {};
    const handler: JobHandler = async (job, ctx) => {
      calls.set(job.id, (calls.get(job.id) ?? 0) + 1);
      byWorker[ctx.workerId] = (byWorker[ctx.workerId] ?? 0) + 1;
      await sleep(15);
      return { i: (job.payload as { i: number }).i, by: ctx.workerId };
    };
    const a = runner({ db: p.db, workerId: 'instance-a', handlers: { [kind]: handler } });
    const b = runner({ db: db2, workerId: 'instance-b', handlers: { [kind]: handler } });
    a.start();
    b.start();
    try {
      await until('all 50 jobs are done', async () => (await statusesOf(kind)).every((s) => s === 'done'));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const done = await jobsOfKind(p.db, p.districtId, kind);
    expect(done).toHaveLength(50);
    expect(calls.size).toBe(50);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    for (const j of done) {
      expect(j.attempts).toBe(1);
      expect(j.result).toEqual({
        i: (j.payload as { i: number }).i,
        by: expect.stringMatching(/^instance-[ab]$/),
      });
      expect(j.lockedBy).toBeNull();
    }
    expect((byWorker['instance-a'] ?? 0) + (byWorker['instance-b'] ?? 0)).toBe(50);
    // On PostgreSQL each instance has its own pool and they truly compete; PGlite has one connection for both.
    if (p.testDb.url) {
      expect(byWorker['instance-a']).toBeGreaterThan(0);
      expect(byWorker['instance-b']).toBeGreaterThan(0);
    }
  });
});

describe('leases', () => {
  it('give a crashed worker’s job to another worker once the lease expires, and discard the crashed worker’s late result', async () => {
    const kind = 'test.lease';
    const { id } = await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:1` });
    const crashed = (await claimNext(p.db, 'crashed-worker', [kind], 150))!;
    expect(crashed).toMatchObject({ id, status: 'running', attempts: 1, lockedBy: 'crashed-worker' });
    // While the lease holds, nobody else gets the job.
    expect(await claimNext(db2, 'instance-b', [kind], 60_000)).toBeNull();
    await sleep(300);
    const ran: string[] = [];
    const b = runner({
      db: db2,
      workerId: 'instance-b',
      handlers: { [kind]: async (job) => void ran.push(job.id) },
    });
    b.start();
    try {
      await until('the job is done', async () => (await findJob(p.db, p.districtId, id))!.status === 'done');
    } finally {
      await b.stop();
    }
    expect(ran).toEqual([id]);
    expect((await findJob(p.db, p.districtId, id))!.attempts).toBe(2);
    // The crashed worker comes back and reports: its claim is gone, the recorded result stays.
    expect(await complete(p.db, crashed, { stale: true })).toBe(false);
    expect((await findJob(p.db, p.districtId, id))!.result).toBeNull();
  });

  it('are extended while a long job runs, so a healthy worker keeps its job', async () => {
    const kind = 'test.long';
    const { id } = await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:1` });
    const a = runner({
      db: p.db,
      workerId: 'instance-a',
      leaseMs: 150,
      handlers: { [kind]: () => sleep(600) },
    });
    a.start();
    try {
      await until(
        'the job is running',
        async () => (await findJob(p.db, p.districtId, id))!.status === 'running',
      );
      await sleep(400);
      expect(await claimNext(db2, 'instance-b', [kind], 60_000)).toBeNull();
      await until('the job is done', async () => (await findJob(p.db, p.districtId, id))!.status === 'done');
    } finally {
      await a.stop();
    }
    expect((await findJob(p.db, p.districtId, id))!.attempts).toBe(1);
  });
});

describe('failures', () => {
  it('are retried with backoff, then the job is marked failed with the handler’s error', async () => {
    const kind = 'test.flaky';
    const { id } = await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:1`, maxAttempts: 3 });
    const attempts: number[] = [];
    const { logger, lines } = recordingLogger();
    const a = runner({
      db: p.db,
      workerId: 'instance-a',
      logger,
      retry: { baseMs: 30, maxMs: 100 },
      handlers: {
        [kind]: async (job) => {
          attempts.push(job.attempts);
          throw new Error('统计局接口超时');
        },
      },
    });
    a.start();
    try {
      await until(
        'the job has failed',
        async () => (await findJob(p.db, p.districtId, id))!.status === 'failed',
      );
    } finally {
      await a.stop();
    }
    expect(attempts).toEqual([1, 2, 3]);
    const job = (await findJob(p.db, p.districtId, id))!;
    expect(job).toMatchObject({ status: 'failed', attempts: 3, lastError: '统计局接口超时', lockedBy: null });
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'job failed; will retry',
      'job failed; will retry',
      'job failed for good',
    ]);
  });

  it('that pass on a later attempt leave the job done; a PermanentJobError fails it at once', async () => {
    const kind = 'test.recovering';
    const good = await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:good` });
    const hopeless = await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:hopeless` });
    const a = runner({
      db: p.db,
      workerId: 'instance-a',
      retry: { baseMs: 10, maxMs: 10 },
      handlers: {
        [kind]: async (job) => {
          if (job.key.endsWith('hopeless')) throw new PermanentJobError('载荷缺少 period');
          if (job.attempts < 2) throw new Error('暂时不可用');
          return { attempt: job.attempts };
        },
      },
    });
    a.start();
    try {
      await until('both jobs are finished', async () =>
        (await statusesOf(kind)).every((s) => s === 'done' || s === 'failed'),
      );
    } finally {
      await a.stop();
    }
    expect(await findJob(p.db, p.districtId, good.id)).toMatchObject({
      status: 'done',
      attempts: 2,
      result: { attempt: 2 },
      lastError: null,
    });
    expect(await findJob(p.db, p.districtId, hopeless.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: '载荷缺少 period',
    });
  });

  it('never stop the runner: a result that cannot be stored fails its job and the next job still runs', async () => {
    const kind = 'test.unstorable';
    const bad = await enqueue(p.db, {
      districtId: p.districtId,
      kind,
      key: `${kind}:1`,
      maxAttempts: 1,
      runAt: new Date(Date.now() - 1000),
    });
    const next = await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:2` });
    const a = runner({
      db: p.db,
      workerId: 'instance-a',
      handlers: { [kind]: async (job) => (job.key.endsWith(':1') ? { n: 1n } : { n: 2 }) },
    });
    a.start();
    try {
      await until('both jobs are finished', async () =>
        (await statusesOf(kind)).every((s) => s === 'done' || s === 'failed'),
      );
    } finally {
      await a.stop();
    }
    expect(await findJob(p.db, p.districtId, bad.id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/BigInt/),
    });
    expect(await findJob(p.db, p.districtId, next.id)).toMatchObject({ status: 'done', result: { n: 2 } });
    expect(a.running).toBe(false);
  });
});

describe('stop', () => {
  it('waits for the job in hand to finish and be recorded', async () => {
    const kind = 'test.stop';
    const { id } = await enqueue(p.db, { districtId: p.districtId, kind, key: `${kind}:1` });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const a = runner({
      db: p.db,
      workerId: 'instance-a',
      handlers: {
        [kind]: async () => {
          started();
          await sleep(200);
          return 'finished';
        },
      },
    });
    a.start();
    await running;
    await a.stop();
    expect(await findJob(p.db, p.districtId, id)).toMatchObject({ status: 'done', result: 'finished' });
  });
});

describe('schedules', () => {
  const schedules: Schedule[] = [
    { kind: 'test.recompute', every: 'month', day: 16, hour: 2 },
    { kind: 'test.remind', every: 'day', hour: 9, payload: { reportPeriod: 'previous month' } },
  ];

  it('make one job per occurrence across two instances, which runs once', async () => {
    // 2026-11-16 03:00 in Shanghai: the November recompute (02:00) is due, and yesterday's 09:00 reminder.
    let now = new Date('2026-11-15T19:00:00Z');
    const ran: string[] = [];
    const handlers: Record<string, JobHandler> = {
      'test.recompute': async (job) => void ran.push(job.key),
      'test.remind': async (job) => void ran.push(job.key),
    };
    const a = runner({ db: p.db, workerId: 'instance-a', handlers, schedules, now: () => now });
    const b = runner({ db: db2, workerId: 'instance-b', handlers, schedules, now: () => now });
    const created = await Promise.all([a.enqueueDue(), b.enqueueDue(), a.enqueueDue(), b.enqueueDue()]);
    expect(created.reduce((x, y) => x + y, 0)).toBe(2);

    const [recompute] = await jobsOfKind(p.db, p.districtId, 'test.recompute');
    expect(recompute).toMatchObject({
      key: 'test.recompute:2026-11',
      runAt: new Date('2026-11-15T18:00:00Z'),
      payload: { occurrence: '2026-11' },
    });
    const [remind] = await jobsOfKind(p.db, p.districtId, 'test.remind');
    expect(remind).toMatchObject({
      key: 'test.remind:2026-11-15',
      payload: { occurrence: '2026-11-15', reportPeriod: 'previous month' },
    });

    a.start();
    b.start();
    try {
      await until('both scheduled jobs ran', async () => ran.length >= 2);
      await sleep(100);
      expect(ran.sort()).toEqual(['test.recompute:2026-11', 'test.remind:2026-11-15']);

      // The clock moves on to 09:00: today's reminder, and still one November recompute.
      now = new Date('2026-11-16T01:00:00Z');
      expect((await Promise.all([a.enqueueDue(), b.enqueueDue()])).reduce((x, y) => x + y, 0)).toBe(1);
      await until('today’s reminder ran', async () => ran.length >= 3);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(ran).toContain('test.remind:2026-11-16');
    expect((await jobsOfKind(p.db, p.districtId, 'test.recompute')).map((j) => j.key)).toEqual([
      'test.recompute:2026-11',
    ]);
    expect((await jobsOfKind(p.db, p.districtId, 'test.remind')).map((j) => [j.key, j.status])).toEqual([
      ['test.remind:2026-11-15', 'done'],
      ['test.remind:2026-11-16', 'done'],
    ]);
  });

  it('refuse a schedule whose kind has no handler', () => {
    expect(() =>
      runner({
        db: p.db,
        workerId: 'x',
        handlers: {},
        schedules: [{ kind: 'nobody.handles', every: 'day', hour: 1 }],
      }),
    ).toThrow(/no handler/);
  });
});

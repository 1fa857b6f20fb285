// Domain events through the outbox: nothing from a rolled-back transaction, once under two deliverers, retries that
// leave other subscribers alone, a crashed deliverer's claim taken over, and delivery by the job runner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDb } from '../harness.ts';
import { openDatabase, type Database, type Db } from '../../src/platform/db/db.ts';
import { EventDispatcher, drain } from '../../src/platform/events/dispatcher.ts';
import {
  claimDelivery,
  deliveriesOf,
  fanOut,
  publish,
  pruneDeliveredEvents,
} from '../../src/platform/events/events.store.ts';
import { defineEvent, on, type EventLogger, type Subscription } from '../../src/platform/events/events.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { composeModules } from '../../src/platform/module.ts';

let t: TestDb;
let db: Db;
let second: Database | undefined;
/** A second instance's handle: its own pool on PostgreSQL, the same PGlite otherwise. */
let db2: Db;

beforeAll(async () => {
  t = await freshDatabase();
  db = t.database.db;
  second = t.url ? await openDatabase({ databaseUrl: t.url, poolSize: 3 }) : undefined;
  db2 = second?.db ?? db;
});
afterAll(async () => {
  await second?.close();
  await t?.drop();
});

const quiet: EventLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const happened = defineEvent<{ n: number }>('test.happened');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A subscription that records the events it handles (by payload n) under its name. */
function recorder(name: string, seen: number[], opts: { slowMs?: number; fail?: () => boolean } = {}) {
  return on(happened, name, async (e) => {
    if (opts.slowMs) await sleep(opts.slowMs);
    if (opts.fail?.()) throw new Error(`${name} is down`);
    seen.push(e.payload.n);
  });
}

describe('publish', () => {
  it('delivers nothing from a rolled-back transaction, and the event of a committed one', async () => {
    const seen: number[] = [];
    const subs = [recorder('t1.rec', seen)];
    await db
      .transaction(async (tx) => {
        await publish(tx, happened.of('d1', { n: 1 }));
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await drain(db, subs, { logger: quiet })).toBe(0);
    await db.transaction(async (tx) => {
      await publish(tx, happened.of('d1', { n: 2 }));
    });
    expect(await drain(db, subs, { logger: quiet })).toBe(1);
    expect(await drain(db, subs, { logger: quiet })).toBe(0);
    expect(seen).toEqual([2]);
  });

  it('delivers an event only to the subscribers of its type', async () => {
    const seen: number[] = [];
    const other = defineEvent<{ n: number }>('test.other');
    const subs: Subscription[] = [
      recorder('t2.rec', seen),
      on(other, 't2.other', async () => void seen.push(-1)),
    ];
    await publish(db, other.of('d1', { n: 0 }));
    await publish(db, happened.of('d1', { n: 3 }));
    expect(await drain(db, subs, { logger: quiet })).toBe(2);
    expect(seen.sort()).toEqual([-1, 3]);
  });
});

describe('delivery', () => {
  it('delivers each event once to each subscriber under two concurrent deliverers', async () => {
    const a: number[] = [];
    const b: number[] = [];
    const subs = (seen: number[]) => [
      recorder('t3.a', seen, { slowMs: 5 }),
      recorder('t3.b', seen, { slowMs: 5 }),
    ];
    for (let n = 0; n < 10; n++) await publish(db, happened.of('d1', { n }));
    const one = new EventDispatcher({ db, subscriptions: subs(a), workerId: 'one', logger: quiet });
    const two = new EventDispatcher({ db: db2, subscriptions: subs(b), workerId: 'two', logger: quiet });
    const [n1, n2] = await Promise.all([one.drain(), two.drain()]);
    expect(n1 + n2).toBe(20);
    const all = [...a, ...b].sort((x, y) => x - y);
    expect(all).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });

  it('retries a failing subscriber, records its attempts and error, and still delivers to the others', async () => {
    const ok: number[] = [];
    const flaky: number[] = [];
    let down = true;
    const subs = [recorder('t4.ok', ok), recorder('t4.flaky', flaky, { fail: () => down })];
    const id = await publish(db, happened.of('d1', { n: 7 }));
    const retry = { baseMs: 60_000, maxMs: 60_000 };
    expect(await drain(db, subs, { logger: quiet, retry })).toBe(2);
    expect(ok).toEqual([7]);
    expect(flaky).toEqual([]);
    const rows = await deliveriesOf(db, 'd1', id);
    expect(rows.map((r) => [r.subscriber, r.status, r.attempts])).toEqual([
      ['t4.flaky', 'queued', 1],
      ['t4.ok', 'done', 1],
    ]);
    expect(rows[0]!.lastError).toBe('t4.flaky is down');
    // Not before its backoff: a drain now leaves it waiting.
    expect(await drain(db, subs, { logger: quiet, retry })).toBe(0);
    down = false;
    const later = () => new Date(Date.now() + 120_000);
    expect(await drain(db, subs, { logger: quiet, retry, claimClock: later })).toBe(1);
    expect(flaky).toEqual([7]);
    expect(ok).toEqual([7]);
    const after = await deliveriesOf(db, 'd1', id);
    expect(after.map((r) => [r.subscriber, r.status, r.attempts, r.lastError])).toEqual([
      ['t4.flaky', 'done', 2, null],
      ['t4.ok', 'done', 1, null],
    ]);
  });

  it("takes over a crashed deliverer's claim once its lease has passed", async () => {
    const seen: number[] = [];
    const subs = [recorder('t5.rec', seen)];
    await publish(db, happened.of('d1', { n: 5 }));
    await fanOut(db, [{ type: happened.type, subscriber: 't5.rec' }]);
    // A deliverer claims and then dies without recording anything.
    expect(await claimDelivery(db, 'crashed', ['t5.rec'], 1000)).not.toBeNull();
    expect(await drain(db, subs, { logger: quiet })).toBe(0);
    const later = () => new Date(Date.now() + 5000);
    expect(await drain(db, subs, { logger: quiet, claimClock: later })).toBe(1);
    expect(seen).toEqual([5]);
  });

  it('is done by the job runner when no job is due', async () => {
    const seen: number[] = [];
    const events = new EventDispatcher({ db, subscriptions: [recorder('t6.rec', seen)], logger: quiet });
    const runner = new JobRunner({ db, workerId: 'runner', handlers: {}, pollMs: 10, events, logger: quiet });
    await publish(db, happened.of('d1', { n: 6 }));
    runner.start();
    try {
      const deadline = performance.now() + 20_000;
      while (!seen.length && performance.now() < deadline) await sleep(20);
    } finally {
      await runner.stop();
    }
    expect(seen).toEqual([6]);
  });
});

describe('pruning', () => {
  it('deletes events delivered to everyone after the keep period, and keeps one still failing', async () => {
    const seen: number[] = [];
    const kept = defineEvent<{ n: number }>('test.kept');
    const doneId = await publish(db, happened.of('d7', { n: 7 }));
    await drain(db, [recorder('t7.ok', seen)], { logger: quiet });
    const failingId = await publish(db, kept.of('d7', { n: 8 }));
    const down = on(kept, 't7.down', async () => Promise.reject(new Error('down')));
    await drain(db, [down], { logger: quiet });
    expect(seen).toEqual([7]);
    expect(await deliveriesOf(db, 'd7', doneId)).toHaveLength(1);
    // Within the keep period nothing goes.
    await pruneDeliveredEvents(db, 30);
    expect(await deliveriesOf(db, 'd7', doneId)).toHaveLength(1);
    // 31 days on: the delivered event goes with its delivery rows; the failing one stays for its retry.
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await pruneDeliveredEvents(db, 30, later)).toBeGreaterThanOrEqual(1);
    expect(await deliveriesOf(db, 'd7', doneId)).toEqual([]);
    const failing = await deliveriesOf(db, 'd7', failingId);
    expect(failing.map((d) => d.status)).toEqual(['queued']);
  });
});

describe('composeModules', () => {
  const base = { db: null as unknown as Db, now: () => new Date(), logger: quiet, defaultDistrictId: 'd1' };
  it('refuses a subscription, a job kind or a module declared twice', () => {
    const sub = () => [on(happened, 'dup.sub', async () => undefined)];
    expect(() =>
      composeModules(
        [
          { name: 'a', subscriptions: sub },
          { name: 'b', subscriptions: sub },
        ],
        base,
      ),
    ).toThrow('subscription dup.sub is declared twice');
    const jobs = () => ({ 'x.job': async () => undefined });
    expect(() =>
      composeModules(
        [
          { name: 'a', jobs },
          { name: 'b', jobs },
        ],
        base,
      ),
    ).toThrow('job kind x.job is declared twice');
    expect(() => composeModules([{ name: 'a' }, { name: 'a' }], base)).toThrow('module a is listed twice');
  });
});

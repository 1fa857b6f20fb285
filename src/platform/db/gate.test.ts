// The admission gate: places, FIFO hand-over, a full queue refused at once, a wait refused when it runs out.
import { describe, expect, it } from 'vitest';
import { AdmissionGate, LagMonitor, OverloadedError, gateOptionsFor } from './gate.ts';

const settle = () => new Promise((r) => setImmediate(r));

describe('admission gate', () => {
  it('admits up to its concurrency at once and queues the rest in arrival order', async () => {
    const gate = new AdmissionGate({ concurrency: 2, queueMax: 5, timeoutMs: 10_000 });
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((r) => (order.push('c'), r));
    const d = gate.acquire().then((r) => (order.push('d'), r));
    await settle();
    expect(order).toEqual([]);
    expect(gate.stats).toMatchObject({ active: 2, queued: 2 });
    a();
    a(); // a second release of the same place must not free another
    await settle();
    expect(order).toEqual(['c']);
    expect(gate.stats).toMatchObject({ active: 2, queued: 1 });
    b();
    await settle();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    (await d)();
    expect(gate.stats).toMatchObject({ active: 0, queued: 0, admitted: 4 });
  });

  it('refuses at once when the queue is full', async () => {
    const gate = new AdmissionGate({ concurrency: 1, queueMax: 1, timeoutMs: 10_000 });
    const held = await gate.acquire();
    const queued = gate.acquire();
    const t = performance.now();
    const refused = await gate.acquire().catch((e: unknown) => e);
    expect(performance.now() - t).toBeLessThan(50);
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).reason).toBe('queue-full');
    held();
    (await queued)();
    expect(gate.stats).toMatchObject({ active: 0, refusedFull: 1 });
  });

  it('refuses a waiter whose wait runs out, and frees its queue place', async () => {
    const gate = new AdmissionGate({ concurrency: 1, queueMax: 1, timeoutMs: 30 });
    const held = await gate.acquire();
    const refused = await gate.acquire().catch((e: unknown) => e);
    expect((refused as OverloadedError).reason).toBe('timeout');
    expect(gate.stats).toMatchObject({ queued: 0, refusedTimeout: 1 });
    // The queue place it held is free again: the next waiter is queued, not refused.
    const next = gate.acquire();
    held();
    (await next)();
    expect(gate.stats).toMatchObject({ active: 0, queued: 0 });
  });

  it('drops a waiter whose client went away', async () => {
    const gate = new AdmissionGate({ concurrency: 1, queueMax: 3, timeoutMs: 10_000 });
    const held = await gate.acquire();
    const abort = new AbortController();
    const gone = gate.acquire(abort.signal).catch((e: unknown) => e);
    abort.abort();
    expect(await gone).toBeInstanceOf(OverloadedError);
    expect(gate.stats.queued).toBe(0);
    held();
    expect(gate.stats.active).toBe(0);
  });

  it('advises a retry of about one queue wait, and defaults by store', () => {
    expect(new AdmissionGate({ concurrency: 1, queueMax: 1, timeoutMs: 2500 }).retryAfterSeconds()).toBe(3);
    expect(new AdmissionGate({ concurrency: 1, queueMax: 1, timeoutMs: 10 }).retryAfterSeconds()).toBe(1);
    const cfg = { concurrency: undefined, queueMax: 100, timeoutMs: 2000 };
    expect(gateOptionsFor('pglite', 10, cfg).concurrency).toBe(4);
    expect(gateOptionsFor('pg', 10, cfg).concurrency).toBe(10);
    expect(gateOptionsFor('pg', 10, { ...cfg, concurrency: 3 }).concurrency).toBe(3);
  });
});

describe('admission gate and the event loop', () => {
  it('refuses at once while the event loop has lagged beyond the limit, and admits again when it recovers', async () => {
    let lagMs = 0;
    const gate = new AdmissionGate({
      concurrency: 4,
      queueMax: 4,
      timeoutMs: 1000,
      maxEventLoopDelayMs: 150,
      lagSource: { recentMaxMs: () => lagMs, close: () => undefined },
    });
    (await gate.acquire())();
    lagMs = 700;
    const refused = await gate.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).reason).toBe('event-loop');
    expect(gate.stats.refusedLag).toBe(1);
    lagMs = 150; // at the limit is not beyond it
    (await gate.acquire())();
    expect(gate.stats.admitted).toBe(2);
  });

  it('keeps a delay in view for a second after its window closes, then forgets it', () => {
    let clock = 10_000;
    let maxNs = 0;
    const histogram = {
      get max() {
        return maxNs;
      },
      reset: () => {
        maxNs = 0;
      },
      disable: () => undefined,
    };
    const monitor = new LagMonitor({ histogram, now: () => clock, rollEveryMs: null });
    expect(monitor.recentMaxMs()).toBe(0);
    maxNs = 700e6; // a request's synchronous work held the loop for 700 ms
    expect(monitor.recentMaxMs()).toBe(700); // seen in the open window
    monitor.roll(); // the window closes and the histogram starts afresh
    expect(maxNs).toBe(0);
    clock += 600; // a late roll: still in view
    monitor.roll();
    expect(monitor.recentMaxMs()).toBe(700);
    clock += 399; // 999 ms after its window closed
    expect(monitor.recentMaxMs()).toBe(700);
    clock += 1; // a second after: forgotten
    expect(monitor.recentMaxMs()).toBe(0);
    maxNs = 20e6;
    expect(monitor.recentMaxMs()).toBe(20);
    monitor.close();
  });

  it('reads the process histogram when given none', () => {
    const monitor = new LagMonitor({ rollEveryMs: null });
    try {
      expect(monitor.recentMaxMs()).toBeGreaterThanOrEqual(0);
      monitor.roll();
      expect(Number.isFinite(monitor.recentMaxMs())).toBe(true);
    } finally {
      monitor.close();
    }
  });
});

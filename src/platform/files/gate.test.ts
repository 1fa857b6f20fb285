// The import gate: two run, a few wait, the rest get 503 with a retry time, and a slot frees for the next in line.
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { Gate } from './gate.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('import gate', () => {
  it('runs two at once, queues one, refuses the next with OVERLOADED and Retry-After', async () => {
    const gate = new Gate({ running: 2, waiting: 1, waitMs: 5_000, retryAfterSeconds: 7 });
    const hold = [deferred(), deferred(), deferred()];
    const order: number[] = [];
    const jobs = hold.map((d, i) =>
      gate.run(async () => {
        order.push(i);
        await d.promise;
        return i;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([0, 1]);
    expect(gate.busy).toEqual({ running: 2, waiting: 1 });
    const refused = await gate.run(async () => 9).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).details).toEqual({ retryAfter: 7 });
    hold[0]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([0, 1, 2]);
    hold[1]!.resolve();
    hold[2]!.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect(gate.busy).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses one that waited too long, and frees its place', async () => {
    const gate = new Gate({ running: 1, waiting: 1, waitMs: 20, retryAfterSeconds: 3 });
    const d = deferred();
    const first = gate.run(() => d.promise);
    const late = await gate.run(async () => 1).catch((e: unknown) => e);
    expect((late as AppError).code).toBe('OVERLOADED');
    expect(gate.busy).toEqual({ running: 1, waiting: 0 });
    d.resolve();
    await first;
    expect(await gate.run(async () => 2)).toBe(2);
  });
});

// The nightly recompute job does not repeat a recompute that finished after its scheduled instant: on a first
// start, bootstrap computes at once and the day's 02:00 occurrence, caught up a minute later, must not compute the
// whole district again (it held the embedded database ~9 s, answering 503 to the first visitors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { monitoringJobHandlers, RECOMPUTE_JOB } from '../../src/modules/monitoring/monitoring.feedback.ts';
import { lastComputedAt } from '../../src/modules/monitoring/monitoring.store.ts';
import type { Job } from '../../src/platform/jobs/jobs.ts';
import type { JobContext } from '../../src/platform/jobs/runner.ts';

let p: Platform;
let clock = new Date('2026-12-03T12:00:00Z'); // 20:00 in Shanghai, after the day's 02:00 occurrence
let ctx: JobContext;

const job = (scheduledAt: string): Job =>
  ({
    districtId: p.districtId,
    kind: RECOMPUTE_JOB,
    payload: { occurrence: 'x', scheduledAt },
  }) as unknown as Job;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 60, now: () => clock });
  const admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  expect((await admin.request('POST', '/api/monitoring/recompute')).statusCode).toBe(200);
  const noop = () => undefined;
  ctx = {
    db: p.db,
    workerId: 'test',
    now: () => clock,
    logger: { info: noop, warn: noop, error: noop } as unknown as JobContext['logger'],
  };
});
afterAll(() => p?.close());

describe('the scheduled recompute', () => {
  it('is skipped when a recompute finished after the occurrence it stands for', async () => {
    const before = await lastComputedAt(p.db, p.districtId);
    const result = await monitoringJobHandlers()[RECOMPUTE_JOB]!(job('2026-12-02T18:00:00.000Z'), ctx);
    expect(result).toMatchObject({ skipped: 'computed since the scheduled time' });
    expect(await lastComputedAt(p.db, p.districtId)).toBe(before); // nothing ran
  });

  it('computes when the last recompute is older than the occurrence', async () => {
    const before = await lastComputedAt(p.db, p.districtId);
    clock = new Date('2026-12-04T12:00:00Z');
    const result = await monitoringJobHandlers()[RECOMPUTE_JOB]!(job('2026-12-03T18:00:00.000Z'), ctx);
    expect(result).not.toHaveProperty('skipped');
    expect(new Date((await lastComputedAt(p.db, p.districtId))!).getTime()).toBeGreaterThan(
      new Date(before!).getTime(),
    );
  });
});

// The job queue: background work claimed through PostgreSQL, so N instances never run one job twice or lose one.
import { pgTable, text, integer, jsonb, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { createdAt, districtRowKey, districtPrimaryKey } from '../db/columns.ts';

export const jobs = pgTable(
  'jobs',
  {
    ...districtRowKey(),
    /** What to do, e.g. 'monitoring.recompute'; selects the handler. */
    kind: text('kind').notNull(),
    /** Dedupe key, e.g. 'monitoring.recompute:2026-10': one job per (district, kind, key). */
    key: text('key').notNull(),
    payload: jsonb('payload').notNull().default({}),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'queued' | 'running' | 'done' | 'failed' */
    status: text('status').notNull().default('queued'),
    /** Claims so far, counting the one running now. */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedBy: text('locked_by'),
    /** The lease: a running job whose lease has passed belongs to a crashed worker and is claimed again. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    result: jsonb('result'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('jobs_key').on(t.districtId, t.kind, t.key),
    // The claim query's search: due queued jobs and expired leases, oldest first.
    index('jobs_due').on(t.status, t.runAt),
  ],
);

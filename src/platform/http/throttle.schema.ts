// Request counters of the rate limiter, in PostgreSQL so every instance counts the same requests.
import { pgTable, text, integer, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';
import { districtId } from '../db/columns.ts';

export const rateLimits = pgTable(
  'rate_limits',
  {
    districtId: districtId(),
    /** What is limited, e.g. 'objection' or 'login'. */
    bucket: text('bucket').notNull(),
    /** Who is counted, usually the client address. */
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.bucket, t.key] }),
    index('rate_limits_window').on(t.districtId, t.windowStart),
  ],
);

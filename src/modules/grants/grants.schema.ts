// Grant tables (免申即享): batches, their items (each eligible enterprise with its stored outcome), objections, steps.
import { sql } from 'drizzle-orm';
import {
  pgTable,
  text,
  uuid,
  integer,
  bigint,
  smallint,
  doublePrecision,
  date,
  boolean,
  jsonb,
  timestamp,
  primaryKey,
  uniqueIndex,
  index,
  foreignKey,
} from 'drizzle-orm/pg-core';
import { districtId, createdAt, districtRowKey, districtPrimaryKey } from '../../platform/db/columns.ts';
import { policyVersions } from '../policies/policies.schema.ts';

export const grantBatches = pgTable(
  'grant_batches',
  {
    ...districtRowKey(),
    /** 免申即享〔2026〕3号 style running number, per district and year. */
    number: text('number').notNull(),
    policyId: uuid('policy_id').notNull(),
    policyVersion: integer('policy_version').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    /** 'review' | 'notice' | 'decided' | 'cancelled' */
    status: text('status').notNull(),
    /** Parameters in force for the amounts: name → {label, value, unit}. */
    parameters: jsonb('parameters').notNull(),
    noticeDays: integer('notice_days').notNull(),
    noticeStartsOn: date('notice_starts_on', { mode: 'string' }),
    noticeEndsOn: date('notice_ends_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('grant_batches_number').on(t.districtId, t.number),
    index('grant_batches_policy').on(t.districtId, t.policyId),
    foreignKey({
      columns: [t.districtId, t.policyId, t.policyVersion],
      foreignColumns: [policyVersions.districtId, policyVersions.policyId, policyVersions.version],
    }),
  ],
);

/** An eligible enterprise in a batch, with the explanation it was found eligible by (immutable once decided). */
export const grantItems = pgTable(
  'grant_items',
  {
    districtId: districtId(),
    batchId: uuid('batch_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    passed: boolean('passed').array().notNull(),
    values: doublePrecision('values').array().notNull(),
    /** Per leaf, the months a growth measure compared like for like (as in policy_results). */
    coverage: smallint('coverage').array(),
    included: boolean('included').notNull().default(true),
    exclusionReason: text('exclusion_reason'),
    /** Set at the decision. */
    granted: boolean('granted'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.batchId, t.enterpriseId] }),
    index('grant_items_enterprise').on(t.districtId, t.enterpriseId),
    foreignKey({
      columns: [t.districtId, t.batchId],
      foreignColumns: [grantBatches.districtId, grantBatches.id],
    }),
  ],
);

export const grantObjections = pgTable(
  'grant_objections',
  {
    ...districtRowKey(),
    batchId: uuid('batch_id').notNull(),
    enterpriseId: uuid('enterprise_id'),
    /** The filer's receipt number, YY-NNNN: unique per district and year of filing (see docs/grants.md). */
    receipt: text('receipt'),
    filerName: text('filer_name').notNull(),
    filerContact: text('filer_contact').notNull(),
    /** The signed-in user who filed it, if any. */
    filedBy: uuid('filed_by'),
    filedByEnterprise: uuid('filed_by_enterprise'),
    text: text('text').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'open' | 'upheld' | 'dismissed' */
    status: text('status').notNull().default('open'),
    response: text('response'),
    respondedBy: text('responded_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    districtPrimaryKey(t),
    index('grant_objections_batch').on(t.districtId, t.batchId),
    uniqueIndex('grant_objections_receipt').on(t.districtId, t.receipt),
    index('grant_objections_enterprise').on(t.districtId, t.filedByEnterprise),
    foreignKey({
      columns: [t.districtId, t.batchId],
      foreignColumns: [grantBatches.districtId, grantBatches.id],
    }),
  ],
);

/** The steps of a batch, in order: created, item reviewed, published, objection filed / resolved, decided. */
export const grantBatchEvents = pgTable(
  'grant_batch_events',
  {
    ...districtRowKey(),
    batchId: uuid('batch_id').notNull(),
    step: text('step').notNull(),
    actor: text('actor').notNull(),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [districtPrimaryKey(t), index('grant_batch_events_batch').on(t.districtId, t.batchId, t.at)],
);

/** A district's grant settings, set by the plan office: one row per district (absent: the defaults). */
export const grantSettings = pgTable('grant_settings', {
  districtId: districtId().primaryKey(),
  /** The shortest public notice (公示) allowed, in working days of the China calendar (default 5). */
  minNoticeWorkingDays: integer('min_notice_working_days').notNull().default(5),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

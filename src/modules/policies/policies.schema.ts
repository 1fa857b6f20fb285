// Policy tables: policies and their versions, the latest evaluation per enterprise, tier months, grant batches.
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
import { districtId, createdAt, updatedAt } from '../../platform/db/columns.ts';

export const policies = pgTable(
  'policies',
  {
    districtId: districtId(),
    id: uuid('id').notNull().defaultRandom(),
    code: text('code').notNull(),
    /** 'draft' | 'active' | 'retired' */
    status: text('status').notNull().default('draft'),
    /** The newest version (the one evaluated). */
    version: integer('version').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex('policies_code').on(t.districtId, t.code),
  ],
);

/** Every saved definition; a grant keeps the version it was decided under. */
export const policyVersions = pgTable(
  'policy_versions',
  {
    districtId: districtId(),
    policyId: uuid('policy_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.policyId, t.version] }),
    foreignKey({ columns: [t.districtId, t.policyId], foreignColumns: [policies.districtId, policies.id] }),
  ],
);

/** The last evaluation of each policy over the district. */
export const policyEvaluations = pgTable(
  'policy_evaluations',
  {
    districtId: districtId(),
    policyId: uuid('policy_id').notNull(),
    version: integer('version').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
    enterprises: integer('enterprises').notNull(),
    eligible: integer('eligible').notNull(),
    nearMisses: integer('near_misses').notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.policyId] })],
);

/**
 * The stored explanation of the last evaluation, one row per policy and enterprise: each leaf condition's result and
 * value (depth-first order), the amount, and for a near miss the one leaf to meet with its relative gap.
 */
export const policyResults = pgTable(
  'policy_results',
  {
    districtId: districtId(),
    policyId: uuid('policy_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    eligible: boolean('eligible').notNull(),
    passed: boolean('passed').array().notNull(),
    values: doublePrecision('values').array().notNull(),
    amount: bigint('amount', { mode: 'number' }),
    /** Per leaf, the months a growth measure compared like for like (null for other leaves). */
    coverage: smallint('coverage').array(),
    nearLeaf: smallint('near_leaf'),
    gap: doublePrecision('gap'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.policyId, t.enterpriseId] }),
    index('policy_results_enterprise').on(t.districtId, t.enterpriseId),
  ],
);

/** Tier members by month: an enterprise is in a tier in a month when the tier's rule held for it at that month. */
export const tierMonths = pgTable(
  'tier_months',
  {
    districtId: districtId(),
    tier: text('tier').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.tier, t.month, t.enterpriseId] }),
    index('tier_months_enterprise').on(t.districtId, t.enterpriseId),
  ],
);

/** When tiers were last evaluated and over which months. */
export const tierRuns = pgTable(
  'tier_runs',
  {
    districtId: districtId(),
    fromMonth: date('from_month', { mode: 'string' }).notNull(),
    toMonth: date('to_month', { mode: 'string' }).notNull(),
    /** A digest of the tier rules evaluated, so a changed plan file re-evaluates. */
    rulesDigest: text('rules_digest').notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId] })],
);

export const grantBatches = pgTable(
  'grant_batches',
  {
    districtId: districtId(),
    id: uuid('id').notNull().defaultRandom(),
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
    primaryKey({ columns: [t.districtId, t.id] }),
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
    districtId: districtId(),
    id: uuid('id').notNull().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    enterpriseId: uuid('enterprise_id'),
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
    primaryKey({ columns: [t.districtId, t.id] }),
    index('grant_objections_batch').on(t.districtId, t.batchId),
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
    districtId: districtId(),
    id: uuid('id').notNull().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    step: text('step').notNull(),
    actor: text('actor').notNull(),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('grant_batch_events_batch').on(t.districtId, t.batchId, t.at),
  ],
);

// Policy tables: policies and their versions, the latest evaluation per enterprise, tier months and tier runs.
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
import {
  districtId,
  createdAt,
  updatedAt,
  districtRowKey,
  districtPrimaryKey,
} from '../../platform/db/columns.ts';

export const policies = pgTable(
  'policies',
  {
    ...districtRowKey(),
    code: text('code').notNull(),
    /** 'draft' | 'active' | 'retired' */
    status: text('status').notNull().default('draft'),
    /** The newest version (the one evaluated). */
    version: integer('version').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('policies_code').on(t.districtId, t.code)],
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

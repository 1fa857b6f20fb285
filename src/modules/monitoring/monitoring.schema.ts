// Monitoring tables: department-entered values, the monthly fact table, indicator results and published snapshots.
import {
  pgTable,
  text,
  uuid,
  integer,
  bigint,
  numeric,
  date,
  boolean,
  jsonb,
  timestamp,
  primaryKey,
  index,
} from 'drizzle-orm/pg-core';
import { districtId, districtRowKey, districtPrimaryKey } from '../../platform/db/columns.ts';

/** Values only a department knows (the statistics bureau's official figure, a cluster built), with source and date. */
export const manualValues = pgTable(
  'manual_values',
  {
    ...districtRowKey(),
    targetCode: text('target_code').notNull(),
    /** The day the value describes. */
    asOf: date('as_of', { mode: 'string' }).notNull(),
    value: numeric('value').notNull(),
    source: text('source').notNull(),
    note: text('note'),
    unitId: uuid('unit_id'),
    enteredBy: uuid('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [districtPrimaryKey(t), index('manual_values_target').on(t.districtId, t.targetCode, t.asOf)],
);

/**
 * One row per enterprise and month it was in the district, with the figures in force that month: its report, or
 * its last report carried forward for up to N months. Rebuilt by the recompute job; every indicator is an
 * aggregate over it (the analytics-table approach of DHIS2).
 */
export const monitoringFacts = pgTable(
  'monitoring_facts',
  {
    districtId: districtId(),
    month: date('month', { mode: 'string' }).notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    /** False when the enterprise was in the district but had no report in force (missing). */
    hasData: boolean('has_data').notNull(),
    carried: boolean('carried').notNull(),
    employees: integer('employees').notNull(),
    coreTalents: integer('core_talents').notNull(),
    usedArea: numeric('used_area', { precision: 12, scale: 2 }).notNull(),
    operatingRevenue: bigint('operating_revenue', { mode: 'number' }).notNull(),
    softwareRevenue: bigint('software_revenue', { mode: 'number' }).notNull(),
    softwareProductRevenue: bigint('software_product_revenue', { mode: 'number' }).notNull(),
    rdExpense: bigint('rd_expense', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.month, t.enterpriseId] }),
    index('monitoring_facts_enterprise').on(t.districtId, t.enterpriseId, t.month),
  ],
);

/** A target's value per month, in total and by breakdown group (subdistrict, field, size band). */
export const indicatorResults = pgTable(
  'indicator_results',
  {
    districtId: districtId(),
    targetCode: text('target_code').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    /** 'total' | 'subdistrict' | 'field' | 'sizeBand'; an entrants target also has 'exits', 'net' and 'stock'. */
    dimension: text('dimension').notNull(),
    /** '' for the total; a unit id, field code or size band otherwise. */
    groupKey: text('group_key').notNull(),
    value: numeric('value'),
    /** Enterprises that contributed (had data) in this group and month. */
    contributors: integer('contributors').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.targetCode, t.month, t.dimension, t.groupKey] })],
);

/**
 * What the dashboard said about a target for a month, as published: a later correction adds a revision rather than
 * rewriting history.
 */
export const indicatorSnapshots = pgTable(
  'indicator_snapshots',
  {
    districtId: districtId(),
    targetCode: text('target_code').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    revision: integer('revision').notNull(),
    value: numeric('value'),
    status: text('status').notNull(),
    evaluation: jsonb('evaluation').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.targetCode, t.month, t.revision] })],
);

/** Reporting coverage per month and subdistrict: who should have reported, who did, by the deadline or late. */
export const reportingRates = pgTable(
  'reporting_rates',
  {
    districtId: districtId(),
    month: date('month', { mode: 'string' }).notNull(),
    /** '' for the district; a subdistrict unit id otherwise. */
    subdistrictId: text('subdistrict_id').notNull(),
    expected: integer('expected').notNull(),
    reported: integer('reported').notNull(),
    onTime: integer('on_time').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.month, t.subdistrictId] })],
);

/** One row per recompute: when it ran and what it did; the latest one dates the dashboard and keys its cache. */
export const monitoringRuns = pgTable(
  'monitoring_runs',
  {
    ...districtRowKey(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
    fromMonth: date('from_month', { mode: 'string' }).notNull(),
    toMonth: date('to_month', { mode: 'string' }).notNull(),
    summary: jsonb('summary').notNull(),
  },
  (t) => [districtPrimaryKey(t), index('monitoring_runs_latest').on(t.districtId, t.finishedAt)],
);

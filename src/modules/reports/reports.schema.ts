// Enterprises' monthly reports (填报): every version kept, one current per enterprise and month; import batches.
import { sql } from 'drizzle-orm';
import {
  pgTable,
  text,
  uuid,
  integer,
  bigint,
  numeric,
  date,
  boolean,
  timestamp,
  uniqueIndex,
  index,
  foreignKey,
} from 'drizzle-orm/pg-core';
import { createdAt, districtRowKey, districtPrimaryKey } from '../../platform/db/columns.ts';
import { enterprises } from '../enterprises/enterprises.schema.ts';

export const reportBatches = pgTable(
  'report_batches',
  {
    ...districtRowKey(),
    /** The month the batch reports, first day. */
    period: date('period', { mode: 'string' }).notNull(),
    filename: text('filename').notNull(),
    rows: integer('rows').notNull(),
    created: integer('created').notNull(),
    revised: integer('revised').notNull(),
    unchanged: integer('unchanged').notNull(),
    submittedBy: uuid('submitted_by'),
    createdAt: createdAt(),
  },
  (t) => [districtPrimaryKey(t)],
);

export const reports = pgTable(
  'reports',
  {
    ...districtRowKey(),
    enterpriseId: uuid('enterprise_id').notNull(),
    /** The month reported, as its first day (a Period 'YYYY-MM' in the API). */
    period: date('period', { mode: 'string' }).notNull(),
    /** 1 for the first report of the month, +1 for every correction; all versions are kept. */
    version: integer('version').notNull(),
    isCurrent: boolean('is_current').notNull(),
    employees: integer('employees').notNull(),
    coreTalents: integer('core_talents').notNull(),
    /** Money in integer yuan; flows are the month's, not year-to-date. */
    operatingRevenue: bigint('operating_revenue', { mode: 'number' }).notNull(),
    softwareRevenue: bigint('software_revenue', { mode: 'number' }).notNull(),
    softwareProductRevenue: bigint('software_product_revenue', { mode: 'number' }).notNull(),
    rdExpense: bigint('rd_expense', { mode: 'number' }).notNull(),
    usedArea: numeric('used_area', { precision: 12, scale: 2 }).notNull(),
    buildingId: uuid('building_id'),
    /** 'form' | 'import' | 'demo' */
    source: text('source').notNull(),
    batchId: uuid('batch_id'),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note'),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('reports_current')
      .on(t.districtId, t.enterpriseId, t.period)
      .where(sql`is_current`),
    uniqueIndex('reports_version').on(t.districtId, t.enterpriseId, t.period, t.version),
    index('reports_period').on(t.districtId, t.period),
    foreignKey({
      columns: [t.districtId, t.enterpriseId],
      foreignColumns: [enterprises.districtId, enterprises.id],
    }),
  ],
);

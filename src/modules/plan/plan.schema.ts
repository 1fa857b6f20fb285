// Tables holding a district's plan: the plan, its targets, sections, key tasks and their units.
import {
  pgTable,
  text,
  uuid,
  integer,
  numeric,
  date,
  boolean,
  jsonb,
  primaryKey,
  uniqueIndex,
  index,
  foreignKey,
} from 'drizzle-orm/pg-core';
import { units } from '../units/units.schema.ts';
import {
  districtId,
  createdAt,
  updatedAt,
  districtRowKey,
  districtPrimaryKey,
} from '../../platform/db/columns.ts';

export const plans = pgTable(
  'plans',
  {
    ...districtRowKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
    status: text('status').notNull(),
    source: text('source').notNull(),
    preamble: text('preamble').notNull(),
    goalStatement: text('goal_statement').notNull(),
    baselineDate: date('baseline_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    dataVersion: integer('data_version').notNull(),
    contentHash: text('content_hash').notNull(),
    /** The safeguard measures (保障措施), kept as loaded: shown, not computed on. */
    safeguards: jsonb('safeguards').notNull(),
    /** Monitoring settings of the plan file: deadlines, carry-forward, thresholds, tier rules. */
    monitoring: jsonb('monitoring').notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('plans_code').on(t.districtId, t.code)],
);

export const planTargets = pgTable(
  'plan_targets',
  {
    ...districtRowKey(),
    planId: uuid('plan_id').notNull(),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    goal: numeric('goal').notNull(),
    unit: text('unit').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    aim: text('aim').notNull(),
    strive: boolean('strive').notNull(),
    /** The target this one is counted within (其中…), e.g. core talents within employees. */
    partOf: text('part_of'),
    /** How the value is computed each month (plan-file formula). */
    formula: jsonb('formula').notNull().default({ kind: 'manual' }),
    ownerTask: integer('owner_task'),
    ownerUnitCodes: text('owner_unit_codes').array(),
    quote: text('quote').notNull(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('plan_targets_code').on(t.districtId, t.planId, t.code)],
);

export const planSections = pgTable(
  'plan_sections',
  {
    districtId: districtId(),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    numeral: text('numeral').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.planId, t.number] })],
);

export const planTasks = pgTable(
  'plan_tasks',
  {
    ...districtRowKey(),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    section: integer('section').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
    text: text('text').notNull(),
    responsibleLabel: text('responsible_label').notNull(),
    unitsQuote: text('units_quote').notNull(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('plan_tasks_number').on(t.districtId, t.planId, t.number)],
);

export const planTaskUnits = pgTable(
  'plan_task_units',
  {
    districtId: districtId(),
    taskId: uuid('task_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** 'lead' (牵头单位) or 'responsible' (责任单位). */
    role: text('role').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.taskId, t.unitId, t.role] }),
    index('plan_task_units_unit').on(t.districtId, t.unitId),
    foreignKey({
      columns: [t.districtId, t.taskId],
      foreignColumns: [planTasks.districtId, planTasks.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.districtId, t.unitId], foreignColumns: [units.districtId, units.id] }),
  ],
);

// 督查督办 tables: work items (工作台账), their progress reports (every version kept) and the reports' attachments.
// Room is left for what comes later (dispatch meetings: source 'meeting' with meeting_id, 需协调事项 on a report;
// 督办单 and the annual assessment read these rows), without building it.
import { sql } from 'drizzle-orm';
import {
  pgTable,
  text,
  uuid,
  integer,
  numeric,
  date,
  boolean,
  timestamp,
  uniqueIndex,
  index,
  foreignKey,
  check,
  jsonb,
  primaryKey,
} from 'drizzle-orm/pg-core';
import {
  bytea,
  districtRowKey,
  districtPrimaryKey,
  createdAt,
  updatedAt,
} from '../../platform/db/columns.ts';
import { units } from '../units/units.schema.ts';
import { planTasks } from '../plan/plan.schema.ts';

/** A work item (工作举措/节点) of a key task, a meeting decision or a leader's instruction (批示). */
export const supervisionItems = pgTable(
  'supervision_items',
  {
    ...districtRowKey(),
    /** 序号: the ledger's running number in the district (the key an exported ledger is imported back by). */
    number: integer('number').notNull(),
    /** The key task; null only for an item from a meeting or an instruction that no task owns. */
    taskId: uuid('task_id'),
    title: text('title').notNull(),
    /** The owning unit: the task's lead, one of its responsible units, or a subdistrict covered by 各镇街. */
    ownerUnitId: uuid('owner_unit_id').notNull(),
    /** The people responsible (责任人), as the unit names them. */
    responsiblePeople: text('responsible_people').notNull().default(''),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** 'milestone' | 'recurring' | 'quantity' */
    kind: text('kind').notNull(),
    goalQuantity: numeric('goal_quantity'),
    goalUnit: text('goal_unit'),
    /** Plan target codes the item contributes to (linked indicators). */
    targetCodes: text('target_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The evidence expected (佐证材料). */
    evidence: text('evidence').notNull().default(''),
    /** 'task' | 'meeting' | 'instruction' | 'serviceRequest' */
    source: text('source').notNull(),
    /** The meeting, instruction or document the item comes from, in words. */
    sourceRef: text('source_ref').notNull().default(''),
    /** The meeting whose decision the item is (dispatch meetings come later; no table yet). */
    meetingId: uuid('meeting_id'),
    /**
     * The record outside supervision the item stands for, when another module asked for it (an overdue or
     * dissatisfied service-desk request: 'serviceRequest:<id>'); one item per subject.
     */
    subject: text('subject'),
    cadenceMonths: integer('cadence_months').notNull().default(1),
    weight: integer('weight').notNull().default(1),
    /** 'open' | 'done' | 'cancelled' */
    state: text('state').notNull().default('open'),
    /** The unit's own status ('onTrack' | 'atRisk' | 'behind' | 'done'), shown beside the computed one. */
    declaredStatus: text('declared_status'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('supervision_items_number').on(t.districtId, t.number),
    index('supervision_items_owner').on(t.districtId, t.ownerUnitId),
    index('supervision_items_task').on(t.districtId, t.taskId),
    uniqueIndex('supervision_items_subject').on(t.districtId, t.subject),
    foreignKey({ columns: [t.districtId, t.taskId], foreignColumns: [planTasks.districtId, planTasks.id] }),
    foreignKey({ columns: [t.districtId, t.ownerUnitId], foreignColumns: [units.districtId, units.id] }),
    check('supervision_items_dates', sql`${t.dueDate} >= ${t.startDate}`),
    check('supervision_items_cadence', sql`${t.cadenceMonths} BETWEEN 1 AND 12`),
  ],
);

/** A progress report (月报·进展) on an item for a period; a correction or resubmission is a new version. */
export const supervisionReports = pgTable(
  'supervision_reports',
  {
    ...districtRowKey(),
    itemId: uuid('item_id').notNull(),
    /** 'YYYY-MM': the month reported on. */
    period: text('period').notNull(),
    version: integer('version').notNull(),
    progress: text('progress').notNull(),
    quantityDone: numeric('quantity_done'),
    percent: integer('percent'),
    problems: text('problems').notNull().default(''),
    nextSteps: text('next_steps').notNull().default(''),
    /** 需协调事项: the unit asks for the matter to go to a dispatch meeting. */
    needsCoordination: boolean('needs_coordination').notNull().default(false),
    /** 'submitted' | 'returned' | 'accepted' */
    state: text('state').notNull().default('submitted'),
    returnReason: text('return_reason'),
    /** 'form' | 'import' */
    origin: text('origin').notNull().default('form'),
    submittedBy: uuid('submitted_by'),
    submittedByLabel: text('submitted_by_label').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    reviewedByLabel: text('reviewed_by_label'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('supervision_reports_version').on(t.districtId, t.itemId, t.period, t.version),
    foreignKey({
      columns: [t.districtId, t.itemId],
      foreignColumns: [supervisionItems.districtId, supervisionItems.id],
    }),
    check('supervision_reports_percent', sql`${t.percent} IS NULL OR ${t.percent} BETWEEN 0 AND 100`),
  ],
);

/** A file attached to a report (佐证材料), kept in the database. */
export const supervisionAttachments = pgTable(
  'supervision_attachments',
  {
    ...districtRowKey(),
    reportId: uuid('report_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    districtPrimaryKey(t),
    index('supervision_attachments_report').on(t.districtId, t.reportId),
    foreignKey({
      columns: [t.districtId, t.reportId],
      foreignColumns: [supervisionReports.districtId, supervisionReports.id],
    }),
  ],
);

/**
 * A supervision notice (督办单): one row per level of the ladder; an escalation closes the previous row as
 * `escalated` and issues the next level linked to it (`previousId`), so every level change is kept with its own
 * issue date, reason, evidence, required response date and the unit's response.
 */
export const supervisionNotices = pgTable(
  'supervision_notices',
  {
    ...districtRowKey(),
    itemId: uuid('item_id').notNull(),
    /** 'blue' | 'yellow' | 'red' */
    level: text('level').notNull(),
    /** The lower level this one escalated from. */
    previousId: uuid('previous_id'),
    /** 'issued' | 'acknowledged' | 'responded' | 'closed' | 'escalated' */
    state: text('state').notNull().default('issued'),
    /** 'rule' (the daily job) | 'manual' (the plan office by hand) */
    origin: text('origin').notNull(),
    /** The unit addressed (the item's owner when issued). */
    unitId: uuid('unit_id').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedByLabel: text('issued_by_label').notNull(),
    /** Why, in words (the item's status reason, or the office's text). */
    reason: text('reason').notNull(),
    /** What the status was read from, in words (dates, expected and reported progress, the latest report). */
    evidence: text('evidence').notNull(),
    /** The item's computed status when issued. */
    facts: jsonb('facts').notNull(),
    /** The unit answers (签收, 整改情况) by this date (working days after the issue). */
    responseDue: date('response_due', { mode: 'string' }).notNull(),
    acknowledgedByLabel: text('acknowledged_by_label'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    remediation: text('remediation'),
    respondedByLabel: text('responded_by_label'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    closedByLabel: text('closed_by_label'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedOn: date('closed_on', { mode: 'string' }),
    closeNote: text('close_note'),
  },
  (t) => [
    districtPrimaryKey(t),
    index('supervision_notices_item').on(t.districtId, t.itemId),
    index('supervision_notices_unit').on(t.districtId, t.unitId),
    // One notice in force per item: the rule and the office cannot issue two at once.
    uniqueIndex('supervision_notices_open')
      .on(t.districtId, t.itemId)
      .where(sql`state IN ('issued', 'acknowledged', 'responded')`),
    foreignKey({
      columns: [t.districtId, t.itemId],
      foreignColumns: [supervisionItems.districtId, supervisionItems.id],
    }),
    foreignKey({ columns: [t.districtId, t.unitId], foreignColumns: [units.districtId, units.id] }),
    check('supervision_notices_level', sql`${t.level} IN ('blue', 'yellow', 'red')`),
  ],
);

/** An item's computed colour over time: a row whenever the daily job (or a notice) sees it change, one per day at most. */
export const supervisionColourHistory = pgTable(
  'supervision_colour_history',
  {
    ...districtRowKey(),
    itemId: uuid('item_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** 'green' | 'yellow' | 'red' */
    colour: text('colour').notNull(),
    expected: integer('expected').notNull(),
    reported: integer('reported'),
    reason: text('reason').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('supervision_colour_history_day').on(t.districtId, t.itemId, t.day),
    foreignKey({
      columns: [t.districtId, t.itemId],
      foreignColumns: [supervisionItems.districtId, supervisionItems.id],
    }),
  ],
);

/**
 * The district's status thresholds and ladder settings (亮灯阈值 · 督办时限), edited by the plan office; no row means the
 * defaults (`defaultThresholds`, `defaultLadderSettings`). Stored whole: each value is validated by the contract.
 */
export const supervisionSettings = pgTable(
  'supervision_settings',
  {
    districtId: text('district_id').notNull(),
    thresholds: jsonb('thresholds').notNull(),
    ladder: jsonb('ladder').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.districtId] })],
);

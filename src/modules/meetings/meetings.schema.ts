// 调度会 · 会商 tables: meetings, their agenda entries (generated from the ledger, then edited) and the decisions their
// minutes record (each becomes a supervision work item when the minutes are published).
import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, integer, date, timestamp, index, foreignKey } from 'drizzle-orm/pg-core';
import { districtRowKey, districtPrimaryKey, createdAt, updatedAt } from '../../platform/db/columns.ts';
import { units } from '../units/units.schema.ts';

/** A dispatch meeting (调度会), consultation (会商) or topical meeting (专题会). */
export const meetings = pgTable(
  'meetings',
  {
    ...districtRowKey(),
    /** 'dispatch' | 'consultation' | 'topical' */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    chair: text('chair').notNull().default(''),
    attendeeUnitIds: uuid('attendee_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** 'planned' | 'held' | 'published' */
    state: text('state').notNull().default('planned'),
    /** The minutes' summary (会议纪要 opening paragraph). */
    summary: text('summary').notNull().default(''),
    agendaGeneratedAt: timestamp('agenda_generated_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedByLabel: text('published_by_label'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [districtPrimaryKey(t), index('meetings_scheduled').on(t.districtId, t.scheduledAt)],
);

/** One entry of a meeting's agenda: a work item with why it is there, or a matter added by hand. */
export const meetingAgendaEntries = pgTable(
  'meeting_agenda_entries',
  {
    ...districtRowKey(),
    meetingId: uuid('meeting_id').notNull(),
    position: integer('position').notNull(),
    /** Why it is on the agenda: any of 'red' | 'newlyYellow' | 'coordination' | 'manual'. */
    sources: text('sources').array().notNull(),
    /** The supervision work item (none for a manual matter); read through supervision's store. */
    itemId: uuid('item_id'),
    itemNumber: integer('item_number'),
    taskNumber: integer('task_number'),
    text: text('text').notNull(),
    /** The reasons in words, one per line. */
    reasons: text('reasons').notNull().default(''),
    unitIds: uuid('unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** What the meeting said about it (recorded with the minutes). */
    discussion: text('discussion').notNull().default(''),
  },
  (t) => [
    districtPrimaryKey(t),
    index('meeting_agenda_entries_meeting').on(t.districtId, t.meetingId, t.position),
    foreignKey({ columns: [t.districtId, t.meetingId], foreignColumns: [meetings.districtId, meetings.id] }),
  ],
);

/** A decision of the minutes (议定事项): what, who owns it, by when; the work item it became once published. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    ...districtRowKey(),
    meetingId: uuid('meeting_id').notNull(),
    agendaEntryId: uuid('agenda_entry_id'),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    ownerUnitId: uuid('owner_unit_id').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** The supervision work item created when the minutes were published. */
    workItemId: uuid('work_item_id'),
  },
  (t) => [
    districtPrimaryKey(t),
    index('meeting_decisions_meeting').on(t.districtId, t.meetingId, t.position),
    index('meeting_decisions_owner').on(t.districtId, t.ownerUnitId),
    foreignKey({ columns: [t.districtId, t.meetingId], foreignColumns: [meetings.districtId, meetings.id] }),
    foreignKey({
      columns: [t.districtId, t.agendaEntryId],
      foreignColumns: [meetingAgendaEntries.districtId, meetingAgendaEntries.id],
    }),
    foreignKey({ columns: [t.districtId, t.ownerUnitId], foreignColumns: [units.districtId, units.id] }),
  ],
);

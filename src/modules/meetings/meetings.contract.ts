// API shapes of 调度会 · 会商: meetings, their agenda (generated, then edited) and minutes (decisions).
import { z } from 'zod';
import { idSchema, isoDateSchema } from '../../platform/http/common.contract.ts';
import { agendaSources, meetingKinds, meetingStates } from './meetings.kinds.ts';

const text = (max: number) => z.string().trim().max(max);

export const meetingInputSchema = z.object({
  kind: z.enum(meetingKinds).default('dispatch'),
  title: text(200).min(1, '请填写会议名称'),
  scheduledAt: z.iso.datetime({ offset: true }),
  place: text(200).default(''),
  chair: text(100).default(''),
  attendeeUnitIds: z.array(idSchema).max(200).default([]),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

const unitRefSchema = z.object({ id: idSchema, name: z.string() });

export const agendaEntrySchema = z.object({
  id: idSchema.nullable(),
  position: z.number().int(),
  sources: z.array(z.enum(agendaSources)),
  itemId: idSchema.nullable(),
  itemNumber: z.number().int().nullable(),
  taskNumber: z.number().int().nullable(),
  text: z.string(),
  reasons: z.array(z.string()),
  units: z.array(unitRefSchema),
  discussion: z.string(),
});
export type AgendaEntryView = z.infer<typeof agendaEntrySchema>;

/** One entry as the office saves it: an existing entry keeps its id; a manual matter needs only its text. */
export const agendaEntryInputSchema = z.object({
  id: idSchema.nullable().default(null),
  sources: z.array(z.enum(agendaSources)).min(1).max(4).default(['manual']),
  itemId: idSchema.nullable().default(null),
  text: text(500).min(1, '请填写议题'),
  reasons: z.array(text(1000)).max(10).default([]),
  unitIds: z.array(idSchema).max(100).default([]),
  discussion: text(4000).default(''),
});
/** The whole agenda in its order (add, remove, reorder by sending the list). */
export const agendaInputSchema = z.object({ entries: z.array(agendaEntryInputSchema).max(300) });
export type AgendaInput = z.infer<typeof agendaInputSchema>;

export const agendaPreviewQuerySchema = z.object({
  /** With no previous meeting: how many days back newly yellow items and flagged reports are looked for. */
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export const agendaPreviewSchema = z.object({
  /** The window: since the previous meeting (its id and time) or the last N days. */
  since: z.string(),
  previousMeetingId: idSchema.nullable(),
  entries: z.array(agendaEntrySchema),
});

export const decisionInputSchema = z.object({
  /** The saved agenda entry the decision answers, if any. */
  agendaEntryId: idSchema.nullable().default(null),
  text: text(500).min(1, '请填写议定事项'),
  ownerUnitId: idSchema,
  dueDate: isoDateSchema,
});
export const minutesInputSchema = z.object({
  summary: text(4000).default(''),
  decisions: z.array(decisionInputSchema).max(200),
  /** What was said on each agenda entry, by entry id. */
  discussions: z.record(idSchema, text(4000)).default({}),
});
export type MinutesInput = z.infer<typeof minutesInputSchema>;

export const decisionSchema = z.object({
  id: idSchema,
  position: z.number().int(),
  agendaEntryId: idSchema.nullable(),
  text: z.string(),
  owner: unitRefSchema,
  dueDate: z.string(),
  workItemId: idSchema.nullable(),
  workItemNumber: z.number().int().nullable(),
});

export const meetingSchema = z.object({
  id: idSchema,
  kind: z.enum(meetingKinds),
  title: z.string(),
  scheduledAt: z.string(),
  place: z.string(),
  chair: z.string(),
  attendees: z.array(unitRefSchema),
  state: z.enum(meetingStates),
  summary: z.string(),
  agendaGeneratedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedByLabel: z.string().nullable(),
  createdBy: z.string(),
  /** Whether the signed-in user may change it (the plan office, until published). */
  editable: z.boolean(),
});
export type MeetingView = z.infer<typeof meetingSchema>;

export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  agenda: z.array(agendaEntrySchema),
  decisions: z.array(decisionSchema),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const meetingListSchema = z.object({
  items: z.array(meetingSchema.extend({ agendaEntries: z.number().int(), decisions: z.number().int() })),
});

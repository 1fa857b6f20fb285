// 企业诉求 tables: the desk's configuration (category tree, routing rules, limits — every saved version kept), the
// requests, every step of each (service_request_events) and their attachments. district_id leads every key.
import { sql } from 'drizzle-orm';
import {
  pgTable,
  text,
  uuid,
  integer,
  date,
  boolean,
  timestamp,
  numeric,
  jsonb,
  uniqueIndex,
  index,
  foreignKey,
  check,
} from 'drizzle-orm/pg-core';
import {
  bytea,
  districtRowKey,
  districtPrimaryKey,
  createdAt,
  updatedAt,
} from '../../platform/db/columns.ts';
import { units } from '../units/units.schema.ts';
import { enterprises } from '../enterprises/enterprises.schema.ts';

/** The desk's configuration as the plan office saved it; the highest version is in force. */
export const serviceDeskConfigs = pgTable(
  'service_desk_configs',
  {
    ...districtRowKey(),
    version: integer('version').notNull(),
    /** DeskConfig (servicedesk.ts): categories with their limits, routing rules, dispatcher, rating window. */
    config: jsonb('config').notNull(),
    savedByLabel: text('saved_by_label').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('service_desk_configs_version').on(t.districtId, t.version)],
);

/** A request (诉求) of an enterprise, with its clock and outcome kept as columns the lists and figures read. */
export const serviceRequests = pgTable(
  'service_requests',
  {
    ...districtRowKey(),
    /** Running number in the district (shown as YYYY-NNNNNN with the year filed). */
    seq: integer('seq').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    /** The enterprise's subdistrict when it filed (subdistrict users see their enterprises' requests). */
    subdistrictId: uuid('subdistrict_id').notNull(),
    category: text('category').notNull(),
    /** 'normal' | 'urgent' */
    urgency: text('urgency').notNull().default('normal'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    /** The enterprise allows publishing the request and its answer in anonymised form. */
    publishConsent: boolean('publish_consent').notNull().default(false),
    /** The plan office withheld a consented request from the knowledge base. */
    publicationWithheld: boolean('publication_withheld').notNull().default(false),
    /** Policies the published answer explains (a policy's page lists it under 相关问答). */
    policyIds: uuid('policy_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** 'online' | 'phone' | 'visit' (the last two: 代录 by staff). */
    channel: text('channel').notNull().default('online'),
    /** servicedesk.ts requestStates. */
    state: text('state').notNull(),
    /** The handling unit now (null while waiting for the dispatcher). */
    unitId: uuid('unit_id'),
    /** Every unit the request was ever dispatched to (earlier handlers keep read access). */
    handledUnitIds: uuid('handled_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** A unit's 退单: the unit it named as responsible, and its reason. */
    returnSuggestedUnitId: uuid('return_suggested_unit_id'),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    filedByLabel: text('filed_by_label').notNull(),
    dispatchedOn: date('dispatched_on', { mode: 'string' }),
    acceptDueOn: date('accept_due_on', { mode: 'string' }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    /** The current round's clock: filing, or the reopening. */
    roundStartedOn: date('round_started_on', { mode: 'string' }).notNull(),
    answerDays: integer('answer_days').notNull(),
    /** Approved 延期 of the current round, in working days. */
    extensionDays: integer('extension_days').notNull().default(0),
    /** A 延期 waiting for the plan office: { days, reason, byLabel, at }. */
    pendingExtension: jsonb('pending_extension'),
    /** 补充材料 pauses: [{ from, to | null, reason }]. */
    pauses: jsonb('pauses')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The current round's answer deadline (null while paused), recomputed on every step. */
    answerDueOn: date('answer_due_on', { mode: 'string' }),
    /** The first round's deadline as it stood at the first answer (the 答复及时率 reads it). */
    firstAnswerDueOn: date('first_answer_due_on', { mode: 'string' }),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredOn: date('answered_on', { mode: 'string' }),
    firstAnsweredOn: date('first_answered_on', { mode: 'string' }),
    firstAnswerWorkingDays: integer('first_answer_working_days'),
    /** 'satisfied' | 'basicallySatisfied' | 'dissatisfied': the latest rating. */
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** The rating window ran out: counted 满意 without the enterprise's word. */
    ratingAuto: boolean('rating_auto').notNull().default(false),
    reopenCount: integer('reopen_count').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** 需协调: the unit cannot solve it alone; the next dispatch meeting's agenda lists it. */
    needsCoordination: boolean('needs_coordination').notNull().default(false),
    coordinationNote: text('coordination_note'),
    coordinationFlaggedAt: timestamp('coordination_flagged_at', { withTimezone: true }),
    /** The day the daily check found the current round's answer overdue (once per round). */
    overdueFlaggedOn: date('overdue_flagged_on', { mode: 'string' }),
    acceptOverdueFlaggedOn: date('accept_overdue_flagged_on', { mode: 'string' }),
    /** A 督办单 was asked for (overdue or dissatisfied) and not yet ended by an answer. */
    supervised: boolean('supervised').notNull().default(false),
    /** The earlier request of the enterprise this one looks like, and the bigram Jaccard score. */
    duplicateOfId: uuid('duplicate_of_id'),
    duplicateScore: numeric('duplicate_score'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('service_requests_seq').on(t.districtId, t.seq),
    index('service_requests_enterprise').on(t.districtId, t.enterpriseId, t.filedAt),
    index('service_requests_unit').on(t.districtId, t.unitId, t.state),
    index('service_requests_subdistrict').on(t.districtId, t.subdistrictId, t.filedAt),
    index('service_requests_filed').on(t.districtId, t.filedOn),
    // The list's order (newest first): without it every page sorts every request in reach (docs/benchmarks.md).
    index('service_requests_newest').on(t.districtId, t.filedAt, t.seq),
    index('service_requests_state').on(t.districtId, t.state),
    foreignKey({
      columns: [t.districtId, t.enterpriseId],
      foreignColumns: [enterprises.districtId, enterprises.id],
    }),
    foreignKey({ columns: [t.districtId, t.unitId], foreignColumns: [units.districtId, units.id] }),
    foreignKey({ columns: [t.districtId, t.subdistrictId], foreignColumns: [units.districtId, units.id] }),
    check('service_requests_urgency', sql`${t.urgency} IN ('normal', 'urgent')`),
    check('service_requests_reopen', sql`${t.reopenCount} BETWEEN 0 AND 1`),
  ],
);

/** One step of a request: who, when, what, in words; internal notes are never shown to the enterprise. */
export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    ...districtRowKey(),
    requestId: uuid('request_id').notNull(),
    /** servicedesk.ts eventKinds. */
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    text: text('text').notNull().default(''),
    internal: boolean('internal').notNull().default(false),
    /** The unit the step concerns (dispatched to, returned by, suggested). */
    unitId: uuid('unit_id'),
    data: jsonb('data'),
  },
  (t) => [
    districtPrimaryKey(t),
    index('service_request_events_request').on(t.districtId, t.requestId, t.at),
    foreignKey({
      columns: [t.districtId, t.requestId],
      foreignColumns: [serviceRequests.districtId, serviceRequests.id],
    }),
  ],
);

/** A file attached to a request (by the enterprise, or by the unit with its answer), kept in the database. */
export const serviceRequestAttachments = pgTable(
  'service_request_attachments',
  {
    ...districtRowKey(),
    requestId: uuid('request_id').notNull(),
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
    index('service_request_attachments_request').on(t.districtId, t.requestId),
    foreignKey({
      columns: [t.districtId, t.requestId],
      foreignColumns: [serviceRequests.districtId, serviceRequests.id],
    }),
  ],
);

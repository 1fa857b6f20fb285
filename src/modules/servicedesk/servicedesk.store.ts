// The reads of the service desk's tables: the configuration in force, the list and one request (with its steps,
// attachments and clock), the figures' facts, and what other modules read (the dispatch meeting's 需协调事项, the
// assessment's 三率, the public knowledge base). The writes are in servicedesk.actions.ts.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { maskPhone } from '../../platform/audit/mask.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { today, type CivilDate } from '../../platform/time/date.ts';
import { lastDayOf, type Period } from '../../platform/time/period.ts';
import { allUnits, type UnitRow } from '../units/units.store.ts';
import { findEnterpriseRow } from '../enterprises/enterprises.store.ts';
import { enterpriseNameSql } from '../enterprises/enterprises.sql.ts';
import {
  serviceDeskConfigs,
  serviceRequestAttachments,
  serviceRequestEvents,
  serviceRequests,
} from './servicedesk.schema.ts';
import {
  actionStates,
  categoryPath,
  configProblems,
  defaultConfig,
  requestNumber,
  stateLabels,
  type DeskConfig,
  type EventKind,
  type Rating,
  type RequestAction,
  type RequestState,
  type Urgency,
  type Channel,
} from './servicedesk.ts';
import {
  dueDate,
  elapsedWorkingDays,
  openPause,
  overdueWorkingDays,
  pausedWorkingDays,
  type Pause,
} from './servicedesk.clock.ts';
import type { FigureFacts } from './servicedesk.figures.ts';
import { can, seesContactInFull, visibleWhere, type DeskAction } from './servicedesk.policy.ts';
import type { RequestDetail, RequestListQuery, RequestSummary } from './servicedesk.contract.ts';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type EventRow = typeof serviceRequestEvents.$inferSelect;

export const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
export const conflict = (reason: string, message: string) =>
  new AppError('CONFLICT', message, undefined, { reason });

export const pausesOf = (r: Pick<RequestRow, 'pauses'>) => (r.pauses ?? []) as Pause[];
export const numberOf = (r: Pick<RequestRow, 'filedOn' | 'seq'>) =>
  requestNumber(Number(r.filedOn.slice(0, 4)), r.seq);

/** The current round's answer deadline: its start + the limit + approved extensions, pauses out. */
export const answerDueOf = (
  r: Pick<RequestRow, 'roundStartedOn' | 'answerDays' | 'extensionDays' | 'pauses'>,
) => dueDate(r.roundStartedOn as CivilDate, r.answerDays + r.extensionDays, pausesOf(r));

// ── Configuration ──────────────────────────────────────────────────────────────────────────────────────────

export interface ConfigInForce {
  config: DeskConfig;
  version: number;
  savedByLabel: string | null;
  savedAt: string | null;
}

/** The saved configuration with the highest version, or the default for the district's units (version 0). */
export async function loadConfig(db: Queryable, districtId: string): Promise<ConfigInForce> {
  const [row] = await db
    .select()
    .from(serviceDeskConfigs)
    .where(eq(serviceDeskConfigs.districtId, districtId))
    .orderBy(desc(serviceDeskConfigs.version))
    .limit(1);
  if (row)
    return {
      config: row.config as DeskConfig,
      version: row.version,
      savedByLabel: row.savedByLabel,
      savedAt: iso(row.savedAt),
    };
  const units = await allUnits(db, districtId);
  return {
    config: defaultConfig(new Set(units.map((u) => u.code))),
    version: 0,
    savedByLabel: null,
    savedAt: null,
  };
}

/** Saves a new version of the configuration (the plan office's), after checking codes and units. */
export async function saveConfig(db: Db, actor: Actor, config: DeskConfig, now: Date): Promise<void> {
  const units = new Map((await allUnits(db, actor.districtId)).map((u) => [u.code, u]));
  const problems: FieldError[] = configProblems(config, units);
  if (problems.length) throw new AppError('VALIDATION', problems[0]!.message, problems);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`service-desk-config:${actor.districtId}`}))`,
    );
    const before = await loadConfig(tx, actor.districtId);
    const [row] = await tx
      .insert(serviceDeskConfigs)
      .values({
        districtId: actor.districtId,
        version: before.version + 1,
        config,
        savedByLabel: actor.label,
        savedAt: now,
      })
      .returning();
    await audit(tx, actor, {
      action: 'update',
      entity: 'serviceDeskConfig',
      entityId: row!.id,
      before: before.config,
      after: config,
      note: `第 ${row!.version} 版`,
    });
  });
}

// ── Context: names the views need ──────────────────────────────────────────────────────────────────────────

export interface DeskContext {
  config: DeskConfig;
  units: Map<string, UnitRow>;
  unitByCode: Map<string, UnitRow>;
}

export async function deskContext(db: Queryable, districtId: string): Promise<DeskContext> {
  const { config } = await loadConfig(db, districtId);
  const units = await allUnits(db, districtId);
  return {
    config,
    units: new Map(units.map((u) => [u.id, u])),
    unitByCode: new Map(units.map((u) => [u.code, u])),
  };
}

const refOf = (ctx: DeskContext, id: string | null) =>
  id ? { id, name: ctx.units.get(id)?.name ?? '' } : null;

/** The plan office's units (copied on what concerns the dispatcher). */
export const officeUnits = (ctx: DeskContext) => [...ctx.units.values()].filter((u) => u.kind === 'office');

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function findRequest(db: Queryable, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(serviceRequests)
    .where(and(eq(serviceRequests.districtId, districtId), eq(serviceRequests.id, id)));
  return row;
}

/** Past its acceptance deadline unaccepted, or past its answer deadline unanswered (and not paused). */
const isOverdue = (r: RequestRow, asOf: CivilDate) =>
  (r.state === 'dispatched' && !!r.acceptDueOn && r.acceptDueOn < asOf) ||
  (['filed', 'dispatched', 'returned', 'accepted', 'handling'].includes(r.state) &&
    !!r.answerDueOn &&
    r.answerDueOn < asOf);

type Joined = { r: RequestRow; enterpriseName: string };

function summary(
  ctx: DeskContext,
  user: SessionUser,
  { r, enterpriseName }: Joined,
  asOf: CivilDate,
  duplicates: Map<string, RequestRow>,
): RequestSummary {
  const dup = r.duplicateOfId ? duplicates.get(r.duplicateOfId) : undefined;
  return {
    id: r.id,
    number: numberOf(r),
    enterprise: { id: r.enterpriseId, name: enterpriseName },
    subdistrict: refOf(ctx, r.subdistrictId)!,
    category: r.category,
    categoryName: categoryPath(ctx.config, r.category),
    urgency: r.urgency as Urgency,
    title: r.title,
    state: r.state as RequestState,
    stateLabel: stateLabels[r.state as RequestState],
    unit: refOf(ctx, r.unitId),
    filedAt: iso(r.filedAt)!,
    answerDueOn: r.answerDueOn,
    overdue: isOverdue(r, asOf),
    needsCoordination: r.needsCoordination,
    possibleDuplicate:
      dup && can(user, 'readInternal', r)
        ? { id: dup.id, number: numberOf(dup), score: Number(r.duplicateScore) }
        : null,
  };
}

async function duplicatesOf(db: Queryable, districtId: string, rows: RequestRow[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.duplicateOfId ? [r.duplicateOfId] : [])))];
  if (!ids.length) return new Map<string, RequestRow>();
  const found = await db
    .select()
    .from(serviceRequests)
    .where(and(eq(serviceRequests.districtId, districtId), inArray(serviceRequests.id, ids)));
  return new Map(found.map((r) => [r.id, r]));
}

const requestColumns = {
  enterpriseId: serviceRequests.enterpriseId,
  subdistrictId: serviceRequests.subdistrictId,
  unitId: serviceRequests.unitId,
  handledUnitIds: serviceRequests.handledUnitIds,
};

/** The requests the user may read, newest first, filtered and paged. */
export async function listRequests(db: Queryable, user: SessionUser, query: RequestListQuery, now: Date) {
  const districtId = user.districtId;
  const asOf = today(now);
  const conds: SQL[] = [eq(serviceRequests.districtId, districtId), visibleWhere(user, requestColumns)];
  if (query.state === 'open')
    conds.push(
      inArray(serviceRequests.state, [
        'filed',
        'dispatched',
        'returned',
        'accepted',
        'handling',
        'supplement',
      ]),
    );
  else if (query.state === 'overdue')
    conds.push(
      sql`((${serviceRequests.state} = 'dispatched' AND ${serviceRequests.acceptDueOn} < ${asOf})
        OR (${serviceRequests.state} IN ('filed', 'dispatched', 'returned', 'accepted', 'handling')
            AND ${serviceRequests.answerDueOn} < ${asOf}))`,
    );
  else if (query.state) conds.push(eq(serviceRequests.state, query.state));
  if (query.category)
    conds.push(
      or(
        eq(serviceRequests.category, query.category),
        sql`${serviceRequests.category} LIKE ${`${query.category}.%`}`,
      )!,
    );
  if (query.unitId) conds.push(eq(serviceRequests.unitId, query.unitId));
  if (query.enterpriseId) conds.push(eq(serviceRequests.enterpriseId, query.enterpriseId));
  if (query.month)
    conds.push(sql`${serviceRequests.filedOn} BETWEEN ${`${query.month}-01`} AND ${lastDayOf(query.month)}`);
  if (query.needsCoordination)
    conds.push(eq(serviceRequests.needsCoordination, query.needsCoordination === 'true'));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(serviceRequests.title, like), ilike(serviceRequests.description, like))!);
  }
  const where = and(...conds);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(serviceRequests)
    .where(where);
  const found = await db
    .select({
      r: serviceRequests,
      enterpriseName: sql<string>`coalesce(${enterpriseNameSql(serviceRequests.districtId, serviceRequests.enterpriseId)}, '')`,
    })
    .from(serviceRequests)
    .where(where)
    .orderBy(desc(serviceRequests.filedAt), desc(serviceRequests.seq))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const ctx = await deskContext(db, districtId);
  const duplicates = await duplicatesOf(
    db,
    districtId,
    found.map((f) => f.r),
  );
  return {
    items: found.map((j) => summary(ctx, user, j, asOf, duplicates)),
    total: Number(count?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Which policy action each step asks for. */
export const actionPolicy: Record<RequestAction, DeskAction> = {
  dispatch: 'dispatch',
  accept: 'handle',
  return: 'handle',
  decide: 'dispatch',
  note: 'handle',
  requestSupplement: 'handle',
  supplement: 'supplement',
  requestExtension: 'handle',
  decideExtension: 'dispatch',
  answer: 'handle',
  rate: 'rate',
  coordinate: 'handle',
};

/** The steps `user` may take on `r` now. */
export function actionsFor(user: SessionUser, r: RequestRow): RequestAction[] {
  return (Object.keys(actionStates) as RequestAction[]).filter((a) => {
    if (!(actionStates[a] as readonly string[]).includes(r.state)) return false;
    if (a === 'decideExtension' && !r.pendingExtension) return false;
    if (a === 'requestExtension' && r.pendingExtension) return false;
    if (a === 'coordinate' && can(user, 'dispatch', r)) return true;
    return can(user, actionPolicy[a], r);
  });
}

/** One request as `user` is shown it: internal notes and duplicate flags for staff only, the phone masked for staff. */
export async function requestDetail(
  db: Queryable,
  user: SessionUser,
  r: RequestRow,
  now: Date,
): Promise<RequestDetail> {
  const districtId = user.districtId;
  const asOf = today(now);
  const ctx = await deskContext(db, districtId);
  const ent = await findEnterpriseRow(db, districtId, r.enterpriseId);
  const internal = can(user, 'readInternal', r);
  const events = await db
    .select()
    .from(serviceRequestEvents)
    .where(
      and(
        eq(serviceRequestEvents.districtId, districtId),
        eq(serviceRequestEvents.requestId, r.id),
        ...(internal ? [] : [eq(serviceRequestEvents.internal, false)]),
      ),
    )
    .orderBy(asc(serviceRequestEvents.at), asc(serviceRequestEvents.id));
  const files = await db
    .select({
      id: serviceRequestAttachments.id,
      fileName: serviceRequestAttachments.fileName,
      mime: serviceRequestAttachments.mime,
      size: serviceRequestAttachments.size,
      sha256: serviceRequestAttachments.sha256,
      uploadedByLabel: serviceRequestAttachments.uploadedByLabel,
      uploadedAt: serviceRequestAttachments.uploadedAt,
    })
    .from(serviceRequestAttachments)
    .where(
      and(
        eq(serviceRequestAttachments.districtId, districtId),
        eq(serviceRequestAttachments.requestId, r.id),
      ),
    )
    .orderBy(asc(serviceRequestAttachments.uploadedAt));
  const duplicates = await duplicatesOf(db, districtId, [r]);
  const pauses = pausesOf(r);
  const pending = r.pendingExtension as { days: number; reason: string } | null;
  const running = !['answered', 'closed'].includes(r.state);
  return {
    ...summary(ctx, user, { r, enterpriseName: ent?.name ?? '' }, asOf, duplicates),
    description: r.description,
    contactName: r.contactName,
    contactPhone: seesContactInFull(user) ? r.contactPhone : maskPhone(r.contactPhone),
    publishConsent: r.publishConsent,
    policyIds: r.policyIds,
    published: isPublished(r),
    channel: r.channel as Channel,
    filedByLabel: r.filedByLabel,
    answer: r.answer,
    answeredAt: iso(r.answeredAt),
    rating: r.rating as Rating | null,
    ratingComment: r.ratingComment,
    ratingAuto: r.ratingAuto,
    reopenCount: r.reopenCount,
    coordinationNote: internal ? r.coordinationNote : null,
    pendingExtension: pending ? { days: pending.days, reason: pending.reason } : null,
    returnSuggestedUnit: internal ? refOf(ctx, r.returnSuggestedUnitId) : null,
    clock: {
      acceptDueOn: r.acceptDueOn,
      answerDueOn: r.answerDueOn,
      elapsedWorkingDays: elapsedWorkingDays(
        r.roundStartedOn as CivilDate,
        running ? asOf : ((r.answeredOn ?? asOf) as CivilDate),
        pauses,
      ),
      answerDays: r.answerDays,
      extensionDays: r.extensionDays,
      pausedWorkingDays: pausedWorkingDays(pauses, asOf),
      paused: !!openPause(pauses),
      overdueWorkingDays: running
        ? overdueWorkingDays((r.answerDueOn as CivilDate | null) ?? null, asOf)
        : null,
      pauses,
    },
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind as EventKind,
      at: iso(e.at)!,
      actorLabel: e.actorLabel,
      text: e.text,
      internal: e.internal,
      unit: refOf(ctx, e.unitId),
    })),
    attachments: files.map((f) => ({ ...f, uploadedAt: iso(f.uploadedAt)! })),
    actions: actionsFor(user, r),
  };
}

export async function findAttachment(db: Queryable, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(serviceRequestAttachments)
    .where(and(eq(serviceRequestAttachments.districtId, districtId), eq(serviceRequestAttachments.id, id)));
  return row;
}

/** A request the knowledge base shows: closed with an answer, the enterprise consenting, the office not withholding. */
export const isPublished = (
  r: Pick<RequestRow, 'state' | 'answer' | 'publishConsent' | 'publicationWithheld'>,
) => r.state === 'closed' && !!r.answer && r.publishConsent && !r.publicationWithheld;

// ── Facts for the figures, the assessment and the dispatch meeting ─────────────────────────────────────────

/** A request as the figures read it, with what names it in an assessment's records. */
export interface FactRow extends FigureFacts {
  id: string;
  number: string;
  title: string;
}

export function factsOf(r: RequestRow): FactRow {
  return {
    id: r.id,
    number: numberOf(r),
    title: r.title,
    month: r.filedOn.slice(0, 7),
    unitId: r.unitId,
    category: r.category,
    acceptDueOn: r.acceptDueOn as CivilDate | null,
    acceptedOn: r.acceptedOn as CivilDate | null,
    // The first round's deadline: as it stood at the first answer, or the running one while unanswered.
    answerDueOn: (r.firstAnsweredOn ? r.firstAnswerDueOn : r.answerDueOn) as CivilDate | null,
    paused: r.state === 'supplement',
    firstAnsweredOn: r.firstAnsweredOn as CivilDate | null,
    firstAnswerWorkingDays: r.firstAnswerWorkingDays,
    closingRating: r.state === 'closed' ? (r.rating as Rating | null) : null,
    reopened: r.reopenCount > 0,
  };
}

/** Every request filed from `from` to `to` (inclusive), as facts; optionally of one unit and category subtree. */
export async function factsBetween(
  db: Queryable,
  districtId: string,
  range: { from: CivilDate; to: CivilDate },
  filter: { unitId?: string | undefined; category?: string | undefined } = {},
): Promise<FactRow[]> {
  const conds: SQL[] = [
    eq(serviceRequests.districtId, districtId),
    sql`${serviceRequests.filedOn} BETWEEN ${range.from} AND ${range.to}`,
  ];
  if (filter.unitId) conds.push(eq(serviceRequests.unitId, filter.unitId));
  if (filter.category)
    conds.push(
      or(
        eq(serviceRequests.category, filter.category),
        sql`${serviceRequests.category} LIKE ${`${filter.category}.%`}`,
      )!,
    );
  const found = await db
    .select()
    .from(serviceRequests)
    .where(and(...conds))
    .orderBy(asc(serviceRequests.filedOn), asc(serviceRequests.seq));
  return found.map(factsOf);
}

export const monthRange = (from: Period, to: Period) => ({
  from: `${from}-01` as CivilDate,
  to: lastDayOf(to) as CivilDate,
});

/**
 * 需协调事项 for a dispatch meeting's agenda: requests flagged by their unit (or the plan office) from `since` to
 * `until`, not yet closed — read by meetings.store.ts, which owns the agenda.
 */
export async function coordinationRequests(db: Queryable, districtId: string, since: Date, until: Date) {
  const found = await db
    .select()
    .from(serviceRequests)
    .where(
      and(
        eq(serviceRequests.districtId, districtId),
        eq(serviceRequests.needsCoordination, true),
        sql`${serviceRequests.state} <> 'closed'`,
        sql`${serviceRequests.coordinationFlaggedAt} >= ${since.toISOString()}`,
        sql`${serviceRequests.coordinationFlaggedAt} <= ${until.toISOString()}`,
      ),
    )
    .orderBy(asc(serviceRequests.coordinationFlaggedAt));
  return found.map((r) => ({
    id: r.id,
    number: numberOf(r),
    title: r.title,
    unitId: r.unitId,
    note: r.coordinationNote ?? '',
  }));
}

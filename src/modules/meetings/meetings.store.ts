// The only SQL on 调度会 · 会商's tables: meetings, agenda entries, decisions; the agenda generated from supervision's
// ledger (through its exported store functions); publishing the minutes, which makes each decision a work item.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError, notFound, type FieldError } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { today, type CivilDate } from '../../platform/time/date.ts';
import { chineseDate } from '../../platform/files/official-document.ts';
import { publish } from '../../platform/events/events.store.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import { allUnits } from '../units/units.store.ts';
import { allItems, createItem, findItem, mayOwn, planContext } from '../supervision/supervision.store.ts';
import { coordinationReports } from '../supervision/supervision.reports.store.ts';
import { meetingAgendaEntries, meetingDecisions, meetings } from './meetings.schema.ts';
import {
  decisionDueProblem,
  generateAgenda,
  meetingSourceRef,
  requestEntries,
  type LedgerItem,
} from './meetings.ts';
import { coordinationRequests } from '../servicedesk/servicedesk.store.ts';
import {
  meetingKindLabel,
  type AgendaSource,
  type MeetingKind,
  type MeetingState,
} from './meetings.kinds.ts';
import type {
  AgendaEntryView,
  AgendaInput,
  MeetingDetail,
  MeetingInput,
  MeetingView,
  MinutesInput,
} from './meetings.contract.ts';
import type { MeetingLike } from './meetings.policy.ts';

export type MeetingRow = typeof meetings.$inferSelect;
type EntryRow = typeof meetingAgendaEntries.$inferSelect;
type DecisionRow = typeof meetingDecisions.$inferSelect;

const conflict = (message: string) => new AppError('CONFLICT', message);
const refuse = (errors: FieldError[]) => {
  if (errors.length) throw new AppError('VALIDATION', errors[0]!.message, errors);
};
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** The civil day (China time) a meeting is held on. */
export const meetingDay = (m: Pick<MeetingRow, 'scheduledAt'>): CivilDate => today(new Date(m.scheduledAt));

export async function findMeeting(db: Queryable, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.districtId, districtId), eq(meetings.id, id)));
  return row;
}

/** The units owning each meeting's decisions (the policy's `decisionOwnerIds`). */
async function decisionOwners(db: Queryable, districtId: string, ids: string[]) {
  const out = new Map<string, string[]>();
  if (!ids.length) return out;
  const found = await db
    .selectDistinct({ meetingId: meetingDecisions.meetingId, unitId: meetingDecisions.ownerUnitId })
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.districtId, districtId), inArray(meetingDecisions.meetingId, ids)));
  for (const r of found) (out.get(r.meetingId) ?? out.set(r.meetingId, []).get(r.meetingId)!).push(r.unitId);
  return out;
}

/** A meeting with what the policy reads of it. */
export async function meetingLike(db: Queryable, row: MeetingRow): Promise<MeetingRow & MeetingLike> {
  const owners = await decisionOwners(db, row.districtId, [row.id]);
  return { ...row, decisionOwnerIds: owners.get(row.id) ?? [] };
}

async function unitNames(db: Queryable, districtId: string) {
  const units = await allUnits(db, districtId);
  return new Map(units.map((u) => [u.id, u]));
}

const refOf = (names: Map<string, { name: string }>, id: string) => ({ id, name: names.get(id)?.name ?? '' });

function viewMeeting(row: MeetingRow, names: Map<string, { name: string }>, editable: boolean): MeetingView {
  return {
    id: row.id,
    kind: row.kind as MeetingKind,
    title: row.title,
    scheduledAt: iso(row.scheduledAt)!,
    place: row.place,
    chair: row.chair,
    attendees: row.attendeeUnitIds.map((id) => refOf(names, id)),
    state: row.state as MeetingState,
    summary: row.summary,
    agendaGeneratedAt: iso(row.agendaGeneratedAt),
    publishedAt: iso(row.publishedAt),
    publishedByLabel: row.publishedByLabel,
    createdBy: row.createdBy,
    editable: editable && row.state !== 'published',
  };
}

/** Every meeting of the district with what the policy reads of it, newest first. */
export async function listMeetings(db: Queryable, districtId: string) {
  const rows = await db
    .select()
    .from(meetings)
    .where(eq(meetings.districtId, districtId))
    .orderBy(desc(meetings.scheduledAt));
  const owners = await decisionOwners(
    db,
    districtId,
    rows.map((r) => r.id),
  );
  const counts = async (table: typeof meetingAgendaEntries | typeof meetingDecisions) => {
    const found = await db
      .select({ meetingId: table.meetingId, n: sql<number>`count(*)::int` })
      .from(table)
      .where(eq(table.districtId, districtId))
      .groupBy(table.meetingId);
    return new Map(found.map((r) => [r.meetingId, Number(r.n)]));
  };
  const entries = await counts(meetingAgendaEntries);
  const decisions = await counts(meetingDecisions);
  return {
    names: await unitNames(db, districtId),
    rows: rows.map((r) => ({
      row: { ...r, decisionOwnerIds: owners.get(r.id) ?? [] },
      agendaEntries: entries.get(r.id) ?? 0,
      decisions: decisions.get(r.id) ?? 0,
    })),
  };
}

export const listView = (
  names: Map<string, { name: string }>,
  r: { row: MeetingRow; agendaEntries: number; decisions: number },
  editable: boolean,
) => ({ ...viewMeeting(r.row, names, editable), agendaEntries: r.agendaEntries, decisions: r.decisions });

async function unitProblems(db: Queryable, districtId: string, ids: string[], path: string) {
  const names = await unitNames(db, districtId);
  return ids.flatMap((id, i): FieldError[] =>
    names.has(id) ? [] : [{ path: `${path}.${i}`, message: '未知的单位' }],
  );
}

const meetingValues = (input: MeetingInput) => ({
  kind: input.kind,
  title: input.title,
  scheduledAt: new Date(input.scheduledAt),
  place: input.place,
  chair: input.chair,
  attendeeUnitIds: [...new Set(input.attendeeUnitIds)],
});

export async function createMeeting(db: Db, actor: Actor, input: MeetingInput, now: Date): Promise<string> {
  refuse(await unitProblems(db, actor.districtId, input.attendeeUnitIds, 'attendeeUnitIds'));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({
        districtId: actor.districtId,
        ...meetingValues(input),
        createdBy: actor.label,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, actor, { action: 'create', entity: 'meeting', entityId: row!.id, after: row });
    return row!.id;
  });
}

/** Locks a meeting for a change; a published one is final. */
async function lockOpen(tx: Queryable, districtId: string, id: string): Promise<MeetingRow> {
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.districtId, districtId), eq(meetings.id, id)))
    .for('update');
  if (!row) throw notFound('会议');
  if (row.state === 'published') throw conflict('会议纪要已印发，不能再修改');
  return row;
}

export async function updateMeeting(db: Db, actor: Actor, id: string, input: MeetingInput, now: Date) {
  refuse(await unitProblems(db, actor.districtId, input.attendeeUnitIds, 'attendeeUnitIds'));
  await db.transaction(async (tx) => {
    const before = await lockOpen(tx, actor.districtId, id);
    const [after] = await tx
      .update(meetings)
      .set({ ...meetingValues(input), updatedAt: now })
      .where(and(eq(meetings.districtId, actor.districtId), eq(meetings.id, id)))
      .returning();
    await audit(tx, actor, { action: 'update', entity: 'meeting', entityId: id, before, after });
  });
}

async function entriesOf(db: Queryable, districtId: string, meetingId: string): Promise<EntryRow[]> {
  return db
    .select()
    .from(meetingAgendaEntries)
    .where(
      and(eq(meetingAgendaEntries.districtId, districtId), eq(meetingAgendaEntries.meetingId, meetingId)),
    )
    .orderBy(asc(meetingAgendaEntries.position));
}

async function decisionsOf(db: Queryable, districtId: string, meetingId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.districtId, districtId), eq(meetingDecisions.meetingId, meetingId)))
    .orderBy(asc(meetingDecisions.position));
}

const splitReasons = (text: string) => (text ? text.split('\n') : []);

export async function meetingDetail(
  db: Queryable,
  districtId: string,
  row: MeetingRow,
  editable: boolean,
): Promise<MeetingDetail> {
  const names = await unitNames(db, districtId);
  const entries = await entriesOf(db, districtId, row.id);
  const decisions = await decisionsOf(db, districtId, row.id);
  const numbers = new Map<string, number>();
  for (const d of decisions) {
    if (!d.workItemId) continue;
    const item = await findItem(db, districtId, d.workItemId);
    if (item) numbers.set(d.workItemId, item.number);
  }
  return {
    meeting: viewMeeting(row, names, editable),
    agenda: entries.map((e): AgendaEntryView => ({
      id: e.id,
      position: e.position,
      sources: e.sources as AgendaSource[],
      itemId: e.itemId,
      itemNumber: e.itemNumber,
      taskNumber: e.taskNumber,
      text: e.text,
      reasons: splitReasons(e.reasons),
      units: e.unitIds.map((id) => refOf(names, id)),
      discussion: e.discussion,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      position: d.position,
      agendaEntryId: d.agendaEntryId,
      text: d.text,
      owner: refOf(names, d.ownerUnitId),
      dueDate: d.dueDate,
      workItemId: d.workItemId,
      workItemNumber: d.workItemId ? (numbers.get(d.workItemId) ?? null) : null,
    })),
  };
}

/** The meeting before this one (held or published, scheduled earlier): the agenda's window starts there. */
async function previousMeeting(db: Queryable, row: MeetingRow) {
  const [prev] = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.districtId, row.districtId),
        ne(meetings.id, row.id),
        inArray(meetings.state, ['held', 'published']),
        sql`${meetings.scheduledAt} < ${new Date(row.scheduledAt).toISOString()}`,
      ),
    )
    .orderBy(desc(meetings.scheduledAt))
    .limit(1);
  return prev;
}

const DAY_MS = 86_400_000;

/**
 * The agenda generated from the ledger as of `now` (not saved): red items, items turned yellow since the previous
 * meeting (their colour then computed on that day), reports flagged 需协调事项 since then, and service-desk requests
 * flagged 需协调 since then (not yet closed); the last `days` days when there was no previous meeting.
 */
export async function previewAgenda(db: Queryable, row: MeetingRow, now: Date, days: number) {
  const districtId = row.districtId;
  const prev = await previousMeeting(db, row);
  const since = prev ? new Date(prev.scheduledAt) : new Date(now.getTime() - days * DAY_MS);
  const current = await allItems(db, districtId, { all: true }, now);
  const before = new Map(
    (await allItems(db, districtId, { all: true }, since)).map((v) => [v.view.id, v.view.status.colour]),
  );
  const items: LedgerItem[] = current.map(({ view }) => ({
    id: view.id,
    number: view.number,
    taskNumber: view.task?.number ?? null,
    title: view.title,
    ownerUnitId: view.owner.id,
    ownerName: view.owner.name,
    colour: view.status.colour,
    colourBefore: before.get(view.id),
    reason: view.status.reason,
    state: view.state,
  }));
  const flagged = await coordinationReports(db, districtId, since, now);
  const names = await unitNames(db, districtId);
  // 需协调 service-desk requests, read through the service desk's store (it owns them).
  const requests = (await coordinationRequests(db, districtId, since, now)).map((r) => ({
    ...r,
    unitName: r.unitId ? (names.get(r.unitId)?.name ?? '') : '',
  }));
  const drafts = [
    ...generateAgenda(items, flagged, prev ? { kind: 'previous', days } : { kind: 'days', days }),
    ...requestEntries(requests),
  ];
  return {
    since: since.toISOString(),
    previousMeetingId: prev?.id ?? null,
    entries: drafts.map((d, position): AgendaEntryView => ({
      id: null,
      position,
      sources: d.sources,
      itemId: d.itemId,
      itemNumber: d.itemNumber,
      taskNumber: d.taskNumber,
      text: d.text,
      reasons: d.reasons,
      units: d.unitIds.map((id) => refOf(names, id)),
      discussion: '',
    })),
  };
}

/** Saves the whole agenda in the order given: entries with an id are kept (edited), others added, the rest removed. */
export async function saveAgenda(db: Db, actor: Actor, id: string, input: AgendaInput, now: Date) {
  const districtId = actor.districtId;
  const ctx = await planContext(db, districtId);
  const errors: FieldError[] = [];
  const items = new Map<string, { number: number; taskNumber: number | null; ownerUnitId: string }>();
  for (const [i, e] of input.entries.entries()) {
    if (!e.itemId) continue;
    const item = await findItem(db, districtId, e.itemId);
    if (!item) errors.push({ path: `entries.${i}.itemId`, message: '未知的工作举措' });
    else
      items.set(item.id, {
        number: item.number,
        taskNumber: item.taskId ? (ctx.taskById.get(item.taskId)?.number ?? null) : null,
        ownerUnitId: item.ownerUnitId,
      });
  }
  for (const [i, e] of input.entries.entries())
    errors.push(...(await unitProblems(db, districtId, e.unitIds, `entries.${i}.unitIds`)));
  refuse(errors);
  await db.transaction(async (tx) => {
    await lockOpen(tx, districtId, id);
    const before = await entriesOf(tx, districtId, id);
    const existing = new Set(before.map((e) => e.id));
    refuse(
      input.entries.flatMap((e, i): FieldError[] =>
        e.id && !existing.has(e.id) ? [{ path: `entries.${i}.id`, message: '该议题不属于本次会议' }] : [],
      ),
    );
    const kept = new Set(input.entries.flatMap((e) => (e.id ? [e.id] : [])));
    const removed = before.filter((e) => !kept.has(e.id)).map((e) => e.id);
    if (removed.length) {
      await tx
        .update(meetingDecisions)
        .set({ agendaEntryId: null })
        .where(
          and(eq(meetingDecisions.districtId, districtId), inArray(meetingDecisions.agendaEntryId, removed)),
        );
      await tx
        .delete(meetingAgendaEntries)
        .where(
          and(eq(meetingAgendaEntries.districtId, districtId), inArray(meetingAgendaEntries.id, removed)),
        );
    }
    for (const [position, e] of input.entries.entries()) {
      const item = e.itemId ? items.get(e.itemId) : undefined;
      const values = {
        position,
        sources: [...new Set(e.sources)],
        itemId: e.itemId,
        itemNumber: item?.number ?? null,
        taskNumber: item?.taskNumber ?? null,
        text: e.text,
        reasons: e.reasons.join('\n'),
        unitIds: e.unitIds.length ? [...new Set(e.unitIds)] : item ? [item.ownerUnitId] : [],
        discussion: e.discussion,
      };
      if (e.id)
        await tx
          .update(meetingAgendaEntries)
          .set(values)
          .where(and(eq(meetingAgendaEntries.districtId, districtId), eq(meetingAgendaEntries.id, e.id)));
      else await tx.insert(meetingAgendaEntries).values({ districtId, meetingId: id, ...values });
    }
    await tx
      .update(meetings)
      .set({ agendaGeneratedAt: now, updatedAt: now })
      .where(and(eq(meetings.districtId, districtId), eq(meetings.id, id)));
    const after = await entriesOf(tx, districtId, id);
    await audit(tx, actor, {
      action: 'update',
      entity: 'meetingAgenda',
      entityId: id,
      before,
      after,
      note: `${after.length} 项议题`,
    });
  });
}

/** Records the minutes: the summary, what was said on each entry, the decisions (replacing those recorded before). */
export async function saveMinutes(db: Db, actor: Actor, id: string, input: MinutesInput, now: Date) {
  const districtId = actor.districtId;
  const names = await unitNames(db, districtId);
  await db.transaction(async (tx) => {
    const row = await lockOpen(tx, districtId, id);
    const entries = new Set((await entriesOf(tx, districtId, id)).map((e) => e.id));
    const day = meetingDay(row);
    const errors: FieldError[] = [];
    for (const [i, d] of input.decisions.entries()) {
      const unit = names.get(d.ownerUnitId);
      if (!unit) errors.push({ path: `decisions.${i}.ownerUnitId`, message: '未知的责任单位' });
      else if (unit.kind === 'collective')
        errors.push({ path: `decisions.${i}.ownerUnitId`, message: '责任单位须为具体单位' });
      const due = decisionDueProblem(day, d.dueDate);
      if (due) errors.push({ path: `decisions.${i}.dueDate`, message: due });
      if (d.agendaEntryId && !entries.has(d.agendaEntryId))
        errors.push({ path: `decisions.${i}.agendaEntryId`, message: '该议题不属于本次会议' });
    }
    for (const entryId of Object.keys(input.discussions))
      if (!entries.has(entryId))
        errors.push({ path: `discussions.${entryId}`, message: '该议题不属于本次会议' });
    refuse(errors);
    const before = await decisionsOf(tx, districtId, id);
    await tx
      .delete(meetingDecisions)
      .where(and(eq(meetingDecisions.districtId, districtId), eq(meetingDecisions.meetingId, id)));
    if (input.decisions.length)
      await tx.insert(meetingDecisions).values(
        input.decisions.map((d, position) => ({
          districtId,
          meetingId: id,
          agendaEntryId: d.agendaEntryId,
          position,
          text: d.text,
          ownerUnitId: d.ownerUnitId,
          dueDate: d.dueDate,
        })),
      );
    for (const [entryId, discussion] of Object.entries(input.discussions))
      await tx
        .update(meetingAgendaEntries)
        .set({ discussion })
        .where(and(eq(meetingAgendaEntries.districtId, districtId), eq(meetingAgendaEntries.id, entryId)));
    await tx
      .update(meetings)
      .set({ summary: input.summary, state: 'held', updatedAt: now })
      .where(and(eq(meetings.districtId, districtId), eq(meetings.id, id)));
    const after = await decisionsOf(tx, districtId, id);
    await audit(tx, actor, {
      action: 'update',
      entity: 'meetingMinutes',
      entityId: id,
      before: { state: row.state, summary: row.summary, decisions: before },
      after: { state: 'held', summary: input.summary, decisions: after, discussions: input.discussions },
    });
  });
}

/**
 * Publishes (印发) the minutes: each decision becomes a supervision work item (source 'meeting', its reference the
 * meeting's day, kind and title; owner and due date the decision's), and each owning unit is notified — all in one
 * transaction with the meeting's state.
 */
export async function publishMinutes(db: Db, actor: Actor, id: string, now: Date) {
  const districtId = actor.districtId;
  const ctx = await planContext(db, districtId);
  await db.transaction(async (tx) => {
    const row = await lockOpen(tx, districtId, id);
    if (row.state !== 'held') throw conflict('请先记录会议纪要（议定事项）再印发');
    const entries = new Map((await entriesOf(tx, districtId, id)).map((e) => [e.id, e]));
    const decisions = await decisionsOf(tx, districtId, id);
    const day = meetingDay(row);
    const kind = meetingKindLabel[row.kind as MeetingKind];
    const sourceRef = meetingSourceRef(kind, row.title, chineseDate(day));
    const created: { decision: DecisionRow; itemId: string; number: number }[] = [];
    for (const d of decisions) {
      // The decision's item belongs to the task of the agenda entry's item when its owner may own that task's items.
      const entry = d.agendaEntryId ? entries.get(d.agendaEntryId) : undefined;
      const task = entry?.taskNumber ? ctx.taskByNumber.get(entry.taskNumber) : undefined;
      const taskNumber = task && mayOwn(ctx, task.id, d.ownerUnitId) ? task.number : null;
      const itemId = await createItem(
        tx as unknown as Db,
        actor,
        {
          taskNumber,
          title: d.text,
          ownerUnitId: d.ownerUnitId,
          responsiblePeople: '',
          startDate: day,
          dueDate: d.dueDate,
          kind: 'milestone',
          goalQuantity: null,
          goalUnit: null,
          targetCodes: [],
          evidence: '',
          source: 'meeting',
          sourceRef,
          cadenceMonths: 1,
          weight: 1,
          state: 'open',
          declaredStatus: null,
        },
        now,
        { meetingId: id },
      );
      await tx
        .update(meetingDecisions)
        .set({ workItemId: itemId })
        .where(and(eq(meetingDecisions.districtId, districtId), eq(meetingDecisions.id, d.id)));
      const item = await findItem(tx, districtId, itemId);
      created.push({ decision: d, itemId, number: item!.number });
    }
    await tx
      .update(meetings)
      .set({ state: 'published', publishedAt: now, publishedByLabel: actor.label, updatedAt: now })
      .where(and(eq(meetings.districtId, districtId), eq(meetings.id, id)));
    await audit(tx, actor, {
      action: 'update',
      entity: 'meeting',
      entityId: id,
      before: { state: row.state },
      after: {
        state: 'published',
        workItems: created.map((c) => ({ decision: c.decision.id, item: c.itemId })),
      },
      note: '印发会议纪要',
    });
    if (created.length)
      await publish(
        tx,
        notificationsRequested.of(districtId, {
          notifications: created.map((c) => ({
            recipient: { kind: 'unit' as const, id: c.decision.ownerUnitId },
            category: 'system' as const,
            title: `${kind}议定事项：${c.decision.text}`,
            body: `${chineseDate(day)}${kind}《${row.title}》议定由你单位负责，完成时限 ${c.decision.dueDate}，已列入工作台账（序号 ${c.number}），请按期报送进展。`,
            link: `/meetings/${id}`,
            dedupeKey: `meeting-decision:${c.decision.id}`,
          })),
        }),
      );
  });
}

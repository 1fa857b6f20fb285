// 督办单 (supervision notices) and the colour history: the daily job `supervision.escalate` (reminders, notices issued
// and escalated by the rule of supervision.ladder.ts, colour changes recorded), the plan office's notice by hand,
// the unit's 签收 and 整改情况, the office's 销号; the reads are in supervision.notices.views.ts.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { unitHeads } from '../../platform/auth/accounts.store.ts';
import { rows as sqlRows, type Db, type Queryable } from '../../platform/db/db.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { audit, systemActor, type Actor } from '../../platform/audit/audit.ts';
import { today, type CivilDate } from '../../platform/time/date.ts';
import { publish } from '../../platform/events/events.store.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import type { JobHandler } from '../../platform/jobs/runner.ts';
import type { Schedule } from '../../platform/jobs/schedule.ts';
import { supervisionColourHistory, supervisionItems, supervisionNotices } from './supervision.schema.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import { conflict, planContext, viewItems, type ItemRow, type PlanContext } from './supervision.store.ts';
import {
  ladderStep,
  nextLevel,
  noticeLevelLabels,
  noticeLevels,
  openNoticeStates,
  reminderKey,
  responseDue,
  type LadderSettings,
  type NoticeLevel,
  type NoticeState,
} from './supervision.ladder.ts';
import type { ItemView } from './supervision.contract.ts';

export type NoticeRow = typeof supervisionNotices.$inferSelect;
export const ESCALATE_JOB = 'supervision.escalate';

export const openStates = openNoticeStates as NoticeState[];

/** The evidence a notice records: what the status was computed from, in words. */
function evidenceOf(view: ItemView, asOf: CivilDate): string {
  const s = view.status;
  const parts = [
    `截至 ${asOf}`,
    `开始 ${view.startDate}，完成时限 ${view.dueDate}`,
    `应完成 ${s.expected}%`,
    s.reported === null ? '尚未报送' : `已报 ${s.reported}%`,
  ];
  if (s.overdueWorkingDays !== null) parts.push(`已超期 ${s.overdueWorkingDays} 个工作日`);
  if (view.latestReport)
    parts.push(
      `最近报送 ${view.latestReport.period} 第 ${view.latestReport.version} 版：${view.latestReport.progress}`,
    );
  if (view.evidence) parts.push(`应提供佐证：${view.evidence}`);
  return parts.join('；');
}

/** The plan office's units (copied on every notice). */
const officeUnits = (ctx: PlanContext) => ctx.index.units.filter((u) => u.kind === 'office');

/**
 * A notice goes to the owning unit's heads (单位负责人, users so marked), or to the unit's inbox when it has named
 * none, and is copied to the plan office's units.
 */
function noticeNotifications(
  ctx: PlanContext,
  view: ItemView,
  notice: { id: string; level: NoticeLevel; reason: string; responseDue: string },
  heads: string[],
): NotificationInput[] {
  const title = `${noticeLevelLabels[notice.level]}：${view.number}. ${view.title}`;
  const body = `${notice.reason}。请于 ${notice.responseDue} 前签收并报送整改情况。`;
  const link = '/supervision/todo';
  const to: NotificationInput['recipient'][] = heads.length
    ? heads.map((id) => ({ kind: 'user', id }))
    : [{ kind: 'unit', id: view.owner.id }];
  return [
    ...to.map((recipient): NotificationInput => ({
      recipient,
      category: 'system',
      title,
      body,
      link,
      dedupeKey: `supervision-notice:${notice.id}`,
    })),
    ...officeUnits(ctx).map((u): NotificationInput => ({
      recipient: { kind: 'unit', id: u.id },
      category: 'system',
      title: `（抄送）${title} — ${view.owner.name}`,
      body,
      link: '/supervision/notices',
      dedupeKey: `supervision-notice:${notice.id}`,
    })),
  ];
}

/** Writes a notice (a first blue one, or the next level linked to `previous`) and its notifications, in `tx`. */
export async function insertNotice(
  tx: Queryable,
  actor: Actor,
  ctx: PlanContext,
  view: ItemView,
  opts: {
    level: NoticeLevel;
    reason: string;
    previous: NoticeRow | null;
    origin: 'rule' | 'manual';
    now: Date;
    settings: LadderSettings;
  },
): Promise<NoticeRow> {
  const asOf = today(opts.now);
  if (opts.previous) {
    await tx
      .update(supervisionNotices)
      .set({ state: 'escalated' })
      .where(
        and(eq(supervisionNotices.districtId, actor.districtId), eq(supervisionNotices.id, opts.previous.id)),
      );
  }
  const [row] = await tx
    .insert(supervisionNotices)
    .values({
      districtId: actor.districtId,
      itemId: view.id,
      level: opts.level,
      previousId: opts.previous?.id ?? null,
      state: 'issued',
      origin: opts.origin,
      unitId: view.owner.id,
      issuedOn: asOf,
      issuedAt: opts.now,
      issuedByLabel: actor.label,
      reason: opts.reason,
      evidence: evidenceOf(view, asOf),
      facts: view.status,
      responseDue: responseDue(asOf, opts.settings),
    })
    .returning();
  await audit(tx, actor, {
    action: 'create',
    entity: 'supervisionNotice',
    entityId: row!.id,
    after: row,
    note: opts.previous ? `${opts.previous.level} → ${opts.level}` : opts.level,
  });
  await publish(
    tx,
    notificationsRequested.of(actor.districtId, {
      notifications: noticeNotifications(
        ctx,
        view,
        { ...row!, level: opts.level },
        await unitHeads(tx, actor.districtId, view.owner.id),
      ),
    }),
  );
  return row!;
}

async function openNotices(db: Queryable, districtId: string, itemIds?: string[]): Promise<NoticeRow[]> {
  const conds: SQL[] = [
    eq(supervisionNotices.districtId, districtId),
    inArray(supervisionNotices.state, openStates),
  ];
  if (itemIds) {
    if (!itemIds.length) return [];
    conds.push(inArray(supervisionNotices.itemId, itemIds));
  }
  return db
    .select()
    .from(supervisionNotices)
    .where(and(...conds));
}

/** What the daily job did. */
export interface EscalateSummary {
  asOf: string;
  reminders: number;
  issued: number;
  escalated: number;
  colourChanges: number;
}

/**
 * The daily rule over every open item of a district: records colour changes, sends the due reminders (deduplicated
 * by their keys), issues blue notices and escalates unremedied ones. Running it again the same day changes nothing.
 */
export async function escalate(
  db: Db,
  districtId: string,
  now: Date,
  /** The district's own (saved by the plan office) unless given. */
  given?: LadderSettings,
): Promise<EscalateSummary> {
  const asOf = today(now);
  const ctx = await planContext(db, districtId);
  const settings = given ?? ctx.settings.ladder;
  const actor = systemActor(districtId);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`supervision-escalate:${districtId}`}))`);
    const rows = await tx
      .select()
      .from(supervisionItems)
      .where(and(eq(supervisionItems.districtId, districtId), eq(supervisionItems.state, 'open')))
      .orderBy(asc(supervisionItems.number));
    const views = await viewItems(tx, districtId, rows, asOf, () => false, ctx);
    const ids = rows.map((r) => r.id);
    const current = new Map((await openNotices(tx, districtId, ids)).map((n) => [n.itemId, n]));
    const closed = new Map<string, string>();
    const lastColour = new Map<string, string>();
    if (ids.length) {
      const idList = sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      const closedRows = await sqlRows<{ item_id: string; closed_on: string }>(
        tx,
        sql`SELECT item_id::text, max(closed_on)::text AS closed_on FROM ${supervisionNotices}
            WHERE district_id = ${districtId} AND state = 'closed' AND item_id IN (${idList}) GROUP BY item_id`,
      );
      for (const r of closedRows) closed.set(r.item_id, r.closed_on);
      const colourRows = await sqlRows<{ item_id: string; colour: string }>(
        tx,
        sql`SELECT DISTINCT ON (item_id) item_id::text, colour FROM ${supervisionColourHistory}
            WHERE district_id = ${districtId} AND item_id IN (${idList}) ORDER BY item_id, day DESC`,
      );
      for (const r of colourRows) lastColour.set(r.item_id, r.colour);
    }
    const summary: EscalateSummary = { asOf, reminders: 0, issued: 0, escalated: 0, colourChanges: 0 };
    const reminders: NotificationInput[] = [];
    const changes: (typeof supervisionColourHistory.$inferInsert)[] = [];
    for (const { view } of views) {
      const s = view.status;
      if (s.colour && lastColour.get(view.id) !== s.colour)
        changes.push({
          districtId,
          itemId: view.id,
          day: asOf,
          colour: s.colour,
          expected: s.expected,
          reported: s.reported,
          reason: s.reason,
          recordedAt: now,
        });
      const notice = current.get(view.id) ?? null;
      const action = ladderStep(
        {
          state: view.state,
          dueDate: view.dueDate as CivilDate,
          colour: s.colour,
          dueInWorkingDays: s.dueInWorkingDays,
          reason: s.reason,
        },
        {
          current: notice
            ? { level: notice.level as NoticeLevel, issuedOn: notice.issuedOn as CivilDate }
            : null,
          lastClosedOn: (closed.get(view.id) as CivilDate | undefined) ?? null,
        },
        asOf,
        settings,
      );
      if (action.kind === 'remind') {
        reminders.push({
          recipient: { kind: 'unit', id: view.owner.id },
          category: 'reminder',
          title: `督办提醒：${view.number}. ${view.title}`,
          body: `${action.text}。${s.reason}。请按时完成并报送进展。`,
          link: '/supervision/todo',
          dedupeKey: reminderKey(view.id, view.dueDate as CivilDate),
        });
        summary.reminders++;
      } else if (action.kind === 'issue') {
        await insertNotice(tx, actor, ctx, view, {
          level: action.level,
          reason: action.reason,
          previous: null,
          origin: 'rule',
          now,
          settings,
        });
        summary.issued++;
      } else if (action.kind === 'escalate') {
        await insertNotice(tx, actor, ctx, view, {
          level: action.to,
          reason: action.reason,
          previous: notice,
          origin: 'rule',
          now,
          settings,
        });
        summary.escalated++;
      }
    }
    // Colour changes in one statement per 1,000 rows (a first run records every item).
    for (let i = 0; i < changes.length; i += 1000) {
      const written = await tx
        .insert(supervisionColourHistory)
        .values(changes.slice(i, i + 1000))
        .onConflictDoNothing()
        .returning({ id: supervisionColourHistory.id });
      summary.colourChanges += written.length;
    }
    // Reminders go out through the inbox, where their dedupe keys keep a second run (or a second day) from repeating.
    if (reminders.length)
      await publish(tx, notificationsRequested.of(districtId, { notifications: reminders }));
    return summary;
  });
}

export function supervisionSchedules(): Schedule[] {
  return [{ kind: ESCALATE_JOB, every: 'day', hour: 8 }];
}

export function supervisionJobHandlers(): Record<string, JobHandler> {
  return {
    [ESCALATE_JOB]: async (job, ctx) => {
      if (!(await loadPlanView(ctx.db, job.districtId))) return { skipped: 'no plan' };
      const summary = await escalate(ctx.db, job.districtId, ctx.now());
      return { ...summary };
    },
  };
}

/** The plan office issues a notice by hand: blue for an item without one in force, else the next level (or `level`). */
export async function issueByHand(
  db: Db,
  actor: Actor,
  item: ItemRow,
  body: { level?: NoticeLevel | undefined; reason?: string | undefined },
  now: Date,
  given?: LadderSettings,
): Promise<string> {
  if (item.state !== 'open') throw conflict('该举措已办结或取消');
  const ctx = await planContext(db, actor.districtId);
  const settings = given ?? ctx.settings.ladder;
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`supervision-escalate:${actor.districtId}`}))`,
    );
    const [view] = await viewItems(tx, actor.districtId, [item], today(now), () => false, ctx);
    const [previous] = await openNotices(tx, actor.districtId, [item.id]);
    const fallback = previous ? nextLevel(previous.level as NoticeLevel) : 'blue';
    const level = body.level ?? fallback;
    if (!level) throw conflict('该举措已是红色督办单');
    if (previous && noticeLevels.indexOf(level) <= noticeLevels.indexOf(previous.level as NoticeLevel))
      throw invalid('level', `已有${noticeLevelLabels[previous.level as NoticeLevel]}，只能升级`);
    const row = await insertNotice(tx, actor, ctx, view!.view, {
      level,
      reason: body.reason || view!.view.status.reason,
      previous: previous ?? null,
      origin: 'manual',
      now,
      settings,
    });
    return row.id;
  });
}

export async function findNotice(db: Queryable, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(supervisionNotices)
    .where(and(eq(supervisionNotices.districtId, districtId), eq(supervisionNotices.id, id)));
  return row;
}

type Transition = 'acknowledge' | 'respond' | 'close';

/** 签收, 整改情况 (the owning unit) and 销号 (the plan office), on the notice in force. */
export async function advanceNotice(
  db: Db,
  actor: Actor,
  id: string,
  step: Transition,
  text: string | null,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(supervisionNotices)
      .where(and(eq(supervisionNotices.districtId, actor.districtId), eq(supervisionNotices.id, id)))
      .for('update');
    if (!before) throw notFound('督办单');
    const state = before.state as NoticeState;
    if (state === 'closed') throw conflict('该督办单已销号');
    if (state === 'escalated') throw conflict('该督办单已升级，请处理升级后的督办单');
    let set: Partial<NoticeRow>;
    if (step === 'acknowledge') {
      if (state !== 'issued') throw conflict('该督办单已签收');
      set = { state: 'acknowledged', acknowledgedByLabel: actor.label, acknowledgedAt: now };
    } else if (step === 'respond') {
      // A response signs for the notice too when it was not yet acknowledged; a second response replaces the text
      // (the audit log keeps the earlier one).
      set = {
        state: 'responded',
        remediation: text,
        respondedByLabel: actor.label,
        respondedAt: now,
        ...(before.acknowledgedAt ? {} : { acknowledgedByLabel: actor.label, acknowledgedAt: now }),
      };
    } else {
      if (state !== 'responded') throw conflict('单位尚未报送整改情况，不能销号');
      set = {
        state: 'closed',
        closedByLabel: actor.label,
        closedAt: now,
        closedOn: today(now),
        closeNote: text,
      };
    }
    await tx
      .update(supervisionNotices)
      .set(set)
      .where(and(eq(supervisionNotices.districtId, actor.districtId), eq(supervisionNotices.id, id)));
    await audit(tx, actor, {
      action: 'update',
      entity: 'supervisionNotice',
      entityId: id,
      before: { state: before.state, remediation: before.remediation },
      after: set,
      note: step === 'acknowledge' ? '签收' : step === 'respond' ? '整改情况' : '销号',
    });
    if (step === 'respond' || step === 'close') {
      const [item] = await tx
        .select()
        .from(supervisionItems)
        .where(
          and(eq(supervisionItems.districtId, actor.districtId), eq(supervisionItems.id, before.itemId)),
        );
      const ctx = await planContext(tx, actor.districtId);
      const level = noticeLevelLabels[before.level as NoticeLevel];
      const notifications: NotificationInput[] =
        step === 'respond'
          ? officeUnits(ctx).map((u) => ({
              recipient: { kind: 'unit', id: u.id },
              category: 'system',
              title: `${level}已报送整改情况：${item!.number}. ${item!.title}`,
              body: text ?? '',
              link: '/supervision/notices',
              dedupeKey: `supervision-notice-response:${id}:${now.getTime()}`,
            }))
          : [
              {
                recipient: { kind: 'unit', id: before.unitId },
                category: 'system',
                title: `${level}已销号：${item!.number}. ${item!.title}`,
                body: text || '计划办已确认整改到位。',
                link: '/supervision/todo',
                dedupeKey: `supervision-notice-closed:${id}`,
              },
            ];
      if (notifications.length)
        await publish(tx, notificationsRequested.of(actor.districtId, { notifications }));
    }
  });
}

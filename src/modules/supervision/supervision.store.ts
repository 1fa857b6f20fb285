// The only SQL on 督查督办's tables: items, reports (every version kept), attachments; the views computed on them
// (ledger, detail) with the status rules of supervision.ts; 我的待办 and the task roll-up are in supervision.views.ts.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rows, type Db, type Queryable } from '../../platform/db/db.ts';
import { loadSettings } from './supervision.settings.ts';
import { AppError, notFound, type FieldError } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { scopeWhere, type Scope } from '../../platform/auth/scope.ts';
import { periodOf, today, type CivilDate } from '../../platform/time/date.ts';
import { isMilestone, latestEvaluations } from '../monitoring/monitoring.store.ts';
import type { Formula } from '../plan/plan-file.ts';
import type { Period } from '../../platform/time/period.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import type { PlanIndex, UnitRowLike } from '../plan/plan.ts';
import { supervisionAttachments, supervisionItems, supervisionReports } from './supervision.schema.ts';
import {
  itemStatus,
  projectTarget,
  type LinkedProjection,
  type LinkedTarget,
  type DeclaredStatus,
  type ItemKind,
  type ItemSource,
  type ItemState,
  type ReportState,
} from './supervision.ts';
import type {
  ItemInput,
  ItemView,
  ReportView,
  itemListQuerySchema,
  SupervisionSettings,
} from './supervision.contract.ts';
import type { z } from 'zod';

export type ItemRow = typeof supervisionItems.$inferSelect;
export type ReportRow = typeof supervisionReports.$inferSelect;

export const conflict = (message: string) => new AppError('CONFLICT', message);

/** The plan as this module needs it: tasks by number and id, units, which units a task's items may belong to. */
export interface PlanContext {
  index: PlanIndex;
  taskByNumber: Map<number, { id: string; number: number; title: string; section: number }>;
  taskById: Map<string, { id: string; number: number; title: string; section: number }>;
  targetCodes: Set<string>;
  unitByName: Map<string, UnitRowLike>;
  /** The plan's sections (板块), by number. */
  sections: { number: number; title: string }[];
  /** The plan's targets as the linked-target status needs them, and the plan's baseline month. */
  targets: Map<string, Omit<LinkedTarget, 'period' | 'value' | 'baselineValue' | 'recentMonthlyPace'>>;
  /** The district's thresholds and ladder settings (the defaults until the plan office saves its own). */
  settings: SupervisionSettings;
}

export async function planContext(db: Queryable, districtId: string): Promise<PlanContext> {
  const [view, settings] = await Promise.all([loadPlanView(db, districtId), loadSettings(db, districtId)]);
  if (!view) throw notFound('规划');
  const tasks = view.index.tasks.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    section: t.section,
  }));
  return {
    index: view.index,
    taskByNumber: new Map(tasks.map((t) => [t.number, t])),
    taskById: new Map(tasks.map((t) => [t.id, t])),
    targetCodes: new Set(view.targets.map((t) => t.code)),
    unitByName: new Map(view.index.units.map((u) => [u.name, u])),
    sections: view.sections.map((s) => ({ number: s.number, title: s.title })),
    settings: { thresholds: settings.thresholds, ladder: settings.ladder },
    targets: new Map(
      view.targets.map((t) => [
        t.code,
        {
          code: t.code,
          name: t.name,
          goal: Number(t.goal),
          aim: t.aim as 'increase' | 'level',
          milestone: isMilestone({ formula: t.formula as Formula }),
          baselinePeriod: periodOf(view.plan.baselineDate as CivilDate),
          deadlinePeriod: periodOf(t.deadline as CivilDate),
        },
      ]),
    ),
  };
}

/** Whether `unitId` may own an item of task `taskId`: its lead, a responsible unit, or one a collective covers. */
export function mayOwn(ctx: PlanContext, taskId: string | null, unitId: string): boolean {
  const unit = ctx.index.unit(unitId);
  if (!unit || unit.kind === 'collective') return false;
  if (!taskId) return true;
  const task = ctx.taskById.get(taskId);
  if (!task) return false;
  const { leads, shares } = ctx.index.tasksOf(unitId);
  return [...leads, ...shares].some((t) => t.number === task.number);
}

/** The checks of an item beyond its shape: known task, owner and targets, dates in order, a goal for quantities. */
export function itemProblems(ctx: PlanContext, input: ItemInput): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const task = input.taskNumber === null ? null : ctx.taskByNumber.get(input.taskNumber);
  if (input.taskNumber !== null && !task) err('taskNumber', `未知的任务：${input.taskNumber}`);
  if (input.source === 'task' && input.taskNumber === null) err('taskNumber', '来源为任务分解时须选择任务');
  if (!ctx.index.unit(input.ownerUnitId)) err('ownerUnitId', '未知的责任单位');
  else if (task !== undefined && !mayOwn(ctx, task?.id ?? null, input.ownerUnitId))
    err('ownerUnitId', '责任单位须为该任务的牵头单位或责任单位');
  if (input.dueDate < input.startDate) err('dueDate', '完成时限不能早于开始日期');
  if (input.kind === 'quantity' && !input.goalQuantity) err('goalQuantity', '数量型举措须填写目标数量');
  for (const [i, code] of input.targetCodes.entries())
    if (!ctx.targetCodes.has(code)) err(`targetCodes.${i}`, `未知的指标：${code}`);
  return errors;
}

const refuseProblems = (errors: FieldError[]) => {
  if (errors.length) throw new AppError('VALIDATION', errors[0]!.message, errors);
};

const itemValues = (ctx: PlanContext, input: ItemInput) => ({
  taskId: input.taskNumber === null ? null : ctx.taskByNumber.get(input.taskNumber)!.id,
  title: input.title,
  ownerUnitId: input.ownerUnitId,
  responsiblePeople: input.responsiblePeople,
  startDate: input.startDate,
  dueDate: input.dueDate,
  kind: input.kind,
  goalQuantity: input.goalQuantity === null ? null : String(input.goalQuantity),
  goalUnit: input.goalUnit,
  targetCodes: input.targetCodes,
  evidence: input.evidence,
  source: input.source,
  sourceRef: input.sourceRef,
  cadenceMonths: input.cadenceMonths,
  weight: input.weight,
  state: input.state,
  declaredStatus: input.declaredStatus,
});

/** The next 序号 in the district, taken under a lock so concurrent creators do not collide. */
async function nextNumber(tx: Queryable, districtId: string): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`supervision-number:${districtId}`}))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${supervisionItems.number}), 0)::int` })
    .from(supervisionItems)
    .where(eq(supervisionItems.districtId, districtId));
  return Number(row?.n ?? 0) + 1;
}

/**
 * Creates a work item; `origin.meetingId` links an item a meeting's decision made back to that meeting, `origin.subject`
 * one another module asked for back to its record (one item per subject).
 */
export async function createItem(
  db: Db,
  actor: Actor,
  input: ItemInput,
  now: Date,
  origin: { meetingId?: string; subject?: string } = {},
): Promise<string> {
  const ctx = await planContext(db, actor.districtId);
  refuseProblems(itemProblems(ctx, input));
  return db.transaction(async (tx) => {
    const number = await nextNumber(tx, actor.districtId);
    const [row] = await tx
      .insert(supervisionItems)
      .values({
        districtId: actor.districtId,
        number,
        ...itemValues(ctx, input),
        meetingId: origin.meetingId ?? null,
        subject: origin.subject ?? null,
        createdBy: actor.label,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, actor, { action: 'create', entity: 'supervisionItem', entityId: row!.id, after: row });
    return row!.id;
  });
}

export async function updateItem(
  db: Db,
  actor: Actor,
  id: string,
  input: ItemInput,
  now: Date,
): Promise<void> {
  const ctx = await planContext(db, actor.districtId);
  refuseProblems(itemProblems(ctx, input));
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(supervisionItems)
      .where(and(eq(supervisionItems.districtId, actor.districtId), eq(supervisionItems.id, id)))
      .for('update');
    if (!before) throw notFound('工作举措');
    const [after] = await tx
      .update(supervisionItems)
      .set({ ...itemValues(ctx, input), updatedAt: now })
      .where(and(eq(supervisionItems.districtId, actor.districtId), eq(supervisionItems.id, id)))
      .returning();
    await audit(tx, actor, { action: 'update', entity: 'supervisionItem', entityId: id, before, after });
  });
}

export async function findItem(db: Queryable, districtId: string, id: string): Promise<ItemRow | undefined> {
  const [row] = await db
    .select()
    .from(supervisionItems)
    .where(and(eq(supervisionItems.districtId, districtId), eq(supervisionItems.id, id)));
  return row;
}

/** Current versions (the highest of each item-period) from `since` on, newest period first, of the given items. */
async function currentReports(
  db: Queryable,
  districtId: string,
  itemIds: string[],
  since: Period,
): Promise<ReportRow[]> {
  if (!itemIds.length) return [];
  const out: ReportRow[] = [];
  for (let i = 0; i < itemIds.length; i += 5000) {
    const ids = itemIds.slice(i, i + 5000);
    const found = await db
      .selectDistinctOn([supervisionReports.itemId, supervisionReports.period])
      .from(supervisionReports)
      .where(
        and(
          eq(supervisionReports.districtId, districtId),
          inArray(supervisionReports.itemId, ids),
          sql`${supervisionReports.period} >= ${since}`,
        ),
      )
      .orderBy(
        asc(supervisionReports.itemId),
        desc(supervisionReports.period),
        desc(supervisionReports.version),
      );
    out.push(...found);
  }
  return out;
}

/** What the status and the ledger read of an item's reports: the latest that stands (not returned). */
interface StandingReport {
  id: string;
  item_id: string;
  period: string;
  version: number;
  state: string;
  progress: string;
  problems: string;
  next_steps: string;
  percent: number | null;
  quantity_done: string | null;
}

/** Per item, the current version of the newest period whose current version was not returned: one row each, in SQL. */
async function standingReports(
  db: Queryable,
  districtId: string,
  itemIds: string[],
): Promise<Map<string, StandingReport>> {
  const out = new Map<string, StandingReport>();
  for (let i = 0; i < itemIds.length; i += 5000) {
    const ids = itemIds.slice(i, i + 5000);
    if (!ids.length) break;
    const found = await rows<StandingReport>(
      db,
      sql`SELECT DISTINCT ON (cv.item_id) cv.id::text, cv.item_id::text, cv.period, cv.version::int, cv.state,
                 cv.progress, cv.problems, cv.next_steps, cv.percent::int, cv.quantity_done::text
          FROM (SELECT DISTINCT ON (item_id, period) * FROM ${supervisionReports}
                WHERE district_id = ${districtId} AND item_id IN (${sql.join(
                  ids.map((id) => sql`${id}::uuid`),
                  sql`, `,
                )})
                ORDER BY item_id, period DESC, version DESC) cv
          WHERE cv.state <> 'returned'
          ORDER BY cv.item_id, cv.period DESC`,
    );
    for (const r of found) out.set(r.item_id, r);
  }
  return out;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/**
 * The linked targets' projections of each item (the monitoring engine's latest published evaluation of each target,
 * read through monitoring's store): one query for every target the items link to.
 */
async function linkedTargets(
  db: Queryable,
  districtId: string,
  plan: PlanContext,
  rows: ItemRow[],
  asOf: CivilDate,
): Promise<(row: ItemRow) => LinkedProjection[]> {
  const codes = [...new Set(rows.filter((r) => r.state === 'open').flatMap((r) => r.targetCodes))];
  if (!codes.length) return () => [];
  const evaluations = await latestEvaluations(db, districtId, codes, periodOf(asOf));
  return (row) =>
    row.targetCodes.flatMap((code) => {
      const t = plan.targets.get(code);
      const e = evaluations.get(code);
      if (!t || !e) return [];
      const p = projectTarget(
        {
          ...t,
          period: e.month as Period,
          value: e.evaluation.value,
          baselineValue: e.evaluation.baselineValue,
          recentMonthlyPace: e.evaluation.recentMonthlyPace,
        },
        row.dueDate as CivilDate,
      );
      return p ? [p] : [];
    });
}

/** Items with their computed status on `asOf`, as the API shows them. */
export async function viewItems(
  db: Queryable,
  districtId: string,
  rows: ItemRow[],
  asOf: CivilDate,
  editable: (row: ItemRow) => boolean,
  ctx?: PlanContext,
  /** Also the current versions of periods from this one on (我的待办 reads the reporting window). */
  recentSince?: Period,
): Promise<{ view: ItemView; reports: ReportRow[] }[]> {
  const plan = ctx ?? (await planContext(db, districtId));
  const ids = rows.map((r) => r.id);
  const standingOf = await standingReports(db, districtId, ids);
  const recent = recentSince ? await currentReports(db, districtId, ids, recentSince) : [];
  const byItem = new Map<string, ReportRow[]>();
  for (const r of recent) (byItem.get(r.itemId) ?? byItem.set(r.itemId, []).get(r.itemId)!).push(r);
  const linkedOf = await linkedTargets(db, districtId, plan, rows, asOf);
  return rows.map((row) => {
    const current = byItem.get(row.id) ?? [];
    const standing = standingOf.get(row.id) ?? null;
    const task = row.taskId ? plan.taskById.get(row.taskId) : undefined;
    const owner = plan.index.unit(row.ownerUnitId);
    const status = itemStatus(
      {
        kind: row.kind as ItemKind,
        startDate: row.startDate as CivilDate,
        dueDate: row.dueDate as CivilDate,
        state: row.state as ItemState,
        cadenceMonths: row.cadenceMonths,
        goalQuantity: num(row.goalQuantity),
        declaredStatus: row.declaredStatus as DeclaredStatus | null,
      },
      standing ? { percent: standing.percent, quantityDone: num(standing.quantity_done) } : null,
      asOf,
      plan.settings.thresholds,
      undefined,
      linkedOf(row),
    );
    const view: ItemView = {
      id: row.id,
      number: row.number,
      task: task ? { number: task.number, title: task.title } : null,
      leadUnits: task
        ? plan.index.leadUnits(task.id).map((u) => ({ id: u.id, name: u.name, kind: u.kind }))
        : [],
      owner: { id: row.ownerUnitId, name: owner?.name ?? '', kind: owner?.kind ?? '' },
      title: row.title,
      responsiblePeople: row.responsiblePeople,
      startDate: row.startDate,
      dueDate: row.dueDate,
      kind: row.kind as ItemKind,
      goalQuantity: num(row.goalQuantity),
      goalUnit: row.goalUnit,
      targetCodes: row.targetCodes,
      evidence: row.evidence,
      source: row.source as ItemSource,
      sourceRef: row.sourceRef,
      meetingId: row.meetingId,
      cadenceMonths: row.cadenceMonths,
      weight: row.weight,
      state: row.state as ItemState,
      declaredStatus: row.declaredStatus as DeclaredStatus | null,
      status,
      latestReport: standing
        ? {
            id: standing.id,
            period: standing.period,
            version: standing.version,
            state: standing.state as ReportState,
            progress: standing.progress,
            problems: standing.problems,
            nextSteps: standing.next_steps,
          }
        : null,
      editable: editable(row),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
    return { view, reports: current };
  });
}

const itemsWhere = (districtId: string, scope: Scope, extra: SQL[] = []) =>
  and(
    eq(supervisionItems.districtId, districtId),
    scopeWhere(scope, { unitId: supervisionItems.ownerUnitId, subdistrictId: supervisionItems.ownerUnitId }),
    ...extra,
  );

export async function scopedRows(db: Queryable, districtId: string, scope: Scope, extra: SQL[] = []) {
  return db
    .select()
    .from(supervisionItems)
    .where(itemsWhere(districtId, scope, extra))
    .orderBy(asc(supervisionItems.number));
}

export type ItemListQuery = z.infer<typeof itemListQuerySchema>;

/** The ledger: items in `scope` with their status, filtered by unit, task, state and computed colour, paged. */
export async function listItems(
  db: Queryable,
  districtId: string,
  scope: Scope,
  query: ItemListQuery,
  now: Date,
  editable: (row: ItemRow) => boolean,
) {
  const ctx = await planContext(db, districtId);
  const extra: SQL[] = [];
  if (query.unitId) extra.push(eq(supervisionItems.ownerUnitId, query.unitId));
  if (query.state) extra.push(eq(supervisionItems.state, query.state));
  if (query.taskNumber) {
    const task = ctx.taskByNumber.get(query.taskNumber);
    if (!task) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    extra.push(eq(supervisionItems.taskId, task.id));
  }
  const rows = await scopedRows(db, districtId, scope, extra);
  let views = (await viewItems(db, districtId, rows, today(now), editable, ctx)).map((v) => v.view);
  if (query.colour) views = views.filter((v) => v.status.colour === query.colour);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: views.slice(start, start + query.pageSize),
    total: views.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Every item in `scope` with status, unpaged (the export). */
export async function allItems(db: Queryable, districtId: string, scope: Scope, now: Date) {
  const rows = await scopedRows(db, districtId, scope);
  return viewItems(db, districtId, rows, today(now), () => true);
}

async function attachmentsOf(db: Queryable, districtId: string, reportIds: string[]) {
  if (!reportIds.length) return [];
  return db
    .select({
      id: supervisionAttachments.id,
      reportId: supervisionAttachments.reportId,
      fileName: supervisionAttachments.fileName,
      mime: supervisionAttachments.mime,
      size: supervisionAttachments.size,
      sha256: supervisionAttachments.sha256,
      uploadedByLabel: supervisionAttachments.uploadedByLabel,
      uploadedAt: supervisionAttachments.uploadedAt,
    })
    .from(supervisionAttachments)
    .where(
      and(
        eq(supervisionAttachments.districtId, districtId),
        inArray(supervisionAttachments.reportId, reportIds),
      ),
    )
    .orderBy(asc(supervisionAttachments.uploadedAt));
}

export const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** One item with every version of every report, newest first. */
export async function itemDetail(
  db: Queryable,
  districtId: string,
  row: ItemRow,
  now: Date,
  editable: boolean,
): Promise<{ item: ItemView; reports: ReportView[] }> {
  const [v] = await viewItems(db, districtId, [row], today(now), () => editable);
  const all = await db
    .select()
    .from(supervisionReports)
    .where(and(eq(supervisionReports.districtId, districtId), eq(supervisionReports.itemId, row.id)))
    .orderBy(desc(supervisionReports.period), desc(supervisionReports.version));
  const files = await attachmentsOf(
    db,
    districtId,
    all.map((r) => r.id),
  );
  return {
    item: v!.view,
    reports: all.map((r) => ({
      id: r.id,
      itemId: r.itemId,
      period: r.period,
      version: r.version,
      progress: r.progress,
      quantityDone: num(r.quantityDone),
      percent: r.percent,
      problems: r.problems,
      nextSteps: r.nextSteps,
      needsCoordination: r.needsCoordination,
      state: r.state as ReportState,
      returnReason: r.returnReason,
      origin: r.origin,
      submittedByLabel: r.submittedByLabel,
      submittedAt: iso(r.submittedAt)!,
      reviewedByLabel: r.reviewedByLabel,
      reviewedAt: iso(r.reviewedAt),
      attachments: files
        .filter((f) => f.reportId === r.id)
        .map((f) => ({
          id: f.id,
          fileName: f.fileName,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
          uploadedByLabel: f.uploadedByLabel,
          uploadedAt: iso(f.uploadedAt)!,
        })),
    })),
  };
}

export { nextNumber };

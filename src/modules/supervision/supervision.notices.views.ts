// The reads of 督办单 and the colour history: the office's list, one notice with its chain, an item's notices and
// colours, and the records the assessment counts.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { scopeWhere, type Scope } from '../../platform/auth/scope.ts';
import { today, type CivilDate } from '../../platform/time/date.ts';
import { supervisionColourHistory, supervisionItems, supervisionNotices } from './supervision.schema.ts';
import { planContext, type ItemRow, type PlanContext } from './supervision.store.ts';
import { type NoticeLevel, type NoticeState } from './supervision.ladder.ts';
import type { NoticeView } from './supervision.contract.ts';
import type { Colour } from './supervision.kinds.ts';

import { iso } from './supervision.store.ts';
import { openStates, type NoticeRow } from './supervision.notices.ts';

export type NoticeListQuery = {
  level?: NoticeLevel | undefined;
  state?: NoticeState | 'open' | undefined;
  unitId?: string | undefined;
  itemId?: string | undefined;
  page: number;
  pageSize: number;
};

type Joined = { n: NoticeRow; i: ItemRow };

function noticeView(
  ctx: PlanContext,
  { n, i }: Joined,
  asOf: CivilDate,
  may: (n: NoticeRow, i: ItemRow) => { acknowledge: boolean; respond: boolean; close: boolean },
): NoticeView {
  const task = i.taskId ? ctx.taskById.get(i.taskId) : undefined;
  const unit = ctx.index.unit(n.unitId);
  const state = n.state as NoticeState;
  return {
    id: n.id,
    item: {
      id: i.id,
      number: i.number,
      title: i.title,
      dueDate: i.dueDate,
      task: task ? { number: task.number, title: task.title } : null,
    },
    level: n.level as NoticeLevel,
    previousId: n.previousId,
    state,
    origin: n.origin as 'rule' | 'manual',
    unit: { id: n.unitId, name: unit?.name ?? '', kind: unit?.kind ?? '' },
    issuedOn: n.issuedOn,
    issuedAt: iso(n.issuedAt)!,
    issuedByLabel: n.issuedByLabel,
    reason: n.reason,
    evidence: n.evidence,
    responseDue: n.responseDue,
    responseLate: (state === 'issued' || state === 'acknowledged') && asOf > n.responseDue,
    acknowledgedByLabel: n.acknowledgedByLabel,
    acknowledgedAt: iso(n.acknowledgedAt),
    remediation: n.remediation,
    respondedByLabel: n.respondedByLabel,
    respondedAt: iso(n.respondedAt),
    closedByLabel: n.closedByLabel,
    closedAt: iso(n.closedAt),
    closeNote: n.closeNote,
    actions: openStates.includes(state) ? may(n, i) : { acknowledge: false, respond: false, close: false },
  };
}

async function joined(db: Queryable, where: SQL | undefined): Promise<Joined[]> {
  return db
    .select({ n: supervisionNotices, i: supervisionItems })
    .from(supervisionNotices)
    .innerJoin(
      supervisionItems,
      and(
        eq(supervisionItems.districtId, supervisionNotices.districtId),
        eq(supervisionItems.id, supervisionNotices.itemId),
      ),
    )
    .where(where)
    .orderBy(desc(supervisionNotices.issuedAt), desc(supervisionItems.number));
}

/** Notices of the items in `scope`, newest first, filtered by level, state, unit and item, paged. */
export async function listNotices(
  db: Queryable,
  districtId: string,
  scope: Scope,
  query: NoticeListQuery,
  now: Date,
  may: (n: NoticeRow, i: ItemRow) => { acknowledge: boolean; respond: boolean; close: boolean },
) {
  const ctx = await planContext(db, districtId);
  const conds: SQL[] = [
    eq(supervisionNotices.districtId, districtId),
    scopeWhere(scope, { unitId: supervisionItems.ownerUnitId, subdistrictId: supervisionItems.ownerUnitId }),
  ];
  if (query.level) conds.push(eq(supervisionNotices.level, query.level));
  if (query.state === 'open') conds.push(inArray(supervisionNotices.state, openStates));
  else if (query.state) conds.push(eq(supervisionNotices.state, query.state));
  if (query.unitId) conds.push(eq(supervisionNotices.unitId, query.unitId));
  if (query.itemId) conds.push(eq(supervisionNotices.itemId, query.itemId));
  const all = await joined(db, and(...conds));
  const start = (query.page - 1) * query.pageSize;
  return {
    items: all.slice(start, start + query.pageSize).map((j) => noticeView(ctx, j, today(now), may)),
    total: all.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One notice with the whole case (every level, the first first). */
export async function noticeDetail(
  db: Queryable,
  districtId: string,
  id: string,
  now: Date,
  may: (n: NoticeRow, i: ItemRow) => { acknowledge: boolean; respond: boolean; close: boolean },
) {
  const ctx = await planContext(db, districtId);
  const [found] = await joined(
    db,
    and(eq(supervisionNotices.districtId, districtId), eq(supervisionNotices.id, id)),
  );
  if (!found) throw notFound('督办单');
  const ofItem = await joined(
    db,
    and(eq(supervisionNotices.districtId, districtId), eq(supervisionNotices.itemId, found.n.itemId)),
  );
  // Walk the links: down from this notice to its blue start, and up along the notices escalated from it.
  const byId = new Map(ofItem.map((j) => [j.n.id, j]));
  const chain: Joined[] = [];
  for (let j: Joined | undefined = found; j; j = j.n.previousId ? byId.get(j.n.previousId) : undefined)
    chain.unshift(j);
  for (
    let j = ofItem.find((x) => x.n.previousId === found.n.id);
    j;
    j = ofItem.find((x) => x.n.previousId === j!.n.id)
  )
    chain.push(j);
  const asOf = today(now);
  return {
    notice: noticeView(ctx, found, asOf, may),
    chain: chain.map((j) => noticeView(ctx, j, asOf, may)),
  };
}

/** Every notice of one item, newest first (the item drawer). */
export async function noticesOfItem(
  db: Queryable,
  districtId: string,
  itemId: string,
  now: Date,
  may: (n: NoticeRow, i: ItemRow) => { acknowledge: boolean; respond: boolean; close: boolean },
): Promise<NoticeView[]> {
  const ctx = await planContext(db, districtId);
  const all = await joined(
    db,
    and(eq(supervisionNotices.districtId, districtId), eq(supervisionNotices.itemId, itemId)),
  );
  return all.map((j) => noticeView(ctx, j, today(now), may));
}

/** An item's recorded colour changes, oldest first. */
export async function colourHistoryOf(db: Queryable, districtId: string, itemId: string) {
  const found = await db
    .select()
    .from(supervisionColourHistory)
    .where(
      and(eq(supervisionColourHistory.districtId, districtId), eq(supervisionColourHistory.itemId, itemId)),
    )
    .orderBy(asc(supervisionColourHistory.day));
  return found.map((r) => ({
    day: r.day,
    colour: r.colour as Colour,
    expected: r.expected,
    reported: r.reported,
    reason: r.reason,
  }));
}

/**
 * Every notice of a district issued between two dates (inclusive), as stored: for the assessment's deductions and
 * the bulletin (which count notices issued, escalated, closed and answered late).
 */
export async function noticeRecords(
  db: Queryable,
  districtId: string,
  range: { from: CivilDate; to: CivilDate },
): Promise<NoticeRow[]> {
  return db
    .select()
    .from(supervisionNotices)
    .where(
      and(
        eq(supervisionNotices.districtId, districtId),
        sql`${supervisionNotices.issuedOn} BETWEEN ${range.from} AND ${range.to}`,
      ),
    )
    .orderBy(asc(supervisionNotices.issuedOn));
}

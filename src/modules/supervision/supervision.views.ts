// 督查督办's reads built on the store's item views: a unit's 我的待办 and the key tasks' (and sections') roll-up.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../platform/db/db.ts';
import type { Scope } from '../../platform/auth/scope.ts';
import { today, type CivilDate } from '../../platform/time/date.ts';
import { addMonths, currentPeriod, type Period } from '../../platform/time/period.ts';
import { supervisionItems } from './supervision.schema.ts';
import {
  needsReport,
  rollup,
  sectionRollup,
  windowOf,
  type ItemState,
  type ReportState,
} from './supervision.ts';
import type { rollupSchema, todoSchema } from './supervision.contract.ts';
import { planContext, scopedRows, viewItems } from './supervision.store.ts';

/**
 * 我的待办: the open items in `scope` that want a report in this period's window (none stands, or it was returned),
 * and every overdue one.
 */
export async function todo(
  db: Queryable,
  districtId: string,
  scope: Scope,
  now: Date,
): Promise<z.infer<typeof todoSchema>> {
  const asOf = today(now);
  const period = currentPeriod(now) as Period;
  const rows = await scopedRows(db, districtId, scope, [eq(supervisionItems.state, 'open')]);
  const views = await viewItems(db, districtId, rows, asOf, () => true, undefined, addMonths(period, -11));
  const items = views.flatMap(({ view, reports }) => {
    const row = rows.find((r) => r.id === view.id)!;
    const window = windowOf(row.startDate as CivilDate, row.cadenceMonths, period);
    const inWindow = reports.filter((r) => r.period >= window && r.period <= period);
    const why: ('due' | 'overdue' | 'returned')[] = [];
    if (
      needsReport(
        {
          ...row,
          state: row.state as ItemState,
          startDate: row.startDate as CivilDate,
          dueDate: row.dueDate as CivilDate,
        },
        period,
        inWindow.map((r) => ({ state: r.state as ReportState })),
      )
    )
      why.push('due');
    // The latest period's current version was sent back and not yet resubmitted (this period's or an earlier one's).
    if (reports[0]?.state === 'returned') why.push('returned');
    if (view.status.overdueWorkingDays !== null) why.push('overdue');
    const returnedPeriod = why.includes('returned') ? reports[0]!.period : null;
    return why.length ? [{ ...view, why, returnedPeriod }] : [];
  });
  items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number - b.number));
  return { period, asOf, items };
}

/** Each key task's progress and colour from its items, weighted (every item of the district counts). */
export async function taskRollup(
  db: Queryable,
  districtId: string,
  now: Date,
): Promise<z.infer<typeof rollupSchema>> {
  const ctx = await planContext(db, districtId);
  const rows = await scopedRows(db, districtId, { all: true });
  const views = await viewItems(db, districtId, rows, today(now), () => false, ctx);
  const tasks = [...ctx.taskByNumber.values()].sort((a, b) => a.number - b.number);
  const taskViews = tasks.map((t) => {
    const mine = views.filter((v) => v.view.task?.number === t.number);
    const r = rollup(
      mine.map((v) => ({ weight: v.view.weight, status: v.view.status })),
      ctx.settings.thresholds,
    );
    return {
      number: t.number,
      section: t.section,
      title: t.title,
      leadUnits: ctx.index.leadUnits(t.id).map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
      items: r.items,
      colour: r.colour,
      expected: r.expected,
      reported: r.reported,
      counts: r.counts,
      reason: r.reason,
    };
  });
  return {
    asOf: today(now),
    tasks: taskViews,
    sections: sectionRollup(ctx.sections, taskViews, ctx.settings.thresholds),
  };
}

// The demo district's ledger (工作台账): for each of the plan's key tasks, the work items its lead unit would set —
// a work plan (milestone, due by the end of March), the monthly push (recurring through the year) and, for every
// other task, a quantity to reach (e.g. 12 对接活动) — and the owning units' monthly progress reports up to the last
// closed month, some on pace, some behind, a few not reported, so the 督查督办 pages show every colour. Made through
// the supervision module's own store functions (validation, 序号, audit), once, on the first start with the demo.
import type { Db } from '../../platform/db/db.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import {
  currentPeriod,
  periodOfDate,
  periodRange,
  previousPeriod,
  type Period,
} from '../../platform/time/period.ts';
import { allItems, createItem, findItem, planContext, updateItem } from '../supervision/supervision.store.ts';
import { submitReport } from '../supervision/supervision.reports.store.ts';
import type { ItemInput } from '../supervision/supervision.contract.ts';
import { mix32, mulberry32 } from './prng.ts';

const YEAR = 2026;

/** Creates the demo ledger when the district has no work items yet; how many items and reports it made. */
export async function ensureDemoLedger(
  db: Db,
  districtId: string,
  now: Date,
): Promise<{ items: number; reports: number } | undefined> {
  if ((await allItems(db, districtId, { all: true }, now)).length > 0) return undefined;
  const ctx = await planContext(db, districtId);
  const actor = { ...systemActor(districtId), label: '演示数据' };
  const rng = mulberry32(mix32(YEAR, 318));
  const last = previousPeriod(currentPeriod(now));
  let items = 0;
  let reports = 0;
  for (const task of [...ctx.taskByNumber.values()].sort((a, b) => a.number - b.number)) {
    const owner = ctx.index.leadUnits(task.id)[0];
    if (!owner) continue;
    const plans: ItemInput[] = [
      item(
        task.number,
        owner.id,
        `${task.title}：制定年度工作方案`,
        `${YEAR}-01-05`,
        `${YEAR}-03-31`,
        'milestone',
      ),
      item(
        task.number,
        owner.id,
        `${task.title}：月度推进落实`,
        `${YEAR}-01-01`,
        `${YEAR}-12-31`,
        'recurring',
      ),
    ];
    if (task.number % 2 === 0)
      plans.push({
        ...item(
          task.number,
          owner.id,
          `${task.title}：组织供需对接活动`,
          `${YEAR}-02-01`,
          `${YEAR}-11-30`,
          'quantity',
        ),
        goalQuantity: 12,
        goalUnit: '场',
      });
    for (const input of plans) {
      const id = await createItem(db, actor, input, now);
      items++;
      const row = (await findItem(db, districtId, id))!;
      // How this unit keeps pace: most on it, some behind, a few far behind or silent in recent months.
      // A work plan is nearly always issued (a few late, one in eight stuck); the year's push and quantities vary.
      const pace =
        input.kind === 'milestone'
          ? [1, 1, 1, 1, 1, 1, 0.9, 0.6][Math.floor(rng() * 8)]!
          : [1, 1, 1, 0.95, 0.85, 0.7, 0.5][Math.floor(rng() * 7)]!;
      const silentFrom = rng() < 0.15 ? previousPeriod(last) : null;
      const start = periodOfDate(input.startDate);
      const due = periodOfDate(input.dueDate);
      const span = periodRange(start, due).length;
      const months = periodRange(start, minPeriod(last, due));
      for (const [k, period] of months.entries()) {
        if (silentFrom && period >= silentFrom) break;
        const elapsed = (k + 1) / span;
        const percent = Math.min(100, Math.round(100 * elapsed * pace));
        const quantity = input.kind === 'quantity' ? Math.min(12, Math.round(12 * elapsed * pace)) : null;
        await submitReport(
          db,
          actor,
          row,
          {
            period,
            progress: progressText(input.kind, percent, quantity),
            quantityDone: quantity,
            percent: input.kind === 'quantity' ? null : percent,
            problems: pace < 0.7 ? '牵头协调难度较大，进度滞后于序时进度' : '',
            nextSteps: percent >= 100 ? '' : '按计划继续推进',
            needsCoordination: pace < 0.4 && k === months.length - 1,
          },
          now,
        );
        reports++;
      }
      // The plan office closes (销号) what was reported complete.
      const done = await findItem(db, districtId, id);
      if (done && reportedComplete(input, pace, months.length, span, silentFrom !== null))
        await updateItem(db, actor, id, { ...input, state: 'done' }, now);
    }
  }
  return { items, reports };
}

const minPeriod = (a: Period, b: Period): Period => (a < b ? a : b);

/** Whether the last report said 100 % of an item whose due month has passed. */
const reportedComplete = (
  input: ItemInput,
  pace: number,
  reported: number,
  span: number,
  silent: boolean,
): boolean => !silent && reported >= span && Math.round(100 * pace) >= 100 && input.kind !== 'recurring';

function item(
  taskNumber: number,
  ownerUnitId: string,
  title: string,
  startDate: string,
  dueDate: string,
  kind: ItemInput['kind'],
): ItemInput {
  return {
    taskNumber,
    title,
    ownerUnitId,
    responsiblePeople: '',
    startDate,
    dueDate,
    kind,
    goalQuantity: null,
    goalUnit: null,
    targetCodes: [],
    evidence: kind === 'milestone' ? '印发的工作方案' : '',
    source: 'task',
    sourceRef: '',
    cadenceMonths: 1,
    weight: 1,
    state: 'open',
    declaredStatus: null,
  };
}

function progressText(kind: ItemInput['kind'], percent: number, quantity: number | null): string {
  if (kind === 'quantity') return `累计组织活动 ${quantity ?? 0} 场。`;
  if (kind === 'milestone')
    return percent >= 100 ? '工作方案已印发。' : `工作方案起草中，完成约 ${percent}%。`;
  return `本月按计划推进，累计完成年度工作量约 ${percent}%。`;
}

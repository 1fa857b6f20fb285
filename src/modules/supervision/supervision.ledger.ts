// The ledger (工作台账) as a spreadsheet in the offices' template: the export's rows, and the import — every row
// checked, then all written in one transaction or nothing; a cell left empty (or a column left out) changes nothing.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ImportRowError } from '../enterprises/enterprises.contract.ts';
import type { SheetRow } from '../../platform/files/spreadsheet.ts';
import { locateTable } from '../../platform/files/table.ts';
import { isCivilDate, today, type CivilDate } from '../../platform/time/date.ts';
import { currentPeriod } from '../../platform/time/period.ts';
import { supervisionItems, supervisionReports } from './supervision.schema.ts';
import type { ItemInput, ItemView, LedgerImportResult } from './supervision.contract.ts';
import { itemProblems, nextNumber, planContext, type PlanContext } from './supervision.store.ts';
import { insertReport } from './supervision.reports.store.ts';
import type { DeclaredStatus, ItemKind, ItemSource, ItemState } from './supervision.ts';

export const MAX_LEDGER_ROWS = 20_000;
const MAX_LISTED_ERRORS = 1000;

type LedgerKey =
  'number' | 'task' | 'title' | 'lead' | 'owner' | 'due' | 'progress' | 'problems' | 'nextSteps';

/** The offices' template, in its order. */
export const ledgerColumns: readonly { key: LedgerKey; zh: string; width: number }[] = [
  { key: 'number', zh: '序号', width: 8 },
  { key: 'task', zh: '任务', width: 30 },
  { key: 'title', zh: '举措', width: 44 },
  { key: 'lead', zh: '牵头单位', width: 18 },
  { key: 'owner', zh: '责任单位', width: 18 },
  { key: 'due', zh: '完成时限', width: 12 },
  { key: 'progress', zh: '进展情况', width: 44 },
  { key: 'problems', zh: '存在问题', width: 30 },
  { key: 'nextSteps', zh: '下步计划', width: 30 },
];
const columnName = (k: LedgerKey) => ledgerColumns.find((c) => c.key === k)!.zh;

/** How a task is written in the 任务 column: "12、title"; the number decides on import. */
export const taskCell = (task: { number: number; title: string } | null) =>
  task ? `${task.number}、${task.title}` : '';

/** One item as a row of the template. */
export function ledgerRow(v: ItemView): Record<LedgerKey, string | number> {
  return {
    number: v.number,
    task: taskCell(v.task),
    title: v.title,
    lead: v.leadUnits.map((u) => u.name).join('、'),
    owner: v.owner.name,
    due: v.dueDate,
    progress: v.latestReport?.progress ?? '',
    problems: v.latestReport?.problems ?? '',
    nextSteps: v.latestReport?.nextSteps ?? '',
  };
}

const bare = (h: string) => h.replace(/[*＊\s]/g, '');
const keyOf = (h: string) => ledgerColumns.find((c) => c.zh === bare(h))?.key;
const isLedgerHeader = (cells: string[]) => cells.filter((c) => keyOf(c ?? '')).length >= 2;

/** 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日 → '2026-06-30'; null when not a date. */
export function parseLedgerDate(text: string): CivilDate | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const s = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCivilDate(s) ? s : null;
}

type Cells = Partial<Record<LedgerKey, string>>;
interface Planned {
  row: number;
  existing: typeof supervisionItems.$inferSelect | null;
  input: ItemInput;
  changed: boolean;
  report: {
    progress: string;
    problems: string;
    nextSteps: string;
    percent: number | null;
    quantityDone: number | null;
  } | null;
}

const fieldColumn: Record<string, LedgerKey> = {
  taskNumber: 'task',
  ownerUnitId: 'owner',
  dueDate: 'due',
  title: 'title',
};

const toInput = (r: typeof supervisionItems.$inferSelect, ctx: PlanContext): ItemInput => ({
  taskNumber: r.taskId ? (ctx.taskById.get(r.taskId)?.number ?? null) : null,
  title: r.title,
  ownerUnitId: r.ownerUnitId,
  responsiblePeople: r.responsiblePeople,
  startDate: r.startDate,
  dueDate: r.dueDate,
  kind: r.kind as ItemKind,
  goalQuantity: r.goalQuantity === null ? null : Number(r.goalQuantity),
  goalUnit: r.goalUnit,
  targetCodes: r.targetCodes,
  evidence: r.evidence,
  source: r.source as ItemSource,
  sourceRef: r.sourceRef,
  cadenceMonths: r.cadenceMonths,
  weight: r.weight,
  state: r.state as ItemState,
  declaredStatus: r.declaredStatus as DeclaredStatus | null,
});

export async function importLedger(
  db: Db,
  actor: Actor,
  source: AsyncIterable<SheetRow>,
  opts: { now: Date; preview: boolean },
): Promise<LedgerImportResult> {
  const districtId = actor.districtId;
  const ctx = await planContext(db, districtId);
  const table = await locateTable(source, {
    isHeader: isLedgerHeader,
    preferSheet: (n) => n.includes('台账'),
  });
  const byCol = new Map<number, LedgerKey>();
  const read: { row: number; cells: Cells; problems: Map<LedgerKey, string> }[] = [];
  try {
    table.header.cells.forEach((h, i) => {
      const k = keyOf(h ?? '');
      if (k && ![...byCol.values()].includes(k)) byCol.set(i, k);
    });
    const missing = (['number', 'title'] as const).filter((k) => ![...byCol.values()].includes(k));
    if (missing.length)
      throw new AppError('IMPORT_INVALID', '表头有误，未写入任何数据', undefined, {
        errors: missing.map((k) => ({ row: table.header.row, column: columnName(k), reason: '缺少此列' })),
        errorCount: missing.length,
      });
    for await (const r of table.rows) {
      const cells: Cells = {};
      const problems = new Map<LedgerKey, string>();
      for (const [col, key] of byCol) {
        const v = (r.cells[col] ?? '').trim();
        if (v) cells[key] = v;
      }
      for (const p of r.problems ?? []) {
        const key = byCol.get(p.col);
        if (key) problems.set(key, p.reason);
      }
      if (Object.keys(cells).length === 0 && problems.size === 0) continue;
      read.push({ row: r.row, cells, problems });
    }
  } finally {
    await table.close();
  }
  if (!read.length)
    throw new AppError('VALIDATION', '文件中没有数据行', [{ path: 'file', message: '没有数据行' }]);

  return db.transaction(async (tx) => {
    const existingRows = await tx
      .select()
      .from(supervisionItems)
      .where(eq(supervisionItems.districtId, districtId))
      .for('update');
    const byNumber = new Map(existingRows.map((r) => [r.number, r]));
    const latest = new Map<string, typeof supervisionReports.$inferSelect>();
    const reportRows = await tx
      .select()
      .from(supervisionReports)
      .where(eq(supervisionReports.districtId, districtId));
    // The latest standing report of each item: highest period, its highest version, not returned.
    const current = new Map<string, typeof supervisionReports.$inferSelect>();
    for (const r of reportRows) {
      const key = `${r.itemId}:${r.period}`;
      const c = current.get(key);
      if (!c || c.version < r.version) current.set(key, r);
    }
    for (const r of current.values()) {
      if (r.state === 'returned') continue;
      const l = latest.get(r.itemId);
      if (!l || l.period < r.period) latest.set(r.itemId, r);
    }

    const errors: ImportRowError[] = [];
    const err = (row: number, key: LedgerKey, reason: string) =>
      errors.push({ row, column: columnName(key), reason });
    const seen = new Map<number, number>();
    const asOf = today(opts.now);
    const planned: Planned[] = [];
    for (const { row, cells, problems } of read) {
      const before = errors.length;
      for (const [k, reason] of problems) err(row, k, reason);
      let existing: (typeof existingRows)[number] | null = null;
      if (cells.number !== undefined) {
        const n = /^\d+$/.test(cells.number) ? Number(cells.number) : NaN;
        if (!Number.isSafeInteger(n) || n < 1) err(row, 'number', '序号须为正整数');
        else if (seen.has(n)) err(row, 'number', `与第 ${seen.get(n)} 行序号重复`);
        else if (!byNumber.has(n)) err(row, 'number', '序号不存在（新增举措请留空序号）');
        else {
          seen.set(n, row);
          existing = byNumber.get(n)!;
        }
      }
      let taskNumber: number | null | undefined;
      if (cells.task !== undefined) {
        const lead = /^\s*(\d+)/.exec(cells.task)?.[1];
        const task = lead
          ? ctx.taskByNumber.get(Number(lead))
          : [...ctx.taskByNumber.values()].find((t) => t.title === cells.task);
        if (!task) err(row, 'task', `未知的任务“${cells.task}”`);
        else taskNumber = task.number;
      }
      if (cells.lead !== undefined) {
        for (const name of cells.lead.split(/[、，,；;\s]+/).filter(Boolean))
          if (!ctx.unitByName.has(name)) err(row, 'lead', `未知的单位“${name}”`);
      }
      let ownerUnitId: string | undefined;
      if (cells.owner !== undefined) {
        const u = ctx.unitByName.get(cells.owner);
        if (!u || u.kind === 'collective') err(row, 'owner', `未知的单位“${cells.owner}”`);
        else ownerUnitId = u.id;
      }
      let due: CivilDate | undefined;
      if (cells.due !== undefined) {
        const d = parseLedgerDate(cells.due);
        if (!d) err(row, 'due', `日期有误“${cells.due}”，应为 YYYY-MM-DD`);
        else due = d;
      }
      if (!existing && cells.number === undefined) {
        for (const k of ['task', 'title', 'owner', 'due'] as const)
          if (cells[k] === undefined && !problems.has(k)) err(row, k, '新增举措必填');
      }
      if (errors.length > before) continue;

      const base: ItemInput = existing
        ? toInput(existing, ctx)
        : {
            taskNumber: taskNumber ?? null,
            title: cells.title!,
            ownerUnitId: ownerUnitId!,
            responsiblePeople: '',
            startDate: due! < asOf ? due! : asOf,
            dueDate: due!,
            kind: 'milestone',
            goalQuantity: null,
            goalUnit: null,
            targetCodes: [],
            evidence: '',
            source: 'task',
            sourceRef: '',
            cadenceMonths: 1,
            weight: 1,
            state: 'open',
            declaredStatus: null,
          };
      const input: ItemInput = {
        ...base,
        ...(taskNumber !== undefined ? { taskNumber } : {}),
        ...(cells.title !== undefined ? { title: cells.title.slice(0, 300) } : {}),
        ...(ownerUnitId !== undefined ? { ownerUnitId } : {}),
        ...(due !== undefined ? { dueDate: due } : {}),
      };
      const problemsOf: FieldError[] = itemProblems(ctx, input);
      for (const p of problemsOf) err(row, fieldColumn[p.path] ?? 'title', p.message);
      if (problemsOf.length) continue;
      const changed =
        !existing ||
        input.taskNumber !== base.taskNumber ||
        input.title !== base.title ||
        input.ownerUnitId !== base.ownerUnitId ||
        input.dueDate !== base.dueDate;
      const last = existing ? latest.get(existing.id) : undefined;
      const next = {
        progress: cells.progress ?? last?.progress ?? '',
        problems: cells.problems ?? last?.problems ?? '',
        nextSteps: cells.nextSteps ?? last?.nextSteps ?? '',
      };
      const carried =
        cells.progress !== undefined || cells.problems !== undefined || cells.nextSteps !== undefined;
      const differs =
        carried &&
        (!last ||
          next.progress !== last.progress ||
          next.problems !== last.problems ||
          next.nextSteps !== last.nextSteps);
      planned.push({
        row,
        existing,
        input,
        changed,
        report: differs
          ? {
              ...next,
              percent: last?.percent ?? null,
              quantityDone:
                last?.quantityDone === undefined || last.quantityDone === null
                  ? null
                  : Number(last.quantityDone),
            }
          : null,
      });
    }
    if (errors.length)
      throw new AppError('IMPORT_INVALID', `${errors.length} 处错误，未写入任何数据`, undefined, {
        errors: errors.slice(0, MAX_LISTED_ERRORS),
        errorCount: errors.length,
      });

    const result: LedgerImportResult = {
      preview: opts.preview,
      file: table.info,
      rows: read.length,
      created: planned.filter((p) => !p.existing).length,
      updated: planned.filter((p) => p.existing && p.changed).length,
      unchanged: planned.filter((p) => p.existing && !p.changed).length,
      reports: planned.filter((p) => p.report).length,
    };
    if (opts.preview) return result;

    const period = currentPeriod(opts.now);
    for (const p of planned) {
      const values = {
        taskId: p.input.taskNumber === null ? null : ctx.taskByNumber.get(p.input.taskNumber)!.id,
        title: p.input.title,
        ownerUnitId: p.input.ownerUnitId,
        dueDate: p.input.dueDate,
      };
      let item: typeof supervisionItems.$inferSelect | null | undefined = p.existing;
      if (!item) {
        const number = await nextNumber(tx, districtId);
        [item] = await tx
          .insert(supervisionItems)
          .values({
            districtId,
            number,
            ...values,
            startDate: p.input.startDate,
            kind: p.input.kind,
            source: p.input.source,
            createdBy: actor.label,
            createdAt: opts.now,
            updatedAt: opts.now,
          })
          .returning();
        await audit(tx, actor, {
          action: 'create',
          entity: 'supervisionItem',
          entityId: item!.id,
          after: item,
          note: `ledger import row ${p.row}`,
        });
      } else if (p.changed) {
        const [after] = await tx
          .update(supervisionItems)
          .set({ ...values, updatedAt: opts.now })
          .where(and(eq(supervisionItems.districtId, districtId), eq(supervisionItems.id, item.id)))
          .returning();
        await audit(tx, actor, {
          action: 'update',
          entity: 'supervisionItem',
          entityId: item.id,
          before: item,
          after,
          note: `ledger import row ${p.row}`,
        });
        item = after!;
      }
      if (p.report)
        await insertReport(
          tx,
          actor,
          item!,
          { period, ...p.report, needsCoordination: false },
          { now: opts.now, state: 'accepted', origin: 'import' },
        );
    }
    return result;
  });
}

// The import's write: every row resolved over its locked registered record, decided, and written in one transaction —
// or, for a preview, only counted and described.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enterprises } from './enterprises.schema.ts';
import type {
  EnterpriseValues,
  ImportChange,
  ImportOutcome,
  ImportRowError,
} from './enterprises.contract.ts';
import { rowValues, snapshot, type EnterpriseRecord } from './enterprises.store.ts';

type EnterpriseRow = EnterpriseRecord;

export interface UpsertOptions<Row extends { row: number }> {
  /** The row over its registered record (locked for this transaction), or none: the values to write, or errors. */
  resolve: (
    before: EnterpriseRecord | undefined,
    row: Row,
  ) => {
    value?: Omit<EnterpriseValues, 'honours'>;
    errors: { column: string; reason: string }[];
    subdistrictId?: string;
  };
  /**
   * Whether this row may be written, given its registered record or none and where it would be registered: null
   * to write it, or the cell and reason to report. The caller decides with its access policy.
   */
  decide: (
    before: EnterpriseRecord | undefined,
    after: { subdistrictId: string },
  ) => { column: string; reason: string } | null;
  /** What a row changes of its registered record (empty: nothing), for the preview and to skip unchanged rows. */
  changes: (before: EnterpriseRecord, after: Omit<EnterpriseValues, 'honours'>) => ImportChange[];
  /** Decide and count, but write nothing: the preview the user confirms. */
  preview: boolean;
  /** Errors already found in the file: reported together with any refusal, and nothing is written. */
  priorErrors: ImportRowError[];
  priorErrorCount: number;
  maxListedErrors: number;
}

/** How many rows a preview lists one by one; the counts per column cover them all. */
export const PREVIEW_ROWS = 200;

/**
 * Lands an import whole or not at all: each row's registered record is read and locked, the row is resolved over
 * it and decided on it, and any error or refusal leaves the registry untouched and answers 422 with every error.
 * A row that changes nothing is not written. With `preview`, nothing is written at all: the answer says what would be.
 */
export async function upsertEnterprises<Row extends { row: number; cells: Map<string, string> }>(
  db: Db,
  actor: Actor,
  rowsIn: Row[],
  opts: UpsertOptions<Row>,
): Promise<ImportOutcome> {
  const districtId = actor.districtId;
  return db.transaction(async (tx) => {
    const existing = new Map<string, EnterpriseRow>();
    for (let i = 0; i < rowsIn.length; i += 5000) {
      const usccs = rowsIn.slice(i, i + 5000).map((r) => r.cells.get('uscc') ?? '');
      // Locked: a record cannot move between the decision and the write.
      const found = await tx
        .select()
        .from(enterprises)
        .where(and(eq(enterprises.districtId, districtId), inArray(enterprises.uscc, usccs)))
        .for('update');
      for (const r of found) existing.set(r.uscc, r);
    }
    const errors = [...opts.priorErrors];
    let errorCount = opts.priorErrorCount;
    const report = (row: number, e: { column: string; reason: string }) => {
      errorCount++;
      if (errors.length < opts.maxListedErrors) errors.push({ row, ...e });
    };
    const values: { row: number; value: Omit<EnterpriseValues, 'honours'> }[] = [];
    for (const r of rowsIn) {
      const before = existing.get(r.cells.get('uscc') ?? '');
      const resolved = opts.resolve(before, r);
      // Someone else's record is decided first, so its errors never describe a record the user may not see.
      const target = resolved.subdistrictId ?? before?.subdistrictId;
      const refusal =
        before || (resolved.value && target) ? opts.decide(before, { subdistrictId: target ?? '' }) : null;
      if (refusal) report(r.row, refusal);
      else if (resolved.errors.length) for (const e of resolved.errors) report(r.row, e);
      else values.push({ row: r.row, value: resolved.value! });
    }
    if (errorCount) {
      errors.sort((a, b) => a.row - b.row);
      throw new AppError('IMPORT_INVALID', `${errorCount} 处错误，未写入任何数据`, undefined, {
        errors,
        errorCount,
      });
    }
    const byColumn = new Map<string, { changed: number; cleared: number }>();
    const listed: ImportOutcome['rowChanges'] = [];
    const changed = values.filter((v) => {
      const before = existing.get(v.value.uscc);
      const list = before ? opts.changes(before, v.value) : [];
      if (before && list.length === 0) return false;
      for (const c of list) {
        const counts = byColumn.get(c.column) ?? { changed: 0, cleared: 0 };
        if (c.after === '') counts.cleared++;
        else counts.changed++;
        byColumn.set(c.column, counts);
      }
      if (listed.length < PREVIEW_ROWS)
        listed.push({ row: v.row, uscc: v.value.uscc, name: v.value.name, created: !before, changes: list });
      return true;
    });
    const outcome = (created: number, updated: number): ImportOutcome => ({
      created,
      updated,
      unchanged: values.length - changed.length,
      rows: values.length,
      preview: opts.preview,
      columns: [...byColumn].map(([column, c]) => ({ column, ...c })),
      rowChanges: listed,
    });
    if (opts.preview) {
      const creating = changed.filter((v) => !existing.has(v.value.uscc)).length;
      return outcome(creating, changed.length - creating);
    }
    let created = 0;
    let updated = 0;
    const events: Parameters<typeof audit>[2][] = [];
    const updates = changed.filter((v) => existing.has(v.value.uscc));
    const inserts = changed.filter((v) => !existing.has(v.value.uscc));
    for (let i = 0; i < updates.length; i += 1000) {
      const chunk = updates.slice(i, i + 1000).map((v) => rowValues(districtId, { ...v.value, honours: [] }));
      const written = await tx
        .insert(enterprises)
        .values(chunk)
        .onConflictDoUpdate({
          target: [enterprises.districtId, enterprises.uscc],
          set: {
            name: sql`excluded.name`,
            registrationDate: sql`excluded.registration_date`,
            subdistrictId: sql`excluded.subdistrict_id`,
            buildingId: sql`excluded.building_id`,
            address: sql`excluded.address`,
            fields: sql`excluded.fields`,
            aboveScale: sql`excluded.above_scale`,
            status: sql`excluded.status`,
            settledOn: sql`excluded.settled_on`,
            leftOn: sql`excluded.left_on`,
            contactPerson: sql`excluded.contact_person`,
            contactPhone: sql`excluded.contact_phone`,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      for (const after of written) {
        updated++;
        events.push({
          action: 'update',
          entity: 'enterprise',
          entityId: after.id,
          before: snapshot(existing.get(after.uscc)!, []),
          after: snapshot(after, []),
          note: 'import',
        });
      }
    }
    for (let i = 0; i < inserts.length; i += 1000) {
      const chunk = inserts.slice(i, i + 1000).map((v) => rowValues(districtId, { ...v.value, honours: [] }));
      // A row decided as new must stay new: one registered meanwhile by someone else was not decided on.
      const written = await tx.insert(enterprises).values(chunk).onConflictDoNothing().returning();
      if (written.length !== chunk.length) {
        throw new AppError('CONFLICT', '导入期间有企业被同时登记，未写入任何数据，请重新导入');
      }
      for (const after of written) {
        created++;
        events.push({
          action: 'create',
          entity: 'enterprise',
          entityId: after.id,
          before: null,
          after: snapshot(after, []),
          note: 'import',
        });
      }
    }
    await audit(tx, actor, ...events);
    return outcome(created, updated);
  });
}

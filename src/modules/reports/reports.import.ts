// Importing a month's reports from the rows the shared reader streams: staged, checked as a set, landed whole or not at all.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { auditFromSelect, type Actor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ImportRowError } from '../enterprises/enterprises.contract.ts';
import type { EnterpriseLike } from '../enterprises/enterprises.policy.ts';
import { normalizeUscc, validateUscc } from '../enterprises/uscc.ts';
import { lastDayOf, type Period } from '../../platform/time/period.ts';
import {
  buildingNamesSql,
  enterpriseStaysSql,
  lockEnterprisesByUscc,
} from '../enterprises/enterprises.sql.ts';
import { consistencyIssues, parseMoney, type MoneyUnit } from './reports.ts';
import { figureCatalogue, isMoney, type FigureKey, type Figures } from './figures.ts';
import { figureColumnList, figureSqlType, perFigure } from './reports.sql.ts';
import { monthStart } from './reports.store.ts';
import type { SheetRow } from '../../platform/files/spreadsheet.ts';
import { locateTable, type TableInfo } from '../../platform/files/table.ts';
import { time } from '../../platform/metrics.ts';

export const MAX_REPORT_ROWS = 500_000;
const MAX_LISTED_ERRORS = 1000;
const BATCH = 2000;

/** Template columns: the enterprise, then one per figure of the catalogue (its header), then the building. */
export const reportColumns: readonly { key: ColumnKey; zh: string; required: boolean }[] = [
  { key: 'uscc', zh: '统一社会信用代码', required: true },
  { key: 'name', zh: '企业名称', required: false },
  ...figureCatalogue.map((f) => ({ key: f.key, zh: f.header, required: true })),
  { key: 'building', zh: '所在楼宇', required: false },
];
type ColumnKey = 'uscc' | 'name' | FigureKey | 'building';

export interface HeaderMap {
  byCol: Map<number, ColumnKey>;
  header: Map<ColumnKey, string>;
  moneyUnit: Map<ColumnKey, MoneyUnit>;
}

const bare = (h: string) => h.replace(/[*＊\s]/g, '');
const stem = (h: string) => bare(h).replace(/[（(].*[)）]$/, '');

/** Maps header cells to columns and reads each money column's unit; a missing column or unit is an error. */
export function readHeader(cells: string[], row = 1): HeaderMap {
  const byCol = new Map<number, ColumnKey>();
  const header = new Map<ColumnKey, string>();
  const moneyUnit = new Map<ColumnKey, MoneyUnit>();
  const errors: ImportRowError[] = [];
  cells.forEach((raw, col) => {
    const h = bare(raw ?? '');
    const column = reportColumns.find((c) => stem(c.zh) === stem(h) || c.key === h);
    if (!column) return;
    byCol.set(col, column.key);
    header.set(column.key, h);
    if (column.key !== 'uscc' && column.key !== 'name' && column.key !== 'building' && isMoney(column.key)) {
      const unit = /[（(](万元|元)[)）]$/.exec(h)?.[1] as MoneyUnit | undefined;
      if (unit) moneyUnit.set(column.key, unit);
      else errors.push({ row, column: h, reason: '金额列须在列名中注明单位：（元）或（万元）' });
    }
  });
  for (const c of reportColumns) {
    if (c.required && !header.has(c.key)) errors.push({ row, column: c.zh, reason: '缺少此列' });
  }
  if (errors.length)
    throw new AppError('IMPORT_INVALID', '表头有误，未写入任何数据', undefined, {
      errors,
      errorCount: errors.length,
    });
  return { byCol, header, moneyUnit };
}

/** A row names the template's columns when at least two of its cells are column names (the header). */
export const isReportHeader = (cells: string[]) =>
  cells.filter((raw) => {
    const h = bare(raw ?? '');
    return h && reportColumns.some((c) => stem(c.zh) === stem(h) || c.key === h);
  }).length >= 2;

/** The template's sheets are named "<period> 月度填报": a sheet named so is read first. */
export const REPORT_SHEET = '月度填报';

export interface StagedRow extends Figures {
  row: number;
  uscc: string;
  building: string;
}

/** Checks one data row on its own: formats, units, non-negative numbers, the parts not exceeding the whole. */
export function parseRow(
  row: number,
  cells: Map<ColumnKey, string>,
  h: HeaderMap,
  problems?: Map<ColumnKey, string>,
): { value?: StagedRow; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const col = (k: ColumnKey) => h.header.get(k) ?? k;
  // A cell without a usable value (an error value, a formula never calculated) says why, and only that.
  const err = (k: ColumnKey, reason: string) =>
    errors.push({ row, column: col(k), reason: problems?.get(k) ?? reason });
  const uscc = normalizeUscc(cells.get('uscc') ?? '');
  if (!uscc) err('uscc', '必填');
  else {
    const v = validateUscc(uscc);
    if (!v.ok) err('uscc', v.message);
  }
  const text = (k: FigureKey) => (cells.get(k) ?? '').replace(/[,，\s]/g, '');
  const count = (k: FigureKey) => {
    const t = text(k);
    if (!t) return (err(k, '必填'), 0);
    if (!/^\d+$/.test(t)) return (err(k, '须为非负整数'), 0);
    return Number(t);
  };
  const money = (k: FigureKey) => {
    const t = cells.get(k) ?? '';
    if (!t.trim()) return (err(k, '必填'), 0);
    const unit = h.moneyUnit.get(k)!;
    const v = parseMoney(t, unit);
    if (v === null)
      return (err(k, unit === '元' ? '须为非负整数（元）' : '须为非负数，最多四位小数（万元）'), 0);
    return v;
  };
  const area = (k: FigureKey) => {
    const t = text(k);
    if (!t) return (err(k, '必填'), 0);
    if (!/^\d+(\.\d{1,2})?$/.test(t)) return (err(k, '须为非负数，最多两位小数'), 0);
    return Number(t);
  };
  const read = { persons: count, money, area } as const;
  // Errors are listed in this order: area figures first, then the others in catalogue order (as always).
  const order = [
    ...figureCatalogue.filter((x) => x.dimension === 'area'),
    ...figureCatalogue.filter((x) => x.dimension !== 'area'),
  ];
  const values = new Map(order.map((x) => [x.key, read[x.dimension](x.key)]));
  const f = Object.fromEntries(figureCatalogue.map((x) => [x.key, values.get(x.key)!])) as Figures;
  for (const [k, reason] of problems ?? []) {
    if (!errors.some((e) => e.column === col(k))) errors.push({ row, column: col(k), reason });
  }
  if (errors.length) return { errors };
  for (const issue of consistencyIssues(f)) err(issue.path, issue.message);
  if (errors.length) return { errors };
  return { value: { row, uscc, building: (cells.get('building') ?? '').trim(), ...f }, errors };
}

export interface ImportOptions {
  period: Period;
  /**
   * Whether the importer may write this enterprise's reports: null, or the reason to report on its row. The
   * caller decides with its access policy, as for a single report; an unknown USCC reads as `unknownReason`.
   */
  decide: (e: EnterpriseLike) => string | null;
  unknownReason: string;
  filename: string;
  submittedAt: Date;
  onProgress?: (rowsRead: number) => void;
  /** Check and classify every row, but write nothing: the preview the user confirms. */
  preview?: boolean;
}

export interface ImportResult {
  /** The batch written; null for a preview. */
  batchId: string | null;
  preview: boolean;
  /** Where the data was read. */
  file: TableInfo;
  period: string;
  rows: number;
  created: number;
  revised: number;
  unchanged: number;
}

const fail = (errors: ImportRowError[], total: number) =>
  new AppError('IMPORT_INVALID', `${total} 处错误，未写入任何数据`, undefined, {
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: total,
  });

async function stageBatch(tx: Tx, batch: StagedRow[]) {
  if (!batch.length) return;
  const values = sql.join(
    batch.map((r) => {
      const figures = figureCatalogue.map(
        (f) => sql`${f.decimals ? r[f.key].toFixed(f.decimals) : r[f.key]}`,
      );
      return sql`(${r.row}, ${r.uscc}, ${sql.join(figures, sql`, `)}, ${r.building})`;
    }),
    sql`, `,
  );
  await tx.execute(
    sql`INSERT INTO report_stage (row_no, uscc, ${figureColumnList()}, building) VALUES ${values}`,
  );
}

/**
 * Imports a month: every row is checked alone while streaming, then as a set (known USCC, in the user's scope, in the
 * district that month, no duplicates, known building); any error → nothing written and the full report. Otherwise
 * same figures are left alone, new ones become version 1, changed ones a new version — each audited.
 */
export function importReports(
  db: Db,
  actor: Actor,
  source: AsyncIterable<SheetRow>,
  opts: ImportOptions,
): Promise<ImportResult> {
  return time('import', { kind: 'reports' }, () => importReportRows(db, actor, source, opts));
}

async function importReportRows(
  db: Db,
  actor: Actor,
  source: AsyncIterable<SheetRow>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const districtId = actor.districtId;
  const period = opts.period;
  return db.transaction(async (tx) => {
    await tx.execute(sql`CREATE TEMP TABLE report_stage (
      row_no int PRIMARY KEY, uscc text NOT NULL, ${perFigure((f) => `${f.column} ${figureSqlType(f)}`)}, building text
    ) ON COMMIT DROP`);
    const errors: ImportRowError[] = [];
    let errorCount = 0;
    let dataRows = 0;
    let batch: StagedRow[] = [];
    const table = await locateTable(source, {
      isHeader: isReportHeader,
      preferSheet: (name) => name.includes(REPORT_SHEET),
    });
    let header: HeaderMap;
    // The reader is stopped whatever happens (a wrong header throws before any row is read): no stream left open.
    try {
      header = readHeader(table.header.cells, table.header.row);
      // Row numbers are the file's own (LibreOffice leaves empty rows out of the file: counting would drift).
      for await (const { row: rowNo, cells, problems: cellProblems } of table.rows) {
        const byKey = new Map<ColumnKey, string>();
        let any = false;
        for (const [col, key] of header.byCol) {
          const v = (cells[col] ?? '').trim();
          if (v) any = true;
          byKey.set(key, v);
        }
        let problems: Map<ColumnKey, string> | undefined;
        for (const p of cellProblems ?? []) {
          const key = header.byCol.get(p.col);
          if (!key) continue;
          (problems ??= new Map()).set(key, p.reason);
          byKey.set(key, '');
          any = true;
        }
        if (!any) continue;
        dataRows++;
        const parsed = parseRow(rowNo, byKey, header, problems);
        if (parsed.errors.length) {
          errorCount += parsed.errors.length;
          if (errors.length < MAX_LISTED_ERRORS) errors.push(...parsed.errors);
        } else if (errorCount === 0) {
          // Once a row is bad nothing will be written: stop staging, keep checking.
          batch.push(parsed.value!);
          if (batch.length === BATCH) {
            await stageBatch(tx, batch);
            batch = [];
          }
        }
        if (dataRows % BATCH === 0) opts.onProgress?.(dataRows);
      }
    } finally {
      await table.close();
    }
    if (errorCount) throw fail(errors, errorCount);
    if (dataRows === 0)
      throw new AppError('VALIDATION', '文件中没有数据行', [{ path: 'file', message: '没有数据行' }]);
    await stageBatch(tx, batch);
    opts.onProgress?.(dataRows);

    const usccCol = header.header.get('uscc') ?? '统一社会信用代码';
    const buildingCol = header.header.get('building') ?? '所在楼宇';
    // Each enterprise named is decided by the caller's policy, on its record as locked for this transaction.
    const named = await lockEnterprisesByUscc(tx, districtId, sql`SELECT uscc FROM report_stage`);
    await tx.execute(
      sql`CREATE TEMP TABLE report_denied (enterprise_id uuid PRIMARY KEY, reason text NOT NULL) ON COMMIT DROP`,
    );
    const denied = named.flatMap((e) => {
      const reason = opts.decide({ id: e.id, subdistrictId: e.subdistrict_id });
      return reason ? [{ id: e.id, reason }] : [];
    });
    for (let i = 0; i < denied.length; i += BATCH) {
      const values = sql.join(
        denied.slice(i, i + BATCH).map((d) => sql`(${d.id}::uuid, ${d.reason})`),
        sql`, `,
      );
      await tx.execute(sql`INSERT INTO report_denied (enterprise_id, reason) VALUES ${values}`);
    }
    const setErrors = await rows<{ row: number; col: string; reason: string }>(
      tx,
      sql`SELECT s.row_no AS row, ${usccCol} AS col,
                 CASE WHEN e.id IS NULL THEN ${opts.unknownReason}
                      WHEN dn.enterprise_id IS NOT NULL THEN dn.reason
                      WHEN e.settled_on > ${lastDayOf(period)}::date OR (e.left_on IS NOT NULL AND e.left_on < ${monthStart(period)}::date)
                        THEN '该企业在 ${sql.raw(period)} 不在本区'
                      ELSE '与第 ' || d.first_row || ' 行重复' END AS reason
          FROM report_stage s
          LEFT JOIN (${enterpriseStaysSql(districtId)}) e ON e.uscc = s.uscc
          LEFT JOIN report_denied dn ON dn.enterprise_id = e.id
          LEFT JOIN (SELECT uscc, min(row_no) AS first_row FROM report_stage GROUP BY uscc) d ON d.uscc = s.uscc
          WHERE e.id IS NULL OR dn.enterprise_id IS NOT NULL
             OR e.settled_on > ${lastDayOf(period)}::date OR (e.left_on IS NOT NULL AND e.left_on < ${monthStart(period)}::date)
             OR d.first_row <> s.row_no
        UNION ALL
          SELECT s.row_no, ${buildingCol}, '未知的楼宇“' || s.building || '”'
          FROM report_stage s
          WHERE s.building <> '' AND NOT EXISTS (SELECT 1 FROM (${buildingNamesSql(districtId)}) b
                WHERE b.name = s.building OR b.code = s.building)
        ORDER BY 1`,
    );
    if (setErrors.length) {
      throw fail(
        setErrors.map((e) => ({ row: e.row, column: e.col, reason: e.reason })),
        setErrors.length,
      );
    }

    // Resolve each staged row to its enterprise, building and current report, and classify it once.
    await tx.execute(sql`CREATE TEMP TABLE report_plan ON COMMIT DROP AS
      SELECT s.*, e.id AS enterprise_id,
             (SELECT b.id FROM (${buildingNamesSql(districtId)}) b WHERE b.name = s.building OR b.code = s.building LIMIT 1) AS building_id,
             r.id AS current_id, r.version AS current_version,
             CASE WHEN r.id IS NULL THEN 'created'
                  WHEN (${figureColumnList('r')}) = (${figureColumnList('s')})
                  THEN 'unchanged' ELSE 'revised' END AS outcome,
             to_jsonb(r) AS before
      FROM report_stage s
      JOIN (${enterpriseStaysSql(districtId)}) e ON e.uscc = s.uscc
      LEFT JOIN reports r ON r.district_id = ${districtId} AND r.enterprise_id = e.id
                          AND r.period = ${monthStart(period)}::date AND r.is_current`);
    const [counts] = await rows<{ created: number; revised: number; unchanged: number }>(
      tx,
      sql`SELECT count(*) FILTER (WHERE outcome = 'created')::int AS created,
                 count(*) FILTER (WHERE outcome = 'revised')::int AS revised,
                 count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged
          FROM report_plan`,
    );
    if (opts.preview)
      return { batchId: null, preview: true, period, rows: dataRows, ...counts!, file: table.info };
    const [batchRow] = await rows<{ id: string }>(
      tx,
      sql`INSERT INTO report_batches (district_id, period, filename, rows, created, revised, unchanged, submitted_by)
          VALUES (${districtId}, ${monthStart(period)}, ${opts.filename}, ${dataRows}, 0, 0, 0, ${actor.userId})
          RETURNING id::text`,
    );
    const batchId = batchRow!.id;
    await tx.execute(sql`UPDATE reports r SET is_current = false FROM report_plan p
      WHERE r.district_id = ${districtId} AND r.id = p.current_id AND p.outcome = 'revised'`);
    await tx.execute(sql`INSERT INTO reports (district_id, enterprise_id, period, version, is_current, ${figureColumnList()},
        building_id, source, batch_id, submitted_by, submitted_at)
      SELECT ${districtId}, p.enterprise_id, ${monthStart(period)}::date, coalesce(p.current_version, 0) + 1, true,
             ${figureColumnList('p')}, p.building_id, 'import', ${batchId}::uuid, ${actor.userId}::uuid, ${opts.submittedAt.toISOString()}::timestamptz
      FROM report_plan p WHERE p.outcome <> 'unchanged'`);
    // One audit event per written row, as a single report's save records it (platform/audit).
    await auditFromSelect(
      tx,
      actor,
      sql`SELECT CASE p.outcome WHEN 'created' THEN 'create' ELSE 'update' END AS action,
                 'report' AS entity, p.enterprise_id::text || ':' || ${period} AS entity_id,
                 CASE WHEN p.outcome = 'revised' THEN p.before - 'district_id' ELSE NULL END AS before,
                 jsonb_build_object(${perFigure((f) => `'${f.key}', p.${f.column}`)},
                   'version', coalesce(p.current_version, 0) + 1) AS after,
                 'import batch ' || ${batchId} AS note
          FROM report_plan p WHERE p.outcome <> 'unchanged'`,
    );
    await tx.execute(sql`UPDATE report_batches SET created = ${counts!.created}, revised = ${counts!.revised}, unchanged = ${counts!.unchanged}
      WHERE district_id = ${districtId} AND id = ${batchId}::uuid`);
    return { batchId, preview: false, period, rows: dataRows, ...counts!, file: table.info };
  });
}

// Enterprise spreadsheets: the template, row-by-row validation of streamed rows, the whole import, the export sheet.
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/http/errors.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { importLookups } from './enterprises.store.ts';
import { upsertEnterprises, type UpsertOptions } from './enterprises.upsert.ts';
import {
  enterpriseInputSchema,
  type EnterpriseValues,
  type ImportChange,
  type ImportRowError,
} from './enterprises.contract.ts';
import type { EnterpriseExportRecord } from './enterprises.store.ts';
import { fields, honourKinds } from './fields.ts';
import type { SheetRow } from '../../platform/files/spreadsheet.ts';
import { locateTable, type Table, type TableInfo } from '../../platform/files/table.ts';
import { serialDate } from '../../platform/files/xlsx-cells.ts';
import { time } from '../../platform/metrics.ts';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  hint: string;
  example: string;
}

/**
 * The USCC of the template's example row: a valid code (the row shows the format that passes), and a row carrying it
 * is skipped on import, so a template sent back with its example still in place adds no "示例" enterprise.
 */
export const EXAMPLE_USCC = '91500107MA5U00011B';

/** The template's columns, in order. Headers are matched by their Chinese or English name, '*' ignored. */
export const importColumns: ImportColumn[] = [
  {
    key: 'uscc',
    zh: '统一社会信用代码',
    en: 'USCC',
    required: true,
    hint: '18位，按 GB 32100-2015 校验',
    example: EXAMPLE_USCC,
  },
  { key: 'name', zh: '企业名称', en: 'Name', required: true, hint: '', example: '重庆示例软件科技有限公司' },
  {
    key: 'registrationDate',
    zh: '注册日期',
    en: 'Registration date',
    required: true,
    hint: 'YYYY-MM-DD',
    example: '2021-06-18',
  },
  {
    key: 'subdistrict',
    zh: '所属镇街',
    en: 'Subdistrict',
    required: true,
    hint: '如 石桥铺街道',
    example: '石桥铺街道',
  },
  { key: 'building', zh: '所在楼宇', en: 'Building', required: false, hint: '楼宇名称或编码', example: '' },
  {
    key: 'address',
    zh: '详细地址',
    en: 'Address',
    required: false,
    hint: '',
    example: '九龙坡区科园一路 1 号',
  },
  {
    key: 'fields',
    zh: '重点领域',
    en: 'Fields',
    required: false,
    hint: '多个用、分隔',
    example: 'AI智能体、工业软件',
  },
  { key: 'aboveScale', zh: '规上企业', en: 'Above scale', required: false, hint: '是 / 否', example: '否' },
  {
    key: 'status',
    zh: '经营状态',
    en: 'Status',
    required: false,
    hint: '在营 / 已迁出 / 已注销',
    example: '在营',
  },
  {
    key: 'settledOn',
    zh: '入驻日期',
    en: 'Settled on',
    required: false,
    hint: '迁入本区的日期，默认同注册日期',
    example: '',
  },
  {
    key: 'leftOn',
    zh: '迁出/注销日期',
    en: 'Left on',
    required: false,
    hint: '已迁出或已注销时必填',
    example: '',
  },
  { key: 'contactPerson', zh: '联系人', en: 'Contact person', required: false, hint: '', example: '张三' },
  {
    key: 'contactPhone',
    zh: '联系电话',
    en: 'Contact phone',
    required: false,
    hint: '',
    example: '023-68000000',
  },
];

const statusWords: Record<string, EnterpriseValues['status']> = {
  在营: 'active',
  存续: 'active',
  active: 'active',
  已迁出: 'movedOut',
  迁出: 'movedOut',
  movedout: 'movedOut',
  已注销: 'closed',
  注销: 'closed',
  closed: 'closed',
};
const yesWords = new Set(['是', 'y', 'yes', 'true', '1']);
const noWords = new Set(['否', 'n', 'no', 'false', '0', '']);

export const MAX_IMPORT_ROWS = 200_000;
/** Past this many, further row errors are counted but not listed: a report should stay readable. */
export const MAX_REPORTED_ERRORS = 1000;

const normHeader = (h: string) => h.replace(/[*＊\s]/g, '').toLowerCase();

/** Maps the header row's cells to template columns; a missing required column is a 422 naming it. */
export function headerKeys(cells: string[], row = 1): Map<number, string> {
  const keyByCol = new Map<number, string>();
  cells.forEach((raw, col) => {
    const h = normHeader(raw);
    const column = importColumns.find(
      (c) => normHeader(c.zh) === h || normHeader(c.en) === h || c.key.toLowerCase() === h,
    );
    if (column) keyByCol.set(col, column.key);
  });
  const missing = importColumns.filter((c) => c.required && ![...keyByCol.values()].includes(c.key));
  if (missing.length) {
    throw new AppError('IMPORT_INVALID', `缺少必填列：${missing.map((m) => m.zh).join('、')}`, undefined, {
      errors: missing.map((m) => ({ row, column: m.zh, reason: '缺少此列' })),
    });
  }
  return keyByCol;
}

/** A row names the template's columns when at least two of its cells are column names (the header). */
export const isEnterpriseHeader = (cells: string[]) =>
  cells.filter((raw) => {
    const h = normHeader(raw);
    return (
      h &&
      importColumns.some((c) => normHeader(c.zh) === h || normHeader(c.en) === h || c.key.toLowerCase() === h)
    );
  }).length >= 2;

/** The template's sheet name: a workbook's sheet named like it is read first. */
export const ENTERPRISE_SHEET = '企业名录';

/** One data row as read: its row number and the trimmed text of each template column it has. */
export interface ParsedRow {
  row: number;
  cells: Map<string, string>;
  /** Cells without a usable value (an error value, a formula never calculated), by column key: their reason. */
  problems?: Map<string, string>;
}

export interface ImportContext {
  subdistrictIdByName: Map<string, string>;
  buildingIdByNameOrCode: Map<string, { id: string; subdistrictId: string }>;
}

/** The word that clears an optional cell on import; an empty cell leaves the registered value as it is. */
export const CLEAR_WORD = '清空';

const exportWidths: Record<string, number> = {
  uscc: 22,
  name: 36,
  registrationDate: 12,
  building: 24,
  address: 30,
  fields: 30,
  aboveScale: 8,
  status: 8,
  contactPhone: 16,
};

const columnName = (key: string) => importColumns.find((c) => c.key === key)?.zh ?? key;
const fieldByWord = new Map<string, string>(
  fields.flatMap((f) => [
    [f.zh, f.code],
    [f.en.toLowerCase(), f.code],
    [f.code.toLowerCase(), f.code],
  ]),
);

/**
 * Reads an enterprise sheet as it streams: the header, then each non-empty row's cells, checking only what needs
 * no registry (USCCs mangled by a spreadsheet, the same USCC twice). Each row is resolved against its registered
 * record later, in the transaction that locks it (resolveRow).
 */
export async function readRows(
  source: AsyncIterable<SheetRow>,
): Promise<{ rows: ParsedRow[]; errors: ImportRowError[]; errorCount: number; file: TableInfo }> {
  const table = await locateTable(source, {
    isHeader: isEnterpriseHeader,
    preferSheet: (name) => name.includes(ENTERPRISE_SHEET),
  });
  try {
    return await readTable(table);
  } finally {
    await table.close();
  }
}

async function readTable(table: Table) {
  const parsed: ParsedRow[] = [];
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  const seen = new Map<string, number>();
  const keyByCol = headerKeys(table.header.cells, table.header.row);
  for await (const { row, cells: raw, problems: cellProblems } of table.rows) {
    const cells = new Map<string, string>();
    let any = false;
    for (const [col, key] of keyByCol) {
      const text = (raw[col] ?? '').trim();
      if (text) any = true;
      cells.set(key, text);
    }
    let problems: Map<string, string> | undefined;
    for (const p of cellProblems ?? []) {
      const key = keyByCol.get(p.col);
      if (!key) continue;
      (problems ??= new Map()).set(key, p.reason);
      any = true;
    }
    if (!any) continue;
    const err = (reason: string) => {
      errorCount++;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row, column: columnName('uscc'), reason });
    };
    const uscc = (cells.get('uscc') ?? '').toUpperCase();
    if (uscc === EXAMPLE_USCC) continue;
    if (uscc.startsWith('#LOSTPRECISION')) err('代码被表格当作数字，请将该列设为文本格式后重新填写');
    else if (uscc) {
      const first = seen.get(uscc);
      if (first !== undefined) err(`与第 ${first} 行重复`);
      else seen.set(uscc, row);
    }
    cells.set('uscc', uscc);
    parsed.push(problems ? { row, cells, problems } : { row, cells });
  }
  return { rows: parsed, errors, errorCount, file: table.info };
}

/**
 * A date cell's text as YYYY-MM-DD when it is one: 2021/6/18, 2021.6.18, 2021年6月18日, or a bare date serial
 * (44365: a date cell a .csv or a text-formatted cell gives as its number) — else as given, for the check to refuse.
 */
export const normDate = (raw: string) => {
  // Serials from 1900-03-01 (61) to 2173 (100,000): beyond, a number is not meant as a date.
  if (/^\d{2,5}(\.\d+)?$/.test(raw) && Number(raw) >= 61 && Number(raw) < 100_000)
    return serialDate(Number(raw));
  const d = raw.replace(/[/.年月]/g, '-').replace(/日$/, '');
  return /^\d{4}-\d{1,2}-\d{1,2}$/.test(d)
    ? d
        .split('-')
        .map((p, i) => (i === 0 ? p : p.padStart(2, '0')))
        .join('-')
    : d;
};

/** The registered values an import row starts from (absent: a new enterprise and the form's defaults). */
export interface RegisteredValues {
  uscc: string;
  name: string;
  registrationDate: string;
  subdistrictId: string;
  buildingId: string | null;
  address: string;
  fields: readonly string[];
  aboveScale: boolean;
  status: string;
  settledOn: string | null;
  leftOn: string | null;
  contactPerson: string;
  contactPhone: string;
}

export interface ResolvedRow {
  /** The values to write, when the row has no error. */
  value?: Omit<EnterpriseValues, 'honours'>;
  errors: { column: string; reason: string }[];
  /** Where the enterprise would be registered, as far as the row says (for the access decision). */
  subdistrictId?: string;
}

/**
 * One row over its registered record: a cell left empty keeps the registered value, a cell saying 清空 clears an
 * optional one, any other cell replaces it. For a new enterprise the required columns must be filled and the rest
 * take the form's defaults. The result is checked as a single edit would be, one reason per cell.
 */
export function resolveRow(p: ParsedRow, ctx: ImportContext, before?: RegisteredValues): ResolvedRow {
  const errors: { column: string; reason: string }[] = [];
  const reported = new Set<string>();
  const err = (key: string, reason: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    errors.push({ column: columnName(key), reason });
  };
  // A cell without a usable value says why, once, and reads as empty for the rest of the checks.
  for (const [key, reason] of p.problems ?? []) err(key, reason);
  const get = (key: string) => (p.problems?.has(key) ? '' : (p.cells.get(key) ?? ''));
  const cleared = (key: string) => get(key) === CLEAR_WORD;
  const given = (key: string) => get(key) !== '' && !cleared(key);

  for (const c of importColumns) {
    if (!c.required) continue;
    if (cleared(c.key)) err(c.key, '必填项不能清空');
    else if (!before && !get(c.key)) err(c.key, '必填');
  }

  const subName = get('subdistrict');
  let subdistrictId = before?.subdistrictId;
  if (given('subdistrict')) {
    subdistrictId = ctx.subdistrictIdByName.get(subName);
    if (!subdistrictId) err('subdistrict', `未知的镇街“${subName}”`);
  }
  let buildingId = before?.buildingId ?? null;
  if (cleared('building')) buildingId = null;
  else if (given('building')) {
    const building = ctx.buildingIdByNameOrCode.get(get('building'));
    if (!building) err('building', `未知的楼宇“${get('building')}”`);
    buildingId = building?.id ?? null;
  }
  let fieldCodes: string[] = [...(before?.fields ?? [])];
  if (cleared('fields')) fieldCodes = [];
  else if (given('fields')) {
    fieldCodes = [];
    for (const word of get('fields')
      .split(/[、,，;；/|]/)
      .map((w) => w.trim())
      .filter(Boolean)) {
      const code = fieldByWord.get(word) ?? fieldByWord.get(word.toLowerCase());
      if (code) fieldCodes.push(code);
      else err('fields', `未知的领域“${word}”`);
    }
  }
  let aboveScale = before?.aboveScale ?? false;
  if (cleared('aboveScale')) aboveScale = false;
  else if (given('aboveScale')) {
    const word = get('aboveScale').toLowerCase();
    if (yesWords.has(word)) aboveScale = true;
    else if (noWords.has(word)) aboveScale = false;
    else err('aboveScale', '应填“是”或“否”');
  }
  let status: string = before?.status ?? 'active';
  if (given('status')) {
    const word = get('status');
    const found = statusWords[word.toLowerCase()] ?? statusWords[word];
    if (found) status = found;
    else err('status', '应填“在营”“已迁出”或“已注销”');
  }
  const text = (key: 'name' | 'address' | 'contactPerson' | 'contactPhone') =>
    cleared(key) ? '' : given(key) ? get(key) : (before?.[key] ?? '');
  const date = (key: 'settledOn' | 'leftOn') =>
    cleared(key) ? null : given(key) ? normDate(get(key)) : (before?.[key] ?? null);
  // Back in business (在营) without a date given: the registered leaving date no longer applies.
  const leftOn = status === 'active' && !given('leftOn') ? null : date('leftOn');
  const parsed = enterpriseInputSchema.safeParse({
    uscc: get('uscc'),
    name: text('name'),
    registrationDate: given('registrationDate')
      ? normDate(get('registrationDate'))
      : before?.registrationDate,
    settledOn: date('settledOn'),
    leftOn,
    subdistrictId: subdistrictId ?? '00000000-0000-4000-8000-000000000000',
    buildingId,
    address: text('address'),
    fields: [...new Set(fieldCodes)],
    aboveScale,
    status,
    contactPerson: text('contactPerson'),
    contactPhone: text('contactPhone'),
  });
  if (!parsed.success) {
    // Each check says its own reason; a cell whose format is wrong gets that reason only, and the comparisons
    // that involve it (入驻日期 after 注册日期, …) are not reported on top (one error per cause).
    const badFormat = new Set(
      parsed.error.issues.flatMap((i) => (i.code === 'invalid_format' ? [String(i.path[0] ?? '')] : [])),
    );
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key === 'subdistrictId' || key === 'buildingId') continue;
      // Required-but-empty cells were already reported once as 必填.
      if (importColumns.some((c) => c.key === key && c.required) && !get(key) && !before) continue;
      if (issue.code === 'custom' && orderingChecks.has(issue.message) && badFormat.size) continue;
      err(key, formatReason(key, issue));
    }
  }
  const resolved: ResolvedRow = { errors, ...(subdistrictId ? { subdistrictId } : {}) };
  if (parsed.success && errors.length === 0) {
    const { honours: _h, ...v } = parsed.data;
    resolved.value = v;
  }
  return resolved;
}

const dateKeys = new Set(['registrationDate', 'settledOn', 'leftOn']);
/** The comparisons between dates: meaningless when either date could not be read. */
const orderingChecks = new Set(['入驻日期不能早于注册日期', '迁出/注销日期不能早于入驻日期']);

/** The reason for one failed check, in the words of that check. */
function formatReason(key: string, issue: { code: string; message: string }): string {
  if (issue.code === 'invalid_format' && dateKeys.has(key))
    return '日期格式应为 YYYY-MM-DD（也可填 2021/6/18、2021年6月18日 或日期单元格）';
  if (issue.code === 'invalid_format') return `${columnName(key)}格式不正确`;
  if (key === 'name' && issue.code === 'too_big') return '企业名称最多 200 个字';
  if (key === 'address' && issue.code === 'too_big') return '详细地址最多 300 个字';
  if (key === 'contactPerson' && issue.code === 'too_big') return '联系人最多 50 个字';
  if (key === 'contactPhone' && issue.code === 'too_big') return '电话号码格式不正确：最多 30 个字符';
  return issue.message;
}

export async function templateWorkbook(
  subdistrictNames: string[],
  buildingNames: string[],
): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mantianxing';
  const sheet = wb.addWorksheet('企业名录');
  sheet.columns = importColumns.map((c) => ({
    header: c.required ? `${c.zh}*` : c.zh,
    key: c.key,
    width: Math.max(14, c.zh.length * 2 + 6),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(importColumns.map((c) => [c.key, c.example])));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'col', width: 18 },
    { header: '必填', key: 'req', width: 8 },
    { header: '说明', key: 'hint', width: 40 },
  ];
  for (const c of importColumns) help.addRow({ col: c.zh, req: c.required ? '是' : '', hint: c.hint });
  help.addRow({});
  help.addRow({ col: '可选镇街', hint: subdistrictNames.join('、') });
  help.addRow({ col: '可选领域', hint: fields.map((f) => f.zh).join('、') });
  help.addRow({ col: '可选楼宇', hint: buildingNames.join('、') });
  help.addRow({
    col: '说明',
    hint: '第2行为示例（导入时自动跳过）。统一社会信用代码已登记的企业将被更新，其余新建。已登记企业的空白单元格保持原值不变；要清除某项，请填“清空”。导出的企业名录可直接修改后导入。导入前先预览将新增、修改、清空的内容，确认后才写入；有任何错误则整个文件不写入。',
  });
  return wb;
}

export function templateCsv(): string {
  const header = importColumns.map((c) => (c.required ? `${c.zh}*` : c.zh)).join(',');
  const example = importColumns.map((c) => c.example).join(',');
  return `\uFEFF${header}\n${example}\n`;
}

/** The import template of a district: its subdistricts and buildings offered as the cells' lists. */
export async function districtTemplateWorkbook(db: Queryable, districtId: string) {
  const lookups = await importLookups(db, districtId);
  return templateWorkbook(
    lookups.subdistricts.map((s) => s.name),
    lookups.buildings.map((b) => b.name),
  );
}

/**
 * The whole import: rows read as they stream, then — in one transaction, each over its locked registered record —
 * resolved (empty cells keep what is registered), decided with the caller's access policy and written, or with
 * `preview` only counted and described.
 */
export function importRegistry(
  db: Db,
  actor: Actor,
  source: AsyncIterable<SheetRow>,
  decide: UpsertOptions<ParsedRow>['decide'],
  opts: { preview: boolean } = { preview: false },
) {
  return time('import', { kind: 'registry' }, () => importRegistryRows(db, actor, source, decide, opts));
}

async function importRegistryRows(
  db: Db,
  actor: Actor,
  source: AsyncIterable<SheetRow>,
  decide: UpsertOptions<ParsedRow>['decide'],
  opts: { preview: boolean },
) {
  const lookups = await importLookups(db, actor.districtId);
  const buildingIdByNameOrCode = new Map<string, { id: string; subdistrictId: string }>();
  for (const b of lookups.buildings) {
    buildingIdByNameOrCode.set(b.name, b);
    buildingIdByNameOrCode.set(b.code, b);
  }
  const ctx: ImportContext = {
    subdistrictIdByName: new Map(
      lookups.subdistricts.flatMap((s) => [
        [s.name, s.id],
        [s.code, s.id],
      ]),
    ),
    buildingIdByNameOrCode,
  };
  const names = namesOf(lookups);
  const { rows, errors, errorCount, file } = await readRows(source);
  if (rows.length === 0 && errorCount === 0)
    throw new AppError('VALIDATION', '文件中没有数据行', [{ path: 'file', message: '没有数据行' }]);
  const outcome = await upsertEnterprises(db, actor, rows, {
    resolve: (before, row) => resolveRow(row, ctx, before),
    decide,
    changes: (before, after) => sheetChanges(sheetCells(before, names), sheetCells(after, names)),
    preview: opts.preview,
    priorErrors: errors,
    priorErrorCount: errorCount,
    maxListedErrors: MAX_REPORTED_ERRORS,
  });
  return { ...outcome, file };
}

/** Names of the ids a sheet shows in words. */
export interface SheetNames {
  subdistrict: Map<string, string>;
  building: Map<string, string>;
}

const namesOf = (lookups: Awaited<ReturnType<typeof importLookups>>): SheetNames => ({
  subdistrict: new Map(lookups.subdistricts.map((s) => [s.id, s.name])),
  building: new Map(lookups.buildings.map((b) => [b.id, b.name])),
});

/** The district's subdistrict and building names, for writing a sheet. */
export const sheetNames = async (db: Queryable, districtId: string) =>
  namesOf(await importLookups(db, districtId));

const statusZh = { active: '在营', movedOut: '已迁出', closed: '已注销' } as const;
const fieldZh = new Map<string, string>(fields.map((f) => [f.code, f.zh]));
const honourZh = new Map<string, string>(honourKinds.map((h) => [h.code, h.zh]));

/** An enterprise's registered values as the template's cells say them (the export writes exactly these). */
export function sheetCells(v: RegisteredValues, names: SheetNames): Record<string, string> {
  return {
    uscc: v.uscc,
    name: v.name,
    registrationDate: v.registrationDate,
    subdistrict: names.subdistrict.get(v.subdistrictId) ?? '',
    building: v.buildingId ? (names.building.get(v.buildingId) ?? '') : '',
    address: v.address,
    fields: v.fields.map((f) => fieldZh.get(f) ?? f).join('、'),
    aboveScale: v.aboveScale ? '是' : '否',
    status: statusZh[v.status as keyof typeof statusZh] ?? v.status,
    settledOn: v.settledOn ?? v.registrationDate,
    leftOn: v.status === 'active' ? '' : (v.leftOn ?? ''),
    contactPerson: v.contactPerson,
    contactPhone: v.contactPhone,
  };
}

/** The template columns whose cells differ, with both values in the sheet's words. */
export function sheetChanges(before: Record<string, string>, after: Record<string, string>): ImportChange[] {
  return importColumns
    .filter((c) => (before[c.key] ?? '') !== (after[c.key] ?? ''))
    .map((c) => ({ column: c.zh, before: before[c.key] ?? '', after: after[c.key] ?? '' }));
}

// ---------------------------------------------------------------------------------------------------------------
// Export: the registry as a sheet
// ---------------------------------------------------------------------------------------------------------------

/**
 * The exported registry's columns: the template's, in its order and with its headers, so an exported file imports
 * back unchanged; then 荣誉, which the import does not read (honours are kept on the enterprise's page).
 */
export const exportColumns = [
  ...importColumns.map((c) => ({ header: c.zh, key: c.key, width: exportWidths[c.key] ?? 14 })),
  { header: '荣誉（不导入）', key: 'honours', width: 24 },
];

/** One enterprise as a row of the exported registry, in the template's words. */
export const exportRow = (e: EnterpriseExportRecord, names: SheetNames) => ({
  ...sheetCells(e, names),
  honours: e.honourKinds.map((h: string) => honourZh.get(h) ?? h).join('、'),
});

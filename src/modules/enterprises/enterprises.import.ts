// Enterprise spreadsheets: the template, row-by-row validation of streamed rows, the whole import, the export sheet.
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/http/errors.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { importLookups, upsertEnterprises, type UpsertOptions } from './enterprises.store.ts';
import {
  enterpriseInputSchema,
  type EnterpriseListItem,
  type EnterpriseValues,
  type ImportRowError,
} from './enterprises.contract.ts';
import { fields, honourKinds } from './fields.ts';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  hint: string;
  example: string;
}

/** The template's columns, in order. Headers are matched by their Chinese or English name, '*' ignored. */
export const importColumns: ImportColumn[] = [
  {
    key: 'uscc',
    zh: '统一社会信用代码',
    en: 'USCC',
    required: true,
    hint: '18位，按 GB 32100-2015 校验',
    example: '91500107MA5UXXXXXX',
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
export function headerKeys(cells: string[]): Map<number, string> {
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
      errors: missing.map((m) => ({ row: 1, column: m.zh, reason: '缺少此列' })),
    });
  }
  return keyByCol;
}

export interface ValidRow {
  row: number;
  value: Omit<EnterpriseValues, 'honours'>;
}

export interface ImportContext {
  subdistrictIdByName: Map<string, string>;
  buildingIdByNameOrCode: Map<string, { id: string; subdistrictId: string }>;
}

const columnName = (key: string) => importColumns.find((c) => c.key === key)?.zh ?? key;
const fieldByWord = new Map<string, string>(
  fields.flatMap((f) => [
    [f.zh, f.code],
    [f.en.toLowerCase(), f.code],
    [f.code.toLowerCase(), f.code],
  ]),
);

/**
 * Reads and checks an enterprise sheet row by row as it streams: every valid row's values, and every bad cell
 * with row, column and reason (the first MAX_REPORTED_ERRORS listed, all counted). Who may write which row is not
 * decided here but against the registry, in the same transaction as the write.
 */
export async function validateRows(
  source: AsyncIterable<{ row: number; cells: string[] }>,
  ctx: ImportContext,
): Promise<{ values: ValidRow[]; errors: ImportRowError[]; errorCount: number }> {
  const values: ValidRow[] = [];
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  const seen = new Map<string, number>();
  let keyByCol: Map<number, string> | undefined;
  for await (const { row, cells: raw } of source) {
    if (!keyByCol) {
      keyByCol = headerKeys(raw);
      continue;
    }
    const cells = new Map<string, string>();
    let any = false;
    for (const [col, key] of keyByCol) {
      const text = (raw[col] ?? '').trim();
      if (text) any = true;
      cells.set(key, text);
    }
    if (!any) continue;
    const before = errorCount;
    const reported = new Set<string>();
    // One reason per cell: the first is the one to fix.
    const err = (key: string, reason: string) => {
      if (reported.has(key)) return;
      reported.add(key);
      errorCount++;
      if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row, column: columnName(key), reason });
    };
    const get = (key: string) => cells.get(key) ?? '';

    for (const c of importColumns) if (c.required && !get(c.key)) err(c.key, '必填');

    const subName = get('subdistrict');
    const subdistrictId = ctx.subdistrictIdByName.get(subName);
    if (subName && !subdistrictId) err('subdistrict', `未知的镇街“${subName}”`);
    const bName = get('building');
    const building = bName ? ctx.buildingIdByNameOrCode.get(bName) : undefined;
    if (bName && !building) err('building', `未知的楼宇“${bName}”`);

    const fieldCodes: string[] = [];
    for (const word of get('fields')
      .split(/[、,，;；/|]/)
      .map((w) => w.trim())
      .filter(Boolean)) {
      const code = fieldByWord.get(word) ?? fieldByWord.get(word.toLowerCase());
      if (code) fieldCodes.push(code);
      else err('fields', `未知的领域“${word}”`);
    }
    const scaleWord = get('aboveScale').toLowerCase();
    const aboveScale = yesWords.has(scaleWord) ? true : noWords.has(scaleWord) ? false : undefined;
    if (aboveScale === undefined) err('aboveScale', '应填“是”或“否”');
    const statusWord = get('status');
    const status = statusWord ? (statusWords[statusWord.toLowerCase()] ?? statusWords[statusWord]) : 'active';
    if (!status) err('status', '应填“在营”“已迁出”或“已注销”');
    if (get('uscc').startsWith('#LOSTPRECISION'))
      err('uscc', '代码被表格当作数字，请将该列设为文本格式后重新填写');

    const normDate = (raw: string) => {
      const d = raw.replace(/[/.年月]/g, '-').replace(/日$/, '');
      return /^\d{4}-\d{1,2}-\d{1,2}$/.test(d)
        ? d
            .split('-')
            .map((p, i) => (i === 0 ? p : p.padStart(2, '0')))
            .join('-')
        : d;
    };
    const parsed = enterpriseInputSchema.safeParse({
      uscc: get('uscc'),
      name: get('name'),
      registrationDate: normDate(get('registrationDate')),
      settledOn: get('settledOn') ? normDate(get('settledOn')) : null,
      leftOn: get('leftOn') ? normDate(get('leftOn')) : null,
      subdistrictId: subdistrictId ?? '00000000-0000-4000-8000-000000000000',
      buildingId: building?.id ?? null,
      address: get('address'),
      fields: [...new Set(fieldCodes)],
      aboveScale: aboveScale ?? false,
      status: status ?? 'active',
      contactPerson: get('contactPerson'),
      contactPhone: get('contactPhone'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (key === 'subdistrictId' || key === 'buildingId') continue;
        // Required-but-empty cells were already reported once as 必填.
        if (importColumns.some((c) => c.key === key && c.required) && !get(key)) continue;
        const reason = issue.code === 'invalid_format' ? '日期格式应为 YYYY-MM-DD' : issue.message;
        err(key, reason);
      }
    }
    if (parsed.success) {
      const first = seen.get(parsed.data.uscc);
      if (first !== undefined) err('uscc', `与第 ${first} 行重复`);
      else seen.set(parsed.data.uscc, row);
    }
    if (errorCount === before && parsed.success) {
      const { honours: _h, ...v } = parsed.data;
      values.push({ row, value: v });
    }
  }
  if (!keyByCol) throw new AppError('VALIDATION', '文件中没有数据', [{ path: 'file', message: '文件为空' }]);
  return { values, errors, errorCount };
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
    hint: '第2行为示例，导入前请删除。统一社会信用代码已登记的企业将被更新，其余新建。有任何错误则整个文件不写入。',
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
 * Reads, checks and lands an enterprise sheet: subdistrict and building names or codes resolved to ids, every row
 * decided by `decide` (the caller's access policy) against the registered record, all rows or none.
 */
export async function importRegistry(
  db: Db,
  actor: Actor,
  source: AsyncIterable<{ row: number; cells: string[] }>,
  decide: UpsertOptions['decide'],
) {
  const lookups = await importLookups(db, actor.districtId);
  const buildingIdByNameOrCode = new Map<string, { id: string; subdistrictId: string }>();
  for (const b of lookups.buildings) {
    buildingIdByNameOrCode.set(b.name, b);
    buildingIdByNameOrCode.set(b.code, b);
  }
  const { values, errors, errorCount } = await validateRows(source, {
    subdistrictIdByName: new Map(
      lookups.subdistricts.flatMap((s) => [
        [s.name, s.id],
        [s.code, s.id],
      ]),
    ),
    buildingIdByNameOrCode,
  });
  if (values.length === 0 && errorCount === 0)
    throw new AppError('VALIDATION', '文件中没有数据行', [{ path: 'file', message: '没有数据行' }]);
  return upsertEnterprises(db, actor, values, {
    decide,
    priorErrors: errors,
    priorErrorCount: errorCount,
    maxListedErrors: MAX_REPORTED_ERRORS,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Export: the registry as a sheet
// ---------------------------------------------------------------------------------------------------------------

const statusZh = { active: '在营', movedOut: '已迁出', closed: '已注销' } as const;
const fieldZh = new Map<string, string>(fields.map((f) => [f.code, f.zh]));
const honourZh = new Map<string, string>(honourKinds.map((h) => [h.code, h.zh]));

/** The exported registry's columns. */
export const exportColumns = [
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '企业名称', key: 'name', width: 36 },
  { header: '注册日期', key: 'registrationDate', width: 12 },
  { header: '所属镇街', key: 'subdistrict', width: 14 },
  { header: '所在楼宇', key: 'building', width: 24 },
  { header: '重点领域', key: 'fields', width: 30 },
  { header: '规上企业', key: 'aboveScale', width: 8 },
  { header: '经营状态', key: 'status', width: 8 },
  { header: '荣誉', key: 'honours', width: 24 },
];

/** One enterprise as a row of the exported registry, in Chinese words. */
export const exportRow = (e: EnterpriseListItem) => ({
  uscc: e.uscc,
  name: e.name,
  registrationDate: e.registrationDate,
  subdistrict: e.subdistrict.name,
  building: e.building?.name ?? '',
  fields: e.fields.map((f) => fieldZh.get(f) ?? f).join('、'),
  aboveScale: e.aboveScale ? '是' : '否',
  status: statusZh[e.status],
  honours: e.honourKinds.map((h) => honourZh.get(h) ?? h).join('、'),
});

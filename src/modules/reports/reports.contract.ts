// API shapes of monthly reports: the form, a report with its versions and warnings, imports, reporting coverage.
import { z } from 'zod';
import { idSchema, pageOf } from '../../platform/http/common.contract.ts';
import { periodSchema } from '../../platform/time/period.ts';
import { sheetReadSchema } from '../../platform/files/sheet.contract.ts';
import { figureCatalogue, type FigureDimension, type FigureKey } from './figures.ts';
import { consistencyIssues } from './reports.ts';

const count = z.number().int('须为整数').min(0, '不能为负数').max(10_000_000);
/** Integer yuan; up to 10万亿 (a safe integer). */
const yuan = z.number().int('金额以元为单位，须为整数').min(0, '不能为负数').max(1e13);

const area = z.number().min(0, '不能为负数').max(10_000_000).multipleOf(0.01, '面积最多两位小数');
const byDimension = { persons: count, money: yuan, area } as const satisfies Record<
  FigureDimension,
  z.ZodNumber
>;

/** The figures of a report, one field per catalogue entry (figures.ts), checked by its dimension. */
export const figuresSchema = z.object(
  Object.fromEntries(figureCatalogue.map((f) => [f.key, byDimension[f.dimension]])) as Record<
    FigureKey,
    z.ZodNumber
  >,
);

export const reportBodySchema = figuresSchema
  .extend({
    period: periodSchema,
    buildingId: idSchema.nullable().default(null),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    for (const issue of consistencyIssues(v))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type ReportBody = z.output<typeof reportBodySchema>;

export const warningSchema = z.object({
  path: z.string(),
  previous: z.number(),
  current: z.number(),
  message: z.string(),
});

export const reportSchema = figuresSchema.extend({
  id: idSchema,
  enterpriseId: idSchema,
  period: z.string(),
  version: z.number().int(),
  buildingId: idSchema.nullable(),
  source: z.string(),
  submittedAt: z.string(),
  submittedBy: z.string().nullable(),
  note: z.string().nullable(),
  onTime: z.boolean(),
});
export type Report = z.infer<typeof reportSchema>;

export const reportSavedSchema = z.object({
  report: reportSchema,
  /** 'created' (first report of the month), 'revised' (a new version), 'unchanged' (same figures). */
  outcome: z.enum(['created', 'revised', 'unchanged']),
  warnings: z.array(warningSchema),
});

export const reportListSchema = z.object({
  items: z.array(reportSchema.extend({ versions: z.number().int() })),
});

export const reportDetailSchema = z.object({
  period: z.string(),
  deadline: z.string(),
  current: reportSchema.nullable(),
  versions: z.array(reportSchema),
  /** The enterprise's latest report before this period, for the form's "last period" column. */
  previous: reportSchema.nullable(),
});

export const reportCheckSchema = z.object({ warnings: z.array(warningSchema) });

export const importQuerySchema = z.object({ period: periodSchema });
export const reportImportUploadQuerySchema = importQuerySchema.extend({
  /** Check and count what the file would create, correct and leave as it is; write nothing. */
  preview: z.stringbool().default(false),
});
export const reportImportResultSchema = z.object({
  /** The batch written; null for a preview. */
  batchId: idSchema.nullable(),
  /** True when nothing was written: the counts say what the import would do. */
  preview: z.boolean(),
  period: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
  /** Where the data was read: sheet, header row, hidden rows, a .csv's encoding. */
  file: sheetReadSchema.optional(),
});

export const coverageQuerySchema = z.object({ period: periodSchema });
export const coverageSchema = z.object({
  period: z.string(),
  deadline: z.string(),
  district: z.object({ expected: z.number().int(), reported: z.number().int(), onTime: z.number().int() }),
  subdistricts: z.array(
    z.object({
      subdistrict: z.object({ id: idSchema, name: z.string() }),
      expected: z.number().int(),
      reported: z.number().int(),
      onTime: z.number().int(),
    }),
  ),
});

export const missingQuerySchema = z.object({
  period: periodSchema,
  subdistrictId: idSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const missingPageSchema = pageOf(
  z.object({
    id: idSchema,
    uscc: z.string(),
    name: z.string(),
    subdistrict: z.object({ id: idSchema, name: z.string() }),
    contactPerson: z.string(),
    contactPhone: z.string(),
    lastReported: z.string().nullable(),
  }),
);

export const standingQuerySchema = z.object({
  period: periodSchema,
  /** A subdistrict user's own is implied; staff who see the district name one. */
  subdistrictId: idSchema.optional(),
});
/** One subdistrict's reporting in a month and its rank among the district's subdistricts by reporting rate. */
export const standingSchema = z.object({
  period: z.string(),
  deadline: z.string(),
  subdistrict: z.object({ id: idSchema, name: z.string() }),
  expected: z.number().int(),
  reported: z.number().int(),
  onTime: z.number().int(),
  /** 1 = the highest reporting rate; subdistricts with equal rates share a rank. Null when none is expected here. */
  rank: z.number().int().nullable(),
  /** How many subdistricts are ranked (those with enterprises expected to report). */
  ranked: z.number().int(),
});
export type Standing = z.infer<typeof standingSchema>;

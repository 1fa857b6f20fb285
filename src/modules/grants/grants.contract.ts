// API shapes of no-application grant batches (免申即享) and their public notices; shared by server and web.
import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from '../../platform/http/common.contract.ts';

const period = z.string().regex(/^[1-9][0-9]{3}-(0[1-9]|1[0-2])$/);

// ---------------------------------------------------------------------------------------------------------------
// Grant batches (免申即享): review → public notice (公示) → decision
// ---------------------------------------------------------------------------------------------------------------

export const batchStatuses = ['review', 'notice', 'decided', 'cancelled'] as const;
export const batchStatusSchema = z.enum(batchStatuses);
export const objectionStatuses = ['open', 'upheld', 'dismissed'] as const;

export const grantBatchSchema = z.object({
  id: idSchema,
  number: z.string(),
  policyId: idSchema,
  policyCode: z.string(),
  policyName: z.string(),
  policyVersion: z.number().int(),
  period,
  status: batchStatusSchema,
  /** Parameter values the amounts were computed with, as written in the policy (value and unit). */
  parameters: z.record(z.string(), z.object({ label: z.string(), value: z.number(), unit: z.string() })),
  items: z.number().int(),
  included: z.number().int(),
  /** 元, included items only. */
  totalAmount: z.number(),
  noticeDays: z.number().int(),
  noticeStartsOn: z.string().nullable(),
  noticeEndsOn: z.string().nullable(),
  openObjections: z.number().int(),
  objections: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string(),
});
export type GrantBatch = z.infer<typeof grantBatchSchema>;

export const grantBatchListQuerySchema = pageQuerySchema.extend({
  status: batchStatusSchema.optional(),
  policyId: idSchema.optional(),
});
export const grantBatchPageSchema = pageOf(grantBatchSchema);

export const grantItemSchema = z.object({
  enterpriseId: idSchema,
  name: z.string(),
  uscc: z.string(),
  subdistrictName: z.string(),
  amount: z.number(),
  included: z.boolean(),
  /** Why it was excluded (by review, or by an upheld objection). */
  exclusionReason: z.string().nullable(),
  /** After the decision: granted or not. */
  granted: z.boolean().nullable(),
  openObjections: z.number().int(),
});
export type GrantItem = z.infer<typeof grantItemSchema>;
export const grantItemsQuerySchema = pageQuerySchema.extend({
  included: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
});
export const grantItemsPageSchema = pageOf(grantItemSchema);

export const itemReviewSchema = z
  .object({ included: z.boolean(), reason: z.string().trim().max(300).default('') })
  .refine((v) => v.included || v.reason.length > 0, { message: '排除时须填写理由', path: ['reason'] });

/**
 * Notice days are working days; the district's minimum (grant settings, default 5) is checked by the server, which
 * refuses a shorter notice with `fields[0].path` 'noticeDays' — never raising it silently.
 */
export const publishSchema = z.object({ noticeDays: z.number().int('公示期应为整数个工作日').optional() });

export const grantSettingsSchema = z.object({
  /** The shortest public notice allowed, in working days (China calendar). */
  minNoticeWorkingDays: z.number().int(),
});
export type GrantSettings = z.infer<typeof grantSettingsSchema>;
export const grantSettingsInputSchema = z.object({
  minNoticeWorkingDays: z
    .number()
    .int('应为整数')
    .min(1, '最短公示期至少 1 个工作日')
    .max(60, '最短公示期不得超过 60 个工作日'),
});

/** What a notice or decision says the amounts were computed by, generated from the batch's policy version. */
export const noticeBasisSchema = z.object({
  policyVersion: z.number().int(),
  /** The evaluation month the figures were taken from. */
  period: z.string(),
  parameters: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      value: z.number(),
      unit: z.string(),
      /** The value in its unit, as printed: “20 元/m²/月”. */
      text: z.string(),
    }),
  ),
  /** The eligibility rule, one line per condition, parameters with their values. */
  conditions: z.array(z.string()),
  /** The benefit formula in words, parameters with their values; null for a policy that only qualifies. */
  formula: z.string().nullable(),
});
export type NoticeBasis = z.infer<typeof noticeBasisSchema>;
export const decideSchema = z.object({ note: z.string().max(300).default('') });
export const cancelSchema = z.object({ reason: z.string().trim().min(1, '请填写理由').max(300) });

export const objectionSchema = z.object({
  id: idSchema,
  /** The filer's receipt number, YY-NNNN (null for objections filed before receipts existed). */
  receipt: z.string().nullable(),
  batchId: idSchema,
  /** The enterprise the objection is about, if any (null: about the batch as a whole). */
  enterpriseId: idSchema.nullable(),
  enterpriseName: z.string().nullable(),
  /** The objector's name and contact: the plan office's only (null for everyone else). */
  filerName: z.string().nullable(),
  filerContact: z.string().nullable(),
  filedByEnterprise: z.boolean(),
  text: z.string(),
  filedAt: z.string(),
  status: z.enum(objectionStatuses),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof objectionSchema>;

export const objectionFileSchema = z.object({
  enterpriseId: idSchema.nullable().default(null),
  filerName: z.string().trim().min(1, '请填写姓名或单位').max(60),
  filerContact: z.string().trim().min(5, '请填写联系电话或邮箱').max(60),
  text: z.string().trim().min(5, '请写明异议内容').max(2000),
});
export const objectionResolveSchema = z.object({
  outcome: z.enum(['upheld', 'dismissed']),
  response: z.string().trim().min(1, '请填写答复').max(2000),
});
/** Several open objections of one batch answered alike (one transaction: all or none). */
export const objectionBulkResolveSchema = objectionResolveSchema.extend({
  objectionIds: z.array(idSchema).min(1, '请选择异议').max(500),
});

/** What a filer is told when filing: the receipt number to follow it by. */
export const objectionFiledSchema = z.object({ ok: z.literal(true), id: idSchema, receipt: z.string() });

/** The filer's lookup: the receipt number and the contact given when filing (only the filer knows both). */
export const objectionLookupSchema = z.object({
  receipt: z
    .string()
    .trim()
    .regex(/^[0-9]{2}-[0-9]{4,6}$/, '受理编号格式应为 YY-NNNN'),
  contact: z.string().trim().min(1, '请填写提交异议时留的联系电话或邮箱').max(60),
});

/** An objection as its filer follows it: where it stands and the office's answer; no other filer's data. */
export const objectionStatusSchema = z.object({
  receipt: z.string().nullable(),
  batchId: idSchema,
  batchNumber: z.string(),
  policyName: z.string(),
  enterpriseName: z.string().nullable(),
  text: z.string(),
  filedAt: z.string(),
  status: z.enum(objectionStatuses),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  /** The batch's status: once decided, the decision lists how this objection was handled. */
  batchStatus: batchStatusSchema,
});
export type ObjectionStatus = z.infer<typeof objectionStatusSchema>;

export const batchEventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  step: z.string(),
  note: z.string(),
});

export const grantBatchDetailSchema = z.object({
  batch: grantBatchSchema,
  basis: noticeBasisSchema,
  objections: z.array(objectionSchema),
  events: z.array(batchEventSchema),
});
export type GrantBatchDetail = z.infer<typeof grantBatchDetailSchema>;

/** What the public site shows of a batch under notice (or decided): no contacts, USCC shown in full as on paper notices. */
export const publicNoticeSchema = z.object({
  id: idSchema,
  number: z.string(),
  policyName: z.string(),
  /** The conditions, formula and parameters of the policy version the amounts were computed under. */
  basis: noticeBasisSchema,
  status: batchStatusSchema,
  noticeDays: z.number().int(),
  noticeStartsOn: z.string().nullable(),
  noticeEndsOn: z.string().nullable(),
  /** Whether objections can be filed now. */
  open: z.boolean(),
  decidedOn: z.string().nullable(),
  /** Once decided: how each objection was handled (no filer's name or contact, no objection text). */
  objections: z.array(
    z.object({
      receipt: z.string().nullable(),
      enterpriseName: z.string().nullable(),
      status: z.enum(objectionStatuses),
      response: z.string().nullable(),
    }),
  ),
  items: z.array(
    z.object({ enterpriseId: idSchema, name: z.string(), uscc: z.string(), amount: z.number() }),
  ),
  totalAmount: z.number(),
});
export type PublicNotice = z.infer<typeof publicNoticeSchema>;
export const publicNoticeListSchema = z.array(
  publicNoticeSchema.omit({ items: true, basis: true, objections: true }).extend({ items: z.number().int() }),
);

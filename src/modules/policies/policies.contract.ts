// API shapes of policies, tiers and no-application grant batches (免申即享); shared by server and web.
import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from '../../platform/http/common.contract.ts';
import { policyDefinitionSchema } from './rules.ts';

export { policyDefinitionSchema };

const period = z.string().regex(/^[1-9][0-9]{3}-(0[1-9]|1[0-2])$/);
const code = z.string().regex(/^[a-z][A-Za-z0-9]*$/, { message: '代码应为以小写字母开头的字母或数字' });

export const policyStatuses = ['draft', 'active', 'retired'] as const;
export const policyStatusSchema = z.enum(policyStatuses);

/** The last evaluation of a policy over the district. */
export const policyEvaluationSchema = z.object({
  version: z.number().int(),
  period,
  evaluatedAt: z.string(),
  enterprises: z.number().int(),
  eligible: z.number().int(),
  nearMisses: z.number().int(),
  /** 元 */
  totalAmount: z.number(),
  durationMs: z.number(),
});

export const policySummarySchema = z.object({
  id: idSchema,
  code: z.string(),
  status: policyStatusSchema,
  version: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  summary: z.string(),
  source: z.string(),
  example: z.boolean(),
  hasBenefit: z.boolean(),
  updatedAt: z.string(),
  evaluation: policyEvaluationSchema.nullable(),
});
export type PolicySummary = z.infer<typeof policySummarySchema>;

export const policyVersionSchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  note: z.string(),
});

export const policySchema = policySummarySchema.extend({
  definition: policyDefinitionSchema,
  versions: z.array(policyVersionSchema),
});
export type Policy = z.infer<typeof policySchema>;

export const policyCreateSchema = z.object({
  code,
  definition: policyDefinitionSchema,
  status: policyStatusSchema.default('draft'),
  note: z.string().max(300).default(''),
});
export type PolicyCreate = z.input<typeof policyCreateSchema>;

/** Saving a definition makes a new version; earlier versions stay, and grants keep the one they were decided under. */
export const policyUpdateSchema = z.object({
  definition: policyDefinitionSchema,
  note: z.string().max(300).default(''),
});
export const policyStatusChangeSchema = z.object({ status: policyStatusSchema });

export const previewRequestSchema = z.object({
  definition: policyDefinitionSchema,
  /** Evaluation month; the latest month with reports when omitted. */
  period: period.optional(),
});
export const previewSchema = z.object({
  period,
  enterprises: z.number().int(),
  eligible: z.number().int(),
  nearMisses: z.number().int(),
  totalAmount: z.number(),
  /** How many enterprises pass each leaf condition, in the depth-first order of the leaves. */
  leafPasses: z.array(z.number().int()),
  sample: z.array(z.object({ enterpriseId: idSchema, name: z.string(), amount: z.number().nullable() })),
});
export type Preview = z.infer<typeof previewSchema>;

/** One line of an explanation: a condition or a group, with the enterprise's value, the threshold and the result. */
export interface ExplanationNode {
  /** 'all' | 'any' | 'not' for groups; the leaf kind otherwise. */
  kind: string;
  /** Index of the leaf (depth first) for leaves. */
  leaf: number | null;
  /** null: unknown (no data). */
  passed: boolean | null;
  /** The whole line in plain Chinese, e.g. “从业人员（最新月报）为 88 人，要求 > 100 人，不满足，还差 13 人”. */
  text: string;
  textEn: string;
  /** Parts for tables. */
  measure: string | null;
  value: string | null;
  threshold: string | null;
  gap: string | null;
  children: ExplanationNode[];
}
export const explanationNodeSchema: z.ZodType<ExplanationNode> = z.lazy(() =>
  z.object({
    kind: z.string(),
    leaf: z.number().int().nullable(),
    passed: z.boolean().nullable(),
    text: z.string(),
    textEn: z.string(),
    measure: z.string().nullable(),
    value: z.string().nullable(),
    threshold: z.string().nullable(),
    gap: z.string().nullable(),
    children: z.array(explanationNodeSchema),
  }),
);

export const explanationSchema = z.object({
  policyId: idSchema,
  policyName: z.string(),
  version: z.number().int(),
  period,
  enterprise: z.object({ id: idSchema, name: z.string(), uscc: z.string() }),
  eligible: z.boolean(),
  amount: z.number().nullable(),
  /** One sentence: 符合 / 不符合，因为 … */
  summary: z.string(),
  summaryEn: z.string(),
  /** For a near miss: the one condition to meet, with its gap. */
  nearMiss: z.object({ leaf: z.number().int(), text: z.string(), gap: z.number() }).nullable(),
  tree: explanationNodeSchema,
});
export type Explanation = z.infer<typeof explanationSchema>;

export const resultFilters = ['eligible', 'nearMiss', 'ineligible', 'all'] as const;
export const resultsQuerySchema = pageQuerySchema.extend({
  filter: z.enum(resultFilters).default('eligible'),
  /** Near misses: only gaps within this share of the threshold (default: the policy's own margin). */
  margin: z.coerce.number().min(0).max(1).optional(),
  subdistrictId: idSchema.optional(),
  q: z.string().max(100).optional(),
});
export const resultItemSchema = z.object({
  enterpriseId: idSchema,
  name: z.string(),
  uscc: z.string(),
  subdistrictName: z.string(),
  eligible: z.boolean(),
  amount: z.number().nullable(),
  /** Near miss: the condition to meet, e.g. “从业人员（最新月报）还差 13 人”. */
  nearMiss: z.string().nullable(),
  gap: z.number().nullable(),
});
export const resultsPageSchema = pageOf(resultItemSchema).extend({ period: period.nullable() });
export type ResultItem = z.infer<typeof resultItemSchema>;

export const evaluateRunSchema = z.object({
  period,
  policies: z.number().int(),
  enterprises: z.number().int(),
  durationMs: z.number(),
});

/** What an enterprise sees for every active policy: whether it qualifies, and why (not). */
export const enterprisePolicySchema = z.object({
  policy: policySummarySchema.pick({
    id: true,
    code: true,
    name: true,
    nameEn: true,
    summary: true,
    source: true,
    example: true,
  }),
  explanation: explanationSchema.nullable(),
  grants: z.array(
    z.object({
      batchId: idSchema,
      status: z.string(),
      amount: z.number(),
      included: z.boolean(),
      decidedAt: z.string().nullable(),
    }),
  ),
});
export type EnterprisePolicy = z.infer<typeof enterprisePolicySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Tiers (梯度培育)
// ---------------------------------------------------------------------------------------------------------------

export const tierSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  source: z.string(),
  /** The rule in words, one line per condition. */
  ruleText: z.array(z.string()),
  period: period.nullable(),
  members: z.number().int(),
  /** Members now that were not members at the baseline month. */
  entrantsSinceBaseline: z.number().int(),
  leftSinceBaseline: z.number().int(),
  nearMisses: z.number().int(),
  /** Members per month. */
  series: z.array(z.object({ month: period, members: z.number().int() })),
});
export type TierSummary = z.infer<typeof tierSummarySchema>;

export const tierMembersQuerySchema = pageQuerySchema.extend({
  filter: z.enum(['current', 'entrants', 'left', 'nearMiss']).default('current'),
  subdistrictId: idSchema.optional(),
});
export const tierMemberSchema = z.object({
  enterpriseId: idSchema,
  name: z.string(),
  uscc: z.string(),
  subdistrictName: z.string(),
  /** First month of the current (or last) spell in the tier; null for a near miss. */
  enteredOn: period.nullable(),
  /** First month no longer a member; null while a member. */
  leftOn: period.nullable(),
  /** Whether the spell began before the first evaluated month (the true entry is earlier). */
  enteredBefore: z.boolean(),
  nearMiss: z.string().nullable(),
});
export const tierMembersPageSchema = pageOf(tierMemberSchema);

/** An enterprise's spells in tiers. */
export const enterpriseTierSchema = z.object({
  tier: z.string(),
  name: z.string(),
  enteredOn: period,
  leftOn: period.nullable(),
  enteredBefore: z.boolean(),
});

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

export const publishSchema = z.object({ noticeDays: z.number().int().min(1).max(60).optional() });
export const decideSchema = z.object({ note: z.string().max(300).default('') });
export const cancelSchema = z.object({ reason: z.string().trim().min(1, '请填写理由').max(300) });

export const objectionSchema = z.object({
  id: idSchema,
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

export const batchEventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  step: z.string(),
  note: z.string(),
});

export const grantBatchDetailSchema = z.object({
  batch: grantBatchSchema,
  objections: z.array(objectionSchema),
  events: z.array(batchEventSchema),
});
export type GrantBatchDetail = z.infer<typeof grantBatchDetailSchema>;

/** What the public site shows of a batch under notice (or decided): no contacts, USCC shown in full as on paper notices. */
export const publicNoticeSchema = z.object({
  id: idSchema,
  number: z.string(),
  policyName: z.string(),
  policySummary: z.string(),
  status: batchStatusSchema,
  noticeStartsOn: z.string().nullable(),
  noticeEndsOn: z.string().nullable(),
  /** Whether objections can be filed now. */
  open: z.boolean(),
  items: z.array(
    z.object({ enterpriseId: idSchema, name: z.string(), uscc: z.string(), amount: z.number() }),
  ),
  totalAmount: z.number(),
});
export type PublicNotice = z.infer<typeof publicNoticeSchema>;
export const publicNoticeListSchema = z.array(
  publicNoticeSchema.omit({ items: true }).extend({ items: z.number().int() }),
);

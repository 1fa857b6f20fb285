// API shapes of policies and tiers; shared by server and web.
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
/** One of an enterprise's grants as the grants module reads it for this page, with the policy it belongs to. */
export type EnterpriseGrant = EnterprisePolicy['grants'][number] & { policyId: string };

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

// API shapes of the service desk (企业诉求): filing, the list and one request with its steps, each action's body,
// the configuration (categories, routing rules, limits), the figures (三率) and the public knowledge base.
import { z } from 'zod';
import { attachmentSchema } from '../../platform/files/attachments.contract.ts';
import { errorBodySchema, idSchema, pageOf, pageQuerySchema } from '../../platform/http/common.contract.ts';
import { periodSchema } from '../../platform/time/period.ts';
import { channels, eventKinds, ratings, requestStates, urgencies } from './servicedesk.ts';

/** Text people type: trimmed, stored and shown as text (HTML is never interpreted). */
const text = (max: number) => z.string().trim().max(max);
const required = (max: number, message: string) => text(max).min(1, message);

export const filingSchema = z.object({
  category: required(64, '请选择诉求分类'),
  urgency: z.enum(urgencies).default('normal'),
  title: required(100, '请填写诉求标题'),
  description: required(5000, '请填写诉求内容'),
  contactName: text(50).default(''),
  contactPhone: text(30)
    .regex(/^[0-9+\-() ]*$/, '联系电话只能包含数字和 + - ( )')
    .default(''),
  /** The enterprise allows its request and the answer to be published, anonymised. */
  publishConsent: z.boolean().default(false),
  /** 代录 (staff only): the enterprise by its USCC or its exact name, and how the request came in. */
  enterprise: z
    .object({ uscc: text(18).optional(), name: text(200).optional() })
    .refine((e) => !!e.uscc || !!e.name, { message: '请填写企业的统一社会信用代码或名称', path: ['uscc'] })
    .optional(),
  channel: z.enum(channels).default('online'),
});
export type FilingInput = z.infer<typeof filingSchema>;

export const requestListQuerySchema = pageQuerySchema.extend({
  state: z.enum([...requestStates, 'open', 'overdue']).optional(),
  category: text(64).optional(),
  unitId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  month: periodSchema.optional(),
  q: text(100).optional(),
  needsCoordination: z.enum(['true', 'false']).optional(),
});
export type RequestListQuery = z.infer<typeof requestListQuerySchema>;

const ref = z.object({ id: idSchema, name: z.string() });

export const pauseSchema = z.object({ from: z.string(), to: z.string().nullable(), reason: z.string() });

/** The clock as the request's page shows it. */
export const clockSchema = z.object({
  acceptDueOn: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  /** Working days the current round has run (pauses out). */
  elapsedWorkingDays: z.number().int(),
  answerDays: z.number().int(),
  extensionDays: z.number().int(),
  pausedWorkingDays: z.number().int(),
  paused: z.boolean(),
  overdueWorkingDays: z.number().int().nullable(),
  pauses: z.array(pauseSchema),
});

export const requestSummarySchema = z.object({
  id: idSchema,
  number: z.string(),
  enterprise: ref,
  subdistrict: ref,
  category: z.string(),
  categoryName: z.string(),
  urgency: z.enum(urgencies),
  title: z.string(),
  state: z.enum(requestStates),
  stateLabel: z.string(),
  unit: ref.nullable(),
  filedAt: z.string(),
  answerDueOn: z.string().nullable(),
  overdue: z.boolean(),
  needsCoordination: z.boolean(),
  /** Staff only: an earlier request of the enterprise this one looks like. */
  possibleDuplicate: z.object({ id: idSchema, number: z.string(), score: z.number() }).nullable(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;
export const requestPageSchema = pageOf(requestSummarySchema);

export const requestEventSchema = z.object({
  id: idSchema,
  kind: z.enum(eventKinds),
  at: z.string(),
  actorLabel: z.string(),
  text: z.string(),
  internal: z.boolean(),
  unit: ref.nullable(),
});

/** A request's attachment: the platform's attachment view. */
export const requestAttachmentSchema = attachmentSchema;

export const requestDetailSchema = requestSummarySchema.extend({
  description: z.string(),
  contactName: z.string(),
  /** Masked for staff (138****5678), in full for the enterprise itself. */
  contactPhone: z.string(),
  publishConsent: z.boolean(),
  /** The policies a published answer is linked to. */
  policyIds: z.array(idSchema),
  published: z.boolean(),
  channel: z.enum(channels),
  filedByLabel: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  rating: z.enum(ratings).nullable(),
  ratingComment: z.string().nullable(),
  ratingAuto: z.boolean(),
  reopenCount: z.number().int(),
  coordinationNote: z.string().nullable(),
  pendingExtension: z.object({ days: z.number().int(), reason: z.string() }).nullable(),
  returnSuggestedUnit: ref.nullable(),
  clock: clockSchema,
  events: z.array(requestEventSchema),
  attachments: z.array(requestAttachmentSchema),
  /** What the user may do now (the page's buttons). */
  actions: z.array(z.string()),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

// ── Action bodies ──────────────────────────────────────────────────────────────────────────────────────────

export const dispatchBodySchema = z.object({ unitId: idSchema, text: text(1000).default('') });
export const returnBodySchema = z.object({
  reason: required(1000, '请说明退单理由'),
  /** The unit the returning unit believes responsible. */
  suggestedUnitId: idSchema,
});
export const decideBodySchema = z.object({
  /** The unit the plan office decides on (审定): the suggested one, the returning one, or another. */
  unitId: idSchema,
  text: required(1000, '请填写审定意见'),
});
export const noteBodySchema = z.object({
  text: required(2000, '请填写内容'),
  /** Internal notes (内部备注) are never shown to the enterprise. */
  internal: z.boolean().default(false),
});
export const supplementRequestBodySchema = z.object({ text: required(2000, '请说明需补充的材料') });
export const supplementBodySchema = z.object({ text: required(5000, '请填写补充内容') });
export const extensionBodySchema = z.object({
  days: z.number().int().min(1, '延期至少 1 个工作日').max(30, '延期最多 30 个工作日'),
  reason: required(1000, '请说明延期理由'),
});
export const extensionDecisionBodySchema = z.object({
  approve: z.boolean(),
  text: text(1000).default(''),
});
export const answerBodySchema = z.object({ text: required(5000, '请填写答复内容') });
export const ratingBodySchema = z.object({
  rating: z.enum(ratings),
  comment: text(1000).default(''),
});
export const coordinationBodySchema = z.object({ text: required(1000, '请说明需协调的事项') });
/** A request's contact in full (an audited read). */
export const requestContactSchema = z.object({ contactName: z.string(), contactPhone: z.string() });

export const publicationBodySchema = z.object({
  withheld: z.boolean(),
  /** The policies the answer explains; omitted keeps those linked. */
  policyIds: z.array(idSchema).max(10, '最多关联 10 项政策').optional(),
});

/** A refused step: CONFLICT (409) or NOT_FOUND (404), with the desk's own reason (NOT_ACCEPTED, ALREADY_RATED, …). */
export const deskErrorSchema = errorBodySchema.extend({ reason: z.string().optional() });

// ── Configuration ──────────────────────────────────────────────────────────────────────────────────────────

const days = z.number().int().min(0).max(60);
const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, '分类代码为字母数字，层级以点分隔');
export const categorySchema = z.object({
  code,
  name: required(40, '请填写分类名称'),
  acceptDays: days,
  answerDays: days.min(1),
  urgentAcceptDays: days,
  urgentAnswerDays: days.min(1),
});
export const ruleSchema = z.object({
  category: code,
  subdistrict: text(64).optional(),
  field: text(64).optional(),
  keyword: text(40).optional(),
  unit: required(64, '请填写承办单位代码'),
});
export const deskConfigSchema = z.object({
  categories: z.array(categorySchema).min(1).max(200),
  rules: z.array(ruleSchema).max(500),
  dispatcher: text(64),
  rateWithinWorkingDays: z.number().int().min(1).max(30),
});
export const configViewSchema = deskConfigSchema.extend({
  version: z.number().int(),
  savedByLabel: z.string().nullable(),
  savedAt: z.string().nullable(),
});
export const categoryListSchema = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), path: z.string(), answerDays: z.number() })),
});

// ── Figures ────────────────────────────────────────────────────────────────────────────────────────────────

export const rateSchema = z.object({
  hits: z.number().int(),
  due: z.number().int(),
  value: z.number().nullable(),
});
export const figuresQuerySchema = z.object({
  from: periodSchema,
  to: periodSchema,
  unitId: idSchema.optional(),
  category: text(64).optional(),
});
export const figureCellSchema = z.object({
  month: z.string(),
  unit: ref.nullable(),
  category: z.string(),
  filed: z.number().int(),
  acceptedOnTime: rateSchema,
  answeredOnTime: rateSchema,
  satisfaction: rateSchema,
  medianAnswerWorkingDays: z.number().nullable(),
  reopened: z.number().int(),
});
export const figuresSchema = z.object({ asOf: z.string(), cells: z.array(figureCellSchema) });

export const publicFiguresQuerySchema = z.object({ from: periodSchema, to: periodSchema });
export const publicFigureCellSchema = z.object({
  month: z.string(),
  category: z.string(),
  categoryName: z.string(),
  /** null: withheld (fewer than 3 requests, or the complement that would reveal one). */
  filed: z.number().int().nullable(),
  acceptedOnTime: z.number().nullable(),
  answeredOnTime: z.number().nullable(),
  satisfaction: z.number().nullable(),
  suppressed: z.boolean(),
});
export const publicFiguresSchema = z.object({
  asOf: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      filed: z.number().int(),
      acceptedOnTime: z.number().nullable(),
      answeredOnTime: z.number().nullable(),
      satisfaction: z.number().nullable(),
      categories: z.array(publicFigureCellSchema),
    }),
  ),
});

export const knowledgeQuerySchema = pageQuerySchema.extend({
  category: text(64).optional(),
  /** Only the answers linked to this policy (a policy page's 相关问答). */
  policyId: idSchema.optional(),
});
export const knowledgeEntrySchema = z.object({
  id: idSchema,
  number: z.string(),
  category: z.string(),
  categoryName: z.string(),
  month: z.string(),
  title: z.string(),
  question: z.string(),
  answer: z.string(),
  answeredOn: z.string(),
  /** The handling unit's name (a government body, not personal data). */
  unitName: z.string(),
  /** The policies the answer explains. */
  policyIds: z.array(idSchema),
});
export const knowledgeSchema = z.object({
  groups: z.array(
    z.object({ category: z.string(), categoryName: z.string(), entries: z.array(knowledgeEntrySchema) }),
  ),
  total: z.number().int(),
});

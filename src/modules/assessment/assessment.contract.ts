// API shapes of the annual assessment (年度考核): the scheme (indicators, methods, feeds, who they apply to), the
// scorecards with their breakdown, the rankings (赛马比拼), closing a year and its revisions, bonus items.
import { z } from 'zod';
import { idSchema } from '../../platform/http/common.contract.ts';

const finite = z.number().finite();
const nonNegative = finite.min(0, '不能为负数');

export const scoringMethodSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('targetScoring'),
    below: z.enum(['proportional', 'zero']),
    threshold: finite.min(0).max(1).optional(),
    overCap: finite.min(1).max(5).optional(),
  }),
  z.object({
    kind: z.literal('rankScoring'),
    higherIsBetter: z.boolean().optional(),
    step: nonNegative.optional(),
    floor: nonNegative.optional(),
    improvement: z.object({ perPlace: nonNegative, cap: nonNegative }).optional(),
  }),
  z.object({ kind: z.literal('deduction'), per: nonNegative, cap: nonNegative }),
  z.object({ kind: z.literal('bonus'), per: nonNegative, cap: nonNegative }),
]);

/** What feeds an indicator: the records a unit's input is gathered from. */
export const feedKinds = [
  'targetResult',
  'itemCompletion',
  'overdueItems',
  'lateReports',
  'supervisionNotices',
  'bonusItems',
  'serviceDesk',
] as const;
/**
 * The service desk's figures a unit is scored on (docs/service-desk.md): 签收及时率, 答复及时率, 满意率 as the share
 * of its requests filed in the period (scored like a target: hits against those due), or the reopened requests
 * (counted, for a deduction).
 */
export const serviceDeskMeasures = ['acceptedOnTime', 'answeredOnTime', 'satisfaction', 'reopened'] as const;
export const feedSchema = z.discriminatedUnion('kind', [
  /** A plan target's value (the month's stored snapshot) against its goal; the target's owner units are its leads. */
  z.object({ kind: z.literal('targetResult'), targetCode: z.string().min(1).max(64) }),
  /** Weighted reported ÷ expected progress (序时进度) of the unit's work items, of one task or of all. */
  z.object({ kind: z.literal('itemCompletion'), taskNumber: z.number().int().min(1).max(999).optional() }),
  /** The unit's open items past their due date at the end of the period. */
  z.object({ kind: z.literal('overdueItems') }),
  /** Progress reports of the period first sent after the deadline, and versions returned by the office. */
  z.object({ kind: z.literal('lateReports') }),
  /** Overdue 督办单 (supervision notices): counted once the supervision ladder exists; 0 with a note until then. */
  z.object({ kind: z.literal('supervisionNotices') }),
  /** Bonus items the plan office entered for the unit (加分事项). */
  z.object({ kind: z.literal('bonusItems') }),
  /** The unit's service-desk figures for requests filed in the period (企业诉求 三率, or reopened requests). */
  z.object({ kind: z.literal('serviceDesk'), measure: z.enum(serviceDeskMeasures) }),
]);
export type Feed = z.infer<typeof feedSchema>;

/** Which units an indicator applies to: the lead (牵头) or lead and responsible units of its task or target, or all. */
export const appliesTo = ['lead', 'responsible', 'departments', 'subdistricts', 'all'] as const;

export const indicatorSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, '请填写指标代码')
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, '指标代码只能包含字母、数字、点、横线和下划线'),
  name: z.string().trim().min(1, '请填写指标名称').max(200),
  points: nonNegative.max(1000),
  method: scoringMethodSchema,
  feed: feedSchema,
  appliesTo: z.enum(appliesTo),
  noun: z.string().max(40).optional(),
  unit: z.string().max(10).optional(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const schemeInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    /** An example (示例方案), not adopted by the district. */
    example: z.boolean().default(false),
    /** Day of the following month a progress report is due by (moved to the next working day). */
    reportDeadlineDay: z.number().int().min(1).max(28).default(5),
    indicators: z.array(indicatorSchema).max(500),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.indicators.forEach((ind, i) => {
      if (seen.has(ind.code))
        ctx.addIssue({ code: 'custom', path: ['indicators', i, 'code'], message: '指标代码重复' });
      seen.add(ind.code);
      const m = ind.method.kind;
      const f = ind.feed.kind;
      const counts =
        f === 'overdueItems' ||
        f === 'lateReports' ||
        f === 'supervisionNotices' ||
        f === 'bonusItems' ||
        (ind.feed.kind === 'serviceDesk' && ind.feed.measure === 'reopened');
      if ((m === 'deduction' || m === 'bonus') !== counts)
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'method'],
          message: counts ? '计数类来源只能用扣分或加分' : '扣分、加分只能用于计数类来源',
        });
    });
  });
export type SchemeInput = z.infer<typeof schemeInputSchema>;

export const schemeSchema = z.object({
  year: z.number().int(),
  title: z.string(),
  example: z.boolean(),
  reportDeadlineDay: z.number().int(),
  indicators: z.array(indicatorSchema),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Scheme = z.infer<typeof schemeSchema>;

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** A period to score: a month ('YYYY-MM') or a whole year ('YYYY'). */
export const periodQuerySchema = z.object({
  period: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '期间应为 YYYY 或 YYYY-MM')
    .describe('YYYY (the year) or YYYY-MM (a month)'),
  group: z.enum(['units', 'subdistricts']).optional(),
});

/** A record behind a line of the breakdown. */
export const recordRefSchema = z.object({
  kind: z.enum(['item', 'report', 'target', 'bonus', 'notice', 'note', 'serviceRequest']),
  id: z.string(),
  label: z.string(),
  value: z.string().optional(),
});
export type RecordRef = z.infer<typeof recordRefSchema>;

export const lineSchema = z.object({
  code: z.string(),
  name: z.string(),
  centi: z.number().int(),
  maxCenti: z.number().int(),
  points: z.string(),
  reason: z.string(),
  records: z.array(recordRefSchema),
});

const unitRef = z.object({ id: idSchema, name: z.string(), kind: z.string() });

export const scorecardSchema = z.object({
  unit: unitRef,
  period: z.string(),
  lines: z.array(lineSchema),
  totalCenti: z.number().int(),
  total: z.string(),
  maxCenti: z.number().int(),
  place: z.number().int(),
  of: z.number().int(),
});
export type ScorecardView = z.infer<typeof scorecardSchema>;

export const scorecardAnswerSchema = z.object({
  scheme: z.object({ year: z.number().int(), title: z.string(), example: z.boolean(), closed: z.boolean() }),
  period: z.string(),
  /** 'live': computed now · 'frozen': the closed year's stored scores (revision 1) · later revisions beside them. */
  state: z.enum(['live', 'frozen']),
  card: scorecardSchema,
  revisions: z.array(
    z.object({
      revision: z.number().int(),
      computedAt: z.string(),
      reason: z.string(),
      card: scorecardSchema,
    }),
  ),
});

export const rankingRowSchema = z.object({
  place: z.number().int(),
  unit: unitRef,
  totalCenti: z.number().int(),
  total: z.string(),
  maxCenti: z.number().int(),
  /** The total in the latest revision of a closed year, when it differs (修订). */
  revised: z.object({ revision: z.number().int(), total: z.string(), place: z.number().int() }).nullable(),
});
export const rankingSchema = z.object({
  period: z.string(),
  group: z.enum(['units', 'subdistricts']),
  state: z.enum(['live', 'frozen']),
  rows: z.array(rankingRowSchema),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const closeAnswerSchema = z.object({
  year: z.number().int(),
  revision: z.number().int(),
  units: z.number().int(),
  /** False when a recompute of a closed year found nothing changed (no revision stored). */
  stored: z.boolean(),
});

export const bonusInputSchema = z.object({
  unitId: idSchema,
  indicatorCode: z.string().min(1).max(64),
  /** 'YYYY-MM': the month the item counts in. */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM'),
  title: z.string().trim().min(1, '请填写加分事项').max(300),
});
export const bonusSchema = bonusInputSchema.extend({ id: idSchema, enteredBy: z.string() });

export const bulletinQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM'),
});

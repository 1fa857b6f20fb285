// API shapes of effectiveness monitoring: the overview, a target's evaluation and breakdowns, drill-down, manual values.
import { z } from 'zod';
import { idSchema, isoDateSchema, pageOf } from '../../platform/http/common.contract.ts';
import { unitRefSchema } from '../units/units.contract.ts';
import { periodSchema } from '../../platform/time/period.ts';
import { statuses } from './evaluation.ts';

export const statusSchema = z.enum(statuses);

export const evaluationSchema = z.object({
  period: z.string(),
  value: z.number().nullable(),
  baselineValue: z.number().nullable(),
  progress: z.number().nullable(),
  elapsed: z.number(),
  paceIndex: z.number().nullable(),
  status: statusSchema,
  projection: z
    .object({
      model: z.string(),
      value: z.number(),
      low: z.number(),
      high: z.number(),
      level: z.number(),
      basis: z.number(),
    })
    .nullable(),
  requiredMonthlyPace: z.number().nullable(),
  recentMonthlyPace: z.number().nullable(),
  monthsRemaining: z.number(),
});
export type EvaluationView = z.infer<typeof evaluationSchema>;

export const targetInfoSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  goal: z.number(),
  unit: z.string(),
  aim: z.enum(['increase', 'level']),
  strive: z.boolean(),
  deadline: z.string(),
  formulaKind: z.string(),
  /** Reached or not (0/1): no projection and no monthly pace are given. */
  milestone: z.boolean(),
  owners: z.array(unitRefSchema),
});

export const seriesPointSchema = z.object({
  month: z.string(),
  value: z.number().nullable(),
  status: statusSchema.nullable(),
});

/**
 * Beside an entrants target (newEnterprises, tierEntrants) in one month: the entries since the baseline (its value),
 * the exits since the baseline, the net change (entries − exits) and the stock at the month's end (the enterprises in
 * the district, or the tier's members there); stock − net is the baseline's stock.
 */
export const entrantChangeSchema = z.object({
  month: z.string(),
  entries: z.number().int(),
  exits: z.number().int(),
  net: z.number().int(),
  stock: z.number().int(),
});
export type EntrantChange = z.infer<typeof entrantChangeSchema>;

export const overviewTargetSchema = targetInfoSchema.extend({
  evaluation: evaluationSchema.nullable(),
  series: z.array(seriesPointSchema),
  /** An entrants target's changes in the evaluated month (else null): exits and net change beside the entries. */
  changes: entrantChangeSchema.nullable(),
});
export type OverviewTarget = z.infer<typeof overviewTargetSchema>;

/**
 * Which month a page evaluates, and why (docs/indicators.md, *One evaluation month*): the newest month whose reports
 * are past due — the month policies and grants are evaluated at too — or, before any month has closed, the newest
 * month computed (provisional). A month the user picks on a target page is `picked`.
 */
export const evaluationMonthSchema = z.object({
  month: z.string(),
  reason: z.enum(['closed', 'noneClosed', 'picked']),
  /** The newest month whose report deadline has ended, as of the request. */
  closed: z.string(),
  /** The newest month computed, when later than `month`: its reports are still being filed. */
  open: z.string().nullable(),
  /** The report deadline of `open` ('YYYY-MM-DD'), when there is one. */
  openDeadline: z.string().nullable(),
});
export type EvaluationMonth = z.infer<typeof evaluationMonthSchema>;

export const overviewSchema = z.object({
  district: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
  baseline: z.string(),
  deadline: z.string(),
  /** The month evaluated (evaluationMonth.month); null before the first recompute. */
  month: z.string().nullable(),
  /** Why this month: null before the first recompute. */
  evaluationMonth: evaluationMonthSchema.nullable(),
  computedAt: z.string().nullable(),
  targets: z.array(overviewTargetSchema),
  reporting: z
    .object({
      period: z.string(),
      expected: z.number().int(),
      reported: z.number().int(),
      onTime: z.number().int(),
      /** The month's report deadline ('YYYY-MM-DD', moved off weekends and holidays): until it ends, firms still file. */
      deadline: z.string(),
    })
    .nullable(),
});
export type Overview = z.infer<typeof overviewSchema>;

export const breakdownDimensions = ['subdistrict', 'field', 'sizeBand'] as const;
export const breakdownRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  labelEn: z.string(),
  value: z.number().nullable(),
  /** Null where the value is withheld: for a count it would be the value. */
  contributors: z.number().int().nullable(),
  /**
   * Public view: groups of fewer than 3 reporting enterprises are withheld, and beside a lone withheld group a second
   * one, so that no group's figure is the total minus the others (disclosure.ts).
   */
  suppressed: z.boolean(),
});

export const targetQuerySchema = z.object({ month: periodSchema.optional() });
export const targetDetailSchema = z.object({
  target: targetInfoSchema,
  month: z.string().nullable(),
  /** Which month is shown and why; null before the first recompute. */
  evaluationMonth: evaluationMonthSchema.nullable(),
  evaluation: evaluationSchema.nullable(),
  evaluations: z.array(evaluationSchema),
  series: z.array(seriesPointSchema),
  breakdowns: z.object({
    subdistrict: z.array(breakdownRowSchema),
    field: z.array(breakdownRowSchema),
    sizeBand: z.array(breakdownRowSchema),
  }),
  /**
   * An entrants target only (newEnterprises, tierEntrants; else null), per month: its value — the gross entries since
   * the baseline — with the exits since the baseline, the net change (entries − exits) and the stock at month end.
   */
  enterpriseChanges: z.array(entrantChangeSchema).nullable(),
  /** For every month: what was first published and what stands now (a later correction shows as a revision). */
  revisions: z.array(
    z.object({
      month: z.string(),
      first: z.number().nullable(),
      current: z.number().nullable(),
      revisions: z.number().int(),
    }),
  ),
});
export type TargetDetail = z.infer<typeof targetDetailSchema>;

export const targetParamsSchema = z.object({ code: z.string().regex(/^[a-z][A-Za-z0-9]*$/) });

export const contributorsQuerySchema = z.object({
  month: periodSchema,
  dimension: z.enum(breakdownDimensions).optional(),
  group: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const contributorsPageSchema = pageOf(
  z.object({
    id: idSchema,
    uscc: z.string(),
    name: z.string(),
    subdistrict: z.object({ id: idSchema, name: z.string() }),
    value: z.number(),
    status: z.string(),
  }),
);

export const manualValueBodySchema = z.object({
  asOf: isoDateSchema,
  value: z.number().finite(),
  source: z.string().trim().min(2, '请注明数据来源').max(200),
  note: z.string().trim().max(500).optional(),
});
export const manualValueSchema = z.object({
  id: idSchema,
  targetCode: z.string(),
  asOf: z.string(),
  value: z.number(),
  source: z.string(),
  note: z.string().nullable(),
  enteredAt: z.string(),
});
export const manualValueListSchema = z.object({ items: z.array(manualValueSchema) });

export const recomputeResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  facts: z.number().int(),
  results: z.number().int(),
  snapshots: z.object({ published: z.number().int(), revised: z.number().int() }),
  worsened: z.array(z.object({ code: z.string(), month: z.string(), from: z.string(), to: z.string() })),
});

/** 催报: remind every enterprise in the user's reach that has not reported `period`. */
export const urgeBodySchema = z.object({ period: periodSchema });
export const urgeResultSchema = z.object({
  period: z.string(),
  /** Enterprises in reach that have not reported the month. */
  missing: z.number().int(),
  /** Reminded now. */
  reminded: z.number().int(),
  /** Already reminded today (a repeated press sends nothing twice). */
  alreadyToday: z.number().int(),
});
export type UrgeResult = z.infer<typeof urgeResultSchema>;

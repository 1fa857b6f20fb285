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

export const overviewTargetSchema = targetInfoSchema.extend({
  evaluation: evaluationSchema.nullable(),
  series: z.array(seriesPointSchema),
});
export type OverviewTarget = z.infer<typeof overviewTargetSchema>;

export const overviewSchema = z.object({
  district: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
  baseline: z.string(),
  deadline: z.string(),
  /** The latest month evaluated; null before the first recompute. */
  month: z.string().nullable(),
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
  evaluation: evaluationSchema.nullable(),
  evaluations: z.array(evaluationSchema),
  series: z.array(seriesPointSchema),
  breakdowns: z.object({
    subdistrict: z.array(breakdownRowSchema),
    field: z.array(breakdownRowSchema),
    sizeBand: z.array(breakdownRowSchema),
  }),
  /**
   * A newEnterprises target only (else null), per month: its value — the gross entries since the baseline — with the
   * exits since the baseline and the net change in the number of enterprises at month end (entries − exits).
   */
  enterpriseChanges: z
    .array(
      z.object({
        month: z.string(),
        entries: z.number().int(),
        exits: z.number().int(),
        net: z.number().int(),
      }),
    )
    .nullable(),
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

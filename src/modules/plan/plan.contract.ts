// API shapes of the plan: overall targets, sections, key tasks and their units.
import { z } from 'zod';
import { unitRefSchema, taskRefSchema } from '../units/units.contract.ts';

export const targetSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** Goal as a decimal string (exact), in `unit`. */
  goal: z.string(),
  unit: z.string(),
  deadline: z.string(),
  aim: z.enum(['increase', 'level']),
  strive: z.boolean(),
  partOf: z.string().nullable(),
  quote: z.string(),
});
export type Target = z.infer<typeof targetSchema>;

export const sectionSchema = z.object({
  number: z.number().int(),
  numeral: z.string(),
  title: z.string(),
  titleEn: z.string(),
  tasks: z.array(
    taskRefSchema.extend({ leadUnits: z.array(unitRefSchema), responsibleUnits: z.array(unitRefSchema) }),
  ),
});
export type Section = z.infer<typeof sectionSchema>;

export const safeguardSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  text: z.string(),
  leadUnits: z.array(unitRefSchema),
  responsibleUnits: z.array(unitRefSchema),
});

export const planSchema = z.object({
  code: z.string(),
  title: z.string(),
  titleEn: z.string(),
  status: z.string(),
  source: z.string(),
  preamble: z.string(),
  goalStatement: z.string(),
  baselineDate: z.string(),
  endDate: z.string(),
  dataVersion: z.number().int(),
  district: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
});

export const planOverviewSchema = z.object({
  plan: planSchema,
  targets: z.array(targetSchema),
  sections: z.array(sectionSchema),
  safeguards: z.array(safeguardSchema),
});
export type PlanOverview = z.infer<typeof planOverviewSchema>;

export const taskParamsSchema = z.object({ number: z.coerce.number().int().min(1).max(999) });
export const taskDetailSchema = z.object({
  number: z.number().int(),
  section: z.object({
    number: z.number().int(),
    numeral: z.string(),
    title: z.string(),
    titleEn: z.string(),
  }),
  title: z.string(),
  titleEn: z.string(),
  text: z.string(),
  responsibleLabel: z.string(),
  unitsQuote: z.string(),
  leadUnits: z.array(unitRefSchema),
  responsibleUnits: z.array(unitRefSchema),
  previous: z.number().int().nullable(),
  next: z.number().int().nullable(),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

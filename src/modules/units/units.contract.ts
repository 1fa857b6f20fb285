// API shapes of units: district departments, subdistricts and towns, state-owned groups, the plan office.
import { z } from 'zod';
import { idSchema } from '../../platform/http/common.contract.ts';

export const unitKinds = ['department', 'subdistrict', 'stateGroup', 'office', 'collective'] as const;
export const unitKindSchema = z.enum(unitKinds);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const unitRefSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: unitKindSchema,
});
export type UnitRef = z.infer<typeof unitRefSchema>;

export const unitSchema = unitRefSchema.extend({
  subkind: z.enum(['street', 'town']).nullable(),
  parent: unitRefSchema.nullable(),
  leadCount: z.number().int(),
  shareCount: z.number().int(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListQuerySchema = z.object({ kind: unitKindSchema.optional() });
export const unitListSchema = z.object({ items: z.array(unitSchema) });

export const taskRefSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  titleEn: z.string(),
  section: z.number().int(),
});
export type TaskRef = z.infer<typeof taskRefSchema>;

export const unitDetailSchema = z.object({
  unit: unitSchema,
  /** Tasks this unit leads (牵头). */
  leads: z.array(taskRefSchema),
  /** Tasks this unit is responsible for (责任), directly or through a collective such as 各镇街. */
  shares: z.array(taskRefSchema.extend({ via: unitRefSchema.nullable() })),
  /** For a collective: the units it stands for. */
  members: z.array(unitRefSchema),
  /** For a collective: whether only the relevant ones among the members are meant (有关镇街). */
  relevantOnly: z.boolean(),
  /** Units that sit inside this one (the plan office in 区经济信息委). */
  children: z.array(unitRefSchema),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

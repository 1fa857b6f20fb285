// API shapes of the carrier-space module (产业载体): operators today.
import { z } from 'zod';
import { idSchema } from '../../platform/http/common.contract.ts';
import { usccSchema } from '../enterprises/enterprises.contract.ts';

export const operatorSchema = z.object({
  id: idSchema,
  name: z.string(),
  uscc: z.string().nullable(),
  contactPerson: z.string(),
  /** Masked for everyone but the plan office and the operator itself. */
  contactPhone: z.string(),
});
export type Operator = z.infer<typeof operatorSchema>;
export const operatorListSchema = z.object({ items: z.array(operatorSchema) });

export const operatorBodySchema = z.object({
  name: z.string().trim().min(2).max(100),
  uscc: usccSchema.nullable().default(null),
  contactPerson: z.string().trim().max(50).default(''),
  contactPhone: z
    .string()
    .trim()
    .max(20)
    .regex(/^[0-9+\- ]*$/, '电话号码只能包含数字、+、- 和空格')
    .default(''),
});
export type OperatorBody = z.infer<typeof operatorBodySchema>;

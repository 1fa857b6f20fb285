// A file of policies (YAML), as shipped with a plan: parsed and checked for shape, with the path of every fault.
import { parse } from 'yaml';
import { z } from 'zod';
import { policyDefinitionSchema } from './rules.ts';
import { policyStatusSchema } from './policies.contract.ts';

export const policyFileSchema = z.strictObject({
  policies: z.array(
    z.strictObject({
      code: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
      status: policyStatusSchema.default('draft'),
      definition: policyDefinitionSchema,
    }),
  ),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;

/** Parses a policy file; throws an Error listing each fault with its path. */
export function parsePolicyFile(text: string, name = 'policies'): PolicyFile {
  const r = policyFileSchema.safeParse(parse(text));
  if (!r.success)
    throw new Error(`${name}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

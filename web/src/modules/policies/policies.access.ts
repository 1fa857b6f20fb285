// Who may do what with policies and tiers in the web app — mirrors the server's policies access rules (the server decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/** Roles that see policies, their results and explanations, and the tiers. */
export const policyViewRoles: readonly Role[] = ['admin', 'department', 'subdistrict'];
/** Roles that write policies, change their status, re-evaluate them and start grant batches. */
export const policyEditRoles: readonly Role[] = ['admin'];

export const mayViewPolicies = (user: SessionUser | null): boolean =>
  !!user && policyViewRoles.includes(user.role);
export const mayEditPolicies = (user: SessionUser | null): boolean =>
  !!user && policyEditRoles.includes(user.role);
/** Re-evaluating every active policy rewrites the stored results: the plan office (admin) only. */
export const mayEvaluatePolicies = mayEditPolicies;
/** Starting a no-application grant batch (免申即享) is the plan office's decision. */
export const mayStartBatch = mayEditPolicies;

// Who may do what with policies and tiers: the one place access to them is decided (grant batches: grants.policy.ts).
import { isGovernmentStaff } from '../../platform/auth/scope.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { enterpriseScope } from '../enterprises/enterprises.policy.ts';
import type { Scope } from './results.store.ts';

export type PolicyAction = 'list' | 'manage' | 'results' | 'explain' | 'tiers';

/**
 * The plan office (admin) writes policies; departments read everything; subdistricts read policies
 * and see results for their own enterprises; an enterprise sees only its own qualification (and files objections
 * like anyone during a public notice).
 */
export function can(
  user: SessionUser | null,
  action: PolicyAction,
  enterprise?: { id: string; subdistrictId: string },
): boolean {
  if (!user) return false;
  switch (action) {
    case 'list':
    case 'results':
    case 'tiers':
      return isGovernmentStaff(user);
    case 'manage':
      return user.role === 'admin';
    case 'explain': {
      if (!enterprise) return false;
      const scope = enterpriseScope(user);
      return (
        'all' in scope ||
        ('subdistrictId' in scope && scope.subdistrictId === enterprise.subdistrictId) ||
        ('enterpriseId' in scope && scope.enterpriseId === enterprise.id)
      );
    }
  }
}

/** The enterprises whose results a user may list. */
export function resultScope(user: SessionUser): Scope {
  return enterpriseScope(user) as Scope;
}

/** Whether `user` may see only active policies (an enterprise's explanations; staff also read drafts and retired ones). */
export const seesActivePoliciesOnly = (user: SessionUser): boolean => user.role === 'enterprise';

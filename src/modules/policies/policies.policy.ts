// Who may do what with policies, tiers and grant batches: the one place access to them is decided.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { enterpriseScope } from '../enterprises/enterprises.policy.ts';
import type { Scope } from './policies.store.ts';
import type { GrantView } from './grants.store.ts';

export type PolicyAction =
  'list' | 'manage' | 'results' | 'explain' | 'tiers' | 'grants.read' | 'grants.manage';

/**
 * The plan office (admin) writes policies and runs grants; departments read everything; subdistricts read policies
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
    case 'grants.read':
      return user.role !== 'enterprise';
    case 'manage':
    case 'grants.manage':
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

/**
 * What a user sees of grant batches. A batch in review is the plan office's working list (every eligible enterprise
 * with its amount, before anyone checked it): only the office reads it, and a cancelled one never left the office.
 * Departments and subdistricts read a batch once it is under public notice or decided — by then its list is public
 * anyway; a subdistrict sees the items of its own enterprises only, as with policy results. Objectors' names and
 * contacts are personal data given to the office to answer them: the office alone sees them. The same statuses bound
 * the grants shown on an enterprise's policy page.
 */
export function grantView(user: SessionUser): GrantView {
  switch (user.role) {
    case 'admin':
      return {
        statuses: ['review', 'notice', 'decided', 'cancelled'],
        items: { all: true },
        objectors: true,
      };
    case 'department':
      return { statuses: ['notice', 'decided'], items: { all: true }, objectors: false };
    case 'subdistrict':
      return { statuses: ['notice', 'decided'], items: resultScope(user), objectors: false };
    case 'enterprise':
      // No batch pages (can() refuses them), but its own grants on its policy page once they are public.
      return { statuses: ['notice', 'decided'], items: resultScope(user), objectors: false };
  }
}

/** Whether `user` may see only active policies (an enterprise's explanations; staff also read drafts and retired ones). */
export const seesActivePoliciesOnly = (user: SessionUser): boolean => user.role === 'enterprise';

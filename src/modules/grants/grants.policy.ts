// Who may do what with grant batches (免申即享): the one place access to them is decided.
import { isGovernmentStaff } from '../../platform/auth/scope.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { resultScope } from '../policies/policies.policy.ts';
import type { GrantView } from './grants.store.ts';

export type GrantAction = 'grants.read' | 'grants.manage' | 'grants.ownObjections';

/**
 * The plan office (admin) runs grants; departments and subdistricts read batches (what of them: grantView); an
 * enterprise reads no batch page (it files objections like anyone during a public notice).
 */
export function can(user: SessionUser | null, action: GrantAction): boolean {
  if (!user) return false;
  switch (action) {
    case 'grants.read':
      return isGovernmentStaff(user);
    case 'grants.manage':
      return user.role === 'admin';
    case 'grants.ownObjections':
      // An enterprise follows the objections its own account filed; the public does so by receipt number.
      return user.role === 'enterprise' && !!user.enterpriseId;
  }
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
    case 'operator':
      // A building operator reads no grant batch and no enterprise's grants.
      return { statuses: [], items: { none: true }, objectors: false };
  }
}

/**
 * The enterprise an objection is filed for by its filer's account: an enterprise user's own (the office then sees
 * which enterprise objects to its own listing); null for staff and the public, who name what they object to.
 */
export const objectingEnterprise = (user: SessionUser | null): string | null =>
  user?.role === 'enterprise' ? (user.enterpriseId ?? null) : null;

/** The enterprise whose filed objections a user may follow (can(user, 'grants.ownObjections') checked it). */
export const ownObjectionsOf = (user: SessionUser): string => user.enterpriseId ?? '';

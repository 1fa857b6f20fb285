// What the global search may show each user: each kind follows the access of the module that owns it.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { can as canEnterprise, enterpriseScope } from '../enterprises/enterprises.policy.ts';
import { can as canPolicy } from '../policies/policies.policy.ts';
import { can as canPlan } from '../plan/plan.policy.ts';
import { can as canUnit } from '../units/units.policy.ts';
import type { Scope } from '../../platform/auth/scope.ts';
import type { SearchKind } from './search.contract.ts';

/** `search`: the header's search, for signed-in users (the public reads the plan's own pages). */
export type SearchAction = 'search';

export function can(user: SessionUser | null, action: SearchAction): boolean {
  switch (action) {
    case 'search':
      return !!user;
  }
}

/**
 * The kinds `user` may find: enterprises within the registry's reach (an enterprise user finds only itself), policies
 * where the user may list them (staff), key tasks and units (the plan is public).
 */
export function searchableKinds(user: SessionUser): SearchKind[] {
  const kinds: SearchKind[] = [];
  if (canEnterprise(user, 'list')) kinds.push('enterprise');
  if (canPolicy(user, 'list')) kinds.push('policy');
  if (canPlan(user, 'read')) kinds.push('task');
  if (canUnit(user, 'read')) kinds.push('unit');
  return kinds;
}

/** The enterprises a user's search looks through: the registry's own scope. */
export const searchEnterpriseScope = (user: SessionUser): Scope => enterpriseScope(user);

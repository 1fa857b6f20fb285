// Who may do what with the carrier-space inventory: the one place its access is decided.
// The plan office keeps the operators; staff (the office, departments, subdistricts) read them; an operator reads
// only itself. (Buildings, units and leases follow: an operator keeps only its own buildings.)
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { inScope, isGovernmentStaff, userScope, type Scope } from '../../platform/auth/scope.ts';

export type SpaceAction =
  /** The operators list (staff: all; an operator: itself). */
  | 'operators.read'
  /** Register or edit an operator: the plan office. */
  | 'operators.manage';

export function can(user: SessionUser | null, action: SpaceAction, operator?: { id: string }): boolean {
  if (!user) return false;
  switch (action) {
    case 'operators.read':
      if (isGovernmentStaff(user)) return true;
      return operator ? inScope(userScope(user), { operatorId: operator.id }) : user.role === 'operator';
    case 'operators.manage':
      return user.role === 'admin';
  }
}

/** The operators a user reads: the district for staff, its own for an operator. */
export const operatorScope = (user: SessionUser): Scope =>
  isGovernmentStaff(user) ? { all: true } : userScope(user);

/** Whether the user sees an operator's contact phone in full: the plan office and the operator itself. */
export const seesOperatorContact = (user: SessionUser, operatorId: string): boolean =>
  user.role === 'admin' || (user.role === 'operator' && user.operatorId === operatorId);

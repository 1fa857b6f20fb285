// Who may do what with units: the one place access to them is decided.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';

/** `read`: the units the plan names and the tasks each leads or shares: public, as the plan itself. */
export type UnitAction = 'read';

export function can(_user: SessionUser | null, action: UnitAction): boolean {
  switch (action) {
    case 'read':
      return true;
  }
}

// Who may do what with accounts: the one place access to user management is decided.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';

/** `changeOwnPassword`: every signed-in user · `manage`: list, create and edit accounts of every role. */
export type UserAction = 'changeOwnPassword' | 'manage';

export function can(user: SessionUser | null, action: UserAction): boolean {
  if (!user) return false;
  switch (action) {
    case 'changeOwnPassword':
      return true;
    case 'manage':
      // The plan office only; an administrator may still not lock themself out (platform/auth/accounts.policy.ts).
      return user.role === 'admin';
  }
}

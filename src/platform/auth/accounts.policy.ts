// What an administrator may not do to their own account: the one access rule user management adds to the routes'
// "administrators only" (users.policy.ts).
import type { Role } from './auth.contract.ts';

/** Whether an edit would lock the editing administrator out: disabling themself or giving up the admin role. */
export const wouldLockOutSelf = (
  actorUserId: string | null | undefined,
  accountId: string,
  v: { role: Role; disabled?: boolean | undefined },
): boolean => accountId === actorUserId && (!!v.disabled || v.role !== 'admin');

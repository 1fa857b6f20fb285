// Who may read the audit trail: the one place it is decided.
import type { SessionUser } from '../auth/auth.contract.ts';

/** `read`: the trail of one record (who changed what, when, before and after). */
export type AuditAction = 'read';

export function can(user: SessionUser | null, action: AuditAction): boolean {
  if (!user) return false;
  switch (action) {
    case 'read':
      // The plan office: before/after values include personal data (contacts) of every module.
      return user.role === 'admin';
  }
}

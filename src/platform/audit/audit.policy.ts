// Who may read the audit trail and the district-wide log: the one place it is decided.
import type { SessionUser } from '../auth/auth.contract.ts';

/** `read`: the trail of one record (who changed what, when, before and after) · `readLog`: the district's whole log
 * (filtered, paged, exported) with the login history. */
export type AuditAction = 'read' | 'readLog';

export function can(user: SessionUser | null, action: AuditAction): boolean {
  if (!user) return false;
  switch (action) {
    case 'read':
    case 'readLog':
      // The plan office: before/after values include personal data (contacts) of every module.
      return user.role === 'admin';
  }
}

// Who sees the district-wide audit log (mirrors platform/audit/audit.policy.ts `readLog`, which decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

export const auditLogRoles: readonly Role[] = ['admin'];
export const readsAuditLog = (user: SessionUser | null): boolean =>
  !!user && auditLogRoles.includes(user.role);

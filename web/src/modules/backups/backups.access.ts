// Who sees the backups page (mirrors platform/backup/backup.policy.ts, which decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

export const backupRoles: readonly Role[] = ['admin'];
export const managesBackups = (user: SessionUser | null): boolean =>
  !!user && backupRoles.includes(user.role);

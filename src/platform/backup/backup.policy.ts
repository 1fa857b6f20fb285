// Who may list, take, verify and download backups: the one place it is decided.
import type { SessionUser } from '../auth/auth.contract.ts';

/** A backup holds every district's data, personal data included: the plan office's administrators only. */
export type BackupAction = 'list' | 'create' | 'verify' | 'download';

export function can(user: SessionUser | null, _action: BackupAction): boolean {
  return user?.role === 'admin';
}

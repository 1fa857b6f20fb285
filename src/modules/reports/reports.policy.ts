// Who may do what with monthly reports: the one place access to reports is decided. A report belongs to its
// enterprise, so reading and filing follow the registry's reach (enterprises.policy.ts); the month-wide views
// (coverage, missing reports) are the government's.
import { isGovernmentStaff } from '../../platform/auth/scope.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import {
  can as canEnterprise,
  enterpriseScope,
  writeDecision,
  type EnterpriseLike,
} from '../enterprises/enterprises.policy.ts';
import type { Scope } from '../../platform/auth/scope.ts';

/**
 * `read`: an enterprise's reports and history · `file`: submit or correct one enterprise's month · `import`: a
 * month's spreadsheet (template and upload) · `coverage` / `missing`: who reported a month, per subdistrict.
 */
export type ReportAction = 'read' | 'file' | 'import' | 'coverage' | 'missing';

export function can(user: SessionUser | null, action: ReportAction, enterprise?: EnterpriseLike): boolean {
  if (!user) return false;
  switch (action) {
    case 'read':
      return canEnterprise(user, 'read', enterprise);
    case 'file':
      // The enterprise itself, its subdistrict and the plan office; departments read only.
      return canEnterprise(user, 'update', enterprise);
    case 'import':
      return canEnterprise(user, 'import');
    case 'coverage':
    case 'missing':
      return isGovernmentStaff(user);
  }
}

/** The enterprises whose reports a user's month-wide views and imports cover. */
export const reportScope = (user: SessionUser): Scope => enterpriseScope(user);

/** Why one import row may not be written (the same decision as a single filing), or null. */
export const importRowRefusal = (user: SessionUser, enterprise: EnterpriseLike) =>
  writeDecision(user, enterprise, enterprise);

/**
 * The subdistrict whose standing `user` asks for: a subdistrict user's own (another one is answered as absent, null),
 * else the one asked for (undefined when none is named).
 */
export function standingSubdistrict(user: SessionUser, asked: string | undefined): string | null | undefined {
  const scope = reportScope(user);
  if ('subdistrictId' in scope) return !asked || asked === scope.subdistrictId ? scope.subdistrictId : null;
  if ('none' in scope || 'enterpriseId' in scope) return null;
  return asked;
}

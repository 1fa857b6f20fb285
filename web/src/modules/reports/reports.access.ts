// Who may do what with monthly reports in the web app — mirrors the server's enterprise policy (the server decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/** Roles that import a month for many enterprises (admin for all, a subdistrict for its own). */
export const reportImportRoles: readonly Role[] = ['admin', 'subdistrict'];
/** Roles that watch who has reported. */
export const reportingStatusRoles: readonly Role[] = ['admin', 'department', 'subdistrict'];

/** Whether the user may file or correct this enterprise's reports; department users only read. */
export function mayFileReport(
  user: SessionUser | null,
  enterprise: { id: string; subdistrict: { id: string } },
): boolean {
  if (!user) return false;
  switch (user.role) {
    case 'admin':
      return true;
    case 'subdistrict':
      return !!user.unitId && user.unitId === enterprise.subdistrict.id;
    case 'enterprise':
      return !!user.enterpriseId && user.enterpriseId === enterprise.id;
    case 'department':
    case 'operator':
      return false;
  }
}

export const mayImportReports = (user: SessionUser | null) => !!user && reportImportRoles.includes(user.role);
export const mayViewReporting = (user: SessionUser | null) =>
  !!user && reportingStatusRoles.includes(user.role);

/** The audit trail of a report (which names whoever filed each version): the plan office. */
export const mayReadReportAudit = (user: SessionUser | null | undefined): boolean => user?.role === 'admin';

// Who sees which 考核 pages in the web app — mirrors the server's assessment.policy.ts (the server decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/** Government roles: the office and departments read every scorecard, a subdistrict its own. */
export const assessmentRoles: readonly Role[] = ['admin', 'department', 'subdistrict'];

export const mayViewAssessment = (user: SessionUser | null) => !!user && assessmentRoles.includes(user.role);

/** Editing the scheme, bonus items, closing a year: the plan office. */
export const mayManageAssessment = (user: SessionUser | null) => user?.role === 'admin';

/** The scorecards .xlsx and the monthly bulletin: the office and department leaders. */
export const mayDownload = (user: SessionUser | null) =>
  user?.role === 'admin' || user?.role === 'department';

// Who sees which 督查督办 pages in the web app — mirrors the server's supervision.policy.ts (the server decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/** Government roles: the office and department leaders read the ledger; subdistricts their own items. */
export const supervisionRoles: readonly Role[] = ['admin', 'department', 'subdistrict'];

export const mayViewSupervision = (user: SessionUser | null) =>
  !!user && supervisionRoles.includes(user.role);

/** The ledger workspace (all items, filters): the plan office and department leaders. */
export const mayViewLedger = (user: SessionUser | null) =>
  user?.role === 'admin' || user?.role === 'department';

/** Import, export, returning and accepting reports: the plan office. */
export const mayManageLedger = (user: SessionUser | null) => user?.role === 'admin';

/** 我的待办: a unit's own items (departments and subdistricts bound to a unit). */
export const hasOwnItems = (user: SessionUser | null) =>
  !!user && (user.role === 'department' || user.role === 'subdistrict') && !!user.unitId;

/** Creating items: the office for any unit, a unit user for its own. */
export const mayCreateItems = (user: SessionUser | null) => user?.role === 'admin' || hasOwnItems(user);

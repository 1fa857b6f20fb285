// What each role may do in the web app — one place, mirroring the server's access policies (the server decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

export type Action =
  | 'enterprise.list'
  | 'enterprise.create'
  | 'enterprise.import'
  | 'enterprise.export'
  | 'enterprise.edit'
  | 'enterprise.audit'
  | 'user.manage';

const allowed: Record<Action, readonly Role[]> = {
  'enterprise.list': ['admin', 'department', 'subdistrict'],
  'enterprise.create': ['admin', 'subdistrict'],
  'enterprise.import': ['admin', 'subdistrict'],
  'enterprise.export': ['admin', 'department', 'subdistrict'],
  'enterprise.edit': ['admin', 'subdistrict', 'enterprise'],
  'enterprise.audit': ['admin'],
  'user.manage': ['admin'],
};

/** Whether the user may do `action`; for records, `scope` narrows it (a subdistrict user edits only its own). */
export function can(
  user: SessionUser | null,
  action: Action,
  scope?: { subdistrictId?: string; enterpriseId?: string },
): boolean {
  if (!user || !allowed[action].includes(user.role)) return false;
  if (action === 'enterprise.edit' && scope) {
    if (user.role === 'subdistrict') return scope.subdistrictId === user.unitId;
    if (user.role === 'enterprise') return scope.enterpriseId === user.enterpriseId;
  }
  return true;
}

/** Where the enterprise module starts for this user: the list, or an enterprise user's own record. */
export function enterpriseHome(user: SessionUser): string | null {
  if (user.role === 'enterprise') return user.enterpriseId ? `/enterprises/${user.enterpriseId}` : null;
  return can(user, 'enterprise.list') ? '/enterprises' : null;
}

/**
 * The attributes an enterprise user may change on its own record (the server's enterprises.policy.ts decides;
 * this copy only greys out the rest of the form).
 */
export const selfEditableKeys: readonly string[] = [
  'address',
  'buildingId',
  'fields',
  'contactPerson',
  'contactPhone',
];

// ---- who the user acts for: the web side of the server's Scope (platform/auth/scope.ts) ----

/** Whether `roles` admits the user (a route's guard). */
export const roleAllowed = (user: SessionUser, roles: readonly Role[]): boolean => roles.includes(user.role);

/** An enterprise's own account: the app shows "my enterprise" pages instead of the registry. */
export const actsForEnterprise = (user: SessionUser | null | undefined): boolean =>
  user?.role === 'enterprise';

/** A subdistrict account: its lists hold its own 镇街 only, so there is no subdistrict to filter by. */
export const confinedToSubdistrict = (user: SessionUser | null | undefined): boolean =>
  user?.role === 'subdistrict';

/** Government staff: the plan office, departments and subdistricts (not an enterprise, not a building operator). */
export const isStaff = (user: SessionUser | null | undefined): boolean =>
  !!user && (user.role === 'admin' || user.role === 'department' || user.role === 'subdistrict');

/** A building operator's account (专业运营机构): it keeps its own buildings, units and workstations. */
export const actsForOperator = (user: SessionUser | null | undefined): boolean =>
  user?.role === 'operator' && !!user.operatorId;

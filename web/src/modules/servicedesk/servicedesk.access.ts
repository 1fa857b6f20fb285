// Who sees which service desk (企业诉求) pages and buttons in the web app — mirrors the server's
// servicedesk.policy.ts (the server decides; each request's detail also lists the steps the user may take now).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/** Staff: the plan office, departments and subdistricts (the 诉求工作台 and the figures). */
export const deskStaffRoles: readonly Role[] = ['admin', 'department', 'subdistrict'];
/** Everyone who may open a request's page (an enterprise its own; staff those they may see). */
export const deskRoles: readonly Role[] = ['admin', 'department', 'subdistrict', 'enterprise'];
/** 提交诉求 for one's own enterprise, or 代录 for one. */
export const filingRoles: readonly Role[] = ['admin', 'subdistrict', 'enterprise'];

export const isDeskStaff = (user: SessionUser | null) => !!user && deskStaffRoles.includes(user.role);

/** An enterprise user bound to its enterprise files for itself (我的诉求). */
export const mayFileOwn = (user: SessionUser | null) => user?.role === 'enterprise' && !!user.enterpriseId;

/** 代录: the plan office for any enterprise, a subdistrict for its own enterprises. */
export const mayFileFor = (user: SessionUser | null) =>
  user?.role === 'admin' || (user?.role === 'subdistrict' && !!user.unitId);

/** The desk's configuration and publication: the plan office. */
export const mayConfigure = (user: SessionUser | null) => user?.role === 'admin';
export const mayPublish = mayConfigure;

/** Attaching a file: the enterprise itself, the unit holding the request, the plan office. */
export const mayAttach = (
  user: SessionUser | null,
  r: { unit: { id: string } | null; state: string },
): boolean => {
  if (!user || r.state === 'closed') return false;
  if (user.role === 'enterprise' || user.role === 'admin') return true;
  return !!user.unitId && r.unit?.id === user.unitId;
};

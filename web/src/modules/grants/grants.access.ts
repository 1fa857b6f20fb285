// Who may see and act on grant batches in the web app — mirrors the server's policies module (the server decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/** Government roles that follow grant batches (read). */
export const grantViewRoles: readonly Role[] = ['admin', 'department', 'subdistrict'];

export const mayViewGrants = (user: SessionUser | null) => !!user && grantViewRoles.includes(user.role);

/**
 * The plan office reviews, publishes, resolves objections, decides and cancels. The session does not say whether a
 * department user is bound to the office, so only administrators see the buttons; the server still decides.
 */
export const mayManageGrants = (user: SessionUser | null) => user?.role === 'admin';

/** Whether the user may see this enterprise's policy view: the enterprise itself, or staff. */
export function mayViewEnterprisePolicies(user: SessionUser | null, enterpriseId: string): boolean {
  if (!user) return false;
  if (user.role === 'enterprise') return user.enterpriseId === enterpriseId;
  return true;
}

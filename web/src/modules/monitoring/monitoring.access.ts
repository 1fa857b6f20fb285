// Who may do what with monitoring in the web app — mirrors the server's monitoring.policy.ts (the server decides).
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { isStaff } from '../../app/access.ts';

/** The enterprises behind a computed figure: government users (a subdistrict sees its own only). */
export const mayDrillDown = (
  user: SessionUser | null | undefined,
  target: { formulaKind: string },
): boolean => isStaff(user) && target.formulaKind !== 'manual';

/** Entering a manually reported value: the plan office and departments. */
export const mayEnterManualValue = (user: SessionUser | null | undefined): boolean =>
  user?.role === 'admin' || user?.role === 'department';

/** Recomputing every figure now: the plan office. */
export const mayRecompute = (user: SessionUser | null | undefined): boolean => user?.role === 'admin';

/** Whether a user's drill-down is confined to their own subdistrict. */
export const drillConfinedToOwnSubdistrict = (user: SessionUser | null | undefined): boolean =>
  user?.role === 'subdistrict';

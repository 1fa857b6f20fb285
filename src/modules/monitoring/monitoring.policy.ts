// Who may do what with monitoring: the one place access to targets, drill-down, manual values and recompute is decided.
import { isGovernmentStaff } from '../../platform/auth/scope.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import type { Scope } from '../../platform/auth/scope.ts';
import { enterpriseScope } from '../enterprises/enterprises.policy.ts';

/**
 * `view`: the signed-in overview and target pages (every role; the public has its own pages) · `drillDown`: the
 * enterprises behind a figure · `readManualValues` · `enterManualValue` · `recompute` · `remind`: 催报, reminding the
 * enterprises in the user's reach that have not reported (the plan office, a subdistrict for its own).
 */
export type MonitoringAction =
  'view' | 'drillDown' | 'readManualValues' | 'enterManualValue' | 'recompute' | 'remind';

/** Whether `user` may do `action`. No monitoring action concerns a single record, so there is none to pass. */
export function can(user: SessionUser | null, action: MonitoringAction, _record?: undefined): boolean {
  if (!user) return false;
  const role = user.role;
  switch (action) {
    case 'view':
      return true;
    case 'drillDown':
    case 'readManualValues':
      // Government users only: an enterprise sees its own figures in its reports, never another firm's.
      return isGovernmentStaff(user);
    case 'enterManualValue':
      return role === 'admin' || role === 'department';
    case 'recompute':
      return role === 'admin';
    case 'remind':
      return role === 'admin' || role === 'subdistrict';
  }
}

/** The one subdistrict a user's drill-down is confined to (a subdistrict user's own), or null for the district. */
export const drillDownSubdistrict = (user: SessionUser): string | null =>
  user.role === 'subdistrict' ? user.unitId : null;

/** The enterprises a user's 催报 reaches: the registry's reach (the district, or a subdistrict's own). */
export const remindScope = (user: SessionUser): Scope => enterpriseScope(user);

/** Who a 催报 says it comes from: the user's unit, else the plan office. */
export const remindSender = (user: SessionUser): string => user.unitName ?? '“满天星”行动计划办公室';

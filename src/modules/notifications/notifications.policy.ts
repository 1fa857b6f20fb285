// Who reads which inbox: the one place that decides which recipients' notifications a user sees.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import type { Recipient } from './notifications.ts';

export type Reader = Pick<SessionUser, 'id' | 'districtId' | 'role' | 'unitId' | 'enterpriseId'> &
  Partial<Pick<SessionUser, 'operatorId'>>;

/**
 * The recipients whose notifications `user` sees: the user, the unit they are bound to (department and
 * subdistrict users), the enterprise they are bound to (enterprise users), the carrier operator they are bound to
 * (operator users) and, for administrators, the plan office.
 */
export function audienceOf(user: Reader, officeUnitIds: readonly string[]): Recipient[] {
  const audience: Recipient[] = [{ kind: 'user', id: user.id }];
  if ((user.role === 'department' || user.role === 'subdistrict') && user.unitId)
    audience.push({ kind: 'unit', id: user.unitId });
  if (user.role === 'enterprise' && user.enterpriseId)
    audience.push({ kind: 'enterprise', id: user.enterpriseId });
  if (user.role === 'operator' && user.operatorId) audience.push({ kind: 'operator', id: user.operatorId });
  if (user.role === 'admin') for (const id of officeUnitIds) audience.push({ kind: 'unit', id });
  return audience;
}

/** Whether the plan office's notifications are part of this user's inbox (decides whether to look the office up). */
export const readsOfficeInbox = (user: Reader): boolean => user.role === 'admin';

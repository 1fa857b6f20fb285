// Who may do what in 督查督办: the one place access to work items, their reports and attachments is decided.
// The plan office (admin) runs the ledger; department leaders read every item and edit their own unit's; a
// subdistrict reads and edits its own; enterprises and the public see nothing (public task colours come later).
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { inScope, userScope, type Scope, isGovernmentStaff } from '../../platform/auth/scope.ts';

/**
 * `read`: an item, its reports and attachments · `edit`: create or change an item, report on it, attach files ·
 * `review`: return or accept a report · `ledger`: the whole ledger's import and export · `rollup`: the tasks'
 * roll-up · `todo`: 我的待办 · `close`: set an item done or cancelled (销号 is the plan office's confirmation).
 */
export type SupervisionAction =
  | 'read'
  | 'edit'
  | 'review'
  | 'ledger'
  | 'rollup'
  | 'todo'
  | 'close'
  /** 督办单: issue one by hand, and close one out (销号) — the plan office's. */
  | 'notice'
  /** 督办单: acknowledge (签收) and answer with the remediation (整改情况) — the owning unit's own users. */
  | 'respond'
  /** Change the district's status thresholds and ladder settings — the plan office's. */
  | 'settings';

/** What an item says about where it belongs: its owning unit (a department, a group, or a subdistrict). */
export interface ItemLike {
  ownerUnitId: string;
}

const asRecord = (item: ItemLike) => ({ unitId: item.ownerUnitId, subdistrictId: item.ownerUnitId });

/** The items a user may read: the district for the office and departments, its own for a subdistrict. */
export const readScope = (user: SessionUser | null): Scope => userScope(user, { department: 'district' });

/** The items a user may edit and report on: the district for the office, its own unit's for everyone else. */
export const editScope = (user: SessionUser | null): Scope => userScope(user, { department: 'unit' });

export function can(user: SessionUser | null, action: SupervisionAction, item?: ItemLike): boolean {
  if (!user) return false;
  switch (action) {
    case 'read':
      return item
        ? inScope(readScope(user), asRecord(item))
        : !('none' in readScope(user)) && !actsForEnterprise(user);
    case 'edit':
      return item
        ? inScope(editScope(user), asRecord(item))
        : !('none' in editScope(user)) && !actsForEnterprise(user);
    case 'review':
    case 'ledger':
    case 'close':
    case 'notice':
    case 'settings':
      return user.role === 'admin';
    case 'respond':
      // The unit addressed answers for itself; the plan office issues and closes but does not sign for a unit.
      if (user.role === 'admin' || actsForEnterprise(user)) return false;
      return item ? inScope(editScope(user), asRecord(item)) : !('none' in editScope(user));
    case 'rollup':
    case 'todo':
      return isGovernmentStaff(user);
  }
}

/** Outside government: an enterprise, a building operator — neither reads nor keeps the ledger. */
const actsForEnterprise = (user: SessionUser) => !isGovernmentStaff(user);

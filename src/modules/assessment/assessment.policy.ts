// Who may do what in the annual assessment: the one place access to schemes, scorecards, rankings, closing a year,
// bonus items and the monthly bulletin is decided. The plan office (admin) runs it; department leaders read every
// scorecard; a subdistrict reads its own; enterprises and the public nothing.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { inScope, userScope, type Scope, isGovernmentStaff } from '../../platform/auth/scope.ts';

/**
 * `readScheme`: a year's scheme (every unit may know how it is scored) · `editScheme`: save it, generate the example,
 * enter bonus items · `read`: scorecards within reach · `rank`: the rankings (totals, no breakdown) · `close`: close
 * a year and recompute it (revisions) · `export`: the scorecards .xlsx · `bulletin`: the monthly 讲评通报.
 */
export type AssessmentAction =
  'readScheme' | 'editScheme' | 'read' | 'rank' | 'close' | 'export' | 'bulletin';

/** The scorecards a user reads: the district for the office and departments, its own for a subdistrict. */
export const readScope = (user: SessionUser | null): Scope => userScope(user, { department: 'district' });

export function can(user: SessionUser | null, action: AssessmentAction, card?: { unitId: string }): boolean {
  if (!user || !isGovernmentStaff(user)) return false;
  switch (action) {
    case 'readScheme':
    case 'rank':
      return true;
    case 'read':
      return card ? inScope(readScope(user), { unitId: card.unitId, subdistrictId: card.unitId }) : true;
    case 'export':
    case 'bulletin':
      return user.role === 'admin' || user.role === 'department';
    case 'editScheme':
    case 'close':
      return user.role === 'admin';
  }
}

// Which home a user lands on — mirrors what the server lets each role do (the server decides what each page shows).
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/**
 * `overview`: the plan office keeps the district overview · `enterprise`: what the enterprise must do (its report,
 * policies, grants) · `subdistrict`: its own reporting, rank and non-reporters · `department`: the targets and tasks it
 * leads. An account not yet bound to its unit or enterprise lands on the overview.
 */
export type HomeKind = 'overview' | 'enterprise' | 'subdistrict' | 'department';

export function homeKind(user: SessionUser): HomeKind {
  switch (user.role) {
    case 'admin':
      return 'overview';
    case 'enterprise':
      return user.enterpriseId ? 'enterprise' : 'overview';
    case 'subdistrict':
      return user.unitId ? 'subdistrict' : 'overview';
    case 'department':
      return user.unitId ? 'department' : 'overview';
    case 'operator':
      // A building operator's work is its own buildings (the carrier-space pages); its home is the overview.
      return 'overview';
  }
}

/** Where "/" leads a signed-in user: the overview, or the role's own home. */
export const homePath = (user: SessionUser): string =>
  homeKind(user) === 'overview' ? '/monitoring' : '/home';

/** 催报: the plan office and a subdistrict for its own (monitoring.policy.ts `remind`). */
export const mayUrge = (user: SessionUser | null): boolean =>
  !!user && (user.role === 'admin' || user.role === 'subdistrict');

// Who may do what with monitoring, role by role (the route × role test checks the same through HTTP).
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { can, drillDownSubdistrict, type MonitoringAction } from './monitoring.policy.ts';

const user = (role: SessionUser['role'], unitId: string | null = null): SessionUser => ({
  id: 'u',
  username: 'u',
  displayName: 'U',
  role,
  districtId: 'd',
  districtName: 'D',
  unitId,
  unitName: null,
  enterpriseId: role === 'enterprise' ? 'e' : null,
  enterpriseName: null,
  operatorId: role === 'operator' ? 'op' : null,
  operatorName: null,
  mustChangePassword: false,
});

describe('monitoring policy', () => {
  const actions: MonitoringAction[] = [
    'view',
    'drillDown',
    'readManualValues',
    'enterManualValue',
    'recompute',
  ];
  const allowed = (u: SessionUser | null) => actions.filter((a) => can(u, a));

  it('gives each role its actions, and the signed-out none', () => {
    expect(allowed(null)).toEqual([]);
    expect(allowed(user('admin'))).toEqual(actions);
    expect(allowed(user('department', 'dep'))).toEqual([
      'view',
      'drillDown',
      'readManualValues',
      'enterManualValue',
    ]);
    expect(allowed(user('subdistrict', 'sub'))).toEqual(['view', 'drillDown', 'readManualValues']);
    expect(allowed(user('enterprise'))).toEqual(['view']);
    // A building operator is no government staff: the overview, never an enterprise's figures.
    expect(allowed(user('operator'))).toEqual(['view']);
  });

  it("confines a subdistrict user's drill-down to its own subdistrict", () => {
    expect(drillDownSubdistrict(user('subdistrict', 'sub'))).toBe('sub');
    expect(drillDownSubdistrict(user('department', 'dep'))).toBeNull();
    expect(drillDownSubdistrict(user('admin'))).toBeNull();
  });
});

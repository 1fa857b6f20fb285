// What an account form asks for, by the role chosen: the binding (a department, a 镇街, an enterprise) comes from
// the server's contract (roleBinding), so the form and the server's check read one table.
import { roleBinding, type Role } from '@contracts/platform/auth/auth.contract.ts';

/** The unit kinds a role's binding accepts in the picker (null: the role binds no unit). */
export function unitKindsFor(role: Role | undefined): readonly string[] | null {
  const binding = role ? roleBinding[role] : null;
  if (binding === 'department') return ['department', 'office'];
  if (binding === 'subdistrict') return ['subdistrict'];
  return null;
}

export const bindsUnit = (role: Role | undefined): boolean => unitKindsFor(role) !== null;
export const bindsSubdistrict = (role: Role | undefined): boolean =>
  !!role && roleBinding[role] === 'subdistrict';
export const bindsEnterprise = (role: Role | undefined): boolean =>
  !!role && roleBinding[role] === 'enterprise';
export const bindsOperator = (role: Role | undefined): boolean => !!role && roleBinding[role] === 'operator';

// Who may do what with enterprise records: the one place access to the registry is decided.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { inScope as recordInScope, userScope, type Scope } from '../../platform/auth/scope.ts';

export type EnterpriseAction = 'list' | 'read' | 'create' | 'update' | 'import' | 'export' | 'audit';

/** The rows a user may see at all: the whole district, one subdistrict, or one enterprise (platform Scope). */
export type EnterpriseScope = Scope;

/** Departments oversee the whole registry (read-only); subdistricts their own; an enterprise itself. */
export const enterpriseScope = (user: SessionUser | null): EnterpriseScope =>
  userScope(user, { department: 'district' });

export interface EnterpriseLike {
  id: string;
  subdistrictId: string;
}

const inScope = (scope: EnterpriseScope, e: EnterpriseLike) =>
  recordInScope(scope, { enterpriseId: e.id, subdistrictId: e.subdistrictId });

/** Whether `user` may do `action`, on `record` where the action concerns one. */
export function can(user: SessionUser | null, action: EnterpriseAction, record?: EnterpriseLike): boolean {
  if (!user) return false;
  const scope = enterpriseScope(user);
  if ('none' in scope) return false;
  const role = user.role;
  switch (action) {
    case 'list':
    case 'export':
      return true;
    case 'read':
      return !!record && inScope(scope, record);
    case 'import':
      return role === 'admin' || role === 'subdistrict';
    case 'create':
      // With a record: the enterprise as it would be registered must lie in the user's scope.
      return (role === 'admin' || role === 'subdistrict') && (!record || inScope(scope, record));
    case 'update':
      return !!record && role !== 'department' && inScope(scope, record);
    case 'audit':
      return role === 'admin';
  }
}

export type WriteRefusal = 'notFound' | 'forbidden' | 'outOfScope';

/**
 * Whether `user` may write `after` over `before` (absent: a new enterprise) — the one decision a single create,
 * a single edit and every row of an import share. `notFound`: the record is outside what the user may see, and
 * must be answered as if it did not exist; `forbidden`: visible but not the user's to change; `outOfScope`: the
 * record would end up outside the user's scope (registered in, or moved to, another subdistrict).
 */
export function writeDecision(
  user: SessionUser | null,
  before: EnterpriseLike | undefined,
  after: EnterpriseLike,
): WriteRefusal | null {
  if (before) {
    if (!can(user, 'read', before)) return 'notFound';
    if (!can(user, 'update', before)) return 'forbidden';
    return can(user, 'update', after) ? null : 'outOfScope';
  }
  if (!can(user, 'create')) return 'forbidden';
  return can(user, 'create', after) ? null : 'outOfScope';
}

/** The attributes an enterprise user may change on its own record; the rest are the government's to keep. */
export const selfEditableKeys = ['address', 'buildingId', 'fields', 'contactPerson', 'contactPhone'] as const;

/** Whether `user`'s edits are confined to {@link selfEditableKeys} (an enterprise editing its own record). */
export const editsOnlySelfEditableKeys = (user: SessionUser): boolean => user.role === 'enterprise';

/**
 * Whether `user` is shown an enterprise's contact phone in full on its pages: the enterprise itself. Staff see it
 * masked and read it in full through GET /api/enterprises/:id/contact, which is audited.
 */
export const seesContactInFull = (user: SessionUser): boolean => user.role === 'enterprise';

// The one access seam shared by every module: how far a user reaches over records (a Scope), that reach as SQL
// (scopeWhere) and for one record (inScope), and the one way a route answers a record the user may not see
// (loadOr404). What each role may do with each record stays in the module's own <m>.policy.ts; this file only
// knows the five kinds of reach a government platform has.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { notFound } from '../http/errors.ts';
import type { SessionUser } from './auth.contract.ts';

/**
 * The rows a user may see of one kind of record: the whole district, those routed to one unit (a department's
 * own tasks or requests), those of one subdistrict (its enterprises, buildings, requests), those of one enterprise,
 * or nothing (the public, an account not yet bound).
 */
export type Scope =
  | { all: true }
  | { unitId: string }
  | { subdistrictId: string }
  | { enterpriseId: string }
  | { operatorId: string }
  | { none: true };

export interface ScopeOptions {
  /**
   * What a department user reaches: the whole district (the registry, policy results: read-only oversight), or only
   * the records routed to its own unit (a key task it leads, a service-desk request assigned to it).
   */
  department: 'district' | 'unit';
}

/** The reach of `user` over one kind of record. Administrators (the plan office) reach the whole district. */
export function userScope(
  user: SessionUser | null,
  options: ScopeOptions = { department: 'district' },
): Scope {
  if (!user) return { none: true };
  switch (user.role) {
    case 'admin':
      return { all: true };
    case 'department':
      if (options.department === 'district') return { all: true };
      return user.unitId ? { unitId: user.unitId } : { none: true };
    case 'subdistrict':
      return user.unitId ? { subdistrictId: user.unitId } : { none: true };
    case 'enterprise':
      return user.enterpriseId ? { enterpriseId: user.enterpriseId } : { none: true };
    case 'operator':
      return user.operatorId ? { operatorId: user.operatorId } : { none: true };
  }
}

/**
 * Government staff: the plan office, a district department, a subdistrict. Neither an enterprise nor a building
 * operator (an outside organisation that keeps only its own buildings) is: "not an enterprise" is no test of staff.
 */
export const isGovernmentStaff = (user: SessionUser): boolean =>
  user.role === 'admin' || user.role === 'department' || user.role === 'subdistrict';

/** What a record says about where it belongs; a key the record lacks never matches (closed by default). */
export interface ScopedRecord {
  /** The enterprise's own id for an enterprise record, or the enterprise a record concerns. */
  enterpriseId?: string | null;
  subdistrictId?: string | null;
  unitId?: string | null;
  /** The carrier operator (运营机构) whose building the record belongs to. */
  operatorId?: string | null;
}

/** Whether one record lies within `scope`. */
export function inScope(scope: Scope, record: ScopedRecord): boolean {
  if ('all' in scope) return true;
  if ('unitId' in scope) return !!record.unitId && record.unitId === scope.unitId;
  if ('subdistrictId' in scope) return !!record.subdistrictId && record.subdistrictId === scope.subdistrictId;
  if ('enterpriseId' in scope) return !!record.enterpriseId && record.enterpriseId === scope.enterpriseId;
  if ('operatorId' in scope) return !!record.operatorId && record.operatorId === scope.operatorId;
  return false;
}

/** The columns (or SQL expressions) of a query that say where a row belongs. */
export interface ScopeColumns {
  enterpriseId?: SQLWrapper;
  subdistrictId?: SQLWrapper;
  unitId?: SQLWrapper;
  operatorId?: SQLWrapper;
}

/**
 * `scope` as one SQL condition on `columns`: TRUE for the district, FALSE for nothing — and FALSE when the query has
 * no column for the scope's kind, so a module that forgets one shows nothing rather than everything.
 */
export function scopeWhere(scope: Scope, columns: ScopeColumns): SQL {
  if ('all' in scope) return sql`TRUE`;
  if ('unitId' in scope) return columns.unitId ? sql`${columns.unitId} = ${scope.unitId}` : sql`FALSE`;
  if ('subdistrictId' in scope)
    return columns.subdistrictId ? sql`${columns.subdistrictId} = ${scope.subdistrictId}` : sql`FALSE`;
  if ('enterpriseId' in scope)
    return columns.enterpriseId ? sql`${columns.enterpriseId} = ${scope.enterpriseId}` : sql`FALSE`;
  if ('operatorId' in scope)
    return columns.operatorId ? sql`${columns.operatorId} = ${scope.operatorId}` : sql`FALSE`;
  return sql`FALSE`;
}

/**
 * Load one record and answer 404 — the same answer as for a record that does not exist — when it is absent or the
 * user may not see it, so no one can probe which records exist outside their reach. `what` names the record in the
 * message (`企业不存在`).
 */
export async function loadOr404<T>(
  load: () => Promise<T | null | undefined>,
  visible: (record: T) => boolean,
  what?: string,
): Promise<T> {
  const record = await load();
  if (record === null || record === undefined || !visible(record)) throw notFound(what);
  return record;
}

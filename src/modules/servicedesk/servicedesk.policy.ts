// Who may do what at the service desk: the one place access to requests is decided.
// An enterprise user sees and acts on its own enterprise's requests (files, adds material, rates); a unit user
// (department or subdistrict) sees the requests routed to its unit, and those it handled before (a return, a
// reassignment), and acts on the one it holds now; a subdistrict user also sees its enterprises' requests; the plan
// office (admin) sees all, dispatches, decides returns (审定), approves extensions, edits the configuration and
// records a 回访 by phone. The public reads only the anonymised figures and the published answers.
import { or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { inScope, scopeWhere, userScope, isGovernmentStaff } from '../../platform/auth/scope.ts';

export type DeskAction =
  /** File a request for one's own enterprise. */
  | 'file'
  /** 代录: register a request for an enterprise named by USCC or name (the plan office, a subdistrict). */
  | 'fileFor'
  | 'read'
  /** See internal notes, duplicate flags and the staff's figures. */
  | 'readInternal'
  /** 派单 and reassignment, 审定 of a return, 延期 approval, publication: the plan office's. */
  | 'dispatch'
  /** 签收, 退单, notes, 补充材料, 延期 request, 答复, 需协调: the unit holding the request. */
  | 'handle'
  /** The enterprise's own: supplying material. */
  | 'supplement'
  /** 回访: the enterprise's rating, or the plan office recording one taken by phone. */
  | 'rate'
  /** Attach a file: the enterprise, the holding unit, the plan office. */
  | 'attach'
  | 'configure'
  /** The staff's list page and figures. */
  | 'list';

/** What a request says about whom it concerns. */
export interface RequestLike {
  enterpriseId: string;
  subdistrictId: string;
  unitId: string | null;
  handledUnitIds: readonly string[];
}

const isStaff = isGovernmentStaff;
const ownEnterprise = (user: SessionUser, r: RequestLike) =>
  inScope(userScope(user), { enterpriseId: r.enterpriseId }) && user.role === 'enterprise';
const holds = (user: SessionUser, r: RequestLike) =>
  (user.role === 'department' || user.role === 'subdistrict') && !!user.unitId && r.unitId === user.unitId;
const handledBefore = (user: SessionUser, r: RequestLike) =>
  (user.role === 'department' || user.role === 'subdistrict') &&
  !!user.unitId &&
  r.handledUnitIds.includes(user.unitId);
const ofSubdistrict = (user: SessionUser, r: RequestLike) =>
  user.role === 'subdistrict' && inScope(userScope(user), { subdistrictId: r.subdistrictId });

export function can(user: SessionUser | null, action: DeskAction, r?: RequestLike): boolean {
  if (!user) return false;
  const admin = user.role === 'admin';
  switch (action) {
    case 'file':
      return user.role === 'enterprise' && !!user.enterpriseId;
    case 'fileFor':
      return admin || (user.role === 'subdistrict' && !!user.unitId);
    case 'list':
    case 'readInternal':
      return isStaff(user) && (!r || mayRead(user, r));
    case 'read':
      return r ? mayRead(user, r) : true;
    case 'dispatch':
    case 'configure':
      return admin;
    case 'handle':
      return !!r && holds(user, r);
    case 'supplement':
      return !!r && (ownEnterprise(user, r) || admin);
    case 'rate':
      return !!r && (ownEnterprise(user, r) || admin);
    case 'attach':
      return !!r && (ownEnterprise(user, r) || holds(user, r) || admin);
  }
}

function mayRead(user: SessionUser, r: RequestLike): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'enterprise') return ownEnterprise(user, r);
  return holds(user, r) || handledBefore(user, r) || ofSubdistrict(user, r);
}

/** A subdistrict user registering a request may name only an enterprise of its own subdistrict. */
export const mayFileForSubdistrict = (user: SessionUser, subdistrictId: string) =>
  user.role === 'admin' || inScope(userScope(user), { subdistrictId });

/** Contact phones: in full for the enterprise itself, masked for staff (as enterprise contacts elsewhere). */
export const seesContactInFull = (user: SessionUser) => user.role === 'enterprise';

/** The requests a user may read, as one SQL condition on the request table's columns. */
export function visibleWhere(
  user: SessionUser,
  cols: {
    enterpriseId: SQLWrapper;
    subdistrictId: SQLWrapper;
    unitId: SQLWrapper;
    handledUnitIds: SQLWrapper;
  },
): SQL {
  if (user.role === 'admin' || user.role === 'enterprise')
    return scopeWhere(userScope(user), { enterpriseId: cols.enterpriseId });
  if (!user.unitId) return sql`FALSE`;
  const routed = or(
    scopeWhere({ unitId: user.unitId }, { unitId: cols.unitId }),
    sql`${user.unitId}::uuid = ANY(${cols.handledUnitIds})`,
  )!;
  return user.role === 'subdistrict'
    ? or(routed, scopeWhere(userScope(user), { subdistrictId: cols.subdistrictId }))!
    : routed;
}

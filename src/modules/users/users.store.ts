// User management over the platform's accounts: a role's binding checked against the units and enterprises that
// own them, and the names a bound account shows (SQL fragments from those modules; the account SQL itself is
// platform/auth/accounts.store.ts).
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  createAccount,
  describeAccount,
  listAccounts,
  sessionUserByToken as sessionByToken,
  updateAccount,
  type AccountNames,
  type AccountValues,
} from '../../platform/auth/accounts.store.ts';
import { roleBinding, type User } from '../../platform/auth/auth.contract.ts';
import { findUnit, unitNameSql } from '../units/units.store.ts';
import { findEnterpriseRow } from '../enterprises/enterprises.store.ts';
import { enterpriseNameSql } from '../enterprises/enterprises.sql.ts';
import { findOperator, operatorNameSql } from '../space/space.store.ts';

export { changeOwnPassword } from '../../platform/auth/accounts.store.ts';
export type UserValues = AccountValues;

/** How an account's bound unit and enterprise are named: by the modules that own them. */
const names: AccountNames = { unit: unitNameSql, enterprise: enterpriseNameSql, operator: operatorNameSql };

/** The unit kinds each binding accepts. */
const unitKinds = {
  department: ['department', 'office', 'stateGroup'],
  subdistrict: ['subdistrict'],
} as const;

/** A role's binding must name the right thing: a department for department users, a 镇街 for subdistrict users. */
export async function checkBinding(
  db: Queryable,
  districtId: string,
  v: Pick<UserValues, 'role' | 'unitId' | 'enterpriseId' | 'operatorId' | 'unitHead'>,
) {
  const fail = (path: string, message: string) => new AppError('VALIDATION', message, [{ path, message }]);
  const binding = roleBinding[v.role];
  if (binding === 'department' || binding === 'subdistrict') {
    if (!v.unitId) throw fail('unitId', '请选择所属单位');
    const u = await findUnit(db, districtId, v.unitId);
    if (!u || !(unitKinds[binding] as readonly string[]).includes(u.kind))
      throw fail('unitId', binding === 'department' ? '请选择区级部门' : '请选择镇街');
  } else if (v.unitId) throw fail('unitId', '该角色不绑定单位');
  if (binding === 'enterprise') {
    if (!v.enterpriseId) throw fail('enterpriseId', '请选择企业');
    if (!(await findEnterpriseRow(db, districtId, v.enterpriseId))) throw fail('enterpriseId', '企业不存在');
  } else if (v.enterpriseId) throw fail('enterpriseId', '该角色不绑定企业');
  if (binding === 'operator') {
    if (!v.operatorId) throw fail('operatorId', '请选择运营机构');
    if (!(await findOperator(db, districtId, v.operatorId))) throw fail('operatorId', '运营机构不存在');
  } else if (v.operatorId) throw fail('operatorId', '该角色不绑定运营机构');
  if (v.unitHead && binding !== 'department' && binding !== 'subdistrict')
    throw fail('unitHead', '只有区级部门和镇街的用户可设为单位负责人');
}

export const listUsers = (db: Queryable, districtId: string): Promise<User[]> =>
  listAccounts(db, districtId, names);

export async function createUser(
  db: Db,
  actor: Actor,
  v: UserValues & { username: string; password: string },
): Promise<string> {
  await checkBinding(db, actor.districtId, v);
  return createAccount(db, actor, v);
}

export async function updateUser(db: Db, actor: Actor, id: string, v: UserValues): Promise<void> {
  await checkBinding(db, actor.districtId, v);
  await updateAccount(db, actor, id, v);
}

/** Names shown with a session user: district, bound unit, bound enterprise, bound operator. */
export const describeUser = (
  db: Queryable,
  row: { districtId: string; unitId: string | null; enterpriseId: string | null; operatorId: string | null },
) => describeAccount(db, row, names);

/** The signed-in user behind a session token hash, with names, in one query. */
export const sessionUserByToken = (db: Queryable, tokenHash: string) => sessionByToken(db, tokenHash, names);

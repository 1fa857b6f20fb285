// The only SQL about accounts outside login: list, create, update, a user's own password change, and the session
// lookup with names. Names of a bound unit or enterprise come from the modules that own those tables, as SQL
// fragments (AccountNames), so this platform code never names their tables.
import { and, asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, Queryable } from '../db/db.ts';
import { rows } from '../db/db.ts';
import { districts } from '../district.schema.ts';
import { audit, systemActor, type Actor } from '../audit/audit.ts';
import { AppError } from '../http/errors.ts';
import { loginFailures, sessions, users } from './auth.schema.ts';
import { recordFailure } from './login-throttle.ts';
import { checkPassword, hashPassword, verifyPassword } from './password.ts';
import { destroyUserSessions, type UserRow } from './session.ts';
import { wouldLockOutSelf } from './accounts.policy.ts';
import type { Role, SessionUser, User } from './auth.contract.ts';

/** Scalar subqueries naming a bound unit, enterprise and operator (district and id may name outer columns). */
export interface AccountNames {
  unit: (districtId: SQLWrapper, id: SQLWrapper) => SQL;
  enterprise: (districtId: SQLWrapper, id: SQLWrapper) => SQL;
  operator: (districtId: SQLWrapper, id: SQLWrapper) => SQL;
}

export interface AccountValues {
  username?: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  enterpriseId: string | null;
  operatorId?: string | null;
  unitHead?: boolean;
  disabled?: boolean;
  password?: string | undefined;
}

export async function listAccounts(db: Queryable, districtId: string, names: AccountNames): Promise<User[]> {
  const found = await db
    .select({
      u: users,
      unitName: sql<string | null>`${names.unit(users.districtId, users.unitId)}`,
      enterpriseName: sql<string | null>`${names.enterprise(users.districtId, users.enterpriseId)}`,
      operatorName: sql<string | null>`${names.operator(users.districtId, users.operatorId)}`,
    })
    .from(users)
    .where(eq(users.districtId, districtId))
    .orderBy(asc(users.role), asc(users.username));
  return found.map(({ u, unitName, enterpriseName, operatorName }) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    unitId: u.unitId,
    unitName: unitName ?? null,
    enterpriseId: u.enterpriseId,
    enterpriseName: enterpriseName ?? null,
    operatorId: u.operatorId,
    operatorName: operatorName ?? null,
    disabled: u.disabled,
    unitHead: u.unitHead,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    createdAt: new Date(u.createdAt).toISOString(),
  }));
}

const snapshot = ({ passwordHash: _p, createdAt: _c, updatedAt: _u, lastLoginAt: _l, ...rest }: UserRow) =>
  rest;

/** A new account (the binding already checked by the caller); the username must be free in the district. */
export async function createAccount(
  db: Db,
  actor: Actor,
  v: AccountValues & { username: string; password: string },
): Promise<string> {
  const districtId = actor.districtId;
  checkPassword(v.password, 'password', v.username);
  const passwordHash = await hashPassword(v.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.districtId, districtId), eq(users.username, v.username)))
      .limit(1);
    if (taken)
      throw new AppError('CONFLICT', '用户名已存在', [{ path: 'username', message: '用户名已存在' }]);
    const [row] = await tx
      .insert(users)
      .values({
        districtId,
        username: v.username,
        displayName: v.displayName,
        passwordHash,
        role: v.role,
        unitId: v.unitId,
        enterpriseId: v.enterpriseId,
        operatorId: v.operatorId ?? null,
        unitHead: !!v.unitId && (v.unitHead ?? false),
        // The administrator chose this password: the user replaces it at first login.
        mustChangePassword: true,
      })
      .returning();
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: row!.id, after: snapshot(row!) });
    return row!.id;
  });
}

/** Edit an account (the binding already checked by the caller); a changed access ends the user's sessions. */
export async function updateAccount(db: Db, actor: Actor, id: string, v: AccountValues): Promise<void> {
  const districtId = actor.districtId;
  const passwordHash = v.password ? await hashPassword(v.password) : undefined;
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.districtId, districtId), eq(users.id, id)))
      .limit(1);
    if (!before) throw new AppError('NOT_FOUND', '用户不存在');
    if (v.password) checkPassword(v.password, 'password', before.username);
    if (wouldLockOutSelf(actor.userId, before.id, v)) {
      throw new AppError('VALIDATION', '不能停用自己或取消自己的管理员角色', [
        { path: 'role', message: '不能修改自己的角色或停用自己' },
      ]);
    }
    const [after] = await tx
      .update(users)
      .set({
        displayName: v.displayName,
        role: v.role,
        unitId: v.unitId,
        enterpriseId: v.enterpriseId,
        operatorId: v.operatorId ?? null,
        unitHead: !!v.unitId && (v.unitHead ?? false),
        disabled: v.disabled ?? false,
        ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(users.districtId, districtId), eq(users.id, id)))
      .returning();
    await audit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after!),
      ...(passwordHash ? { note: 'password reset' } : {}),
    });
    // A changed role, binding, password or a disabled account ends the user's open sessions.
    const changedAccess =
      passwordHash ||
      after!.disabled ||
      before.role !== after!.role ||
      before.unitId !== after!.unitId ||
      before.enterpriseId !== after!.enterpriseId ||
      before.operatorId !== after!.operatorId;
    if (changedAccess) await destroyUserSessions(tx as unknown as Db, districtId, id);
  });
}

/**
 * A user changes their own password: the current one must be right, the new one acceptable. A wrong current password
 * counts as a failed attempt of (username, address) in the login throttle and is audited; the route checks the
 * throttle first. Every other session of the user ends (a thief's copy of the cookie dies with it); the session making
 * the change stays. A required change (mustChangePassword) is thereby done.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor & { userId: string },
  currentPassword: string,
  newPassword: string,
  keepTokenHash: string,
  attempt: { ip: string; now: Date },
): Promise<void> {
  const districtId = actor.districtId;
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.id, actor.userId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', '用户不存在');
  if (!(await verifyPassword(row.passwordHash, currentPassword))) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, { districtId, username: row.username, ip: attempt.ip, now: attempt.now });
      await audit(tx, actor, {
        action: 'password_change_failed',
        entity: 'user',
        entityId: row.id,
        after: { reason: 'wrong current password' },
        note: attempt.ip,
      });
    });
    throw new AppError('VALIDATION', '当前密码不正确', [
      { path: 'currentPassword', message: '当前密码不正确' },
    ]);
  }
  checkPassword(newPassword, 'newPassword', row.username);
  if (newPassword === currentPassword)
    throw new AppError('VALIDATION', '新密码不能与当前密码相同', [
      { path: 'newPassword', message: '新密码不能与当前密码相同' },
    ]);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` })
      .where(and(eq(users.districtId, districtId), eq(users.id, row.id)));
    await tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.districtId, districtId),
          eq(sessions.userId, row.id),
          sql`${sessions.tokenHash} <> ${keepTokenHash}`,
        ),
      );
    await tx
      .delete(loginFailures)
      .where(
        and(
          eq(loginFailures.districtId, districtId),
          eq(loginFailures.username, row.username),
          eq(loginFailures.ip, attempt.ip),
        ),
      );
    await audit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: row.id,
      note: row.mustChangePassword ? 'initial password changed' : 'password changed',
    });
  });
}

/** Names shown with a session user: district, bound unit, bound enterprise, bound operator. */
export async function describeAccount(
  db: Queryable,
  row: { districtId: string; unitId: string | null; enterpriseId: string | null; operatorId: string | null },
  names: AccountNames,
) {
  const [r] = await rows<{
    district_name: string;
    unit_name: string | null;
    enterprise_name: string | null;
    operator_name: string | null;
  }>(
    db,
    sql`SELECT ${districts.name} AS district_name,
               ${names.unit(districts.id, sql`${row.unitId}::uuid`)} AS unit_name,
               ${names.enterprise(districts.id, sql`${row.enterpriseId}::uuid`)} AS enterprise_name,
               ${names.operator(districts.id, sql`${row.operatorId}::uuid`)} AS operator_name
        FROM ${districts} WHERE ${districts.id} = ${row.districtId}`,
  );
  return {
    districtName: r?.district_name ?? row.districtId,
    unitName: r?.unit_name ?? null,
    enterpriseName: r?.enterprise_name ?? null,
    operatorName: r?.operator_name ?? null,
  };
}

/** The signed-in user behind a session token hash, with district, unit and enterprise names, in one
 * query. */
export async function sessionUserByToken(
  db: Queryable,
  tokenHash: string,
  names: AccountNames,
): Promise<{ user: SessionUser; lastSeenAt: Date } | null> {
  const [r] = (
    (await db.execute(
      sql`SELECT u.id::text, u.username, u.display_name, u.role, u.district_id, d.name AS district_name,
               u.unit_id::text, ${names.unit(sql`u.district_id`, sql`u.unit_id`)} AS unit_name,
               u.enterprise_id::text, ${names.enterprise(sql`u.district_id`, sql`u.enterprise_id`)} AS enterprise_name,
               u.operator_id::text, ${names.operator(sql`u.district_id`, sql`u.operator_id`)} AS operator_name,
               s.last_seen_at::text AS last_seen_at, u.must_change_password::text AS must_change
        FROM sessions s
        JOIN users u ON u.district_id = s.district_id AND u.id = s.user_id AND NOT u.disabled
        JOIN districts d ON d.id = u.district_id
        WHERE s.token_hash = ${tokenHash} AND s.expires_at > now()
        LIMIT 1`,
    )) as unknown as { rows: Record<string, string | null>[] }
  ).rows;
  if (!r) return null;
  return {
    user: {
      id: r.id!,
      username: r.username!,
      displayName: r.display_name!,
      role: r.role as Role,
      districtId: r.district_id!,
      districtName: r.district_name!,
      unitId: r.unit_id ?? null,
      unitName: r.unit_name ?? null,
      enterpriseId: r.enterprise_id ?? null,
      enterpriseName: r.enterprise_name ?? null,
      operatorId: r.operator_id ?? null,
      operatorName: r.operator_name ?? null,
      mustChangePassword: r.must_change === 'true',
    },
    lastSeenAt: new Date(r.last_seen_at!),
  };
}

/** How many accounts the district has (first start: none yet). */
export async function countAccounts(db: Queryable, districtId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.districtId, districtId));
  return r?.n ?? 0;
}

/**
 * A seeded account (the first administrator, the demo users) with a password hash already made, unless its username
 * exists; audited as the system's. Returns the new id, or null when the username was taken.
 */
export async function seedAccount(
  db: Db,
  districtId: string,
  v: Omit<AccountValues, 'password' | 'disabled'> & { username: string; passwordHash: string },
): Promise<string | null> {
  const [exists] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.username, v.username)))
    .limit(1);
  if (exists) return null;
  const [row] = await db
    .insert(users)
    .values({
      districtId,
      username: v.username,
      displayName: v.displayName,
      passwordHash: v.passwordHash,
      role: v.role,
      unitId: v.unitId,
      enterpriseId: v.enterpriseId,
      operatorId: v.operatorId ?? null,
    })
    .returning();
  await audit(db, systemActor(districtId), {
    action: 'create',
    entity: 'user',
    entityId: row!.id,
    after: { username: v.username, role: v.role },
  });
  return row!.id;
}

/** The active 单位负责人 of a unit (the users its 督办单 are addressed to); none when the unit has not named one. */
export async function unitHeads(db: Queryable, districtId: string, unitId: string): Promise<string[]> {
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.districtId, districtId),
        eq(users.unitId, unitId),
        eq(users.unitHead, true),
        eq(users.disabled, false),
      ),
    )
    .orderBy(asc(users.username));
  return found.map((r) => r.id);
}

// The only SQL about accounts outside login: list, create, update, with names of their bound unit or enterprise.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { users } from '../../platform/auth/auth.schema.ts';
import { checkPassword, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { destroyUserSessions } from '../../platform/auth/session.ts';
import { sessions } from '../../platform/auth/auth.schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { units } from '../units/units.schema.ts';
import { enterprises } from '../enterprises/enterprises.schema.ts';
import type { Role, User } from '../../platform/auth/auth.contract.ts';

export interface UserValues {
  username?: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  enterpriseId: string | null;
  disabled?: boolean;
  password?: string | undefined;
}

export async function listUsers(db: Queryable, districtId: string): Promise<User[]> {
  const found = await db
    .select({ u: users, unitName: units.name, enterpriseName: enterprises.name })
    .from(users)
    .leftJoin(units, and(eq(units.districtId, users.districtId), eq(units.id, users.unitId)))
    .leftJoin(
      enterprises,
      and(eq(enterprises.districtId, users.districtId), eq(enterprises.id, users.enterpriseId)),
    )
    .where(eq(users.districtId, districtId))
    .orderBy(asc(users.role), asc(users.username));
  return found.map(({ u, unitName, enterpriseName }) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    unitId: u.unitId,
    unitName,
    enterpriseId: u.enterpriseId,
    enterpriseName,
    disabled: u.disabled,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    createdAt: new Date(u.createdAt).toISOString(),
  }));
}

/** A role's binding must name the right thing: a department for department users, a 镇街 for subdistrict users. */
export async function checkBinding(
  db: Queryable,
  districtId: string,
  v: Pick<UserValues, 'role' | 'unitId' | 'enterpriseId'>,
) {
  const fail = (path: string, message: string) => new AppError('VALIDATION', message, [{ path, message }]);
  if (v.role === 'department' || v.role === 'subdistrict') {
    if (!v.unitId) throw fail('unitId', '请选择所属单位');
    const [u] = await db
      .select({ kind: units.kind })
      .from(units)
      .where(and(eq(units.districtId, districtId), eq(units.id, v.unitId)))
      .limit(1);
    const okKinds = v.role === 'department' ? ['department', 'office', 'stateGroup'] : ['subdistrict'];
    if (!u || !okKinds.includes(u.kind))
      throw fail('unitId', v.role === 'department' ? '请选择区级部门' : '请选择镇街');
  } else if (v.unitId) throw fail('unitId', '该角色不绑定单位');
  if (v.role === 'enterprise') {
    if (!v.enterpriseId) throw fail('enterpriseId', '请选择企业');
    const [e] = await db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.districtId, districtId), eq(enterprises.id, v.enterpriseId)))
      .limit(1);
    if (!e) throw fail('enterpriseId', '企业不存在');
  } else if (v.enterpriseId) throw fail('enterpriseId', '该角色不绑定企业');
}

type UserRow = typeof users.$inferSelect;
const snapshot = ({ passwordHash: _p, createdAt: _c, updatedAt: _u, lastLoginAt: _l, ...rest }: UserRow) =>
  rest;

export async function createUser(
  db: Db,
  actor: Actor,
  v: UserValues & { username: string; password: string },
): Promise<string> {
  const districtId = actor.districtId;
  await checkBinding(db, districtId, v);
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
      })
      .returning();
    await audit(tx, actor, { action: 'create', entity: 'user', entityId: row!.id, after: snapshot(row!) });
    return row!.id;
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, v: UserValues): Promise<void> {
  const districtId = actor.districtId;
  await checkBinding(db, districtId, v);
  const passwordHash = v.password ? await hashPassword(v.password) : undefined;
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.districtId, districtId), eq(users.id, id)))
      .limit(1);
    if (!before) throw new AppError('NOT_FOUND', '用户不存在');
    if (v.password) checkPassword(v.password, 'password', before.username);
    if (before.id === actor.userId && (v.disabled || v.role !== 'admin')) {
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
        disabled: v.disabled ?? false,
        ...(passwordHash ? { passwordHash } : {}),
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
      before.enterpriseId !== after!.enterpriseId;
    if (changedAccess) await destroyUserSessions(tx as unknown as Db, districtId, id);
  });
}

/**
 * A user changes their own password: the current one must be right, the new one acceptable. Every other session of
 * the user ends (a thief's copy of the cookie dies with it); the session making the change stays.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor & { userId: string },
  currentPassword: string,
  newPassword: string,
  keepTokenHash: string,
): Promise<void> {
  const districtId = actor.districtId;
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.id, actor.userId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', '用户不存在');
  if (!(await verifyPassword(row.passwordHash, currentPassword)))
    throw new AppError('VALIDATION', '当前密码不正确', [
      { path: 'currentPassword', message: '当前密码不正确' },
    ]);
  checkPassword(newPassword, 'newPassword', row.username);
  if (newPassword === currentPassword)
    throw new AppError('VALIDATION', '新密码不能与当前密码相同', [
      { path: 'newPassword', message: '新密码不能与当前密码相同' },
    ]);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
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
    await audit(tx, actor, { action: 'update', entity: 'user', entityId: row.id, note: 'password changed' });
  });
}

/** Names shown with a session user: district, bound unit, bound enterprise. */
export async function describeUser(
  db: Queryable,
  row: { districtId: string; unitId: string | null; enterpriseId: string | null },
) {
  const [r] = (
    (await db.execute(
      sql`SELECT d.name AS district_name,
               (SELECT name FROM units WHERE district_id = d.id AND id = ${row.unitId}) AS unit_name,
               (SELECT name FROM enterprises WHERE district_id = d.id AND id = ${row.enterpriseId}) AS enterprise_name
        FROM districts d WHERE d.id = ${row.districtId}`,
    )) as unknown as { rows: unknown[] }
  ).rows as { district_name: string; unit_name: string | null; enterprise_name: string | null }[];
  return {
    districtName: r?.district_name ?? row.districtId,
    unitName: r?.unit_name ?? null,
    enterpriseName: r?.enterprise_name ?? null,
  };
}

/** The signed-in user behind a session token hash, with district, unit and enterprise names, in one query. */
export async function sessionUserByToken(db: Queryable, tokenHash: string) {
  const [r] = (
    (await db.execute(
      sql`SELECT u.id::text, u.username, u.display_name, u.role, u.district_id, d.name AS district_name,
               u.unit_id::text, un.name AS unit_name, u.enterprise_id::text, e.name AS enterprise_name,
               s.last_seen_at::text AS last_seen_at
        FROM sessions s
        JOIN users u ON u.district_id = s.district_id AND u.id = s.user_id AND NOT u.disabled
        JOIN districts d ON d.id = u.district_id
        LEFT JOIN units un ON un.district_id = u.district_id AND un.id = u.unit_id
        LEFT JOIN enterprises e ON e.district_id = u.district_id AND e.id = u.enterprise_id
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
    },
    lastSeenAt: new Date(r.last_seen_at!),
  };
}

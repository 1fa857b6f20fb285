// 忘记密码 through an administrator: a request filed from the login page (the same answer whether or not the account
// exists), listed for administrators, approved (a new initial password, must be changed) or rejected. All audited.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/db.ts';
import { audit, systemActor, type Actor } from '../audit/audit.ts';
import { AppError } from '../http/errors.ts';
import { loginFailures, passwordResetRequests, users } from './auth.schema.ts';
import { destroyUserSessions } from './session.ts';
import type { Role } from './auth.contract.ts';

/**
 * Files a request for `username` when it names an enabled account (at most one pending per account); otherwise
 * records only that it was tried. Either way the caller answers the same, so the form cannot probe for usernames.
 */
export async function fileResetRequest(
  db: Db,
  districtId: string,
  username: string,
  ip: string,
  now: Date,
): Promise<void> {
  const [row] = await db
    .select({ id: users.id, disabled: users.disabled })
    .from(users)
    .where(and(eq(users.districtId, districtId), eq(users.username, username)))
    .limit(1);
  const actor: Actor = { ...systemActor(districtId), label: `未登录 (${username})` };
  await db.transaction(async (tx) => {
    let filed = false;
    if (row && !row.disabled) {
      const inserted = await tx
        .insert(passwordResetRequests)
        .values({ districtId, userId: row.id, ip, requestedAt: now })
        .onConflictDoNothing()
        .returning({ id: passwordResetRequests.id });
      filed = inserted.length > 0;
    }
    await audit(tx, actor, {
      action: 'reset_requested',
      entity: row ? 'user' : 'login',
      entityId: row ? row.id : username,
      after: {
        username,
        outcome: !row ? 'unknown user' : row.disabled ? 'disabled' : filed ? 'filed' : 'already pending',
      },
      note: ip,
    });
  });
}

export interface PendingReset {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  enterpriseId: string | null;
  requestedAt: string;
  ip: string;
}

/** The district's pending requests, oldest first. */
export async function pendingResets(db: Queryable, districtId: string): Promise<PendingReset[]> {
  const found = await db
    .select({ r: passwordResetRequests, u: users })
    .from(passwordResetRequests)
    .innerJoin(
      users,
      and(eq(users.districtId, passwordResetRequests.districtId), eq(users.id, passwordResetRequests.userId)),
    )
    .where(and(eq(passwordResetRequests.districtId, districtId), eq(passwordResetRequests.status, 'pending')))
    .orderBy(asc(passwordResetRequests.requestedAt));
  return found.map(({ r, u }) => ({
    id: r.id,
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    enterpriseId: u.enterpriseId,
    requestedAt: new Date(r.requestedAt).toISOString(),
    ip: r.ip,
  }));
}

/** One pending request (404 when absent, decided already or of another district). */
export async function pendingReset(db: Queryable, districtId: string, id: string): Promise<PendingReset> {
  const found = (await pendingResets(db, districtId)).find((r) => r.id === id);
  if (!found) throw new AppError('NOT_FOUND', '重置申请不存在或已处理');
  return found;
}

/**
 * Decides a pending request in one transaction: approve sets the new (already hashed) initial password, marks it to be
 * changed at first login and ends the account's sessions; reject only closes the request. Audited on the account.
 */
export async function decideReset(
  db: Db,
  actor: Actor,
  id: string,
  decision: { approve: true; passwordHash: string } | { approve: false },
): Promise<PendingReset> {
  const districtId = actor.districtId;
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .update(passwordResetRequests)
      .set({
        status: decision.approve ? 'approved' : 'rejected',
        decidedAt: sql`now()`,
        decidedBy: actor.userId,
      })
      .where(
        and(
          eq(passwordResetRequests.districtId, districtId),
          eq(passwordResetRequests.id, id),
          eq(passwordResetRequests.status, 'pending'),
        ),
      )
      .returning();
    if (!locked) throw new AppError('NOT_FOUND', '重置申请不存在或已处理');
    const [u] = await tx
      .select()
      .from(users)
      .where(and(eq(users.districtId, districtId), eq(users.id, locked.userId)))
      .limit(1);
    if (!u) throw new AppError('NOT_FOUND', '用户不存在');
    if (decision.approve) {
      await tx
        .update(users)
        .set({ passwordHash: decision.passwordHash, mustChangePassword: true, updatedAt: sql`now()` })
        .where(and(eq(users.districtId, districtId), eq(users.id, u.id)));
      await destroyUserSessions(tx as unknown as Db, districtId, u.id);
      // The owner's own failed attempts no longer slow the new password down.
      await tx
        .delete(loginFailures)
        .where(and(eq(loginFailures.districtId, districtId), eq(loginFailures.username, u.username)));
    }
    await audit(tx, actor, {
      action: decision.approve ? 'reset_approved' : 'reset_rejected',
      entity: 'user',
      entityId: u.id,
      after: { request: id, username: u.username },
      ...(decision.approve ? { note: 'password reset, delivered through the notification adapters' } : {}),
    });
    return {
      id,
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role as Role,
      enterpriseId: u.enterpriseId,
      requestedAt: new Date(locked.requestedAt).toISOString(),
      ip: locked.ip,
    };
  });
}

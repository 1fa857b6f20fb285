// Accounts an administrator issues with a generated initial password delivered through the notification adapters:
// enterprise accounts in bulk from the registry, and approved 忘记密码 requests. The password is shown to no one —
// not the administrator, not the log, not the inbox — and must be changed at first login.
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { generatePassword, hashPassword } from '../../platform/auth/password.ts';
import {
  createEnterpriseAccounts,
  registryForAccounts,
  takenUsernames,
  type NewEnterpriseAccount,
} from '../../platform/auth/accounts.bulk.ts';
import { decideReset, pendingReset, pendingResets } from '../../platform/auth/resets.store.ts';
import { MAX_BULK_ACCOUNTS } from '../../platform/auth/auth.contract.ts';
import type {
  BulkEnterpriseAccountsResult,
  ResetRequest,
  skipReasons,
} from '../../platform/auth/auth.contract.ts';
import {
  deliverCredential,
  reachable,
  type DeliveryOptions,
} from '../notifications/notifications.delivery.ts';
import type { Recipient } from '../notifications/notifications.ts';
import { enterpriseStaysSql } from '../enterprises/enterprises.sql.ts';
import { unitNameSql } from '../units/units.store.ts';
import { maskIp } from '../../platform/audit/mask.ts';
import { AppError } from '../../platform/http/errors.ts';

type SkipReason = (typeof skipReasons)[number];

const registry = (db: Queryable, districtId: string, ids?: string[]) =>
  registryForAccounts(db, districtId, enterpriseStaysSql(districtId), unitNameSql, ids);

/**
 * The registry's active enterprises without an account, with whether an initial password can reach them: on the list
 * read in one query as "has a mobile number on file" (asking the adapters' resolver per enterprise took seconds for a
 * registry of a thousand); creation asks the resolver itself, and skips as `unreachable` whatever it cannot reach.
 */
export async function accountCandidates(db: Queryable, districtId: string) {
  const found = (await registry(db, districtId)).filter((e) => e.active && !e.hasAccount);
  return {
    items: found.map((e) => ({
      enterpriseId: e.id,
      name: e.name,
      uscc: e.uscc,
      subdistrictName: e.subdistrictName,
      reachable: e.mobile,
    })),
  };
}

const credentialText = (username: string, password: string) => ({
  title: '满天星平台账号',
  body: `您的登录用户名：${username}，初始密码：${password}。首次登录后须修改密码，请勿转告他人。`,
  link: '/login',
});

/**
 * One account per chosen enterprise (or per enterprise without one, with `all`), username = its USCC, display name =
 * its name. Skipped with a reason: it has an account, the USCC is taken as a username, no contact an adapter reaches,
 * moved out or closed, not in the registry. The accounts are created in one transaction (all or none); the passwords
 * are delivered after it commits, and the result says how many messages left for each. At most MAX_BULK_ACCOUNTS
 * are created per request; `remaining` counts the enterprises left for the next one.
 */
export async function createEnterpriseAccountsFromRegistry(
  db: Db,
  actor: Actor,
  body: { enterpriseIds?: string[] | undefined; all?: boolean | undefined },
  delivery: DeliveryOptions,
): Promise<BulkEnterpriseAccountsResult> {
  const districtId = actor.districtId;
  const ids = body.all ? undefined : [...new Set(body.enterpriseIds ?? [])];
  const found = await registry(db, districtId, ids);
  const chosen = body.all ? found.filter((e) => !e.hasAccount && e.active) : found;
  const skipped: BulkEnterpriseAccountsResult['skipped'] = [];
  const skip = (enterpriseId: string, name: string | null, reason: SkipReason) =>
    skipped.push({ enterpriseId, name, reason });
  if (ids) {
    const known = new Set(found.map((e) => e.id));
    for (const id of ids) if (!known.has(id)) skip(id, null, 'notFound');
  }
  const taken = await takenUsernames(
    db,
    districtId,
    chosen.map((e) => e.uscc),
  );
  const planned: { e: (typeof found)[number]; password: string }[] = [];
  // Each password costs an argon2id hash: one request creates at most MAX_BULK_ACCOUNTS; `all` again does the rest.
  let remaining = 0;
  for (const e of chosen) {
    if (e.hasAccount) skip(e.id, e.name, 'hasAccount');
    else if (!e.active) skip(e.id, e.name, 'inactive');
    else if (taken.has(e.uscc)) skip(e.id, e.name, 'usernameTaken');
    else if (!(await reachable(districtId, { kind: 'enterprise', id: e.id }, delivery)))
      skip(e.id, e.name, 'unreachable');
    else if (planned.length >= MAX_BULK_ACCOUNTS) remaining++;
    else planned.push({ e, password: generatePassword() });
  }
  const accounts: NewEnterpriseAccount[] = [];
  for (const { e, password } of planned)
    accounts.push({
      enterpriseId: e.id,
      username: e.uscc,
      displayName: e.name,
      passwordHash: await hashPassword(password),
    });
  const userIds = await createEnterpriseAccounts(
    db,
    actor,
    accounts,
    skipped.map((s) => ({ enterpriseId: s.enterpriseId, reason: s.reason })),
  );
  const created: BulkEnterpriseAccountsResult['created'] = [];
  for (const { e, password } of planned) {
    const report = await deliverCredential(
      districtId,
      { recipient: { kind: 'enterprise', id: e.id }, ...credentialText(e.uscc, password) },
      delivery,
    );
    created.push({
      enterpriseId: e.id,
      name: e.name,
      username: e.uscc,
      userId: userIds.get(e.id)!,
      delivered: report.sent,
    });
  }
  return { created, skipped, remaining };
}

/** Where a reset account's new password goes: its enterprise's contacts (accounts hold no contacts of their own). */
const recipientOf = (r: { userId: string; enterpriseId: string | null }): Recipient =>
  r.enterpriseId ? { kind: 'enterprise', id: r.enterpriseId } : { kind: 'user', id: r.userId };

export async function resetRequests(
  db: Queryable,
  districtId: string,
  delivery: DeliveryOptions,
): Promise<ResetRequest[]> {
  const items: ResetRequest[] = [];
  for (const r of await pendingResets(db, districtId))
    items.push({
      id: r.id,
      userId: r.userId,
      username: r.username,
      displayName: r.displayName,
      role: r.role,
      requestedAt: r.requestedAt,
      ip: maskIp(r.ip),
      reachable: await reachable(districtId, recipientOf(r), delivery),
    });
  return items;
}

/**
 * Approves a pending request: a generated initial password, delivered through the adapters, to be changed at first
 * login. An account no adapter can reach is refused (409) before anything changes: set its password by hand instead.
 */
export async function approveReset(
  db: Db,
  actor: Actor,
  id: string,
  delivery: DeliveryOptions,
): Promise<{ delivered: number }> {
  const r = await pendingReset(db, actor.districtId, id);
  if (!(await reachable(actor.districtId, recipientOf(r), delivery))) {
    throw new AppError(
      'CONFLICT',
      '该账号没有可送达的联系方式，无法发送新密码；请在用户管理中直接为其设置初始密码',
    );
  }
  const password = generatePassword();
  const decided = await decideReset(db, actor, id, {
    approve: true,
    passwordHash: await hashPassword(password),
  });
  const report = await deliverCredential(
    actor.districtId,
    { recipient: recipientOf(decided), ...credentialText(decided.username, password) },
    delivery,
  );
  return { delivered: report.sent };
}

export async function rejectReset(db: Db, actor: Actor, id: string): Promise<{ delivered: number }> {
  await decideReset(db, actor, id, { approve: false });
  return { delivered: 0 };
}

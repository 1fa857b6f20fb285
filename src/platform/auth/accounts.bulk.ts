// Many enterprise accounts at once: the registry's enterprises without an account (rows from the enterprises module,
// as an SQL fragment) and one all-or-nothing transaction creating the chosen ones, every account audited.
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../db/db.ts';
import { rows } from '../db/db.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { AppError } from '../http/errors.ts';
import { users } from './auth.schema.ts';

/** An enterprise of the registry as the bulk creation reads it. */
export interface RegistryEnterprise {
  id: string;
  uscc: string;
  name: string;
  subdistrictName: string | null;
  active: boolean;
  /** Whether any account (of any role) is bound to it already. */
  hasAccount: boolean;
  /** Whether its registered contact phone is a mainland mobile number (what the SMS adapter reaches). */
  mobile: boolean;
}

/**
 * The district's enterprises (`registry`: rows with id, uscc, name, subdistrict_id, left_on, contact_phone; `unitName` names a
 * subdistrict), with whether an account is bound to each; only `ids` when given. Ordered by name.
 */
export async function registryForAccounts(
  db: Queryable,
  districtId: string,
  registry: SQL,
  unitName: (districtId: SQL, id: SQL) => SQL,
  ids?: string[],
): Promise<RegistryEnterprise[]> {
  const only = ids ? sql`AND e.id = ANY(${`{${ids.join(',')}}`}::uuid[])` : sql``;
  const found = await rows<{
    id: string;
    uscc: string;
    name: string;
    subdistrict_name: string | null;
    active: boolean;
    has_account: boolean;
    mobile: boolean;
  }>(
    db,
    sql`SELECT e.id::text AS id, e.uscc, e.name,
               ${unitName(sql`${districtId}`, sql`e.subdistrict_id`)} AS subdistrict_name,
               (e.left_on IS NULL) AS active,
               (regexp_replace(coalesce(e.contact_phone, ''), '[[:space:]-]', '', 'g') ~ '^1[0-9]{10}$') AS mobile,
               EXISTS (SELECT 1 FROM ${users} u WHERE u.district_id = ${districtId} AND u.enterprise_id = e.id) AS has_account
        FROM (${registry}) e WHERE true ${only}
        ORDER BY e.name, e.uscc`,
  );
  return found.map((r) => ({
    id: r.id,
    uscc: r.uscc,
    name: r.name,
    subdistrictName: r.subdistrict_name,
    active: r.active,
    hasAccount: r.has_account,
    mobile: r.mobile,
  }));
}

/** Usernames among `names` that are taken in the district. */
export async function takenUsernames(
  db: Queryable,
  districtId: string,
  names: string[],
): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const found = await db
    .select({ username: users.username })
    .from(users)
    .where(and(eq(users.districtId, districtId), inArray(users.username, names)));
  return new Set(found.map((r) => r.username));
}

export interface NewEnterpriseAccount {
  enterpriseId: string;
  username: string;
  displayName: string;
  passwordHash: string;
}

/**
 * Creates every account in one transaction, or none: if meanwhile an account appeared for one of the enterprises or
 * took one of the usernames, nothing is written (409). Each account is audited, and the batch once more.
 */
export async function createEnterpriseAccounts(
  db: Db,
  actor: Actor,
  accounts: NewEnterpriseAccount[],
  skipped: { enterpriseId: string; reason: string }[],
): Promise<Map<string, string>> {
  const districtId = actor.districtId;
  return db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    if (accounts.length > 0) {
      const clash = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.districtId, districtId),
            or(
              inArray(
                users.enterpriseId,
                accounts.map((a) => a.enterpriseId),
              ),
              inArray(
                users.username,
                accounts.map((a) => a.username),
              ),
            ),
          ),
        )
        .limit(1);
      if (clash.length > 0)
        throw new AppError('CONFLICT', '部分企业刚刚由他人开通了账号，未创建任何账号，请刷新后重试');
      for (let i = 0; i < accounts.length; i += 500) {
        const created = await tx
          .insert(users)
          .values(
            accounts.slice(i, i + 500).map((a) => ({
              districtId,
              username: a.username,
              displayName: a.displayName,
              passwordHash: a.passwordHash,
              role: 'enterprise',
              enterpriseId: a.enterpriseId,
              mustChangePassword: true,
            })),
          )
          .returning({ id: users.id, enterpriseId: users.enterpriseId, username: users.username });
        for (const c of created) ids.set(c.enterpriseId!, c.id);
        await audit(
          tx,
          actor,
          ...created.map((c) => ({
            action: 'create',
            entity: 'user',
            entityId: c.id,
            after: { username: c.username, role: 'enterprise', enterpriseId: c.enterpriseId, bulk: true },
          })),
        );
      }
    }
    await audit(tx, actor, {
      action: 'bulk_create',
      entity: 'users',
      entityId: 'enterpriseAccounts',
      after: { created: accounts.length, skipped },
    });
    return ids;
  });
}

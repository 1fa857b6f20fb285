// Which migrations this code carries, which a database has applied, and whether this code may run on it.
//
// Migrations are forward-only (a committed file is never edited; test/repo/migrations.test.ts) and drizzle applies
// the pending ones in one transaction. Drizzle alone would start silently on a database a newer release migrated
// (it only applies files newer than the last applied one), so before migrating the store is compared with the code:
// a database that holds migrations this code does not know was written by a newer release, and the server refuses
// to start on it, naming that release (recorded as a comment on drizzle's own migrations table at each migration).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { repoRoot } from '../config.ts';

export const migrationsFolder = path.join(repoRoot, 'migrations');
export const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

export const appVersion = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export interface CodeMigration {
  tag: string;
  /** The journal's timestamp: drizzle's `created_at` for the migration once applied. */
  when: number;
  /** sha256 of the file, as drizzle stores it. */
  hash: string;
}

export interface AppliedMigration {
  hash: string;
  createdAt: number;
}

/** The migrations this code carries, in order. */
export function codeMigrations(folder = migrationsFolder): CodeMigration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const metas = readMigrationFiles({ migrationsFolder: folder });
  return journal.entries.map((e, i) => ({ tag: e.tag, when: e.when, hash: metas[i]!.hash }));
}

/** The same hash drizzle computes for a migration file (sha256 of its text). */
export const migrationHash = (text: string) => createHash('sha256').update(text).digest('hex');

export type LevelCheck =
  | { ok: true; applied: number; pending: number }
  | { ok: false; reason: 'newer'; applied: number; known: number; release: string | null; message: string }
  | { ok: false; reason: 'diverged'; at: number; tag: string; message: string };

/**
 * Whether code carrying `code` may migrate and run a database that applied `applied` (ordered by created_at), last
 * migrated by `release` (null when unknown: before releases were recorded). Pure.
 */
export function checkLevel(
  code: CodeMigration[],
  applied: AppliedMigration[],
  release: string | null,
  running = appVersion,
): LevelCheck {
  const lastKnown = code.at(-1)?.when ?? 0;
  const unknown = applied.filter((a) => !code.some((c) => c.hash === a.hash && c.when === a.createdAt));
  const newer = unknown.filter((a) => a.createdAt > lastKnown);
  if (newer.length) {
    const by = release ? `版本 ${release}` : '更新的版本';
    return {
      ok: false,
      reason: 'newer',
      applied: applied.length,
      known: code.length,
      release,
      message:
        `数据库已由${by}迁移（${applied.length} 个迁移，本程序 ${running} 只认识 ${code.length} 个），` +
        `拒绝启动以免损坏数据。请运行${release ? ` ${release} 或更新的版本` : '迁移它的那个版本'}，` +
        `或从升级前的备份恢复（docs/operations.md）。 The database was migrated by ${release ?? 'a newer release'} ` +
        `(${applied.length} migrations; ${running} knows ${code.length}): refusing to start.`,
    };
  }
  if (unknown.length) {
    // Applied at a place this code has a different file: a committed migration was edited, or another branch's.
    const first = unknown[0]!;
    const at = code.findIndex((c) => c.when === first.createdAt);
    const tag = at >= 0 ? code[at]!.tag : `created_at ${first.createdAt}`;
    return {
      ok: false,
      reason: 'diverged',
      at,
      tag,
      message:
        `数据库中的迁移 ${tag} 与本程序的同名迁移不一致（文件被修改过，或来自另一分支），拒绝启动。 ` +
        `Migration ${tag} applied to the database differs from this code's file: refusing to start.`,
    };
  }
  return { ok: true, applied: applied.length, pending: code.length - applied.length };
}

/** Thrown before migrating when the database is not this code's to run. */
export class DatabaseLevelError extends Error {
  constructor(readonly check: Exclude<LevelCheck, { ok: true }>) {
    super(check.message);
    this.name = 'DatabaseLevelError';
  }
}

/** Runs one statement and gives its rows: the part of either driver the level check needs. */
export type RawQuery = <T>(text: string) => Promise<T[]>;

/** What the database has applied, and the release that last migrated it. */
export async function databaseLevel(
  query: RawQuery,
): Promise<{ applied: AppliedMigration[]; release: string | null }> {
  const [exists] = await query<{ t: string | null }>(`SELECT to_regclass('${MIGRATIONS_TABLE}')::text AS t`);
  if (!exists?.t) return { applied: [], release: null };
  const applied = await query<{ hash: string; created_at: string | number }>(
    `SELECT hash, created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at, id`,
  );
  const [comment] = await query<{ c: string | null }>(
    `SELECT obj_description('${MIGRATIONS_TABLE}'::regclass, 'pg_class') AS c`,
  );
  const release = /^mantianxing (\S+)$/.exec(comment?.c ?? '')?.[1] ?? null;
  return {
    applied: applied.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) })),
    release,
  };
}

/** Refuses (throws DatabaseLevelError) a database this code must not run; otherwise how many are pending. */
export async function assertRunnable(query: RawQuery, code = codeMigrations()) {
  const { applied, release } = await databaseLevel(query);
  const check = checkLevel(code, applied, release);
  if (!check.ok) throw new DatabaseLevelError(check);
  return { ...check, release };
}

/**
 * Checks, migrates and records: refuses a database this code must not run, applies the pending migrations (in
 * one transaction, by drizzle), then records this release as the last to migrate it (only when that changed).
 */
export async function migrateChecked(query: RawQuery, migrate: () => Promise<void>): Promise<void> {
  const before = await assertRunnable(query);
  await migrate();
  if (before.release !== appVersion || before.pending > 0) await recordRelease(query);
}

/** Records which release migrated the database last. */
export async function recordRelease(query: RawQuery, release = appVersion): Promise<void> {
  if (!/^[0-9A-Za-z.+-]+$/.test(release)) throw new Error(`not a release name: ${release}`);
  await query(`COMMENT ON TABLE ${MIGRATIONS_TABLE} IS 'mantianxing ${release}'`);
}

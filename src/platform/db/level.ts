// Migration levels: how far this code's migrations go (migrations/meta/_journal.json) and how far a database has been
// migrated (drizzle.__drizzle_migrations). Backups record the level; restore and start-up compare them.
import { migrationsFolder, rows, sql, type Queryable } from './db.ts';
import { codeMigrations, type CodeMigration } from './migrations.ts';

export { codeMigrations, type CodeMigration };

export interface MigrationLevel {
  /** Migrations applied (database) or shipped (code). */
  count: number;
  /** The last migration's tag (code only: the database keeps no tags), e.g. '0010_grant_receipts'. */
  lastTag: string | null;
  /** sha256 of the last migration's SQL file, as drizzle records it. */
  lastHash: string | null;
  /** The last migration's journal time (ms), as drizzle records it in created_at. */
  lastWhen: number | null;
}

export function codeMigrationLevel(folder = migrationsFolder): MigrationLevel {
  const all = codeMigrations(folder);
  const last = all[all.length - 1];
  return {
    count: all.length,
    lastTag: last?.tag ?? null,
    lastHash: last?.hash ?? null,
    lastWhen: last?.when ?? null,
  };
}

/** The database's level; count 0 when it was never migrated. Tags are filled in from the code where hashes match. */
export async function databaseMigrationLevel(db: Queryable): Promise<MigrationLevel> {
  const [exists] = await rows<{ ok: boolean }>(db, sql.raw(HAS_MIGRATIONS_TABLE));
  if (!exists?.ok) return { count: 0, lastTag: null, lastHash: null, lastWhen: null };
  const applied = await rows<{ hash: string; created_at: string }>(db, sql.raw(APPLIED_MIGRATIONS));
  return levelFromApplied(applied);
}

/** The applied migrations, oldest first (run it where `drizzle.__drizzle_migrations` exists). */
export const APPLIED_MIGRATIONS =
  'SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id';
export const HAS_MIGRATIONS_TABLE = "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok";

/** The level of a database whose applied migrations are `applied` (oldest first). */
export function levelFromApplied(applied: { hash: string; created_at: string }[]): MigrationLevel {
  const last = applied[applied.length - 1];
  const tag = last ? (codeMigrations().find((m) => m.hash === last.hash)?.tag ?? null) : null;
  return {
    count: applied.length,
    lastTag: tag,
    lastHash: last?.hash ?? null,
    lastWhen: last ? Number(last.created_at) : null,
  };
}

/**
 * How `level` (a database's or an archive's) compares with this code: 'same', 'older' (this code would migrate it
 * forward), 'newer' (written by a newer version: refuse), or 'foreign' (its migrations are not this code's).
 */
export function compareLevel(
  level: MigrationLevel,
  code: CodeMigration[] = codeMigrations(),
): 'same' | 'older' | 'newer' | 'foreign' {
  if (level.count === 0) return code.length === 0 ? 'same' : 'older';
  if (level.count > code.length) return 'newer';
  const at = code[level.count - 1]!;
  if (level.lastHash !== at.hash) {
    // Migrated by a version with later migrations than ours (the newest it applied is later than our last one).
    if (level.lastWhen !== null && level.lastWhen > (code[code.length - 1]?.when ?? 0)) return 'newer';
    return 'foreign';
  }
  return level.count === code.length ? 'same' : 'older';
}

/** A sentence naming a level, for messages: '11 migrations, the last 0010_grant_receipts'. */
export function describeLevel(level: MigrationLevel): string {
  if (level.count === 0) return 'no migrations';
  return `${level.count} migration${level.count === 1 ? '' : 's'}, the last ${level.lastTag ?? `with hash ${level.lastHash?.slice(0, 12)}…`}`;
}

// Restore: an archive into an empty store (a PGlite data directory or a PostgreSQL database). The archive is unpacked
// and checked whole first; the store is migrated to the archive's level, every table copied in foreign-key order in
// ONE transaction with triggers off (the audit chain and the decided-batch triggers would otherwise recompute or
// refuse rows that are already final), identity sequences moved past the restored rows, and every table read back and
// compared (row count and sha256 of its COPY text) before the transaction commits. Then the store is migrated to
// this code's level, as a start would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrationsFolder, type Db } from '../db/db.ts';
import { codeMigrations, compareLevel, describeLevel, type MigrationLevel } from '../db/level.ts';
import { ArchiveError, extractArchive, measureFile, type Manifest } from './archive.ts';
import { listTables, q, readMigrationsIn, selectFor, STABLE_OUTPUT } from './catalog.ts';
import { inTransaction, type CopySession, type StoreKind } from './session.ts';

export type RestoreTarget = { dataDir: string } | { databaseUrl: string };

export interface TableCheck {
  name: string;
  expectedRows: number;
  rows: number;
  expectedSha256: string;
  sha256: string;
  ok: boolean;
}

export interface RestoreResult {
  manifest: Manifest;
  tables: TableCheck[];
  ok: boolean;
  /** The level the store was left at (this code's, after the archive's was restored). */
  migrations: MigrationLevel;
}

/** Refuses an archive this code cannot restore: written by a newer version, or by migrations that are not ours. */
export function checkRestorable(manifest: Manifest, archive: string): void {
  const code = codeMigrations();
  const cmp = compareLevel(manifest.migrations, code);
  if (cmp === 'newer')
    throw new ArchiveError(
      `${archive}: the archive was migrated by a newer version (Mantianxing ${manifest.app.version}, ${describeLevel(manifest.migrations)}) than this one (${code.length} migrations, the last ${code[code.length - 1]?.tag}); restore it with that version or later`,
    );
  if (cmp === 'foreign')
    throw new ArchiveError(
      `${archive}: the archive's migration ${manifest.migrations.count} (hash ${manifest.migrations.lastHash?.slice(0, 12)}…) is not this version's migration ${manifest.migrations.count}; it comes from another build`,
    );
}

/** Names the restore's own connections, so the sessions of anything else on the database can be told apart. */
const RESTORE_APP = 'mantianxing-restore';

/** A store opened without migrating it, as a Drizzle handle (for the session helpers) with its closer. */
interface RawStore {
  db: Db;
  kind: StoreKind;
  close(): Promise<void>;
}

async function openRaw(target: RestoreTarget | { memory: true }): Promise<RawStore> {
  if ('databaseUrl' in target) {
    const pool = new pg.Pool({
      connectionString: target.databaseUrl,
      max: 2,
      application_name: RESTORE_APP,
    });
    pool.on('error', () => undefined);
    return { db: drizzlePg(pool) as unknown as Db, kind: 'pg', close: () => pool.end() };
  }
  if ('dataDir' in target) await fs.promises.mkdir(target.dataDir, { recursive: true });
  const client =
    'dataDir' in target ? await PGlite.create(path.join(target.dataDir, 'pglite')) : await PGlite.create();
  return { db: drizzlePglite(client) as unknown as Db, kind: 'pglite', close: () => client.close() };
}

/** Applies this code's first `count` migrations (a copy of migrations/ with the journal cut there). */
async function migrateTo(store: RawStore, count: number | 'all'): Promise<void> {
  let folder = migrationsFolder;
  let scratch: string | undefined;
  if (count !== 'all') {
    scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mtx-migrations-'));
    const journal = JSON.parse(
      await fs.promises.readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, count);
    await fs.promises.mkdir(path.join(scratch, 'meta'));
    await fs.promises.writeFile(path.join(scratch, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries)
      await fs.promises.copyFile(
        path.join(migrationsFolder, `${e.tag}.sql`),
        path.join(scratch, `${e.tag}.sql`),
      );
    folder = scratch;
  }
  try {
    if (store.kind === 'pglite')
      await migratePglite(store.db as unknown as Parameters<typeof migratePglite>[0], {
        migrationsFolder: folder,
      });
    else
      await migratePg(store.db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder: folder });
  } finally {
    if (scratch) await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}

/** Tables of the public schema holding at least one row (what `--force` would wipe). */
async function nonEmptyTables(s: CopySession): Promise<string[]> {
  const tables = await listTables(s);
  const full: string[] = [];
  for (const t of tables) {
    const [r] = await s.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q(t.name)}) AS any`);
    if (r?.any) full.push(t.name);
  }
  return full;
}

/** Copies the unpacked tables in, then reads each back and compares it with the manifest; in one transaction. */
async function load(store: RawStore, manifest: Manifest, dir: string): Promise<TableCheck[]> {
  const readBack = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mtx-verify-'));
  try {
    return await inTransaction(store.db, '', async (s) => {
      for (const set of STABLE_OUTPUT) await s.query(set);
      // Triggers off for these rows (PostgreSQL's replica mode; PGlite runs as a superuser too): the audit chain's
      // trigger would renumber rows and the decided-batch triggers guard rows that are final already.
      await s.query(`SET LOCAL session_replication_role = replica`);
      const present = new Map((await listTables(s)).map((t) => [t.name, t]));
      for (const t of manifest.tables) {
        if (!present.has(t.name))
          throw new ArchiveError(`table ${t.name} of the archive does not exist at its migration level`);
        if (t.rows === 0) continue;
        await s.copyIn(`COPY ${q(t.name)} (${t.columns.map(q).join(', ')})`, path.join(dir, t.file));
      }
      // Identity and serial columns continue after the restored rows.
      const seqs = await s.query<{ table_name: string; column_name: string; seq: string }>(
        `SELECT c.relname AS table_name, a.attname AS column_name, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
           AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
      );
      for (const r of seqs)
        await s.query(
          `SELECT setval($1, coalesce((SELECT max(${q(r.column_name)}) FROM ${q(r.table_name)}), 1),
                  (SELECT max(${q(r.column_name)}) FROM ${q(r.table_name)}) IS NOT NULL)`,
          [r.seq],
        );
      const checks: TableCheck[] = [];
      for (const t of manifest.tables) {
        const info = present.get(t.name)!;
        const file = path.join(readBack, `${t.name}.copy`);
        await s.copyOut(selectFor({ ...info, columns: t.columns }), file);
        const m = await measureFile(file);
        checks.push({
          name: t.name,
          expectedRows: t.rows,
          rows: m.rows,
          expectedSha256: t.sha256,
          sha256: m.sha256,
          ok: m.rows === t.rows && m.sha256 === t.sha256,
        });
        await fs.promises.rm(file);
      }
      return checks;
    });
  } finally {
    await fs.promises.rm(readBack, { recursive: true, force: true });
  }
}

async function unpack(archive: string): Promise<{ dir: string; manifest: Manifest }> {
  if (!fs.existsSync(archive)) throw new ArchiveError(`${archive}: no such file`);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mtx-restore-'));
  try {
    const manifest = await extractArchive(archive, dir);
    checkRestorable(manifest, archive);
    return { dir, manifest };
  } catch (err) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Restores `archive` into `target`. Refuses a damaged or newer archive, and a store holding data unless `force`
 * (which drops the public schema and the migration history first). Throws when a table reads back differently
 * (nothing is committed then).
 */
export async function restoreArchive(
  archive: string,
  target: RestoreTarget,
  opts: { force?: boolean } = {},
): Promise<RestoreResult> {
  const { dir, manifest } = await unpack(archive);
  try {
    const store = await openRaw(target);
    try {
      if (store.kind === 'pg') {
        // A server still connected would write around the restore, or fail on the dropped schema.
        const [others] = await inTransaction(store.db, '', (s) =>
          s.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> $1`,
            [RESTORE_APP],
          ),
        );
        if (others && others.n > 0)
          throw new ArchiveError(
            `${others.n} other session${others.n > 1 ? 's are' : ' is'} connected to the target database (a running server?); stop ${others.n > 1 ? 'them' : 'it'}, then restore`,
          );
      }
      const existing = await inTransaction(store.db, '', async (s) => ({
        full: await nonEmptyTables(s),
        level: await readMigrationsIn(s),
        tables: (await listTables(s)).length,
      }));
      if (existing.full.length && !opts.force)
        throw new ArchiveError(
          `the target database is not empty (${existing.full.length} tables hold rows, e.g. ${existing.full.slice(0, 3).join(', ')}); restore into a new data directory or database, or pass --force to wipe it`,
        );
      if (existing.tables || existing.level.count) {
        await inTransaction(store.db, '', async (s) => {
          await s.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
          await s.query('DROP SCHEMA IF EXISTS public CASCADE');
          await s.query('CREATE SCHEMA public');
        });
      }
      await migrateTo(store, manifest.migrations.count);
      const tables = await load(store, manifest, dir);
      const bad = tables.filter((t) => !t.ok);
      if (bad.length)
        throw new ArchiveError(
          `restore rolled back: ${bad.map((t) => `${t.name} read back ${t.rows} rows (sha256 ${t.sha256.slice(0, 12)}…), the archive holds ${t.expectedRows} (${t.expectedSha256.slice(0, 12)}…)`).join('; ')}`,
        );
      await migrateTo(store, 'all');
      const migrations = await inTransaction(store.db, '', (s) => readMigrationsIn(s));
      return { manifest, tables, ok: true, migrations };
    } finally {
      await store.close();
    }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Verifies an archive by restoring it into a scratch store — a fresh in-memory PGlite, or (given `scratchServerUrl`)
 * a scratch database created on that PostgreSQL server and dropped afterwards — and comparing each table's row count
 * and checksum with the manifest. Answers per table; throws only when the archive cannot be read at all.
 */
export async function verifyArchive(
  archive: string,
  opts: { scratchServerUrl?: string } = {},
): Promise<RestoreResult> {
  const { dir, manifest } = await unpack(archive);
  let dropScratch: (() => Promise<void>) | undefined;
  try {
    let target: RestoreTarget | { memory: true } = { memory: true };
    if (opts.scratchServerUrl) {
      const name = `mtx_verify_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: opts.scratchServerUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(opts.scratchServerUrl);
      url.pathname = `/${name}`;
      target = { databaseUrl: url.toString() };
      dropScratch = async () => {
        const c = new pg.Client({ connectionString: opts.scratchServerUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    }
    const store = await openRaw(target);
    try {
      await migrateTo(store, manifest.migrations.count);
      const tables = await load(store, manifest, dir);
      return {
        manifest,
        tables,
        ok: tables.every((t) => t.ok),
        migrations: manifest.migrations,
      };
    } finally {
      await store.close();
    }
  } finally {
    await dropScratch?.().catch(() => undefined);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

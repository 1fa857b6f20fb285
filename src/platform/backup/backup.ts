// Backup: every table of the public schema copied inside ONE transaction at REPEATABLE READ, READ ONLY, so the
// archive is one consistent snapshot. On PostgreSQL the snapshot is MVCC: writers go on, the backup sees the
// database as it was when it began. On PGlite the transaction holds the single connection, so the running server's
// queries wait until the copy ends (seconds for a district; see docs/operations.md) and nothing can change midway.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/db.ts';
import { codeMigrationLevel, databaseMigrationLevel, type MigrationLevel } from '../db/level.ts';
import { ARCHIVE_FORMAT, manifestChecksum, measureFile, writeArchive, type Manifest } from './archive.ts';
import { listTables, readMigrationsIn, selectFor, STABLE_OUTPUT } from './catalog.ts';
import { inTransaction } from './session.ts';
import { appVersion } from './version.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
}

export const SNAPSHOT = 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY';

/** One field of a COPY text line, unescaped (\N is null). */
function copyField(raw: string): string | null {
  if (raw === '\\N') return null;
  return raw.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c);
}

/** The rows of a dumped table as objects keyed by column (small tables only: districts, plans). */
async function readCopied(
  dir: string,
  entry: Manifest['tables'][number] | undefined,
): Promise<Record<string, string | null>[]> {
  if (!entry) return [];
  const text = await fs.promises.readFile(path.join(dir, entry.file), 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => Object.fromEntries(l.split('\t').map((v, i) => [entry.columns[i]!, copyField(v)])));
}

/**
 * The districts and the plan versions loaded in each, as the manifest lists them: read from the dumped files (the
 * same snapshot), not asked of the owning modules — a backup copies every table alike.
 */
async function districtsOf(dir: string, tables: Manifest['tables']): Promise<Manifest['districts']> {
  const ds = await readCopied(
    dir,
    tables.find((t) => t.name === 'districts'),
  );
  const plans = await readCopied(
    dir,
    tables.find((t) => t.name === 'plans'),
  );
  return ds
    .map((d) => ({
      id: d.id ?? '',
      name: d.name ?? '',
      plans: plans
        .filter((p) => p.district_id === d.id)
        .map((p) => ({
          code: p.code ?? '',
          dataVersion: Number(p.data_version),
          contentHash: p.content_hash ?? '',
        }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Copies the database into the archive `out` (.tar.gz). The tables are written to a scratch folder first (their
 * counts and checksums go into the manifest, which leads the archive), then packed.
 */
export async function createBackup(db: Db, out: string, opts: { now?: Date } = {}): Promise<BackupResult> {
  const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'mtx-backup-'));
  try {
    await fs.promises.mkdir(path.join(scratch, 'data'));
    const taken = await inTransaction(db, SNAPSHOT, async (s) => {
      for (const set of STABLE_OUTPUT) await s.query(set);
      const migrations: MigrationLevel = await readMigrationsIn(s);
      const tables = await listTables(s);
      const entries: Manifest['tables'] = [];
      for (const t of tables) {
        const file = `data/${t.name}.copy`;
        await s.copyOut(selectFor(t), path.join(scratch, file));
        const m = await measureFile(path.join(scratch, file));
        entries.push({ name: t.name, file, columns: t.columns, ...m });
      }
      return { migrations, tables: entries, kind: s.kind };
    });
    const body: Omit<Manifest, 'checksum'> = {
      format: ARCHIVE_FORMAT,
      app: { name: 'mantianxing', version: appVersion },
      createdAt: (opts.now ?? new Date()).toISOString(),
      store: taken.kind,
      content: 'copy',
      migrations: taken.migrations,
      districts: await districtsOf(scratch, taken.tables),
      tables: taken.tables,
    };
    const manifest: Manifest = { ...body, checksum: manifestChecksum(body) };
    await fs.promises.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeArchive(out, manifest, scratch);
    return { file: path.resolve(out), bytes: (await fs.promises.stat(out)).size, manifest };
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}

/** The file name of a backup taken at `at`: mantianxing-2026-12-04T01-00-00Z.tar.gz (sorts by time). */
export function backupFileName(at: Date): string {
  return `mantianxing-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.tar.gz`;
}

export { codeMigrationLevel, databaseMigrationLevel };

// `mantianxing backup [--out FILE]` and `mantianxing restore FILE [--force]`, run before the store is opened:
// PGlite cannot be opened by two processes, so a backup of a data directory a server is running on is asked of that
// server (its lock file names the port and a token), and a restore there is refused until the server stops.
import path from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/db.ts';
import { ArchiveError } from './archive.ts';
import { createBackup } from './backup.ts';
import type { BackupItem } from './backup.contract.ts';
import { backupInto } from './backups.ts';
import { loopbackFor, readLiveLock, TOKEN_HEADER } from './lock.ts';
import { restoreArchive, type RestoreTarget } from './restore.ts';

type Print = (line: string) => void;

const flag = (argv: string[], name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};

/** Arguments that are not options nor an option's value. */
function positional(argv: string[], valued: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      if (valued.includes(a.slice(2))) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Takes a backup; returns the exit code. */
export async function backupCommand(config: Config, argv: string[], print: Print): Promise<number> {
  const outArg = flag(argv, 'out');
  const out = outArg ? path.resolve(outArg) : undefined;
  if (!config.databaseUrl) {
    const lock = readLiveLock(config.dataDir);
    if (lock) {
      const url = `http://${loopbackFor(lock.host)}:${lock.port}/api/platform/backups`;
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: lock.token },
          body: JSON.stringify(out ? { out } : {}),
        });
      } catch (err) {
        print(
          `a server (pid ${lock.pid}) holds ${config.dataDir} but does not answer at ${url}: ${(err as Error).message}`,
        );
        return 1;
      }
      if (res.status !== 201) {
        print(`the running server (pid ${lock.pid}) refused the backup: ${res.status} ${await res.text()}`);
        return 1;
      }
      const item = (await res.json()) as BackupItem;
      const file = out ?? path.join(config.backupDir, item.name);
      print(
        `backup written by the running server (pid ${lock.pid}): ${file} (${mb(item.bytes)}, ${item.summary?.tables} tables, ${item.summary?.rows} rows)`,
      );
      return 0;
    }
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const r = out
      ? await createBackup(database.db, out)
      : await backupInto(database.db, config.backupDir, new Date());
    const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
    print(`backup written: ${r.file} (${mb(r.bytes)}, ${r.manifest.tables.length} tables, ${rows} rows)`);
    return 0;
  } finally {
    await database.close();
  }
}

/** Restores an archive into the configured store; returns the exit code. */
export async function restoreCommand(config: Config, argv: string[], print: Print): Promise<number> {
  const [file] = positional(argv, ['out', 'data-dir', 'port', 'plan', 'scale', 'demo']);
  if (!file) {
    print('usage: restore FILE [--force]   (into DATA_DIR, or the database at DATABASE_URL)');
    return 2;
  }
  let target: RestoreTarget;
  if (config.databaseUrl) target = { databaseUrl: config.databaseUrl };
  else {
    const lock = readLiveLock(config.dataDir);
    if (lock) {
      print(
        `refused: a server (pid ${lock.pid}, port ${lock.port}) is running on ${config.dataDir}; stop it, then restore`,
      );
      return 1;
    }
    target = { dataDir: config.dataDir };
  }
  try {
    const r = await restoreArchive(path.resolve(file), target, { force: argv.includes('--force') });
    const rows = r.tables.reduce((n, t) => n + t.rows, 0);
    print(
      `restored ${file} (taken ${r.manifest.createdAt} by Mantianxing ${r.manifest.app.version}): ${r.tables.length} tables, ${rows} rows, every table's count and checksum verified; migrated to ${r.migrations.count} migrations`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ArchiveError) {
      print(`refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

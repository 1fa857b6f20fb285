// The backup directory: archives listed with their manifests, a new one taken, the oldest pruned beyond the kept
// number, and verification against a scratch store. Used by the routes, the scheduled job and the command line.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db.ts';
import { ArchiveError, readManifest } from './archive.ts';
import { backupFileName, createBackup, type BackupResult } from './backup.ts';
import type { BackupItem, VerifyResult } from './backup.contract.ts';
import { verifyArchive } from './restore.ts';
import { clientOf, storeKindOf } from './session.ts';

export interface BackupSettings {
  /** Where archives are written and listed. */
  dir: string;
  /** Scheduled runs keep this many archives (the newest); 0 turns the schedule off. */
  keep: number;
  /** Daily hour (Asia/Shanghai) of the scheduled backup; null: no schedule. */
  hour: number | null;
}

/** Names of the archives this platform writes, oldest first (the name carries the time). */
const ARCHIVE = /^mantianxing-.*\.tar\.gz$/;

export async function listBackups(dir: string): Promise<BackupItem[]> {
  let names: string[];
  try {
    names = (await fs.promises.readdir(dir)).filter((n) => n.endsWith('.tar.gz'));
  } catch {
    return [];
  }
  const items: BackupItem[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat?.isFile()) continue;
    let summary: BackupItem['summary'] = null;
    let error: string | null = null;
    try {
      const m = await readManifest(file);
      summary = {
        format: m.format,
        appVersion: m.app.version,
        createdAt: m.createdAt,
        store: m.store,
        migrations: m.migrations,
        districts: m.districts,
        tables: m.tables.length,
        rows: m.tables.reduce((n, t) => n + t.rows, 0),
      };
    } catch (err) {
      error = err instanceof ArchiveError ? err.message.replace(`${file}: `, '') : String(err);
    }
    items.push({ name, bytes: stat.size, modifiedAt: stat.mtime.toISOString(), summary, error });
  }
  // Newest first.
  return items.sort((a, b) =>
    (b.summary?.createdAt ?? b.modifiedAt).localeCompare(a.summary?.createdAt ?? a.modifiedAt),
  );
}

/** Takes a backup into `dir` under a time-stamped name (never overwriting one taken in the same second). */
export async function backupInto(db: Db, dir: string, now: Date): Promise<BackupResult> {
  await fs.promises.mkdir(dir, { recursive: true });
  let name = backupFileName(now);
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++)
    name = backupFileName(now).replace('.tar.gz', `-${i}.tar.gz`);
  return createBackup(db, path.join(dir, name), { now });
}

/** Deletes the oldest of the platform's archives in `dir` beyond the newest `keep`; returns the names deleted. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  if (keep <= 0) return [];
  const names = (await fs.promises.readdir(dir).catch(() => [] as string[]))
    .filter((n) => ARCHIVE.test(n))
    .sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const n of old) await fs.promises.rm(path.join(dir, n), { force: true });
  return old;
}

/** The PostgreSQL server a scratch database for verifying can be created on (the deployment's own), if any. */
export function scratchServerOf(db: Db): string | undefined {
  if (storeKindOf(db) !== 'pg') return undefined;
  const pool = clientOf(db) as { options?: { connectionString?: string } };
  return pool.options?.connectionString;
}

/**
 * Restores the archive into a scratch store and compares every table with its manifest. On PostgreSQL the scratch
 * store is a database created on the same server (falling back to an in-memory PGlite when that is not allowed).
 */
export async function verifyBackup(db: Db, file: string): Promise<VerifyResult> {
  const name = path.basename(file);
  const server = scratchServerOf(db);
  const attempt = async (scratchServerUrl?: string): Promise<VerifyResult> => {
    const r = await verifyArchive(file, scratchServerUrl ? { scratchServerUrl } : {});
    return { name, ok: r.ok, scratch: scratchServerUrl ? 'pg' : 'pglite', tables: r.tables, error: null };
  };
  try {
    if (server) {
      try {
        return await attempt(server);
      } catch (err) {
        // CREATE DATABASE refused (no CREATEDB privilege): the same check in memory.
        if (err instanceof ArchiveError || !/permission denied|must be owner/i.test(String(err))) throw err;
      }
    }
    return await attempt();
  } catch (err) {
    if (!(err instanceof ArchiveError)) throw err;
    return {
      name,
      ok: false,
      scratch: server ? 'pg' : 'pglite',
      tables: [],
      error: err.message.replace(`${file}: `, ''),
    };
  }
}

// The running server's lock file in a PGlite data directory: which process holds the store, on which port, and a
// random token that lets the command line on the same machine ask that server for a backup (PGlite cannot be opened
// by a second process). Written at start, removed at stop; a lock whose process is gone is stale and ignored.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'server.lock';
export const TOKEN_HEADER = 'x-mantianxing-backup-token';

export interface ServerLock {
  pid: number;
  port: number;
  host: string;
  token: string;
  startedAt: string;
}

export const newToken = () => randomBytes(24).toString('hex');

/** Writes the lock (readable by its owner only); returns the remover. */
export function writeServerLock(dataDir: string, lock: Omit<ServerLock, 'pid' | 'startedAt'>): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const body: ServerLock = { pid: process.pid, startedAt: new Date().toISOString(), ...lock };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(body) + '\n', { mode: 0o600 });
  return () => {
    try {
      const now = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerLock;
      if (now.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock of a server running on `dataDir`, or undefined when none (no file, or its process is gone). */
export function readLiveLock(dataDir: string): ServerLock | undefined {
  const file = path.join(dataDir, LOCK_FILE);
  let lock: ServerLock;
  try {
    lock = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerLock;
  } catch {
    return undefined;
  }
  return typeof lock.pid === 'number' && lock.pid !== process.pid && alive(lock.pid) ? lock : undefined;
}

/** The address to reach a server bound to `host` from the same machine. */
export function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

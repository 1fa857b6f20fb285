// One connection to the store for a backup or a restore, the same surface on both drivers: plain queries and COPY to
// and from files. PGlite's COPY goes through '/dev/blob'; a PostgreSQL server's through pg-copy-streams.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Db } from '../db/db.ts';

export type StoreKind = 'pglite' | 'pg';

export interface CopySession {
  kind: StoreKind;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs `COPY (…) TO` and writes the text it produces to `file`. */
  copyOut(copySql: string, file: string): Promise<void>;
  /** Runs `COPY … FROM` with `file`'s content. */
  copyIn(copySql: string, file: string): Promise<void>;
}

/** The driver client behind a Drizzle handle: the PGlite instance or the node-postgres pool. */
export function clientOf(db: Db): PGlite | pg.Pool {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite || client instanceof pg.Pool) return client;
  throw new Error('backup: unknown database driver');
}

export function storeKindOf(db: Db): StoreKind {
  return clientOf(db) instanceof PGlite ? 'pglite' : 'pg';
}

function pgliteSession(tx: Transaction): CopySession {
  return {
    kind: 'pglite',
    query: async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
    copyOut: async (copySql, file) => {
      const r = await tx.query(`${copySql} TO '/dev/blob'`);
      const blob = r.blob ?? new Blob([]);
      await fs.promises.writeFile(file, new Uint8Array(await blob.arrayBuffer()));
    },
    copyIn: async (copySql, file) => {
      const blob = await fs.openAsBlob(file);
      await tx.query(`${copySql} FROM '/dev/blob'`, [], { blob });
    },
  };
}

function pgSession(client: pg.PoolClient | pg.Client): CopySession {
  return {
    kind: 'pg',
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    copyOut: async (copySql, file) => {
      await pipeline(client.query(copyTo(`${copySql} TO STDOUT`)), fs.createWriteStream(file));
    },
    copyIn: async (copySql, file) => {
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`${copySql} FROM STDIN`)));
    },
  };
}

/**
 * Runs `work` inside one transaction on one connection. On PGlite the transaction holds the single connection's
 * mutex, so every other query of the process (the running server's) waits until it ends.
 */
export async function inTransaction<T>(
  db: Db,
  begin: string,
  work: (s: CopySession) => Promise<T>,
): Promise<T> {
  const client = clientOf(db);
  if (client instanceof PGlite) {
    return client.transaction(async (tx) => {
      // PGlite's transaction() has sent BEGIN; the isolation level must be the first statement after it.
      if (begin) await tx.query(begin);
      return work(pgliteSession(tx));
    });
  }
  const conn = await client.connect();
  try {
    await conn.query(`BEGIN${begin ? `; ${begin}` : ''}`);
    try {
      const result = await work(pgSession(conn));
      await conn.query('COMMIT');
      return result;
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    conn.release();
  }
}

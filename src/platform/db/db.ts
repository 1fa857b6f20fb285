// Opens the store: embedded PGlite in a data directory, or a PostgreSQL server by URL; applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { migrateChecked, migrationsFolder, type RawQuery } from './migrations.ts';

/** The one database handle type both drivers satisfy. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle: same query surface as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'pg';
  /** The embedded client, for what only PGlite offers (COPY from a blob in benchmarks). */
  pglite?: PGlite;
  /**
   * Holds a session-level advisory lock until the returned release is called: a mutex between server instances
   * sharing one PostgreSQL (e.g. for first-start loading). PGlite has one process, so it is a no-op there.
   */
  lock(key: number): Promise<() => Promise<void>>;
  /** PostgreSQL only: the pool's connections open and idle, and the queries waiting for one (for /metrics). */
  poolStats?: () => PoolStats;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export { migrationsFolder };
/** Arbitrary but fixed: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_318_245_001;

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /**
   * Longest wait for a free pool connection before the query fails (answered 503 OVERLOADED): a backstop behind
   * the per-request admission gate, for work that did not pass it (jobs) or a pool exhausted by slow statements.
   */
  connectTimeoutMs?: number;
}

export const DEFAULT_POOL_SIZE = 10;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    });
    // NUMERIC and BIGINT arrive as strings (exact); DATE stays a 'YYYY-MM-DD' string, never a JS Date.
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    // An idle connection the server ended (restart, pg_terminate_backend) is dropped and replaced on demand; unheard,
    // the pool's 'error' event would end the process.
    pool.on('error', () => undefined);
    const migrator = await pool.connect().catch(async (err: unknown) => {
      await pool.end();
      throw err;
    });
    try {
      await migrator.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        const query: RawQuery = async <T>(text: string) => (await migrator.query(text)).rows as T[];
        await migrateChecked(query, () => migratePg(drizzlePg(migrator), { migrationsFolder }));
      } finally {
        await migrator.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } catch (err) {
      migrator.release();
      await pool.end();
      throw err;
    }
    migrator.release();
    const db = drizzlePg(pool) as unknown as Db;
    const lock = async (key: number) => {
      const holder = await pool.connect();
      await holder.query('SELECT pg_advisory_lock($1)', [key]);
      return async () => {
        try {
          await holder.query('SELECT pg_advisory_unlock($1)', [key]);
        } finally {
          holder.release();
        }
      };
    };
    const poolStats = () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    });
    return { db, kind: 'pg', lock, poolStats, close: () => pool.end() };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir
    ? await PGlite.create(path.join(opts.dataDir, 'pglite'))
    : await PGlite.create();
  const pdb = drizzlePglite(client);
  const query: RawQuery = async <T>(text: string) => (await client.query<T>(text)).rows;
  try {
    await migrateChecked(query, () => migratePglite(pdb, { migrationsFolder }));
  } catch (err) {
    await client.close();
    throw err;
  }
  return {
    db: pdb as unknown as Db,
    kind: 'pglite',
    pglite: client,
    lock: async () => async () => undefined,
    close: () => client.close(),
  };
}

/** Runs a raw SQL fragment and returns its rows, the same on both drivers. */
export async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };

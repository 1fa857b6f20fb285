// A release refuses to start on a database a newer release migrated, and says which; on both stores. The CLI exits
// with the reason alone (no stack trace) and status 3.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rows, sql, type Database } from '../../src/platform/db/db.ts';
import { appVersion, DatabaseLevelError } from '../../src/platform/db/migrations.ts';
import { freshDatabase, type TestDb } from '../harness.ts';
import { repoRoot } from '../../src/platform/config.ts';

const run = promisify(execFile);
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A migrated store that can be closed and opened again: a data directory, or this test's server database. */
async function reopenable(): Promise<{ open: () => Promise<Database>; dataDir?: string; url?: string }> {
  if (process.env.DATABASE_URL) {
    const t: TestDb = await freshDatabase();
    await t.database.close();
    cleanup.push(async () => {
      // drop() closes the (already closed) handle first; a second end() of a pg pool rejects.
      await t.drop().catch(() => undefined);
    });
    return { open: () => openDatabase({ databaseUrl: t.url!, poolSize: 2 }), url: t.url! };
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mtx-level-'));
  cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
  return { open: () => openDatabase({ dataDir }), dataDir };
}

describe('a database migrated by a newer release', () => {
  it('is recorded as migrated by this release, and opened again without change', async () => {
    const store = await reopenable();
    const first = await store.open();
    const [c] = await rows<{ c: string }>(
      first.db,
      sql`SELECT obj_description('drizzle.__drizzle_migrations'::regclass, 'pg_class') AS c`,
    );
    expect(c!.c).toBe(`mantianxing ${appVersion}`);
    await first.close();
    const again = await store.open();
    await again.close();
  });

  it('is refused at open, naming the release, and the CLI exits 3 with the reason', async () => {
    const store = await reopenable();
    const db = await store.open();
    await db.db.execute(
      sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('f'||repeat('0', 63), 4102444800000)`,
    );
    await db.db.execute(sql`COMMENT ON TABLE drizzle.__drizzle_migrations IS 'mantianxing 9.1.0'`);
    await db.close();
    const refused = await store.open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DatabaseLevelError);
    expect((refused as Error).message).toContain('版本 9.1.0');
    expect((refused as DatabaseLevelError).check).toMatchObject({ reason: 'newer', release: '9.1.0' });

    const env = { ...process.env, ...(store.url ? { DATABASE_URL: store.url } : { DATABASE_URL: '' }) };
    const args = [
      '--import',
      'tsx',
      'src/cli.ts',
      'migrate',
      ...(store.dataDir ? ['--data-dir', store.dataDir] : []),
    ];
    const cli = await run(process.execPath, args, { cwd: repoRoot, env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain('版本 9.1.0');
    expect(cli.stderr).not.toContain('    at ');
  });
});

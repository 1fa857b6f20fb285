// `mantianxing backup` and `restore` on the command line, against a PGlite data directory: while a server runs there
// the backup is asked of that server (lock file + token) and a restore is refused; once it has stopped, the command
// opens the store itself; the archive restores into another data directory whose audit chain verifies.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/platform/config.ts';
import { ADMIN_PASSWORD, freePort, serverEnv } from './server.ts';

const run = promisify(execFile);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-backup-cli-'));
const dataDir = path.join(scratch, 'data');
const restoredDir = path.join(scratch, 'restored');
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  fs.rmSync(scratch, { recursive: true, force: true });
});

const env = (dir: string, port = 0) => ({
  ...serverEnv(port, dir, ADMIN_PASSWORD),
  MANTIANXING_DEMO_ENTERPRISES: '60',
});

/** Runs the command line; its exit code and everything it printed. */
async function cli(args: string[], dir: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: repoRoot,
      env: env(dir),
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('backup and restore on the command line', () => {
  it('asks the running server for the backup and refuses to restore under it', async () => {
    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: repoRoot,
      env: env(dataDir, port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    for (const until = Date.now() + 240_000; ;) {
      if (server.exitCode !== null) throw new Error(`server exited:\n${output}`);
      if (Date.now() > until) throw new Error(`server did not answer:\n${output}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: server.pid, port });

    const out = path.join(scratch, 'live.tar.gz');
    const b = await cli(['backup', '--out', out], dataDir);
    expect(b.out).toContain(`backup written by the running server (pid ${server.pid}): ${out}`);
    expect(b.code).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);

    const r = await cli(['restore', out, '--force'], dataDir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`refused: a server (pid ${server.pid}, port ${port}) is running on ${dataDir}`);

    // The token alone does not do: without it, the route wants an administrator's session.
    const anon = await fetch(`http://127.0.0.1:${port}/api/platform/backups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mantianxing-backup-token': 'wrong' },
      body: '{}',
    });
    expect(anon.status).toBe(401);

    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    server = undefined;
    expect(fs.existsSync(path.join(dataDir, 'server.lock'))).toBe(false);
  });

  it('backs up a stopped data directory itself and restores it into another', async () => {
    const b = await cli(['backup'], dataDir);
    expect(b.code).toBe(0);
    const file = /backup written: (\S+\.tar\.gz)/.exec(b.out)?.[1];
    expect(file && path.dirname(file)).toBe(path.join(dataDir, 'backups'));

    const r = await cli(['restore', file!], restoredDir);
    expect(r.out).toMatch(/restored .* every table's count and checksum verified/);
    expect(r.code).toBe(0);
    const v = await cli(['audit', 'verify'], restoredDir);
    expect(v.out).toMatch(/chain intact/);
    expect(v.code).toBe(0);

    const again = await cli(['restore', file!], restoredDir);
    expect(again.code).toBe(1);
    expect(again.out).toContain('refused: the target database is not empty');
  });
});

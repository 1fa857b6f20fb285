// `npm start` stops on SIGTERM (issue 10, item 19): a request in flight when the signal comes is answered, the
// server exits leaving no process of its group behind, and its PGlite data directory opens again (closed cleanly).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/platform/config.ts';
import { ADMIN_PASSWORD, freePort, serverEnv } from './server.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-shutdown-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function npmStart(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  // its own process group, as a terminal or a service manager starts it
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    env: serverEnv(port, dataDir, ADMIN_PASSWORD),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  for (const until = Date.now() + 300_000; ;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    if (Date.now() > until) throw new Error(`npm start did not answer:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, output: () => output };
}

/** npm's exit code, once every process holding its output (npm, tsx, the server) has gone. */
const closed = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.stdout!.closed && child.exitCode !== null ? r(child.exitCode) : child.once('close', (c) => r(c)),
  );

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start and SIGTERM', () => {
  it('answers the request in flight, exits 0 with no process left, and starts again on the same data', async () => {
    const port = await freePort();
    const { child, output } = await npmStart(port);
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    // A login whose body is still arriving when the signal comes: the request is in flight at the server.
    const response = new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        process.kill(-child.pid!, 'SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 1000);
    });
    expect(await response).toBe(200);
    // npm answers a script it stopped for a signal with 0 or 128 + 15, by a race of its own; the server's own
    // exit is the line it prints after closing the database.
    expect([0, 143]).toContain(await closed(child));
    expect(output()).toContain('stopped (SIGTERM): requests and jobs finished, database closed');
    await expect.poll(() => groupAlive(child.pid!), { timeout: 10_000 }).toBe(false);
    expect(output()).not.toContain('shutdown took longer');

    const again = await npmStart(port);
    expect(again.output()).toContain('plan already loaded');
    process.kill(-again.child.pid!, 'SIGTERM');
    expect([0, 143]).toContain(await closed(again.child));
    expect(again.output()).toContain('database closed');
  }, 600_000); // two cold starts of the demo district on a busy machine
});

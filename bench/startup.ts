// Time from starting the server to its first 200, on a fresh ./data and on an existing one, beside bare Fastify.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/platform/config.ts';
import { ms, ratio } from './lib.ts';

async function firstOk(url: string, started: number, child: ReturnType<typeof spawn>): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    return await firstOk(url, started, child);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function benchStartup(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-bench-start-'));
  const port = 3900;
  const url = `http://127.0.0.1:${port}/api/plan`;
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    MANTIANXING_ADMIN_PASSWORD: 'bench-password-1',
    LOG_LEVEL: 'error',
  };
  // as `npm start` runs it: one process with tsx's loader
  const serve = ['--import', 'tsx', 'src/cli.ts', 'serve'];
  const fresh = await run(process.execPath, serve, env, url);
  const existing: number[] = [];
  for (let i = 0; i < 3; i++) existing.push(await run(process.execPath, serve, env, url));
  const bareScript = path.join(dataDir, 'bare.mjs');
  fs.writeFileSync(
    bareScript,
    `import Fastify from ${JSON.stringify(path.join(repoRoot, 'node_modules', 'fastify', 'fastify.js'))};
     const app = Fastify(); app.get('/api/plan', async () => ({ ok: true }));
     await app.listen({ port: ${port + 1}, host: '127.0.0.1' });`,
  );
  const bare: number[] = [];
  for (let i = 0; i < 3; i++)
    bare.push(await run(process.execPath, [bareScript], {}, `http://127.0.0.1:${port + 1}/api/plan`));
  fs.rmSync(dataDir, { recursive: true, force: true });
  const best = (xs: number[]) => Math.min(...xs);
  return `### Start-up: process start → first 200 on /api/plan (PGlite)

| case | time (ms) | floor: bare Fastify process (ms) | ratio |
| --- | ---: | ---: | ---: |
| fresh ./data (migrations, plan, 1,500-enterprise demo with 34 months of reports, first evaluation, accounts) | ${ms(fresh)} | ${ms(best(bare))} | ${ratio(fresh, best(bare))} |
| existing ./data (best of 3) | ${ms(best(existing))} | ${ms(best(bare))} | ${ratio(best(existing), best(bare))} |

Measured with \`node --import tsx src/cli.ts serve\` (what \`npm start\` runs once the web app is built); the floor is a bare Fastify
process answering the same route. Most of the gap is PGlite compiling its WebAssembly (~4 s on this machine) and tsx
compiling TypeScript at start.`;
}

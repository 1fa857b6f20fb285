// Starts the real server as a child process (fresh PGlite data directory, demo district) for browser tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { repoRoot } from '../../src/platform/config.ts';
import { launchChromium, serverEnv } from './browser.ts';

export { launchChromium, serverEnv };

export const ADMIN_PASSWORD = 'e2e-admin-password';
export const DEMO_PASSWORD = 'mantianxing-demo';
export const artefacts = path.join(repoRoot, 'test-results', 'e2e');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm run test:e2e does it)');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'serve'], // as `npm start` runs it: one process, no relay
    {
      cwd: repoRoot,
      env: serverEnv(port, dataDir, ADMIN_PASSWORD),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not answer within 240 s:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API and returns the session cookie, for test set-up that is not what the test is about. */
export async function apiCookie(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A fresh browser context (its own cookies) at an office-screen size, Chinese first. */
export async function newPage(browser: Browser, width = 1366, height = 768): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  return context.newPage();
}

/** Saves a screenshot into test-results/e2e as a test artefact. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artefacts, `${name}.png`) });

/** Logs in through the login page, as a person would. */
export async function logIn(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/login`);
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export interface BrowserSession {
  readonly url: string;
  readonly browser: Browser;
  page(width?: number, height?: number): Promise<Page>;
  logIn(page: Page, username: string, password: string): Promise<void>;
}

/** Starts a server and Chromium for the test file (vitest hooks) and stops both after it. */
export function useServerAndBrowser(): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    fs.mkdirSync(artefacts, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get url() {
      return server!.url;
    },
    get browser() {
      return browser!;
    },
    page: (width, height) => newPage(browser!, width, height),
    logIn: (page, username, password) => logIn(page, server!.url, username, password),
  };
}

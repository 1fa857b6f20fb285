// What the browser tests and the web benchmark share, free of the test runner: Debian's Chromium as playwright-core
// launches it, and the environment of a server started on a fresh PGlite data directory.
import { chromium, type Browser } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A server on `port` with its own PGlite `dataDir` (never a DATABASE_URL from the shell), quiet logs. */
export const serverEnv = (port: number, dataDir: string, adminPassword: string): NodeJS.ProcessEnv => ({
  ...process.env,
  PORT: String(port),
  DATA_DIR: dataDir,
  MANTIANXING_ADMIN_PASSWORD: adminPassword,
  DATABASE_URL: '',
  LOG_LEVEL: 'warn',
});

// Unit and integration tests on embedded PGlite (a fresh database per test file).
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web's pure helpers import the server's shared files as the web build does.
  resolve: { alias: { '@contracts': path.join(import.meta.dirname, 'src') } },
  test: {
    include: [
      'src/**/*.test.ts',
      'test/api/**/*.test.ts',
      'test/store/**/*.test.ts',
      'test/repo/**/*.test.ts',
      'web/src/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

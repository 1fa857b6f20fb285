// The same unit and integration suite against a real PostgreSQL server (DATABASE_URL; a fresh database per test file).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

if (!process.env.DATABASE_URL) {
  // A missing server is a failure, never a silent fallback to PGlite.
  throw new Error('test:pg needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
}

export default mergeConfig(
  base,
  defineConfig({ test: { include: ['test/api/**/*.test.ts', 'test/store/**/*.test.ts'] } }),
);

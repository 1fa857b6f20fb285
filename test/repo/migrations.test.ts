// Migrations are forward-only: every migration a release carried (its fixture lists them, test/fixtures/upgrade) is
// still in this code, at the same place, with the same contents (drizzle's hash of the file).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeMigrations } from '../../src/platform/db/migrations.ts';
import { repoRoot } from '../../src/platform/config.ts';

const dir = path.join(repoRoot, 'test', 'fixtures', 'upgrade');
const releases = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('released migrations', () => {
  it('has a fixture for at least one release', () => {
    expect(releases.length).toBeGreaterThan(0);
  });

  it.each(releases)('%s: every migration unchanged and in place', (file) => {
    const carried = (
      JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
        migrations: { tag: string; hash: string }[];
      }
    ).migrations;
    const now = codeMigrations().map(({ tag, hash }) => ({ tag, hash }));
    expect(carried.length).toBeGreaterThan(0);
    expect(now.slice(0, carried.length)).toEqual(carried);
  });
});

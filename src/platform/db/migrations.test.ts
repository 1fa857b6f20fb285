// The start-up check that keeps a release off a database a newer release migrated (hand-built journals).
import { describe, expect, it } from 'vitest';
import { checkLevel, codeMigrations, type CodeMigration } from './migrations.ts';

const code: CodeMigration[] = [
  { tag: '0000_init', when: 100, hash: 'a' },
  { tag: '0001_more', when: 200, hash: 'b' },
];

describe('the migration level check', () => {
  it('runs a fresh database, one behind (to migrate) and one at the same level', () => {
    expect(checkLevel(code, [], null)).toEqual({ ok: true, applied: 0, pending: 2 });
    expect(checkLevel(code, [{ hash: 'a', createdAt: 100 }], '0.1.0')).toEqual({
      ok: true,
      applied: 1,
      pending: 1,
    });
    expect(
      checkLevel(
        code,
        [
          { hash: 'a', createdAt: 100 },
          { hash: 'b', createdAt: 200 },
        ],
        '0.2.0',
      ).ok,
    ).toBe(true);
  });

  it('refuses a database with a migration newer than every one it knows, naming the release', () => {
    const r = checkLevel(
      code,
      [
        { hash: 'a', createdAt: 100 },
        { hash: 'b', createdAt: 200 },
        { hash: 'c', createdAt: 300 },
      ],
      '0.3.0',
      '0.2.0',
    );
    expect(r).toMatchObject({ ok: false, reason: 'newer', applied: 3, known: 2, release: '0.3.0' });
    expect(!r.ok && r.message).toContain('版本 0.3.0');
    expect(!r.ok && r.message).toContain('本程序 0.2.0 只认识 2 个');
  });

  it('refuses a newer database whose release was not recorded, without inventing a name', () => {
    const r = checkLevel(code, [{ hash: 'z', createdAt: 999 }], null);
    expect(r).toMatchObject({ ok: false, reason: 'newer', release: null });
    expect(!r.ok && r.message).toContain('更新的版本');
  });

  it('refuses a database where a migration it knows was applied from a different file', () => {
    const r = checkLevel(
      code,
      [
        { hash: 'a', createdAt: 100 },
        { hash: 'edited', createdAt: 200 },
      ],
      '0.2.0',
    );
    expect(r).toMatchObject({ ok: false, reason: 'diverged', at: 1, tag: '0001_more' });
  });

  it('reads this repository’s journal with drizzle’s own hashes, in order', () => {
    const mine = codeMigrations();
    expect(mine.length).toBeGreaterThan(5);
    expect(mine[0]!.tag).toBe('0000_init');
    expect(mine.every((m, i) => i === 0 || m.when > mine[i - 1]!.when)).toBe(true);
    expect(mine.every((m) => /^[0-9a-f]{64}$/.test(m.hash))).toBe(true);
  });
});

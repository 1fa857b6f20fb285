// Each module owns its tables in SQL too: no file reaches into another module's tables or imports its schema; it
// reads them through the functions and typed SQL fragments the owning module exports (docs/architecture.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crossModuleRefs, moduleOf, sourceFiles, tableOwners } from './ownership.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the table-ownership check', () => {
  const files = [
    {
      file: '/r/src/modules/a/a.schema.ts',
      text: "export const things = pgTable(\n  'things', {});\nexport const d = pgTable('districts', {});",
    },
    { file: '/r/src/modules/a/a.store.ts', text: 'sql`SELECT * FROM things`' },
    {
      file: '/r/src/modules/b/b.store.ts',
      text: [
        "import { things } from '../a/a.schema.ts';",
        'sql`SELECT 1 FROM things t JOIN districts d ON true`',
        'sql`UPDATE "things" SET x = 1`',
        "import { thingsSql } from '../a/a.store.ts';",
      ].join('\n'),
    },
    { file: '/r/src/modules/b/b.schema.ts', text: "import { things } from '../a/a.schema.ts';" },
  ];

  it('knows which module each file belongs to and which module owns each table', () => {
    expect(moduleOf('/r/src/modules/a/a.store.ts')).toBe('modules/a');
    expect(moduleOf('/r/src/platform/auth/session.ts')).toBe('platform/auth');
    expect(moduleOf('/r/src/platform/config.ts')).toBe('platform');
    expect(moduleOf('/r/src/bootstrap.ts')).toBe('app');
    expect(tableOwners(files).get('things')).toBe('modules/a');
  });

  it("finds a schema import and SQL on another module's table, but not the owner's own, a fragment, a foreign key or the districts table", () => {
    expect(crossModuleRefs(files).map((r) => `${path.basename(r.file)}:${r.line} ${r.what}`)).toEqual([
      'b.store.ts:1 a.schema.ts',
      'b.store.ts:2 things',
      'b.store.ts:3 things',
    ]);
  });
});

describe('the source tree', () => {
  it("has no reference to another module's tables", () => {
    const refs = crossModuleRefs(sourceFiles(path.join(repoRoot, 'src')));
    expect(refs.map((r) => `${path.relative(repoRoot, r.file)}:${r.line} ${r.what} (${r.owner})`)).toEqual(
      [],
    );
  });
});

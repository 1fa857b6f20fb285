// Which module owns which table, and where code reaches into another module's tables: the check behind
// test/repo/ownership.test.ts. A module owns the tables its *.schema.ts declares; any other module may read or write
// them only through functions or typed SQL fragments the owning module exports.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface TableRef {
  file: string;
  line: number;
  /** The table named in SQL, or the schema file imported. */
  what: string;
  owner: string;
}

/** The module a source file belongs to: `modules/<name>`, `platform/<name>`, `platform` or `app` (src root). */
export function moduleOf(file: string): string {
  const parts = file.split('/');
  const i = parts.indexOf('src');
  const rest = parts.slice(i + 1);
  if (rest[0] === 'modules' && rest.length > 2) return `modules/${rest[1]}`;
  if (rest[0] === 'platform') return rest.length > 2 ? `platform/${rest[1]}` : 'platform';
  return 'app';
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Table name → owning module, from every `pgTable('name'` in a schema file. */
export function tableOwners(files: { file: string; text: string }[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { file, text } of files) {
    if (!file.endsWith('.schema.ts')) continue;
    for (const m of text.matchAll(/pgTable\(\s*'([a-z_0-9]+)'/g)) owners.set(m[1]!, moduleOf(file));
  }
  return owners;
}

/**
 * The tenancy root: every row of every module carries its district, so any module may join `districts` (the
 * platform's one shared table; it has no behaviour of its own to hide).
 */
const shared = new Set(['districts', 'district.schema.ts']);

const sqlRef = /\b(?:FROM|JOIN|INTO|UPDATE)\s+"?([a-z_][a-z_0-9]*)"?/gi;
const schemaImport = /from\s+'([^']+\.schema\.ts)'/g;

/** Every reference a file makes to a table, or a schema file, that another module owns. */
export function crossModuleRefs(files: { file: string; text: string }[]): TableRef[] {
  const owners = tableOwners(files);
  const refs: TableRef[] = [];
  for (const { file, text } of files) {
    const mine = moduleOf(file);
    const lines = text.split('\n');
    lines.forEach((lineText, i) => {
      for (const m of lineText.matchAll(schemaImport)) {
        // A schema may name another module's table in a foreign key: that is a declared dependency, not a reach-in.
        if (file.endsWith('.schema.ts')) continue;
        const target = path.join(path.dirname(file), m[1]!);
        const owner = moduleOf(target);
        if (owner !== mine && !shared.has(path.basename(target)))
          refs.push({ file, line: i + 1, what: path.basename(target), owner });
      }
      for (const m of lineText.matchAll(sqlRef)) {
        const table = m[1]!.toLowerCase();
        const owner = owners.get(table);
        if (owner && owner !== mine && !shared.has(table))
          refs.push({ file, line: i + 1, what: table, owner });
      }
    });
  }
  return refs;
}

export function sourceFiles(srcDir: string): { file: string; text: string }[] {
  return walk(srcDir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

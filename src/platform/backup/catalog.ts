// What a backup copies: every table of the public schema, its columns and primary key, in foreign-key order.
import {
  APPLIED_MIGRATIONS,
  HAS_MIGRATIONS_TABLE,
  levelFromApplied,
  type MigrationLevel,
} from '../db/level.ts';
import type { CopySession } from './session.ts';

export interface TableInfo {
  name: string;
  /** Copied columns in table order (generated columns are left out: the database computes them). */
  columns: string[];
  primaryKey: string[];
}

export const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/** The public schema's tables, parents before the tables referring to them (then by name). */
export async function listTables(s: CopySession): Promise<TableInfo[]> {
  const tables = await s.query<{ name: string; columns: string[]; pk: string[] | null }>(
    `SELECT c.relname AS name,
       (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
       (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
          FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey::int2[])
         WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`,
  );
  const edges = await s.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent
     FROM pg_constraint k
     JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_namespace n ON n.oid = ch.relnamespace
     JOIN pg_class pa ON pa.oid = k.confrelid
     WHERE k.contype = 'f' AND n.nspname = 'public' AND ch.oid <> pa.oid`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const byName = new Map(tables.map((t) => [t.name, t]));
  // Kahn's algorithm, by name among the ready ones so the order is stable; a cycle (none today) keeps name order.
  while (done.size < tables.length) {
    const ready = tables.filter(
      (t) => !done.has(t.name) && [...parents.get(t.name)!].every((p) => done.has(p) || !byName.has(p)),
    );
    const next = ready.length ? ready : tables.filter((t) => !done.has(t.name)).slice(0, 1);
    for (const t of next) {
      done.add(t.name);
      ordered.push({ name: t.name, columns: t.columns ?? [], primaryKey: t.pk ?? [] });
    }
  }
  return ordered;
}

/**
 * The COPY source for a table: its columns ordered by primary key (as text in the C collation), so the same rows
 * give the same bytes on any store and after any restore; without a key, by the whole row's text.
 */
export function selectFor(t: TableInfo): string {
  const cols = t.columns.map(q).join(', ');
  const order = t.primaryKey.length
    ? t.primaryKey.map((c) => `${q(c)}::text COLLATE "C"`).join(', ')
    : `(${q(t.name)}.*)::text COLLATE "C"`;
  return `COPY (SELECT ${cols} FROM ${q(t.name)} ORDER BY ${order})`;
}

/** Settings under which COPY's text is the same bytes on every store (time zone, date style, floats). */
export const STABLE_OUTPUT = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL extra_float_digits = 1`,
  `SET LOCAL bytea_output = 'hex'`,
];

/** The migration level of the database `s` is connected to. */
export async function readMigrationsIn(s: CopySession): Promise<MigrationLevel> {
  const [exists] = await s.query<{ ok: boolean }>(HAS_MIGRATIONS_TABLE);
  if (!exists?.ok) return levelFromApplied([]);
  return levelFromApplied(await s.query<{ hash: string; created_at: string }>(APPLIED_MIGRATIONS));
}

// Pure helpers of the service desk's pages: attachment checks before upload (the server's rules), the clock's
// state in a list, the category tree for a picker, the knowledge base's search, rates and
// months, and the configuration document as the server takes it.
import type { z } from 'zod';
import type { deskConfigSchema } from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { MAX_ATTACHMENTS } from '@contracts/modules/servicedesk/servicedesk.ts';

type DeskConfig = z.infer<typeof deskConfigSchema>;

export { MAX_ATTACHMENTS };
/** The most one attachment may weigh (the server's limit, as for progress reports). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What the server accepts (it checks the first bytes; the name's extension must match for Office files). */
export const attachmentExtensions = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
] as const;
export const attachmentAccept = attachmentExtensions.map((e) => `.${e}`).join(',');

/** Why a file would be refused before it is sent: its type, its size, or none at all. */
export function attachmentProblem(file: { name: string; size: number }): 'type' | 'size' | 'empty' | null {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(file.name)?.[1] ?? '').toLowerCase();
  if (!(attachmentExtensions as readonly string[]).includes(ext)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'size';
  return null;
}

/** "1.5 MB", "820 KB", "12 B". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export type ClockState = 'overdue' | 'paused' | 'running' | 'answered' | 'closed' | 'waiting';

/** What the clock of a request in a list says: overdue, paused for material, running to a due date, or done. */
export function clockState(r: { state: string; overdue: boolean; answerDueOn: string | null }): ClockState {
  if (r.state === 'closed') return 'closed';
  if (r.state === 'answered') return 'answered';
  if (r.state === 'supplement') return 'paused';
  if (r.overdue) return 'overdue';
  return r.answerDueOn ? 'running' : 'waiting';
}

export interface CategoryNode {
  value: string;
  title: string;
  children?: CategoryNode[];
}

/** The flat category list (codes dotted, parents first) as a tree for a picker; orphans stay at the top level. */
export function categoryTree(items: readonly { code: string; name: string }[]): CategoryNode[] {
  const roots: CategoryNode[] = [];
  const byCode = new Map<string, CategoryNode>();
  for (const c of items) {
    const node: CategoryNode = { value: c.code, title: c.name };
    byCode.set(c.code, node);
    const parent = c.code.includes('.') ? byCode.get(c.code.slice(0, c.code.lastIndexOf('.'))) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

interface Entry {
  title: string;
  question: string;
  answer: string;
  unitName: string;
}

/**
 * The knowledge base's groups whose entries contain every word of `q` (split on spaces, case-insensitive) in
 * title, question, answer, unit or category name; groups left empty are dropped. An empty query keeps all.
 */
export function searchKnowledge<E extends Entry, G extends { categoryName: string; entries: E[] }>(
  groups: readonly G[],
  q: string,
): G[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...groups];
  return groups
    .map((g) => ({
      ...g,
      entries: g.entries.filter((e) => {
        const text = [g.categoryName, e.title, e.question, e.answer, e.unitName].join('\n').toLowerCase();
        return words.every((w) => text.includes(w));
      }),
    }))
    .filter((g) => g.entries.length > 0);
}

/** A rate (0…1) as a percentage with one decimal at most: 0.857 → "85.7%", 1 → "100%", null → "—". */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${String(Math.round(value * 1000) / 10)}%`;
}

/** A rate with its counts: "18/20 (90%)", or "—" when nothing was due. */
export function rateText(r: { hits: number; due: number; value: number | null }): string {
  return r.due ? `${r.hits}/${r.due} (${percent(r.value)})` : '—';
}

/** The month `n` months before 'YYYY-MM' (n may be negative): ('2026-03', 5) → '2025-10'. */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month of a Date in the district's time zone (Asia/Shanghai), 'YYYY-MM'. */
export function monthOf(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(d);
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

/** The document as the server takes it: optional rule conditions left out when empty. */
export function configBody(v: DeskConfig): DeskConfig {
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  return {
    categories: (v.categories ?? []).map((c) => ({ ...c, code: c.code.trim(), name: c.name.trim() })),
    rules: (v.rules ?? []).map((r) => {
      const out: DeskConfig['rules'][number] = { category: r.category, unit: r.unit };
      const subdistrict = opt(r.subdistrict);
      const field = opt(r.field);
      const keyword = opt(r.keyword);
      if (subdistrict) out.subdistrict = subdistrict;
      if (field) out.field = field;
      if (keyword) out.keyword = keyword;
      return out;
    }),
    dispatcher: v.dispatcher ?? '',
    rateWithinWorkingDays: v.rateWithinWorkingDays,
  };
}

export type RateMeasure = 'acceptedOnTime' | 'answeredOnTime' | 'satisfaction';
type Rate = { hits: number; due: number; value: number | null };
const measures: RateMeasure[] = ['acceptedOnTime', 'answeredOnTime', 'satisfaction'];

/**
 * Each handling unit's figures over all the cells given (months and categories summed: hits over due, not a mean
 * of rates), the units in the order of their 答复及时率, best first; those with nothing due last.
 */
export function unitTotals(
  cells: readonly ({ unit: { id: string; name: string } | null; filed: number } & Record<
    RateMeasure,
    Rate
  >)[],
  noUnit: string,
): ({ key: string; label: string; filed: number } & Record<RateMeasure, Rate>)[] {
  const sums = new Map<string, { key: string; label: string; filed: number } & Record<RateMeasure, Rate>>();
  for (const c of cells) {
    const key = c.unit?.id ?? '';
    const s = sums.get(key) ?? {
      key,
      label: c.unit?.name ?? noUnit,
      filed: 0,
      acceptedOnTime: { hits: 0, due: 0, value: null },
      answeredOnTime: { hits: 0, due: 0, value: null },
      satisfaction: { hits: 0, due: 0, value: null },
    };
    s.filed += c.filed;
    for (const m of measures) {
      const hits = s[m].hits + c[m].hits;
      const due = s[m].due + c[m].due;
      s[m] = { hits, due, value: due ? hits / due : null };
    }
    sums.set(key, s);
  }
  return [...sums.values()].sort(
    (a, b) =>
      (b.answeredOnTime.value ?? -1) - (a.answeredOnTime.value ?? -1) || a.label.localeCompare(b.label),
  );
}

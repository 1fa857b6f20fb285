// API shapes of the global search (the header's search box): one query, hits grouped by kind.
import { z } from 'zod';

export const searchKinds = ['enterprise', 'policy', 'task', 'unit'] as const;
export const searchKindSchema = z.enum(searchKinds);
export type SearchKind = z.infer<typeof searchKindSchema>;

export const searchQuerySchema = z.object({
  /** Matches an enterprise's name or USCC, a policy's name or code, a key task's title or number, a unit's name. */
  q: z.string().trim().min(1).max(64),
  /** At most this many hits of each kind. */
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const searchHitSchema = z.object({
  kind: searchKindSchema,
  /** The record's id (a key task's number). */
  id: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  /** A second line: an enterprise's USCC and subdistrict, a task's number, a unit's kind. */
  detail: z.string().nullable(),
  /** Where the web app shows the record. */
  link: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  q: z.string(),
  /** Hits in kind order (enterprises, policies, tasks, units), each kind limited to `limit`. */
  items: z.array(searchHitSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

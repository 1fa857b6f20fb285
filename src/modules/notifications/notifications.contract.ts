// API shapes of the inbox: the list with read state, the unread count, marking read.
import { z } from 'zod';
import { idSchema } from '../../platform/http/common.contract.ts';

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const inboxQuerySchema = z.object({
  unreadOnly: boolQuery.default(false),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.output<typeof inboxQuerySchema>;

export const inboxItemSchema = z.object({
  id: idSchema,
  /** 'alert' | 'reminder' | 'system' */
  category: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path in the web app, or null. */
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxSchema = z.object({
  items: z.array(inboxItemSchema),
  /** Items matching the query (all, or unread only), for paging. */
  total: z.number().int(),
  /** Unread items in the whole inbox. */
  unread: z.number().int(),
});
export type Inbox = z.infer<typeof inboxSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
export const markAllReadSchema = z.object({ marked: z.number().int(), unread: z.number().int() });
export const markReadSchema = z.object({ ok: z.literal(true), unread: z.number().int() });

// API shape of the audit trail of one record.
import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  note: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
/** Ids are uuids, codes, or composites such as a grant item's `batchId:enterpriseId` (73 characters). */
export const AUDIT_ID_MAX = 200;
export const auditQuerySchema = z.object({
  entity: z.string().min(1).max(64),
  entityId: z.string().min(1).max(AUDIT_ID_MAX),
});
export const auditListSchema = z.object({ items: z.array(auditEntrySchema) });

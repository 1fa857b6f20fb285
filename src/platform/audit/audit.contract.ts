// API shapes of the audit trail of one record and of the district-wide log.
import { z } from 'zod';
import { idSchema, isoDateSchema, pageOf, pageQuerySchema } from '../http/common.contract.ts';

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

/** Actions whose note is the client's address (shown partly masked on the district-wide log). */
export const addressActions = [
  'login',
  'login_failed',
  'logout',
  'reset_requested',
  'password_change_failed',
] as const;
/** The login history: successful and failed logins, and logouts. */
export const loginActions = ['login', 'login_failed', 'logout'] as const;

/** The district-wide log's filter: who, which record, what, when; `logins` keeps the login history only. */
export const auditLogQuerySchema = pageQuerySchema.extend({
  userId: idSchema.optional(),
  entity: z.string().min(1).max(64).optional(),
  entityId: z.string().min(1).max(AUDIT_ID_MAX).optional(),
  action: z.string().min(1).max(64).optional(),
  logins: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Instants (ISO 8601) or civil dates (YYYY-MM-DD, Asia/Shanghai): from inclusive, to exclusive (a date: its end). */
  from: z.union([z.iso.datetime({ offset: true }), isoDateSchema]).optional(),
  to: z.union([z.iso.datetime({ offset: true }), isoDateSchema]).optional(),
});
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;
export const auditLogEntrySchema = auditEntrySchema.extend({ actorId: idSchema.nullable() });
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;
export const auditLogPageSchema = pageOf(auditLogEntrySchema);

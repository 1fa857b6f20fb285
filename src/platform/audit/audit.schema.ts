// The audit trail: who changed what, when, with the row before and after.
import { pgTable, text, uuid, bigint, jsonb, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';
import { districtId } from '../db/columns.ts';

export const auditLog = pgTable(
  'audit_log',
  {
    districtId: districtId(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index('audit_entity').on(t.districtId, t.entity, t.entityId, t.at),
  ],
);

// The audit trail: who changed what, when, with the row before and after.
import { pgTable, text, uuid, bigint, jsonb, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { districtId, districtPrimaryKey } from '../db/columns.ts';

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
    /**
     * The row's place in its district's chain (1, 2, … without gaps) and sha256(previous hash || canonical text of
     * this row). Both are set by the database on insert (trigger audit_log_chain, migration audit_chain_sql); never by the app.
     */
    seq: bigint('seq', { mode: 'number' }),
    hash: text('hash'),
  },
  (t) => [
    districtPrimaryKey(t),
    index('audit_entity').on(t.districtId, t.entity, t.entityId, t.at),
    uniqueIndex('audit_chain').on(t.districtId, t.seq),
  ],
);

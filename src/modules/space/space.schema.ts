// 产业载体 (carrier space): the operators (专业运营机构) that run the district's buildings and parks. Buildings
// themselves are the registry's (enterprises.schema.ts, `buildings`); this module adds what the inventory keeps.
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, districtRowKey, districtPrimaryKey } from '../../platform/db/columns.ts';

/** A carrier operator: the organisation whose accounts (role `operator`) keep its own buildings current. */
export const spaceOperators = pgTable(
  'space_operators',
  {
    ...districtRowKey(),
    name: text('name').notNull(),
    /** 统一社会信用代码 of the operating company, when known. */
    uscc: text('uscc'),
    contactPerson: text('contact_person').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('space_operators_name').on(t.districtId, t.name)],
);

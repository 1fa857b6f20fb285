// Units the plan names: district departments, subdistricts and towns, state-owned groups, the plan office.
import { pgTable, text, uuid, integer, jsonb, uniqueIndex } from 'drizzle-orm/pg-core';
import { districtRowKey, districtPrimaryKey } from '../../platform/db/columns.ts';

export const units = pgTable(
  'units',
  {
    ...districtRowKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind').notNull(),
    /** For subdistricts: 'street' (街道) or 'town' (镇). */
    subkind: text('subkind'),
    parentId: uuid('parent_id'),
    /** 统计用区划代码 of a 街道/镇, where known. */
    divisionCode: text('division_code'),
    /** For collective references (各镇街, 区级有关部门): which units they stand for. */
    collective: jsonb('collective'),
    position: integer('position').notNull(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('units_code').on(t.districtId, t.code)],
);

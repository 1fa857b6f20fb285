// 产业载体 (carrier space): the operators (专业运营机构) that run the district's buildings and parks. Buildings
// themselves are the registry's (enterprises.schema.ts, `buildings`); this module adds what the inventory keeps.
import { foreignKey, index, pgTable, primaryKey, text, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { buildings } from '../enterprises/enterprises.schema.ts';
import {
  createdAt,
  districtId,
  updatedAt,
  districtRowKey,
  districtPrimaryKey,
} from '../../platform/db/columns.ts';

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

/** The carrier kinds of the inventory: 示范楼宇 · 产业园 · 孵化器 · 创业社区 · 众创空间. */
export const carrierKinds = ['demonstration', 'park', 'incubator', 'startupCommunity', 'makerSpace'] as const;

/**
 * What the inventory keeps of a registry building (one row per building, keyed by it): its carrier kind and the
 * operator that runs it (an operator's accounts keep only the buildings whose row names it).
 */
export const spaceBuildings = pgTable(
  'space_buildings',
  {
    districtId: districtId(),
    buildingId: uuid('building_id').notNull(),
    /** One of carrierKinds. */
    carrierKind: text('carrier_kind').notNull(),
    operatorId: uuid('operator_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.buildingId] }),
    index('space_buildings_operator').on(t.districtId, t.operatorId),
    foreignKey({
      columns: [t.districtId, t.buildingId],
      foreignColumns: [buildings.districtId, buildings.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.districtId, t.operatorId],
      foreignColumns: [spaceOperators.districtId, spaceOperators.id],
    }),
  ],
);

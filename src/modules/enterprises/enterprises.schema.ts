// The enterprise registry: software enterprises, their buildings and recorded honours.
import {
  pgTable,
  text,
  uuid,
  integer,
  date,
  boolean,
  uniqueIndex,
  index,
  foreignKey,
} from 'drizzle-orm/pg-core';
import { units } from '../units/units.schema.ts';
import { createdAt, updatedAt, districtRowKey, districtPrimaryKey } from '../../platform/db/columns.ts';

export const buildings = pgTable(
  'buildings',
  {
    ...districtRowKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    subdistrictId: uuid('subdistrict_id').notNull(),
    address: text('address').notNull(),
    totalArea: integer('total_area').notNull(),
    createdAt: createdAt(),
  },
  (t) => [districtPrimaryKey(t), uniqueIndex('buildings_code').on(t.districtId, t.code)],
);

export const enterprises = pgTable(
  'enterprises',
  {
    ...districtRowKey(),
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    registrationDate: date('registration_date', { mode: 'string' }).notNull(),
    subdistrictId: uuid('subdistrict_id').notNull(),
    buildingId: uuid('building_id'),
    address: text('address').notNull().default(''),
    fields: text('fields').array().notNull().default([]),
    aboveScale: boolean('above_scale').notNull().default(false),
    /** 'active' | 'movedOut' | 'closed' */
    status: text('status').notNull().default('active'),
    /** When it came to the district (入驻): its registration date unless it moved in later. */
    settledOn: date('settled_on', { mode: 'string' }).notNull(),
    /** When it moved out or closed; null while active. Flows count it up to this day; stocks and counts leave it
     * out from the end of this day's month (docs/indicators.md, month-end stocks). */
    leftOn: date('left_on', { mode: 'string' }),
    contactPerson: text('contact_person').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('enterprises_uscc').on(t.districtId, t.uscc),
    index('enterprises_subdistrict').on(t.districtId, t.subdistrictId, t.name),
    index('enterprises_name').on(t.districtId, t.name),
    index('enterprises_registration').on(t.districtId, t.registrationDate),
    foreignKey({ columns: [t.districtId, t.subdistrictId], foreignColumns: [units.districtId, units.id] }),
    foreignKey({
      columns: [t.districtId, t.buildingId],
      foreignColumns: [buildings.districtId, buildings.id],
    }),
  ],
);

export const enterpriseHonours = pgTable(
  'enterprise_honours',
  {
    ...districtRowKey(),
    enterpriseId: uuid('enterprise_id').notNull(),
    kind: text('kind').notNull(),
    awardedOn: date('awarded_on', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    districtPrimaryKey(t),
    index('enterprise_honours_enterprise').on(t.districtId, t.enterpriseId),
    foreignKey({
      columns: [t.districtId, t.enterpriseId],
      foreignColumns: [enterprises.districtId, enterprises.id],
    }).onDelete('cascade'),
  ],
);

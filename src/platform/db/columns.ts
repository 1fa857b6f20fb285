// Column helpers every table uses: the district (tenant) key and timestamps.
import { customType, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** Every row carries its district, so a city-wide deployment can shard on it (Citus). */
export const districtId = () => text('district_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The key columns of a district's own rows: its district and a random uuid (the primary key is the two). */
export const districtRowKey = () => ({ districtId: districtId(), id: uuid('id').notNull().defaultRandom() });
export const districtPrimaryKey = (t: { districtId: AnyPgColumn; id: AnyPgColumn }) =>
  primaryKey({ columns: [t.districtId, t.id] });

/** Bytes kept in the database (attachments): a Buffer either way, whichever driver answers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

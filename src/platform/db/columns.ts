// Column helpers every table uses: the district (tenant) key and timestamps.
import { text, timestamp } from 'drizzle-orm/pg-core';

/** Every row carries its district, so a city-wide deployment can shard on it (Citus). */
export const districtId = () => text('district_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

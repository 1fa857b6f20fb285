// The tenant table: one row per district whose plan this deployment runs.
import { pgTable, text, boolean } from 'drizzle-orm/pg-core';
import { createdAt } from './db/columns.ts';

export const districts = pgTable('districts', {
  /** The district id is its own tenant key (district_id everywhere else). */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  city: text('city').notNull().default(''),
  isDefault: boolean('is_default').notNull().default(false),
  createdAt: createdAt(),
});

// Annual assessment tables: the scheme of a year (its indicators as data), the scores frozen when the year is
// closed (revision 1) and every later revision side by side, and the bonus items the plan office enters.
import { sql } from 'drizzle-orm';
import {
  pgTable,
  text,
  integer,
  boolean,
  jsonb,
  timestamp,
  uuid,
  uniqueIndex,
  index,
  foreignKey,
  check,
} from 'drizzle-orm/pg-core';
import { districtRowKey, districtPrimaryKey, createdAt, updatedAt } from '../../platform/db/columns.ts';
import { units } from '../units/units.schema.ts';

/** The assessment scheme (考核方案) of one year: indicators with points, method, feed and the units they apply to. */
export const assessmentSchemes = pgTable(
  'assessment_schemes',
  {
    ...districtRowKey(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    /** An example (示例方案) derived from the plan, until the office adopts its own. */
    example: boolean('example').notNull().default(false),
    reportDeadlineDay: integer('report_deadline_day').notNull().default(5),
    /** Indicator[] (assessment.contract.ts), validated on the way in. */
    indicators: jsonb('indicators').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set when the office closes the year: its scores are frozen from then on. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('assessment_schemes_year').on(t.districtId, t.year),
    check('assessment_schemes_deadline', sql`${t.reportDeadlineDay} BETWEEN 1 AND 28`),
  ],
);

/** A closed year's scores: revision 1 is what was frozen; a later recompute that changes anything adds one. */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    ...districtRowKey(),
    year: integer('year').notNull(),
    revision: integer('revision').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** 'units' | 'subdistricts': the ranking the unit is placed in. */
    rankGroup: text('rank_group').notNull(),
    totalCenti: integer('total_centi').notNull(),
    place: integer('place').notNull(),
    /** The scorecard with its breakdown as computed (ScorecardView). */
    card: jsonb('card').notNull(),
    reason: text('reason').notNull(),
    computedBy: text('computed_by').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    districtPrimaryKey(t),
    uniqueIndex('assessment_scores_unit').on(t.districtId, t.year, t.revision, t.unitId),
    foreignKey({ columns: [t.districtId, t.unitId], foreignColumns: [units.districtId, units.id] }),
  ],
);

/** A bonus item (加分事项) the plan office entered for a unit, counted by a bonusItems indicator. */
export const assessmentBonuses = pgTable(
  'assessment_bonuses',
  {
    ...districtRowKey(),
    unitId: uuid('unit_id').notNull(),
    indicatorCode: text('indicator_code').notNull(),
    /** 'YYYY-MM' */
    month: text('month').notNull(),
    title: text('title').notNull(),
    enteredBy: text('entered_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    districtPrimaryKey(t),
    index('assessment_bonuses_month').on(t.districtId, t.month),
    foreignKey({ columns: [t.districtId, t.unitId], foreignColumns: [units.districtId, units.id] }),
  ],
);

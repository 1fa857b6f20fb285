// Tier membership as other modules read it (table ownership: monitoring counts tier entrants without naming
// tier_months). The tiers themselves are evaluated and stored by tiers.store.ts.
import { sql, type SQL } from 'drizzle-orm';
import { tierMonths } from './policies.schema.ts';

/** Rows (enterprise_id, month): the members of `tier` in each month evaluated (month as its first day). */
export const tierMembersSql = (districtId: string, tier: string): SQL =>
  sql`SELECT ${tierMonths.enterpriseId} AS enterprise_id, ${tierMonths.month} AS month FROM ${tierMonths}
      WHERE ${tierMonths.districtId} = ${districtId} AND ${tierMonths.tier} = ${tier}`;

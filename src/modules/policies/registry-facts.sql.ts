// Where the rule language's registry facts come from (measures.ts registryFacts): one SQL source per fact, each
// giving rows (enterprise_id, value) of the district at the end of a day, read from the module that keeps the
// register. A fact an enterprise has no row for is 0 (it leases nothing there, has no certified talent).
import { sql, type SQL } from 'drizzle-orm';
import type { RegistryFactCode } from './measures.ts';

/** Rows (enterprise_id uuid, value numeric) of district `districtId` on `date` ('YYYY-MM-DD'). */
export type RegistryFactSource = (districtId: string, date: string) => SQL;

const none: RegistryFactSource = () =>
  sql`SELECT NULL::uuid AS enterprise_id, 0::numeric AS value WHERE false`;

export const registryFactSources: Record<RegistryFactCode, RegistryFactSource> = {
  demonstrationArea: none,
  clusterArea: none,
  certifiedCoreTalents: none,
  workstationSeats: none,
};

/** The tables those sources read, for the planner statistics refreshed before an evaluation. */
export const registryFactTables: readonly string[] = [];

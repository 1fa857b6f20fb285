// The platform's own daily housekeeping, declared as a manifest like any module's: counters of the login and
// public-write throttles older than a day, and domain events delivered to every subscriber a month ago.
import type { Db } from './db/db.ts';
import type { ModuleManifest, PlatformDeps } from './module.ts';
import { pruneLoginFailures } from './auth/auth.routes.ts';
import { pruneRateLimits } from './http/throttle.ts';
import { pruneDeliveredEvents } from './events/events.store.ts';

export const HOUSEKEEPING_JOB = 'platform.housekeeping';

/** Everything housekeeping deletes; idempotent, so a run per district (as schedules go) costs nothing extra. */
export async function housekeep(db: Db): Promise<{ events: number }> {
  await pruneLoginFailures(db);
  await pruneRateLimits(db);
  return { events: await pruneDeliveredEvents(db) };
}

export const housekeepingModule: ModuleManifest<PlatformDeps> = {
  name: 'platform',
  jobs: () => ({ [HOUSEKEEPING_JOB]: async (_job, ctx) => housekeep(ctx.db) }),
  schedules: async () => [{ kind: HOUSEKEEPING_JOB, every: 'day', hour: 3 }],
};

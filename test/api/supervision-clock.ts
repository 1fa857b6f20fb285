// What the supervision API tests share: a movable clock and the daily escalation job run on a chosen date as the
// job runner would (08:00 Shanghai), with the notifications it asked for delivered to the inboxes.
import { deliverNotifications, type Platform } from '../harness.ts';
import { ESCALATE_JOB, supervisionJobHandlers } from '../../src/modules/supervision/supervision.notices.ts';
import type { Job } from '../../src/platform/jobs/jobs.ts';
import type { JobContext } from '../../src/platform/jobs/runner.ts';

export interface MovableClock {
  now: Date;
}
export const setDate = (clock: MovableClock, date: string) => (clock.now = new Date(`${date}T02:00:00Z`));

const noop = () => undefined;
const quiet = { info: noop, warn: noop, error: noop };

/** Delivers pending notifications with no adapter (inboxes only). */
export const deliverToInboxes = (p: Platform) =>
  deliverNotifications(p.db, { adapters: [], contactsOf: async () => [], logger: quiet });

/** Runs the daily ladder on `date` for the platform's district; returns the job's summary. */
export function escalationRunner(p: () => Platform, clock: MovableClock) {
  return async (date: string) => {
    setDate(clock, date);
    const ctx: JobContext = {
      db: p().db,
      workerId: 'test',
      now: () => clock.now,
      logger: quiet as unknown as JobContext['logger'],
    };
    const job = { districtId: p().districtId, kind: ESCALATE_JOB, payload: {} } as unknown as Job;
    const result = await supervisionJobHandlers()[ESCALATE_JOB]!(job, ctx);
    await deliverToInboxes(p());
    return result as { reminders: number; issued: number; escalated: number; colourChanges: number };
  };
}

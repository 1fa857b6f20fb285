// The only SQL about jobs: enqueue with a dedupe key, claim with FOR UPDATE SKIP LOCKED and a lease, finish, retry.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/db.ts';
import { districts } from '../district.schema.ts';
import { jobs } from './jobs.schema.ts';
import { errorText, type Job, type JobStatus } from './jobs.ts';

type JobRow = typeof jobs.$inferSelect;

const toJob = (r: JobRow): Job => ({
  ...r,
  status: r.status as JobStatus,
  runAt: new Date(r.runAt),
  lockedUntil: r.lockedUntil ? new Date(r.lockedUntil) : null,
  createdAt: new Date(r.createdAt),
  finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
});

/** The database's clock, or an injected one (tests, and schedules run "as of" a time). */
const clock = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);

export interface EnqueueInput {
  districtId: string;
  kind: string;
  /** One job per (district, kind, key): e.g. 'monitoring.recompute:2026-10'. */
  key: string;
  payload?: unknown;
  /** Not before this instant; default now. */
  runAt?: Date;
  maxAttempts?: number;
  /** Re-queue a finished (done or failed) job with this key. A queued or running one is never touched. */
  force?: boolean;
}

export interface Enqueued {
  id: string;
  /** false when a job with this key already existed and was left as it was. */
  enqueued: boolean;
}

/** Adds a job unless one with the same key exists: enqueuing twice, from any number of instances, makes one job. */
export async function enqueue(db: Queryable, input: EnqueueInput): Promise<Enqueued> {
  const values = {
    districtId: input.districtId,
    kind: input.kind,
    key: input.key,
    payload: input.payload ?? {},
    ...(input.runAt ? { runAt: input.runAt } : {}),
    ...(input.maxAttempts ? { maxAttempts: input.maxAttempts } : {}),
  };
  const target = [jobs.districtId, jobs.kind, jobs.key];
  const insert = db.insert(jobs).values(values);
  const [row] = input.force
    ? await insert
        .onConflictDoUpdate({
          target,
          set: {
            status: 'queued',
            payload: sql`excluded.payload`,
            runAt: sql`excluded.run_at`,
            maxAttempts: sql`excluded.max_attempts`,
            attempts: 0,
            lockedBy: null,
            lockedUntil: null,
            lastError: null,
            result: null,
            finishedAt: null,
          },
          setWhere: sql`${jobs.status} IN ('done', 'failed')`,
        })
        .returning({ id: jobs.id })
    : await insert.onConflictDoNothing({ target }).returning({ id: jobs.id });
  if (row) return { id: row.id, enqueued: true };
  const [existing] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.districtId, input.districtId), eq(jobs.kind, input.kind), eq(jobs.key, input.key)));
  return { id: existing!.id, enqueued: false };
}

/**
 * Claims the oldest due job of one of `kinds` for `workerId`, with a lease of `leaseMs`: a queued job whose time has
 * come, or a running one whose lease has expired (its worker crashed or hung). SKIP LOCKED lets concurrent claimers
 * pass over each other's candidate rows instead of waiting on them, so each job goes to exactly one claimer.
 */
export async function claimNext(
  db: Queryable,
  workerId: string,
  kinds: readonly string[],
  leaseMs: number,
  now?: Date,
): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const at = clock(now);
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: sql`${at} + ${Math.max(1, Math.round(leaseMs))}::int * interval '1 millisecond'`,
    })
    .where(
      sql`(${jobs.districtId}, ${jobs.id}) = (
        SELECT candidate.district_id, candidate.id FROM jobs AS candidate
        WHERE candidate.kind IN (${kindList})
          AND ((candidate.status = 'queued' AND candidate.run_at <= ${at})
            OR (candidate.status = 'running' AND candidate.locked_until < ${at} AND candidate.attempts < candidate.max_attempts))
        ORDER BY candidate.run_at, candidate.created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
  return row ? toJob(row) : null;
}

/** The claim a worker holds: the job as claimed (its attempt number tells this claim from a later one). */
export type Claim = Pick<Job, 'districtId' | 'id' | 'attempts' | 'lockedBy'>;

const heldBy = (c: Claim) =>
  and(
    eq(jobs.districtId, c.districtId),
    eq(jobs.id, c.id),
    eq(jobs.status, 'running'),
    eq(jobs.lockedBy, c.lockedBy ?? ''),
    eq(jobs.attempts, c.attempts),
  );

/** Marks a claimed job done with its result; false when the claim was lost (the lease expired and another took it). */
export async function complete(db: Queryable, claim: Claim, result: unknown): Promise<boolean> {
  const done = await db
    .update(jobs)
    .set({
      status: 'done',
      result: result ?? null,
      finishedAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
    })
    .where(heldBy(claim))
    .returning({ id: jobs.id });
  return done.length > 0;
}

export interface FailOptions {
  /** Wait before the next attempt. */
  delayMs: number;
  /** No further attempt, whatever remains (the handler said retrying cannot help). */
  final?: boolean;
  now?: Date;
}

export type FailOutcome = 'retry' | 'failed' | 'lost';

/** Records a failed attempt: queued again after `delayMs` while attempts remain, otherwise failed for good. */
export async function fail(
  db: Queryable,
  claim: Claim,
  err: unknown,
  opts: FailOptions,
): Promise<FailOutcome> {
  const last = opts.final ? sql`true` : sql`${jobs.attempts} >= ${jobs.maxAttempts}`;
  const at = clock(opts.now);
  const [row] = await db
    .update(jobs)
    .set({
      status: sql`CASE WHEN ${last} THEN 'failed' ELSE 'queued' END`,
      runAt: sql`CASE WHEN ${last} THEN ${jobs.runAt} ELSE ${at} + ${Math.max(0, Math.round(opts.delayMs))}::int * interval '1 millisecond' END`,
      finishedAt: sql`CASE WHEN ${last} THEN now() END`,
      lastError: errorText(err),
      lockedBy: null,
      lockedUntil: null,
    })
    .where(heldBy(claim))
    .returning({ status: jobs.status });
  if (!row) return 'lost';
  return row.status === 'failed' ? 'failed' : 'retry';
}

/** Extends a running job's lease; false when the claim was lost. */
export async function heartbeat(db: Queryable, claim: Claim, leaseMs: number, now?: Date): Promise<boolean> {
  const at = clock(now);
  const kept = await db
    .update(jobs)
    .set({ lockedUntil: sql`${at} + ${Math.max(1, Math.round(leaseMs))}::int * interval '1 millisecond'` })
    .where(heldBy(claim))
    .returning({ id: jobs.id });
  return kept.length > 0;
}

/**
 * Fails running jobs whose lease expired on their last attempt: a job that keeps taking its worker down with it
 * (out of memory, say) must stop being claimed.
 */
export async function failAbandoned(db: Queryable, now?: Date): Promise<number> {
  const at = clock(now);
  const failed = await db
    .update(jobs)
    .set({
      status: 'failed',
      lastError: sql`coalesce(${jobs.lastError} || '; ', '') || 'lease expired on the last attempt (worker ' || coalesce(${jobs.lockedBy}, '?') || ')'`,
      finishedAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(
      sql`${jobs.status} = 'running' AND ${jobs.lockedUntil} < ${at} AND ${jobs.attempts} >= ${jobs.maxAttempts}`,
    )
    .returning({ id: jobs.id });
  return failed.length;
}

export async function findJob(db: Queryable, districtId: string, id: string): Promise<Job | undefined> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.districtId, districtId), eq(jobs.id, id)));
  return row ? toJob(row) : undefined;
}

export async function jobsOfKind(db: Queryable, districtId: string, kind: string): Promise<Job[]> {
  const found = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.districtId, districtId), eq(jobs.kind, kind)))
    .orderBy(asc(jobs.runAt), asc(jobs.key));
  return found.map(toJob);
}

/** Every district this deployment serves: schedules enqueue one job per district. */
export async function allDistrictIds(db: Queryable): Promise<string[]> {
  const found = await db.select({ id: districts.id }).from(districts).orderBy(asc(districts.id));
  return found.map((d) => d.id);
}

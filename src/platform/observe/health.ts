// Probes for load balancers and supervisors: GET /healthz (the process answers) and GET /readyz (the database
// answers, its migrations are this code's, the job runner is alive). Outside /api: no admission gate, no session,
// request lines at debug (logging.ts QUIET_PATHS).
import { z } from 'zod';
import type { TypedApp } from '../http/app.ts';
import { migrationsFolder as defaultMigrationsFolder, sql, type Db } from '../db/db.ts';
import {
  codeMigrations,
  compareLevel,
  databaseMigrationLevel,
  describeLevel,
  type CodeMigration,
} from '../db/level.ts';

/** What readiness reads of the job runner (JobRunner fits). */
export interface RunnerHeartbeat {
  /** Wall-clock ms of the loop's last tick; undefined when stopped. */
  readonly lastTick: number | undefined;
}

export interface HealthOptions {
  db: Db;
  /**
   * The job runner, looked up at each probe (it starts after the server listens). Absent: this process runs no
   * runner and readiness does not require one (API tests, an API-only instance). Present but returning undefined:
   * a runner is expected and not (yet) running — not ready.
   */
  jobRunner?: (() => RunnerHeartbeat | undefined) | undefined;
  /** A runner whose loop has not ticked for this long is not alive. Default 5 min (a long job ticks on each lease renewal). */
  runnerStaleMs?: number | undefined;
  /** Longest wait for the database's answer. Default 2 s. */
  dbTimeoutMs?: number | undefined;
  /** Where migrations/meta/_journal.json is (tests point elsewhere); default the repository's migrations/. */
  migrationsFolder?: string | undefined;
  now?: () => number;
}

const check = z.object({ ok: z.boolean(), detail: z.string() });
export const readinessSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: check, migrations: check, jobs: check }),
});
export type Readiness = z.infer<typeof readinessSchema>;

/** This code's migrations per folder, read once. */
const shipped = new Map<string, CodeMigration[]>();
function shippedIn(folder: string): CodeMigration[] {
  let code = shipped.get(folder);
  if (!code) shipped.set(folder, (code = codeMigrations(folder)));
  return code;
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const reason = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);

/** Runs the three readiness checks; never throws. */
export async function readiness(opts: HealthOptions): Promise<Readiness> {
  const now = opts.now ?? Date.now;
  const code = shippedIn(opts.migrationsFolder ?? defaultMigrationsFolder);
  const lastTag = code.at(-1)?.tag ?? '—';
  const timeoutMs = opts.dbTimeoutMs ?? 2000;
  let database: Readiness['checks']['database'];
  let migrations: Readiness['checks']['migrations'];
  try {
    await within(timeoutMs, opts.db.execute(sql`SELECT 1`));
    database = { ok: true, detail: 'answers' };
    try {
      const level = await within(timeoutMs, databaseMigrationLevel(opts.db));
      const compared = compareLevel(level, code);
      migrations =
        compared === 'same'
          ? { ok: true, detail: `${level.count} applied, last ${lastTag}` }
          : compared === 'newer'
            ? {
                ok: false,
                detail: `database migrated by a newer version (${describeLevel(level)}; this code knows ${code.length}, last ${lastTag})`,
              }
            : compared === 'older'
              ? {
                  ok: false,
                  detail: `behind: ${level.count} of ${code.length} applied (expected last ${lastTag})`,
                }
              : { ok: false, detail: `migrations differ from this code's (${describeLevel(level)})` };
    } catch (err) {
      migrations = { ok: false, detail: `cannot read applied migrations: ${reason(err)}` };
    }
  } catch (err) {
    database = { ok: false, detail: reason(err) };
    migrations = { ok: false, detail: 'not checked: database unavailable' };
  }
  let jobs: Readiness['checks']['jobs'];
  if (!opts.jobRunner) jobs = { ok: true, detail: 'not required: no job runner in this process' };
  else {
    const tick = opts.jobRunner()?.lastTick;
    const staleMs = opts.runnerStaleMs ?? 5 * 60_000;
    if (tick === undefined) jobs = { ok: false, detail: 'job runner not running' };
    else {
      const age = now() - tick;
      jobs =
        age <= staleMs
          ? { ok: true, detail: `last tick ${(age / 1000).toFixed(1)} s ago` }
          : { ok: false, detail: `stalled: last tick ${(age / 1000).toFixed(1)} s ago` };
    }
  }
  const ok = database.ok && migrations.ok && jobs.ok;
  return { status: ok ? 'ok' : 'unavailable', checks: { database, migrations, jobs } };
}

export function registerHealthRoutes(app: TypedApp, opts: HealthOptions): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness: the process answers (no database access); for load balancers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['meta'],
        summary:
          'Readiness: database answers, migrations current, job runner alive (503 names the failing check)',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_req, reply) => {
      const r = await readiness(opts);
      return reply.status(r.status === 'ok' ? 200 : 503).send(r);
    },
  );
}

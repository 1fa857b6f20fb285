// Command line: `serve` (default) starts the platform; `migrate`, `load-plan FILE`, `seed` and `audit verify` do one
// job and exit.
import { loadConfig } from './platform/config.ts';
import { DEFAULT_POOL_SIZE, openDatabase } from './platform/db/db.ts';
import { gateOptionsFor } from './platform/db/gate.ts';
import os from 'node:os';
import { housekeep } from './platform/housekeeping.module.ts';
import { buildServer, composeServerModules } from './server.ts';
import { JobRunner } from './platform/jobs/runner.ts';
import {
  DEMO_PASSWORD,
  ensureAdmin,
  ensureDemo,
  ensureComputed,
  ensureExamplePolicies,
  loadPlanFromFile,
  policyFileFor,
} from './bootstrap.ts';
import { verifyCommand } from './platform/audit/audit.verify.ts';
import { DatabaseLevelError } from './platform/db/migrations.ts';
import { ensureDemoLedger } from './modules/demo/ledger.ts';
import { openLogFile } from './platform/observe/log-file.ts';
import { backupCommand, restoreCommand } from './platform/backup/backup.cli.ts';
import { backupModule } from './platform/backup/backup.module.ts';
import { newToken, writeServerLock } from './platform/backup/lock.ts';

const COMMANDS = ['serve', 'migrate', 'load-plan', 'seed', 'audit', 'backup', 'restore'];
const USAGE =
  'serve | migrate | load-plan [FILE] | seed | audit verify [--district X] | backup [--out FILE] | restore FILE [--force]';

/** Arbitrary but fixed: the advisory lock that serialises first-start loading across instances. */
const BOOTSTRAP_LOCK = 7_318_245_002;

async function main() {
  const [command = 'serve', ...rest] = process.argv.slice(2);
  const config = loadConfig(process.env, rest);
  // An unknown command is refused before anything is opened (it used to load the plan and the demo first).
  if (!COMMANDS.includes(command)) {
    console.error(`unknown command "${command}". Use: ${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // Before the store is opened: PGlite's data directory may be held by a running server (docs/operations.md).
  if (command === 'backup' || command === 'restore') {
    const run = command === 'backup' ? backupCommand : restoreCommand;
    process.exitCode = await run(config, rest, (line) => console.log(line));
    return;
  }
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const where = config.databaseUrl
    ? config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')
    : `${config.dataDir} (PGlite)`;

  if (command === 'migrate') {
    console.log(`migrations applied to ${where}`);
    return database.close();
  }
  if (command === 'audit') {
    // `audit verify [--district X]`: checks each district's hash chain; the first broken row, and exit 1, if any.
    if (rest[0] !== 'verify') {
      console.error('unknown audit command. Use: audit verify [--district X]');
      process.exitCode = 2;
      return database.close();
    }
    const i = rest.indexOf('--district');
    const named = i >= 0 ? rest[i + 1] : rest.find((a) => a.startsWith('--district='))?.slice(11);
    process.exitCode = await verifyCommand(database.db, named, (line) => console.log(line));
    return database.close();
  }
  if (command === 'load-plan') {
    const file = rest.find((a) => !a.startsWith('--')) ?? config.planFile;
    const r = await loadPlanFromFile(database.db, file);
    console.log(`plan ${file}: ${r.outcome} (district ${r.districtId})`);
    return database.close();
  }

  // Instances starting together on one PostgreSQL load the plan and the demo one after the other, not both at once.
  const unlock = await database.lock(BOOTSTRAP_LOCK);
  let plan: Awaited<ReturnType<typeof loadPlanFromFile>>;
  let admin: Awaited<ReturnType<typeof ensureAdmin>>;
  let demo: Awaited<ReturnType<typeof ensureDemo>>;
  let ledger: Awaited<ReturnType<typeof ensureDemoLedger>>;
  try {
    plan = await loadPlanFromFile(database.db, config.planFile);
    admin = await ensureAdmin(database.db, plan.districtId, config.adminPassword);
    demo = config.demo
      ? await ensureDemo(database.db, plan.districtId, { enterprises: config.demoEnterprises })
      : undefined;
    await ensureExamplePolicies(database.db, plan.districtId, policyFileFor(config.planFile));
    await ensureComputed(database.db, plan.districtId, new Date());
    // The demo's ledger of work items and progress reports (督查督办), made with the registry on a first start.
    if (demo) ledger = await ensureDemoLedger(database.db, plan.districtId, new Date());
  } finally {
    await unlock();
  }
  if (command === 'seed') {
    console.log(
      demo
        ? `demo district: ${demo.enterprises} enterprises, ${demo.buildings} buildings, ${demo.reports} monthly reports`
        : 'registry already present',
    );
    return database.close();
  }

  // --log-file: JSON logs to a rolling file; the banner below still goes to standard output.
  const logFile = config.logFile
    ? await openLogFile({ file: config.logFile, size: config.logRotateSize, keep: config.logKeep })
    : undefined;
  // The runner starts after the server listens; /readyz asks for it from the start (not ready until it runs).
  const live: { runner?: JobRunner } = {};
  const backupSettings = { dir: config.backupDir, keep: config.backupKeep, hour: config.backupHour };
  // With PGlite, the lock file lets `backup` on this machine ask this server (the one process holding the store).
  const backupToken = database.kind === 'pglite' ? newToken() : undefined;
  const app = await buildServer({
    db: database.db,
    config,
    backup: { settings: backupSettings, token: backupToken },
    defaultDistrictId: plan.districtId,
    ...(logFile ? { logStream: logFile.stream } : {}),
    observe: {
      jobRunner: () => (live.runner?.running ? live.runner : undefined),
      poolStats: database.poolStats,
    },
    gate: gateOptionsFor(database.kind, DEFAULT_POOL_SIZE, {
      concurrency: config.dbConcurrency,
      queueMax: config.dbQueueMax,
      timeoutMs: config.dbQueueTimeoutMs,
      maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    }),
  });
  // Throttle counters older than a day and events delivered a month ago: at start, and daily (housekeeping job).
  await housekeep(database.db);
  await app.listen({ port: config.port, host: config.host });
  const releaseLock = backupToken
    ? writeServerLock(config.dataDir, {
        port: (app.server.address() as { port: number }).port,
        host: config.host,
        token: backupToken,
      })
    : () => undefined;
  // Background work (every module's jobs and schedules, and delivery of domain events to the modules' subscriptions)
  // is claimed through PostgreSQL: any number of instances may run this.
  const workerId = `${os.hostname()}:${process.pid}`;
  const composed = composeServerModules(
    { db: database.db, now: () => new Date(), logger: app.log, defaultDistrictId: plan.districtId },
    { workerId },
  );
  // Scheduled backups (deployment-wide; settings from the configuration, so composed here, not in the module list).
  const backups = backupModule(backupSettings);
  const runner = new JobRunner({
    db: database.db,
    workerId,
    handlers: { ...composed.handlers, ...backups.jobs!(composed.deps) },
    schedules: [...(await composed.schedules()), ...(await backups.schedules!(composed.deps))],
    events: composed.dispatcher,
    logger: app.log,
  });
  runner.start();
  live.runner = runner;
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  满天星 Mantianxing is running at ${url}  (ready in ${Math.round(performance.now() - started)} ms)`,
    `  database: ${where}; plan ${plan.outcome === 'unchanged' ? 'already loaded' : plan.outcome}`,
  ];
  if (logFile) lines.push(`  logs: ${logFile.current()} (JSON, rolled daily and at ${config.logRotateSize})`);
  if (admin?.generated)
    lines.push(`  first administrator: admin / ${admin.password}   (shown once — keep it)`);
  else if (admin) lines.push('  first administrator: admin / (MANTIANXING_ADMIN_PASSWORD)');
  else lines.push('  administrator: admin (password as set at first start)');
  if (demo) {
    lines.push(
      `  demo district loaded: ${demo.enterprises} enterprises, ${demo.buildings} buildings, ${demo.reports} monthly reports`,
    );
    if (ledger)
      lines.push(`  demo ledger: ${ledger.items} work items, ${ledger.reports} progress reports (督查督办)`);
    for (const a of demo.accounts)
      lines.push(
        `  demo ${a.role} account: ${a.username} / ${DEMO_PASSWORD}${a.boundTo ? `  (${a.boundTo})` : ''}`,
      );
  }
  console.log(lines.join('\n') + '\n');

  // SIGTERM/SIGINT: stop claiming jobs and wait for the running ones, stop accepting connections and finish the
  // requests in flight, close the database cleanly (PGlite flushes its data directory), then exit. A signal given
  // again later (a second Ctrl-C), or 30 s without finishing, exits at once. The copies that arrive together are
  // one signal: Ctrl-C signals the terminal's whole process group, and npm and tsx each relay it as well.
  let stoppingSince: number | null = null;
  const stop = async (signal: NodeJS.Signals) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince > 2000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      console.error('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000).unref();
    await runner.stop();
    await app.close();
    releaseLock();
    await database.close();
    await logFile?.close();
    console.log(`  满天星 Mantianxing stopped (${signal}): requests and jobs finished, database closed`);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // A database this release must not run: the reason alone, without a stack trace.
  if (err instanceof DatabaseLevelError) {
    console.error(`  ${err.message}`);
    process.exit(3);
  }
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

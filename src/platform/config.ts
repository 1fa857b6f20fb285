// Configuration read once from the environment and command line, then passed down (no globals).
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… selects a PostgreSQL server; absent means embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The first administrator's password; generated and printed once when absent. */
  adminPassword: string | undefined;
  /** The plan file loaded on first start (its district becomes the default district). */
  planFile: string;
  /** Load the generated demo district (enterprises, buildings, demo accounts) on first start. */
  demo: boolean;
  demoEnterprises: number;
  /** Serve web/dist at / (off in API tests). */
  serveWeb: boolean;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  sessionTtlHours: number;
  /** A session unused this long ends, whatever its absolute expiry. */
  sessionIdleMinutes: number;
  /**
   * Which peers may set X-Forwarded-For/-Proto/-Host: false (none: the default), a hop count, or a list of
   * addresses and CIDRs. Anything else lets any client choose the address the login throttle counts.
   */
  trustProxy: TrustProxy;
  /** Admission gate (docs/scaling.md): requests at work at once (default by store), queue length, longest wait. */
  dbConcurrency: number | undefined;
  dbQueueMax: number;
  dbQueueTimeoutMs: number;
  /** Refuse new API requests while the event loop lags by more than this (ms); 0 turns it off. */
  maxEventLoopDelayMs: number;
  /** MANTIANXING_METRICS_TOKEN: the bearer token GET /metrics asks for; absent, /metrics answers 404. */
  metricsToken: string | undefined;
  /** --log-file / MANTIANXING_LOG_FILE: JSON logs go to this file, rotated (absent: standard output). */
  logFile: string | undefined;
  /** MANTIANXING_LOG_ROTATE_SIZE: a log file is rotated at this size (pino-roll's form: 50m, 500k, 1g). */
  logRotateSize: string;
  /** MANTIANXING_LOG_KEEP: rotated log files kept besides the current one. */
  logKeep: number;
  /** Backups (docs/operations.md): directory, archives kept by the daily job (0: no schedule), its hour or null. */
  backupDir: string;
  backupKeep: number;
  backupHour: number | null;
}

export type TrustProxy = false | number | string[];

/** MANTIANXING_TRUST_PROXY: '' / 'false' → off; '1' → one hop; '10.0.0.1,10.1.0.0/16' → those peers. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = (raw ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true')
    throw new Error('MANTIANXING_TRUST_PROXY=true would trust any client; name the proxies or a hop count');
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of list) {
    if (
      !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(item) &&
      !['loopback', 'linklocal', 'uniquelocal'].includes(item)
    )
      throw new Error(`MANTIANXING_TRUST_PROXY: "${item}" is not an address, a CIDR or a hop count`);
  }
  return list;
}

/** MANTIANXING_BACKUP_HOUR: unset → 1 (01:00 Asia/Shanghai); 'off' / 'false' / 'none' → no scheduled backups. */
export function parseBackupHour(raw: string | undefined): number | null {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '') return 1;
  if (['off', 'false', 'none', 'no'].includes(v)) return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 23)
    throw new Error(`MANTIANXING_BACKUP_HOUR must be an hour 0–23 or "off", got "${raw}"`);
  return n;
}

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const int = (raw: string | undefined, fallback: number, name: string): number => {
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return n;
  };
  const dataDir = path.resolve(flag('data-dir') ?? env.DATA_DIR ?? path.join(repoRoot, 'data'));
  return {
    port: int(flag('port') ?? env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    adminPassword: env.MANTIANXING_ADMIN_PASSWORD || undefined,
    planFile: path.resolve(
      flag('plan') ?? env.MANTIANXING_PLAN_FILE ?? path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml'),
    ),
    demo: (flag('demo') ?? env.MANTIANXING_DEMO ?? 'true') !== 'false',
    demoEnterprises: int(flag('scale') ?? env.MANTIANXING_DEMO_ENTERPRISES, 1500, '--scale'),
    serveWeb: true,
    secureCookies: env.MANTIANXING_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'warn',
    sessionTtlHours: int(env.MANTIANXING_SESSION_TTL_HOURS, 12, 'MANTIANXING_SESSION_TTL_HOURS'),
    sessionIdleMinutes: int(env.MANTIANXING_SESSION_IDLE_MINUTES, 30, 'MANTIANXING_SESSION_IDLE_MINUTES'),
    trustProxy: parseTrustProxy(env.MANTIANXING_TRUST_PROXY),
    dbConcurrency: env.MANTIANXING_DB_CONCURRENCY
      ? Math.max(1, int(env.MANTIANXING_DB_CONCURRENCY, 1, 'MANTIANXING_DB_CONCURRENCY'))
      : undefined,
    dbQueueMax: int(env.MANTIANXING_DB_QUEUE_MAX, 100, 'MANTIANXING_DB_QUEUE_MAX'),
    dbQueueTimeoutMs: int(env.MANTIANXING_DB_QUEUE_TIMEOUT_MS, 2000, 'MANTIANXING_DB_QUEUE_TIMEOUT_MS'),
    maxEventLoopDelayMs: int(
      env.MANTIANXING_MAX_EVENT_LOOP_DELAY_MS,
      1000,
      'MANTIANXING_MAX_EVENT_LOOP_DELAY_MS',
    ),
    metricsToken: env.MANTIANXING_METRICS_TOKEN || undefined,
    logFile: (() => {
      const f = flag('log-file') ?? env.MANTIANXING_LOG_FILE;
      return f ? path.resolve(f) : undefined;
    })(),
    logRotateSize: (() => {
      const v = (env.MANTIANXING_LOG_ROTATE_SIZE ?? '50m').trim().toLowerCase();
      if (!/^\d+[kmg]?$/.test(v))
        throw new Error(`MANTIANXING_LOG_ROTATE_SIZE must be a size such as 50m, 500k or 1g, got "${v}"`);
      return v;
    })(),
    logKeep: int(env.MANTIANXING_LOG_KEEP, 14, 'MANTIANXING_LOG_KEEP'),
    backupDir: path.resolve(env.MANTIANXING_BACKUP_DIR || path.join(dataDir, 'backups')),
    backupKeep: int(env.MANTIANXING_BACKUP_KEEP, 7, 'MANTIANXING_BACKUP_KEEP'),
    backupHour: parseBackupHour(env.MANTIANXING_BACKUP_HOUR),
  };
}

// Composes the platform and the modules into one Fastify server: API under /api, the web app at /.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHttpApp, type App } from './platform/http/app.ts';
import type { LogDestination } from './platform/http/logging.ts';
import { registerWebApp } from './platform/http/static.ts';
import type { Db } from './platform/db/db.ts';
import type { GateOptions } from './platform/db/gate.ts';
import { repoRoot, type Config } from './platform/config.ts';
import { registerAuthRoutes, registerSessionHook, type AuthOptions } from './platform/auth/auth.routes.ts';
import { registerAuditRoutes } from './platform/audit/audit.routes.ts';
import { audit, refusalEvent } from './platform/audit/audit.ts';
import { actorOf } from './platform/auth/principal.ts';
import type { DeliveryOptions } from './modules/notifications/notifications.delivery.ts';
import { composeModules, registerModuleRoutes, type Composed } from './platform/module.ts';
import { modules } from './modules/index.ts';
import { accountLookup, loggingDelivery, type ModuleDeps } from './modules/deps.ts';
import { districts } from './platform/district.schema.ts';
import { registerObservability, type ObserveOptions } from './platform/observe/observe.ts';
import { eq } from 'drizzle-orm';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { registerBackupRoutes } from './platform/backup/backup.routes.ts';
import type { BackupSettings } from './platform/backup/backups.ts';

export { appVersion as version } from './platform/db/migrations.ts';
import { appVersion as version } from './platform/db/migrations.ts';
export const webDist = path.join(repoRoot, 'web', 'dist');

export interface ServerDeps {
  db: Db;
  config: Pick<Config, 'logLevel' | 'sessionTtlHours' | 'secureCookies' | 'serveWeb'> &
    Partial<Pick<Config, 'sessionIdleMinutes' | 'trustProxy' | 'metricsToken'>>;
  /** Where log lines go (tests capture them, --log-file rolls a file); standard output by default. */
  logStream?: LogDestination;
  /** The built web app to serve at / (tests point it at a fixture); default web/dist. */
  webRoot?: string;
  defaultDistrictId: string;
  /** Test hook: a lower failure limit makes the login throttle quick to exercise. */
  loginMaxFailures?: number;
  /** The clock (tests pin it); defaults to the system clock. */
  now?: () => Date;
  /** How notifications leave the platform; default: logged (e-mail and SMS adapters plug in here). */
  delivery?: DeliveryOptions;
  /** Admission gate in front of the database (docs/scaling.md); absent means none (tests choose theirs). */
  gate?: GateOptions;
  /** What /readyz and /metrics read besides the database (docs/operations.md "Health, metrics and logs"). */
  observe?: Pick<ObserveOptions, 'jobRunner' | 'poolStats'>;
  /**
   * Backups (platform/backup): the directory and schedule, and the lock file's token that lets the local command
   * line ask for a backup. Default: a scratch directory of this process, no schedule, no token (tests).
   */
  backup?: { settings: BackupSettings; token?: string | undefined };
}

/** The modules of src/modules/index.ts composed with one set of deps (server.ts for routes, cli.ts for the runner). */
export function composeServerModules(
  base: Omit<ModuleDeps, 'events' | 'delivery'> & { delivery?: DeliveryOptions },
  opts: { workerId?: string } = {},
): Composed<ModuleDeps> {
  const delivery = base.delivery ?? loggingDelivery(base.db, base.logger);
  return composeModules(modules, { ...base, delivery }, opts);
}

export async function buildServer(deps: ServerDeps): Promise<App> {
  const { db, config, defaultDistrictId } = deps;
  const app = await createHttpApp({
    logLevel: config.logLevel,
    version,
    gate: deps.gate,
    onRefused: (req, code) =>
      audit(
        db,
        actorOf(req.user!),
        refusalEvent({
          method: req.method,
          route: req.routeOptions.url ?? req.url.split('?')[0]!,
          params: (req.params ?? {}) as Record<string, string>,
          code,
        }),
      ),
    trustProxy: config.trustProxy ?? false,
    ...(deps.logStream ? { logStream: deps.logStream } : {}),
  });
  const now = deps.now ?? (() => new Date());
  // Probes and metrics first: outside /api, so neither the gate nor the session hook touches them.
  registerObservability(app, { db, metricsToken: config.metricsToken, ...deps.observe });
  const authOptions: AuthOptions = {
    db,
    ttlHours: config.sessionTtlHours,
    idleMinutes: config.sessionIdleMinutes ?? 30,
    now,
    secureCookies: config.secureCookies,
    defaultDistrictId,
    ...accountLookup,
    ...(deps.loginMaxFailures ? { maxFailures: deps.loginMaxFailures } : {}),
  };
  registerSessionHook(app, authOptions);
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness and database reachability',
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async () => {
      await db.execute('SELECT 1' as never);
      return { ok: true };
    },
  );
  api.get(
    '/api/meta',
    {
      schema: {
        tags: ['meta'],
        summary: 'The district this deployment serves, and the version',
        response: {
          200: z.object({
            district: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
            version: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const [d] = await db.select().from(districts).where(eq(districts.id, req.districtId)).limit(1);
      return {
        district: {
          id: req.districtId,
          name: d?.name ?? req.districtId,
          nameEn: d?.nameEn ?? req.districtId,
        },
        version,
      };
    },
  );

  registerAuthRoutes(api, authOptions);
  registerAuditRoutes(api, { db });
  const scratchBackups = deps.backup
    ? undefined
    : path.join(os.tmpdir(), 'mantianxing-backups', randomUUID());
  if (scratchBackups)
    app.addHook('onClose', async () => fs.promises.rm(scratchBackups, { recursive: true, force: true }));
  registerBackupRoutes(api, {
    db,
    settings: deps.backup?.settings ?? { dir: scratchBackups!, keep: 7, hour: null },
    token: deps.backup?.token,
    defaultDistrictId,
    now,
  });
  const composed = composeServerModules({
    db,
    now,
    logger: app.log,
    defaultDistrictId,
    ...(deps.delivery ? { delivery: deps.delivery } : {}),
  });
  registerModuleRoutes(modules, api, composed.deps);

  const webRoot = deps.webRoot ?? webDist;
  const serveWeb = config.serveWeb && fs.existsSync(path.join(webRoot, 'index.html'));
  if (serveWeb) {
    await registerWebApp(app, webRoot);
  }
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: any non-API, non-asset GET gets index.html.
    const page = req.method === 'GET' || req.method === 'HEAD';
    if (serveWeb && page && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` });
  });
  return app;
}

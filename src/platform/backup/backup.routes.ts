// HTTP for backups (administrators): list the archives, take one now, verify one against a scratch store, download.
// The command line on the server's own machine may also ask for a backup (PGlite cannot be opened by a second
// process): POST /api/platform/backups from a loopback address with the token of the data directory's lock file.
import fs from 'node:fs';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { TypedApp } from '../http/app.ts';
import type { Db } from '../db/db.ts';
import { errorResponses } from '../http/routes.ts';
import { AppError, notFound } from '../http/errors.ts';
import { actorOf, allowedBy } from '../auth/principal.ts';
import { attachment } from '../http/files.ts';
import { audit, systemActor, type Actor } from '../audit/audit.ts';
import {
  backupItemSchema,
  backupListSchema,
  backupNameSchema,
  createBackupBodySchema,
  verifyResultSchema,
} from './backup.contract.ts';
import { can } from './backup.policy.ts';
import { backupInto, listBackups, verifyBackup, type BackupSettings } from './backups.ts';
import { createBackup } from './backup.ts';
import { TOKEN_HEADER } from './lock.ts';

const allowed = allowedBy(can);

export interface BackupRouteOptions {
  db: Db;
  settings: BackupSettings;
  defaultDistrictId: string;
  /** The lock file's token (PGlite server with a data directory): lets the local command line ask for a backup. */
  token?: string | undefined;
  now: () => Date;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The command line on this machine, holding the lock file's token (not a browser: no session is involved). */
function localCommand(req: FastifyRequest, token: string | undefined): boolean {
  const given = req.headers[TOKEN_HEADER];
  if (!token || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && a.length === b.length && timingSafeEqual(a, b);
}

export function registerBackupRoutes(app: TypedApp, opts: BackupRouteOptions): void {
  const { db, settings } = opts;
  const fileOf = (name: string) => {
    const file = path.join(settings.dir, name);
    if (!fs.existsSync(file)) throw notFound('备份');
    return file;
  };
  const nameParams = z.object({ name: backupNameSchema });

  app.get(
    '/api/platform/backups',
    {
      schema: {
        tags: ['platform'],
        summary:
          'The backup archives in the backup directory, newest first, with the schedule (administrators)',
        response: { 200: backupListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      allowed(req, 'list');
      return {
        dir: settings.dir,
        schedule: { hour: settings.keep > 0 ? settings.hour : null, keep: settings.keep },
        items: await listBackups(settings.dir),
      };
    },
  );

  app.post(
    '/api/platform/backups',
    {
      schema: {
        tags: ['platform'],
        summary: 'Take a backup now into the backup directory (administrators)',
        body: createBackupBodySchema,
        response: { 201: backupItemSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      let actor: Actor;
      const local = localCommand(req, opts.token);
      if (local) actor = { ...systemActor(opts.defaultDistrictId), label: 'system (command line)' };
      else {
        const user = allowed(req, 'create');
        actor = actorOf(user);
        if (req.body.out)
          throw new AppError('VALIDATION', '只能在服务器上通过命令行指定备份文件位置', [
            { path: 'out', message: 'only the command line on the server may choose the file' },
          ]);
      }
      const now = opts.now();
      const r = req.body.out
        ? await createBackup(db, path.resolve(req.body.out), { now })
        : await backupInto(db, settings.dir, now);
      const name = path.basename(r.file);
      await audit(db, actor, {
        action: 'create',
        entity: 'backup',
        entityId: name,
        after: { file: r.file, bytes: r.bytes, tables: r.manifest.tables.length },
      });
      const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
      return reply.status(201).send({
        name,
        bytes: r.bytes,
        modifiedAt: r.manifest.createdAt,
        summary: {
          format: r.manifest.format,
          appVersion: r.manifest.app.version,
          createdAt: r.manifest.createdAt,
          store: r.manifest.store,
          migrations: r.manifest.migrations,
          districts: r.manifest.districts,
          tables: r.manifest.tables.length,
          rows,
        },
        error: null,
      });
    },
  );

  app.post(
    '/api/platform/backups/:name/verify',
    {
      schema: {
        tags: ['platform'],
        summary:
          'Restore a backup into a scratch database and compare every table’s row count and checksum (administrators)',
        params: nameParams,
        response: { 200: verifyResultSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'verify');
      const file = fileOf(req.params.name);
      const result = await verifyBackup(db, file);
      await audit(db, actorOf(user), {
        action: 'verify',
        entity: 'backup',
        entityId: req.params.name,
        after: { ok: result.ok, tables: result.tables.length, error: result.error },
      });
      return result;
    },
  );

  app.get(
    '/api/platform/backups/:name/download',
    {
      schema: {
        tags: ['platform'],
        summary: 'Download a backup archive (administrators)',
        params: nameParams,
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'download');
      const file = fileOf(req.params.name);
      await audit(db, actorOf(user), { action: 'export', entity: 'backup', entityId: req.params.name });
      attachment(reply, req.params.name, 'application/gzip');
      reply.header('content-length', String((await fs.promises.stat(file)).size));
      return reply.send(fs.createReadStream(file));
    },
  );
}

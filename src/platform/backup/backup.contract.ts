// API shapes of the administrator's backups page: the archives in the backup directory, taking one, verifying one.
import { z } from 'zod';

/** Archive names as the platform writes them; anything else is not served (no paths). */
export const backupNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.tar\.gz$/, 'not a backup archive name');

export const migrationLevelSchema = z.object({
  count: z.number().int(),
  lastTag: z.string().nullable(),
  lastHash: z.string().nullable(),
  lastWhen: z.number().nullable(),
});

export const backupSummarySchema = z.object({
  format: z.number().int(),
  appVersion: z.string(),
  createdAt: z.string(),
  store: z.enum(['pglite', 'pg']),
  migrations: migrationLevelSchema,
  districts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      plans: z.array(z.object({ code: z.string(), dataVersion: z.number().int(), contentHash: z.string() })),
    }),
  ),
  tables: z.number().int(),
  rows: z.number().int(),
});

export const backupItemSchema = z.object({
  name: z.string(),
  bytes: z.number().int(),
  modifiedAt: z.string(),
  /** Null when the file cannot be read as an archive (the reason in `error`). */
  summary: backupSummarySchema.nullable(),
  error: z.string().nullable(),
});
export type BackupItem = z.infer<typeof backupItemSchema>;

export const backupListSchema = z.object({
  dir: z.string(),
  /** The daily schedule: hour (Asia/Shanghai) or null when off, and how many archives are kept. */
  schedule: z.object({ hour: z.number().int().nullable(), keep: z.number().int() }),
  items: z.array(backupItemSchema),
});
export type BackupList = z.infer<typeof backupListSchema>;

export const createBackupBodySchema = z.object({
  /** Where to write (the command line on the server's machine only; refused from a session). */
  out: z.string().min(1).max(4096).optional(),
});

export const tableCheckSchema = z.object({
  name: z.string(),
  expectedRows: z.number().int(),
  rows: z.number().int(),
  expectedSha256: z.string(),
  sha256: z.string(),
  ok: z.boolean(),
});
export const verifyResultSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  /** Where it was restored: a fresh in-memory PGlite or a scratch PostgreSQL database. */
  scratch: z.enum(['pglite', 'pg']),
  tables: z.array(tableCheckSchema),
  /** Why the archive could not be restored at all (damaged, newer), when it could not. */
  error: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

// Scheduled backups, declared as a manifest like housekeeping: daily at the configured hour into the backup directory,
// the oldest archives beyond the kept number deleted. A backup covers the whole deployment, while schedules enqueue
// one job per district: the job of the default district takes it, the others' jobs finish at once.
import type { ModuleManifest, PlatformDeps } from '../module.ts';
import { backupInto, pruneBackups, type BackupSettings } from './backups.ts';

export const BACKUP_JOB = 'platform.backup';

export function backupModule(settings: BackupSettings): ModuleManifest<PlatformDeps> {
  const on = settings.hour !== null && settings.keep > 0;
  return {
    name: 'backup',
    jobs: (deps) => ({
      [BACKUP_JOB]: async (job, ctx) => {
        if (job.districtId !== deps.defaultDistrictId) return { skipped: 'deployment-wide; taken once' };
        const r = await backupInto(ctx.db, settings.dir, ctx.now());
        const pruned = await pruneBackups(settings.dir, settings.keep);
        return {
          file: r.file,
          bytes: r.bytes,
          rows: r.manifest.tables.reduce((n, t) => n + t.rows, 0),
          pruned,
        };
      },
    }),
    schedules: () =>
      on ? [{ kind: BACKUP_JOB, every: 'day', hour: settings.hour!, maxLateMinutes: 6 * 60 }] : [],
  };
}

import { openDatabase } from '../src/platform/db/db.ts';
import { createBackup } from '../src/platform/backup/backup.ts';
import { loadPlanFromFile, ensureAdmin } from '../src/bootstrap.ts';
const d = await openDatabase({});
const plan = await loadPlanFromFile(d.db, '/work/wt/backup/plans/jiulongpo-2027.yaml');
await ensureAdmin(d.db, plan.districtId, 'x-admin-pass-123');
const r = await createBackup(d.db, '/tmp/bk/a.tar.gz');
console.log(r.bytes, r.manifest.tables.map(t=>`${t.name}:${t.rows}`).join(' '), r.manifest.migrations, JSON.stringify(r.manifest.districts));
await d.close();

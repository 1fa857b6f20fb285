import { restoreArchive, verifyArchive } from '../src/platform/backup/restore.ts';
import fs from 'node:fs';
fs.rmSync('/tmp/bk/r1', { recursive: true, force: true });
const r = await restoreArchive('/tmp/bk/a.tar.gz', { dataDir: '/tmp/bk/r1' });
console.log(r.ok, r.tables.filter(t=>t.rows).map(t=>`${t.name}:${t.rows}`).join(' '), r.migrations.count);
try { await restoreArchive('/tmp/bk/a.tar.gz', { dataDir: '/tmp/bk/r1' }); } catch (e) { console.log('refused:', (e as Error).message); }
const r2 = await restoreArchive('/tmp/bk/a.tar.gz', { dataDir: '/tmp/bk/r1' }, { force: true });
console.log('forced', r2.ok);
const v = await verifyArchive('/tmp/bk/a.tar.gz');
console.log('verify', v.ok);

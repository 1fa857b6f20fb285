import { openDatabase } from './src/platform/db/db.ts';
import { buildServer } from './src/server.ts';
import { loadPlanFromFile } from './src/bootstrap.ts';
const database = await openDatabase({});
const plan = await loadPlanFromFile(database.db, 'plans/jiulongpo-2027.yaml');
const app = await buildServer({ db: database.db, config: { logLevel: process.env.LVL ?? 'warn', sessionTtlHours: 1, secureCookies: false, serveWeb: false }, defaultDistrictId: plan.districtId, gate: { concurrency: 4, queueMax: 100, timeoutMs: 2000 }, logStream: { write: () => true } as never });
await app.ready();
for (let i = 0; i < 500; i++) await app.inject({ method: 'GET', url: '/api/meta' });
const runs: number[] = [];
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  for (let i = 0; i < 2000; i++) await app.inject({ method: 'GET', url: '/api/meta' });
  runs.push((performance.now() - t) / 2000 * 1000);
}
console.log(process.cwd(), process.env.LVL ?? 'warn', 'µs/request', runs.map((x) => x.toFixed(0)).join(' '));
await app.close(); await database.close();

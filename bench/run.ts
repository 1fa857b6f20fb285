// `npm run bench`: runs the benchmarks and writes their tables into docs/benchmarks.md.
import { benchStartup } from './startup.ts';
import { benchRegistry } from './registry.ts';
import { benchMonitoring } from './monitoring.ts';
import { benchPolicies } from './policies.ts';
import { benchLoad } from './load.ts';
import { benchWeb } from './web.ts';
import { benchBackup } from './backup.ts';
import { benchSupervision } from './supervision.ts';
import { benchServiceDesk } from './servicedesk.ts';
import { machine, writeSection } from './lib.ts';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const scale = Number(args.find((a) => a.startsWith('--scale='))?.slice(8) ?? 100_000);
const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const header = `Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}.`;

if (!only || only === 'startup') {
  console.log('start-up…');
  writeSection('startup', `${header}\n\n${await benchStartup()}`);
}
if (!only || only === 'registry') {
  console.log(`registry at ${scale} enterprises…`);
  writeSection(
    'registry',
    `${header}\n\n${await benchRegistry({ enterprises: scale, iterations: 200, pgUrl })}`,
  );
}
if (!only || only === 'monitoring') {
  console.log(`monitoring at ${scale} enterprises × 36 months…`);
  writeSection('monitoring', `${header}\n\n${await benchMonitoring({ enterprises: scale, pgUrl })}`);
}
if (!only || only === 'policies') {
  console.log(`policies: 100 policies × ${scale} enterprises…`);
  writeSection('policies', `${header}\n\n${await benchPolicies({ enterprises: scale, pgUrl })}`);
}
if (!only || only === 'load') {
  const clients = Number(args.find((a) => a.startsWith('--clients='))?.slice(10) ?? 200);
  const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 30);
  console.log(`load: ${clients} clients × ${seconds} s per store…`);
  writeSection('load', `${header}\n\n${await benchLoad({ pgUrl, clients, seconds })}`);
}
if (!only || only === 'imports')
  writeSection('imports', `${header}\n\n${await (await import('./imports.ts')).benchImports()}`);
if (!only || only === 'web') {
  console.log('web: the public first load on a throttled phone profile…');
  writeSection('web', `${header}\n\n${await benchWeb()}`);
}
if (!only || only === 'backup') {
  // The demo district (what `npm start` makes) and the scale given (100,000 × 36 months by default).
  const sizes = [...new Set([1500, scale])];
  const parts: string[] = [];
  for (const enterprises of sizes) {
    console.log(`backup and restore at ${enterprises} enterprises…`);
    parts.push(await benchBackup({ enterprises, pgUrl }));
  }
  writeSection('backup', `${header}\n\n${parts.join('\n\n')}`);
}
if (!only || only === 'supervision') {
  console.log('supervision: 22 tasks × 40 items × 24 monthly reports; the bulletin…');
  writeSection('supervision', `${header}\n\n${await benchSupervision({ pgUrl })}`);
}
if (!only || only === 'servicedesk') {
  const requests = Number(args.find((a) => a.startsWith('--requests='))?.slice(11) ?? 200_000);
  const open = Number(args.find((a) => a.startsWith('--open='))?.slice(7) ?? 10_000);
  const iterations = Number(args.find((a) => a.startsWith('--iterations='))?.slice(13) ?? 50);
  const stores = args
    .find((a) => a.startsWith('--stores='))
    ?.slice(9)
    .split(',') as ('pglite' | 'pg')[] | undefined;
  console.log(`service desk: ${requests} requests over three years, ${open} open…`);
  writeSection(
    'servicedesk',
    `${header}\n\n${await benchServiceDesk({ pgUrl, requests, open, iterations, ...(stores ? { stores } : {}) })}`,
  );
}
console.log('written to docs/benchmarks.md');

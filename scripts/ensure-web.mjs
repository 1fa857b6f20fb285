// Builds the web app before `npm start` when web/dist is missing or older than its sources (a fresh clone, a pull).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'web', 'dist', 'index.html');

function newest(dir, keep = () => true) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') latest = Math.max(latest, newest(p, keep));
    } else if (keep(entry.name)) latest = Math.max(latest, fs.statSync(p).mtimeMs);
  }
  return latest;
}

// The web app also compiles the server's contract files and the pure modules they import.
const sources = Math.max(
  newest(path.join(root, 'web')),
  newest(path.join(root, 'src'), (name) => /\.contract\.ts$|^fields\.ts$|^uscc\.ts$/.test(name)),
  fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
);
const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < sources;
if (stale) {
  console.log('building the web app (once, after install or a change)…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

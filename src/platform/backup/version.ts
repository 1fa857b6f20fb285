// The application's version (package.json), recorded in every archive.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config.ts';

export const appVersion = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

// Checks that keep a fresh clone working anywhere: nothing names a path outside the repository, and every installed
// package runs on the Node.js version the README promises.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
  dev?: boolean;
  optional?: boolean;
}

describe('a fresh clone', () => {
  it('has no tracked file that reads or names a path outside the repository', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !f.endsWith('package-lock.json') && !f.startsWith('docs/screenshots/'));
    const offenders: string[] = [];
    // Built from parts so that this file does not name the paths it looks for.
    const outside = new RegExp(['\\.\\./shared', '/wor' + 'k/', 'shared' + '/seed'].join('|'));
    for (const file of tracked) {
      let text: string;
      try {
        text = readFileSync(path.join(repoRoot, file), 'utf8');
      } catch {
        continue; // deleted in the work tree
      }
      if (outside.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('installs only packages whose declared Node.js engine includes the minimum the project promises', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const minimum = semver.minVersion(pkg.engines.node);
    expect(minimum?.version).toBe('20.19.0');
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockPackage>;
    };
    const refused: string[] = [];
    for (const [where, p] of Object.entries(lock.packages)) {
      if (!where || Array.isArray(p.engines) || !p.engines?.node) continue;
      if (!semver.satisfies(minimum!, p.engines.node, { includePrerelease: true }))
        refused.push(`${where}@${p.version} needs node ${p.engines.node}`);
    }
    expect(refused).toEqual([]);
  });
});

// A module whose Chinese texts are lazy (fetched with its own pages and the signed-in frame) must not have them read
// anywhere else: the login page or a public page would show bare keys. Every other module's texts are in the first
// load. (The users module's accounts.* are the login page's: its Chinese texts stay in the first load.)
import { describe, expect, it } from 'vitest';
import { webModules } from './index.ts';

// every web source as text, by its path relative to this folder ('./supervision/TodoPage.tsx', '../app/App.tsx')
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('lazy module texts', () => {
  it('are read only by their own module', async () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const lazy = webModules.filter((m) => typeof m.locales?.['zh-CN'] === 'function');
    expect(lazy.map((m) => m.name)).toContain('supervision');
    const misuse: string[] = [];
    for (const m of lazy) {
      const load = m.locales!['zh-CN'] as () => Promise<{ default: Record<string, unknown> }>;
      const keys = Object.keys((await load()).default);
      expect(keys.length).toBeGreaterThan(0);
      for (const [file, text] of Object.entries(sources)) {
        if (file.startsWith(`./${m.name}/`)) continue;
        for (const k of keys)
          if (new RegExp(`['"\`]${k}\\.[A-Za-z]`).test(text)) misuse.push(`${file} reads ${m.name}'s ${k}.*`);
      }
    }
    expect(misuse).toEqual([]);
  });
});

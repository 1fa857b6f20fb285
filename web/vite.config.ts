// Vite build of the web app: root web/, output web/dist, `@contracts/` resolves to the server's src/ (contract files only).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = import.meta.dirname;
const repoRoot = path.resolve(webRoot, '..');
const outDir = path.join(webRoot, 'dist');

/**
 * Chunks (docs/performance.md, "The web bundle"): only React and the router form a named vendor chunk — every page
 * needs them and they change rarely. Everything else (antd's components, pro-components, ECharts, the rule
 * editor) is left to automatic splitting, so a chunk holds what the pages that import it share and the public
 * pages fetch none of what only the office's pages use. (A named group would take every module it matches,
 * used on the first page or not: that is how a 1.1 MB antd chunk reached the public dashboard.)
 */
const nm = (pattern: string) => new RegExp(`node_modules[\\\\/](${pattern})[\\\\/]`);
const vendorGroups = [
  {
    name: 'react',
    test: nm('react|react-dom|scheduler|react-router|react-router-dom'),
    priority: 50,
    tags: ['$initial' as const],
  },
  {
    // Everything else the entry imports statically (the app shell: i18n, the session, the module lists with their
    // route declarations, menus and access rules, antd's core): one chunk instead of some forty small ones, each of
    // which cost a request and its headers on every first load.
    name: 'shell',
    tags: ['$initial' as const],
    priority: 40,
  },
];

/** What is worth compressing ahead of time (images and fonts are compressed formats already). */
const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the build, at maximum quality, so the
 * server sends them as they are (@fastify/static `preCompressed`) instead of compressing the same file on every
 * request. Both are written for every such file, even a tiny one a few bytes larger compressed: a file without its
 * variant would be compressed by @fastify/compress on every request instead.
 */
function precompress(dir: string): { files: number; bytes: number; brotli: number; gzip: number } {
  const totals = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (compressible.test(entry.name)) {
        const raw = fs.readFileSync(file);
        const br = zlib.brotliCompressSync(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        const gz = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION });
        totals.files++;
        totals.bytes += raw.length;
        fs.writeFileSync(`${file}.br`, br);
        fs.writeFileSync(`${file}.gz`, gz);
        totals.brotli += br.length;
        totals.gzip += gz.length;
      }
    }
  };
  walk(dir);
  return totals;
}

const precompressPlugin = (): Plugin => ({
  name: 'mtx-precompress',
  apply: 'build',
  closeBundle: {
    order: 'post',
    handler() {
      precompress(outDir);
    },
  },
});

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompressPlugin()],
  resolve: {
    alias: { '@contracts': path.join(repoRoot, 'src') },
  },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // .vite/manifest.json: which chunk holds which page (test/e2e/public-bundle.test.ts reads it)
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});

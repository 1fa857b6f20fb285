// Serves the built web app (web/dist): hashed assets cached for a year, index.html revalidated, and each file sent
// as the .br / .gz the build wrote beside it (web/vite.config.ts) when the browser accepts it — compressed once at
// build time, never per request (docs/performance.md).
import fastifyStatic from '@fastify/static';
import type { App } from './app.ts';

/** The file a response was read from, without the precompressed variant's suffix. */
export const servedName = (file: string) => file.replace(/\.(br|gz)$/, '');

export async function registerWebApp(app: App, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    // Looked up per request, so a rebuilt web app is served without a restart.
    wildcard: true,
    cacheControl: false,
    // index.html.br, app.js.gz …: brotli first, then gzip, then the file itself
    preCompressed: true,
    // the build's manifest (.vite/manifest.json) is for tests and benchmarks, not for browsers
    allowedPath: (pathName) => !pathName.startsWith('/.vite/'),
    // Hashed assets never change; index.html must be revalidated so it never points at deleted chunks.
    setHeaders: (res, file) => {
      const reply = res as unknown as { header(name: string, value: string): void };
      reply.header(
        'cache-control',
        servedName(file).endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
}

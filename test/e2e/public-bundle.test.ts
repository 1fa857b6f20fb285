// The public dashboard's first load on a phone (issue 10, item 17): every script and style arrives compressed, the
// page fetches neither the rule editor, nor ECharts, nor the signed-in frame, and the whole first load stays under
// 400 KB on the wire. Bytes are counted by Chromium (CDP Network.loadingFinished), never timed. Also: the server
// sends the build's precompressed files as they are, and compresses API JSON above 1 KB only.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/platform/config.ts';
import { useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();
const dist = path.join(repoRoot, 'web', 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  { file: string }
>;

interface Loaded {
  url: string;
  type: string;
  encoding: string;
  bytes: number;
}

/** A raw GET (no automatic decompression): status, headers and the body's bytes as sent. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    },
  );
}

describe('the public first load on a phone', () => {
  it('is compressed, fetches no editor, ECharts or signed-in frame, and stays under 400 KB', async () => {
    const page = await session.page(390, 844);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const seen = new Map<string, Loaded>();
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      seen.set(e.requestId, {
        url: new URL(e.response.url).pathname,
        type: e.type,
        encoding: String(h['content-encoding'] ?? ''),
        bytes: 0,
      });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
    });
    await page.goto(`${session.url}/public`);
    await page.locator('.mtx-mon-card').first().waitFor();
    await expect.poll(() => page.locator('.mtx-mon-card').count()).toBe(9);
    await page.waitForLoadState('networkidle');
    const loaded = [...seen.values()];

    const scripts = loaded.filter((r) => r.url.endsWith('.js'));
    const styles = loaded.filter((r) => r.url.endsWith('.css'));
    expect(scripts.length).toBeGreaterThan(3);
    // Chromium accepts br over plain http on 127.0.0.1 as well; gzip would do too, identity would not
    for (const r of [...scripts, ...styles]) expect([r.url, r.encoding]).toEqual([r.url, 'br']);
    // every script is the build's own .br file, byte for byte the size the build wrote (headers come on top)
    for (const r of scripts) {
      const br = fs.statSync(path.join(dist, `${r.url}.br`)).size;
      expect(r.bytes).toBeGreaterThanOrEqual(br);
      expect(r.bytes).toBeLessThan(br + 2048);
    }

    const requested = new Set(loaded.map((r) => r.url.replace(/^\//, '')));
    // the rule editor and the signed-in frame (ProLayout) are chunks of their own that the public route never asks for
    for (const source of ['src/modules/policies/PolicyEditorPage.tsx', 'src/app/OfficeLayout.tsx']) {
      expect(manifest[source], source).toBeDefined();
      expect(requested.has(manifest[source]!.file), source).toBe(false);
    }
    // nor ECharts: no script the page fetched carries its core (its instance attribute), while the build has one
    const echartsFiles = fs
      .readdirSync(path.join(dist, 'assets'))
      .filter(
        (f) =>
          f.endsWith('.js') &&
          fs.readFileSync(path.join(dist, 'assets', f), 'utf8').includes('_echarts_instance_'),
      );
    expect(echartsFiles.length).toBeGreaterThan(0);
    for (const f of echartsFiles) expect(requested.has(`assets/${f}`), f).toBe(false);

    const total = loaded.reduce((s, r) => s + r.bytes, 0);
    expect(total).toBeLessThan(400 * 1024);
    await page.context().close();
  });

  it('sends the precompressed file as built, gzip to a gzip-only client, and JSON compressed above 1 KB', async () => {
    const asset = manifest['index.html']!.file;
    const onDisk = fs.readFileSync(path.join(dist, asset));
    const br = await rawGet(`${session.url}/${asset}`, { 'accept-encoding': 'br, gzip' });
    expect([br.status, br.headers['content-encoding'], br.headers.vary]).toEqual([
      200,
      'br',
      'accept-encoding',
    ]);
    expect(br.body.equals(fs.readFileSync(path.join(dist, `${asset}.br`)))).toBe(true);
    expect(zlib.brotliDecompressSync(br.body).equals(onDisk)).toBe(true);
    const gz = await rawGet(`${session.url}/${asset}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(onDisk)).toBe(true);
    const plain = await rawGet(`${session.url}/${asset}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(onDisk)).toBe(true);
    // a client route gets index.html, compressed and still revalidated
    const html = await rawGet(`${session.url}/public/notices`, { 'accept-encoding': 'gzip' });
    expect([html.headers['content-encoding'], html.headers['cache-control']]).toEqual(['gzip', 'no-cache']);
    expect(zlib.gunzipSync(html.body).toString()).toContain('<div id="root">');
    // the build manifest is not served
    const hidden = await rawGet(`${session.url}/.vite/manifest.json`, {});
    expect(hidden.body.toString()).not.toContain('isEntry');

    const overview = await rawGet(`${session.url}/api/public/overview`, { 'accept-encoding': 'gzip' });
    expect(overview.headers['content-encoding']).toBe('gzip');
    const json = zlib.gunzipSync(overview.body);
    expect(json.length).toBeGreaterThan(1024);
    expect(overview.body.length).toBeLessThan(json.length / 2);
    expect((JSON.parse(json.toString()) as { targets: unknown[] }).targets).toHaveLength(9);
    const health = await rawGet(`${session.url}/api/health`, { 'accept-encoding': 'gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.body.toString()).toBe('{"ok":true}');
  });
});

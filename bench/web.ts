// The public site's first load on a phone in Chromium: bytes on the wire (what the browser negotiated, brotli) and
// largest contentful paint, on a throttled phone profile, beside a floor from the same run: a bare static HTML page
// served by bare Fastify with @fastify/static, under the same throttling. Also the same page with compression
// refused (Accept-Encoding: identity), to show what compression saves.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser.ts';
import { repoRoot } from '../src/platform/config.ts';
import { ms, ratio } from './lib.ts';

/** Lighthouse's mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower. */
const phone = { latency: 150, down: (1.6 * 1024 * 1024) / 8, up: (750 * 1024) / 8, cpu: 4 };

interface Load {
  bytes: number;
  js: number;
  requests: number;
  lcp: number;
}

async function waitFor(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One cold load of `url` on the phone profile: bytes by CDP's encodedDataLength, LCP by PerformanceObserver. */
async function load(browser: Browser, url: string, ready: string, identity = false): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: phone.latency,
    downloadThroughput: phone.down,
    uploadThroughput: phone.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: phone.cpu });
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  const urls = new Map<string, string>();
  const sizes = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  const lcp = await page.evaluate<number>(`new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve(entries[entries.length - 1].startTime);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  })`);
  let bytes = 0;
  let js = 0;
  for (const [id, size] of sizes) {
    bytes += size;
    if (urls.get(id)?.endsWith('.js')) js += size;
  }
  await context.close();
  return { bytes, js, requests: sizes.size, lcp };
}

/** Median of three cold loads by LCP (bytes are the same each time). */
async function median(run: () => Promise<Load>): Promise<Load> {
  const runs: Load[] = [];
  for (let i = 0; i < 3; i++) runs.push(await run());
  return runs.sort((a, b) => a.lcp - b.lcp)[1]!;
}

const kb = (b: number) => `${(b / 1024).toFixed(1)}`;

export async function benchWeb(): Promise<string> {
  const built = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-bench-web-'));
  const port = 3920;
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const server = spawn(tsx, ['src/cli.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      MANTIANXING_ADMIN_PASSWORD: 'bench-password-1',
      LOG_LEVEL: 'error',
      DATABASE_URL: '',
    },
    stdio: 'ignore',
  });
  // the floor: one static HTML page with a heading and a paragraph, from bare Fastify with @fastify/static
  const floorRoot = path.join(dataDir, 'floor');
  fs.mkdirSync(floorRoot);
  fs.writeFileSync(
    path.join(floorRoot, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
     <title>floor</title></head><body><h1>目标进展（公开）</h1><p>“满天星”行动计划各项总体目标的逐月进展。</p></body></html>`,
  );
  const floorScript = path.join(dataDir, 'floor.mjs');
  const nm = (p: string) => JSON.stringify(path.join(repoRoot, 'node_modules', p));
  fs.writeFileSync(
    floorScript,
    `import Fastify from ${nm('fastify/fastify.js')};
     import fastifyStatic from ${nm('@fastify/static/index.js')};
     const app = Fastify();
     await app.register(fastifyStatic, { root: ${JSON.stringify(floorRoot)} });
     await app.listen({ port: ${port + 1}, host: '127.0.0.1' });`,
  );
  const floor = spawn(process.execPath, [floorScript], { stdio: 'ignore' });
  const browser = await launchChromium();
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, server);
    await waitFor(`http://127.0.0.1:${port + 1}/`, floor);
    const base = `http://127.0.0.1:${port}`;
    const bare = await median(() => load(browser, `http://127.0.0.1:${port + 1}/`, 'h1'));
    const pages = [
      { name: '/public (the dashboard: nine target cards)', url: `${base}/public`, ready: '.mtx-mon-card' },
      { name: '/public/notices', url: `${base}/public/notices`, ready: '.mtx-pub-main h1' },
      { name: '/public/help', url: `${base}/public/help`, ready: '#help-faq' },
    ];
    const rows: string[] = [];
    for (const p of pages) {
      const r = await median(() => load(browser, p.url, p.ready));
      rows.push(
        `| ${p.name} | ${r.requests} | ${kb(r.bytes)} | ${kb(r.js)} | ${ms(r.lcp)} | ${ms(bare.lcp)} | ${ratio(r.lcp, bare.lcp)} |`,
      );
    }
    const plain = await median(() => load(browser, `${base}/public`, '.mtx-mon-card', true));
    rows.push(
      `| /public, compression refused (Accept-Encoding: identity) | ${plain.requests} | ${kb(plain.bytes)} | ${kb(plain.js)} | ${ms(plain.lcp)} | ${ms(bare.lcp)} | ${ratio(plain.lcp, bare.lcp)} |`,
    );
    return `### The public site's first load on a phone (Chromium, throttled)

| page | requests | transferred (KB) | of which JS (KB) | LCP (ms, median of 3) | floor: bare static page LCP (ms) | ratio |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

The floor is one static HTML page (${kb(bare.bytes)} KB on the wire) from bare Fastify with @fastify/static, loaded
the same way. Each load is cold (cache disabled) in a fresh context at 390×844, with Chromium's network throttled to
${phone.latency} ms RTT, 1.6 Mbit/s down and 750 kbit/s up and the CPU slowed 4× (Lighthouse's mobile profile), through
CDP (\`Network.emulateNetworkConditions\`, \`Emulation.setCPUThrottlingRate\`). Transferred bytes are CDP's
\`encodedDataLength\` summed over every response (headers included), as the browser negotiated them (brotli); LCP is
the last \`largest-contentful-paint\` entry of a \`PerformanceObserver\`, read once the page has settled. The budget
for /public is 400 KB (test/e2e/public-bundle.test.ts checks it by bytes).`;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    floor.kill('SIGTERM');
    await Promise.all(
      [server, floor].map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))),
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

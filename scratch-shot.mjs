import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
async function as(user, pass, shots) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await ctx.request.post('http://127.0.0.1:4103/api/auth/login', { data: { username: user, password: pass } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  for (const [path, file, act] of shots) {
    await page.goto('http://127.0.0.1:4103' + path);
    await page.waitForTimeout(2500);
    if (act) await act(page);
    await page.screenshot({ path: `/tmp/supervision/${file}.png` });
  }
  await ctx.close();
}
await as('admin', 'admin-pass-123', [
  ['/supervision', 'ledger'],
  ['/supervision', 'drawer', async (p) => { await p.getByText('举办创新沙龙 12 场').first().click(); await p.waitForTimeout(1500); }],
  ['/supervision/tasks', 'tasks'],
]);
await as('dept', 'mantianxing-demo', [
  ['/supervision/todo', 'todo'],
  ['/supervision/todo', 'form', async (p) => { await p.getByRole('button', { name: '报送进展' }).first().click(); await p.waitForTimeout(1000); }],
]);
await browser.close();

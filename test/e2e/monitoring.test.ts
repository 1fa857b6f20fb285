// In Chromium: the dashboard shows a card per target, a target page draws its chart and drills down; the public
// dashboard works without login and names no enterprise; an enterprise user files a monthly report.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

describe('the monitoring dashboard', () => {
  it('shows the nine targets with values and statuses, then a target with its chart and drill-down', async () => {
    const page = await session.page();
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${session.url}/monitoring`);
    await page.locator('.mtx-mon-card').first().waitFor();
    await expect.poll(() => page.locator('.mtx-mon-card').count()).toBe(9);
    const text = await page.locator('body').innerText();
    expect(text).toContain('新增软信从业人员');
    expect(text).toContain('软件业务收入');
    expect(text).toMatch(/超前|正常|滞后|严重滞后|已达标/);
    await shot(page, 'monitoring-overview');

    await page.locator('a[href="/monitoring/targets/newEmployees"]').first().click();
    await page.waitForURL(/\/monitoring\/targets\/newEmployees/);
    await expect.poll(() => page.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await page.locator('body').innerText()).includes('石桥铺街道'), { timeout: 20_000 })
      .toBe(true);
    await shot(page, 'monitoring-target');
    await page.context().close();
  });
});

describe('the public dashboard', () => {
  it('opens without login and shows district figures but no enterprise names', async () => {
    const page = await session.page(390, 844);
    await page.goto(`${session.url}/public`);
    await page.locator('.mtx-mon-card').first().waitFor();
    await expect.poll(() => page.locator('.mtx-mon-card').count()).toBe(9);
    const text = await page.locator('body').innerText();
    expect(text).toContain('新增软信从业人员');
    expect(text).not.toContain('有限公司');
    await shot(page, 'public-overview-phone');
    await page.context().close();
  });
});

describe('an enterprise user', () => {
  it('opens the monthly report form for its own enterprise with last period shown', async () => {
    const page = await session.page();
    await session.logIn(page, 'firm', DEMO_PASSWORD);
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
      user: { enterpriseId: string };
    };
    await page.goto(`${session.url}/enterprises/${me.user.enterpriseId}/reports/new`);
    await expect
      .poll(async () => (await page.locator('body').innerText()).includes('从业人员'), { timeout: 20_000 })
      .toBe(true);
    await shot(page, 'report-form');
    await page.context().close();
  });
});

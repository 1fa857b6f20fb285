// In Chromium (issue 10 items 4–6, 16): each card says what its ring measures, the value against the goal in one
// unit and an entrants target's exits and net change; every evaluating page names its month and why; the target
// page has the pace in words, not "进度指数 0.04"; money in one unit; the lists offer an .xlsx export.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

describe('the overview and a target page read right at a glance', () => {
  it('cards say what the ring measures, with the goal in the same unit and exits beside entrants', async () => {
    const page = await session.page();
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${session.url}/monitoring`);
    await page.locator('.mtx-mon-card').first().waitFor();
    await expect.poll(() => page.locator('[data-testid="ring-words"]').count()).toBe(9);
    const card = (name: string) => page.locator('.mtx-mon-card', { hasText: name }).first();
    const revenue = await card('软件业务收入').innerText();
    expect(revenue).toMatch(/较基期完成目标增量的 -?\d+\.\d%/);
    expect(revenue).toMatch(/当前 \/ 目标 [\d,]+\.\d\d \/ [\d,]+\.\d\d亿元/);
    expect(revenue).not.toContain('万元'); // the pace and the value in 亿元, never 万元 beside 亿元
    expect(await card('新增软信从业人员').innerText()).toMatch(/完成目标的 -?\d+\.\d%/);
    expect(await card('新增软信企业').innerText()).toMatch(
      /新入驻 \d+ 家 · 迁出注销 \d+ 家 · 净变化 [+−]?\d+ 家/,
    );
    expect(await card('瞪羚').innerText()).toMatch(
      /新进入 \d+ 家 · 退出 \d+ 家 · 净变化 [+−]?\d+ 家（存量 \d+ → \d+）/,
    );
    const strip = await page.locator('.mtx-mon-strip').innerText();
    expect(strip).toMatch(/最近一个已截止的报送月|尚无已截止的报送月/);
    await shot(page, 'monitoring-overview-words');

    await page.goto(`${session.url}/monitoring/targets/softwareRevenue`);
    await page.locator('[data-testid="pace-words"]').waitFor();
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('进度指数');
    expect(body).toMatch(/为按时间应有进度的 \d+(\.\d)?%|已达到目标/);
    expect(body).toMatch(/评估月份 \d{4}-\d\d（/);
    expect(await page.getByRole('button', { name: /导出 Excel/ }).count()).toBeGreaterThan(0);
    await shot(page, 'monitoring-target-words');
    await page.context().close();
  });

  it('the policy list and the reporting page say their month too, and the non-reporters export', async () => {
    const page = await session.page();
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${session.url}/policies`);
    await expect
      .poll(
        async () =>
          (await page.locator('body').innerText()).match(
            /评估月份 \d{4}-\d\d（评估时最近一个已截止的报送月）/,
          ) !== null,
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    await page.goto(`${session.url}/monitoring/reporting`);
    await page
      .getByRole('button', { name: /导出 Excel/ })
      .first()
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /导出 Excel/ })
        .first()
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^未报送企业-\d{4}-\d\d\.xlsx$/);
    await page.context().close();
  });
});

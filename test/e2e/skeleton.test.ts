// In Chromium: the administrator reads the plan and task 12, logs out; an enterprise user cannot open another enterprise.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, apiCookie, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

describe('the administrator', () => {
  it('logs in, sees the plan with its 22 key tasks, opens task 12 with its lead units, and logs out', async () => {
    const page = await session.page();
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${session.url}/plan`);
    await page
      .getByRole('heading', { name: /重点任务/ })
      .first()
      .waitFor();
    const taskLinks = page.locator('a[href^="/plan/tasks/"]');
    await expect.poll(() => taskLinks.count()).toBe(22);
    await expect.poll(() => page.getByText('480').first().isVisible()).toBe(true);
    await shot(page, 'plan');

    await page.locator('a[href="/plan/tasks/12"]').first().click();
    await page.waitForURL(/\/plan\/tasks\/12$/);
    await page
      .getByRole('heading', { name: /支持中小微企业发展/ })
      .first()
      .waitFor();
    const body = await page.locator('main, .ant-layout-content, body').first().innerText();
    expect(body).toContain('区经济信息委');
    expect(body).toContain('区金融服务中心');
    await shot(page, 'task-12');

    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL(/\/login/);
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as { user: unknown };
    expect(me.user).toBeNull();
    await shot(page, 'logged-out');
    await page.context().close();
  });
});

describe('an enterprise user', () => {
  it('sees its own enterprise but cannot open another one', async () => {
    const admin = await apiCookie(session.url, 'admin', ADMIN_PASSWORD);
    const firmCookie = await apiCookie(session.url, 'firm', DEMO_PASSWORD);
    const me = (await (
      await fetch(`${session.url}/api/auth/me`, { headers: { cookie: firmCookie } })
    ).json()) as {
      user: { enterpriseId: string; enterpriseName: string };
    };
    const list = (await (
      await fetch(`${session.url}/api/enterprises?pageSize=5`, { headers: { cookie: admin } })
    ).json()) as {
      items: { id: string; name: string }[];
    };
    const other = list.items.find((e) => e.id !== me.user.enterpriseId)!;

    const page = await session.page();
    await session.logIn(page, 'firm', DEMO_PASSWORD);
    await page.goto(`${session.url}/enterprises/${me.user.enterpriseId}`);
    await page.getByText(me.user.enterpriseName).first().waitFor();
    await shot(page, 'own-enterprise');

    await page.goto(`${session.url}/enterprises/${other.id}`);
    await page
      .getByText(/不存在|未找到|404/)
      .first()
      .waitFor();
    expect(await page.getByText(other.name).count()).toBe(0);
    await shot(page, 'other-enterprise-refused');
    await page.context().close();
  });
});

// In Chromium: each role lands on its own home (the plan office on the overview), a subdistrict's 一键催报 sends once
// a day, the header's search finds an enterprise by USCC for staff and not for another enterprise, and the 403 and
// 404 pages lead back home.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, apiCookie, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

async function signedIn(username: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await session.page();
  await session.logIn(page, username, password);
  return page;
}

describe('each role lands on its own home', () => {
  it('the plan office on the district overview', async () => {
    const page = await signedIn('admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/monitoring$/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.context().close();
  });

  it('a department on the targets and key tasks it leads', async () => {
    const page = await signedIn('dept');
    await page.waitForURL(/\/home$/);
    await page.getByRole('heading', { name: '我的工作台' }).waitFor();
    await page.getByRole('heading', { name: '本单位牵头的目标' }).waitFor();
    await page.getByRole('heading', { name: '本单位的重点任务' }).waitFor();
    // 区经济信息委 owns 软件业务收入 and leads task 12 in the seed plan
    await page.getByText('软件业务收入').first().waitFor();
    expect(await page.locator('a[href="/plan/tasks/12"]').count()).toBeGreaterThan(0);
    await shot(page, 'home-dept');
    await page.context().close();
  });

  it('an enterprise on its month’s report and its policies', async () => {
    const page = await signedIn('firm');
    await page.waitForURL(/\/home$/);
    await page.getByRole('heading', { name: /月度填报$/ }).waitFor();
    await page.getByRole('heading', { name: '我的政策' }).waitFor();
    await page.getByRole('heading', { name: '免申即享结果' }).waitFor();
    await shot(page, 'home-firm');
    await page.context().close();
  });
});

describe('the header’s search', () => {
  async function anotherEnterprise() {
    const admin = await apiCookie(session.url, 'admin', ADMIN_PASSWORD);
    const firm = await apiCookie(session.url, 'firm', DEMO_PASSWORD);
    const me = (await (await fetch(`${session.url}/api/auth/me`, { headers: { cookie: firm } })).json()) as {
      user: { enterpriseId: string };
    };
    const list = (await (
      await fetch(`${session.url}/api/enterprises?pageSize=5`, { headers: { cookie: admin } })
    ).json()) as { items: { id: string; name: string; uscc: string }[] };
    return list.items.find((e) => e.id !== me.user.enterpriseId)!;
  }

  it('finds an enterprise by its USCC for staff, and Enter opens it', async () => {
    const other = await anotherEnterprise();
    const page = await signedIn('admin', ADMIN_PASSWORD);
    const box = page.getByRole('combobox', { name: '全局搜索' });
    await box.fill(other.uscc);
    await page.locator('.mtx-search-hit', { hasText: other.name }).waitFor();
    await shot(page, 'search-staff');
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/enterprises/${other.id}$`));
    await page.context().close();
  });

  it('does not find another enterprise for an enterprise user', async () => {
    const other = await anotherEnterprise();
    const page = await signedIn('firm');
    const box = page.getByRole('combobox', { name: '全局搜索' });
    await box.fill(other.uscc);
    await page.getByText('没有找到匹配的结果').waitFor();
    expect(await page.locator('.mtx-search-hit').count()).toBe(0);
    await page.context().close();
  });
});

describe('403 and 404 lead back', () => {
  it('a page the role may not open shows 403 with the way home', async () => {
    const page = await signedIn('firm');
    await page.goto(`${session.url}/users`);
    await page.getByRole('heading', { name: '403' }).waitFor();
    await page.getByText('抱歉，您的账号无权访问此页面。').waitFor();
    await shot(page, 'forbidden');
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL(/\/home$/);
    await page.context().close();
  });

  it('an unknown address shows 404 with the way home', async () => {
    const page = await signedIn('street');
    await page.goto(`${session.url}/no-such-page`);
    await page.getByRole('heading', { name: '404' }).waitFor();
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL(/\/home$/);
    await page.context().close();
  });
});

describe('a subdistrict’s home', () => {
  it('a subdistrict on its reporting and rank, and 一键催报 reminds each non-reporter once a day', async () => {
    const page = await signedIn('street');
    await page.waitForURL(/\/home$/);
    await page.getByRole('heading', { name: /填报情况$/ }).waitFor();
    await page.getByText('镇街排名').waitFor();
    const urge = page.getByRole('button', { name: /一键催报（\d+ 家）/ });
    await urge.waitFor();
    const count = Number(/（(\d+) 家）/.exec(await urge.innerText())![1]);
    expect(count).toBeGreaterThan(0);
    await shot(page, 'home-street');

    // A press answers with what it sent; a busy server (the embedded database shares the event loop, and the
    // first press delivers every reminder) answers 503 and the user presses again — nothing is sent twice either way.
    const result = page.locator('.mtx-urge-result');
    const press = async (expected: RegExp) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        await urge.click();
        const ok = page.getByRole('button', { name: '发送催报' });
        await ok.click();
        await ok.waitFor({ state: 'hidden' });
        const settled = result.filter({ hasText: new RegExp(`${expected.source}|服务器繁忙`) });
        const answered = await settled.waitFor({ timeout: 60_000 }).then(
          () => true,
          () => false,
        );
        if (answered && expected.test(await settled.innerText())) return;
      }
      throw new Error('the server stayed busy');
    };
    await press(new RegExp(`已向 ${count} 家企业发送催报`));
    // pressing again the same day sends nothing twice
    await press(new RegExp(`这 ${count} 家企业今日均已催报过，未重复发送。`));
    await page.context().close();
  }, 600_000);
});

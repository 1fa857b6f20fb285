// The help centre (issue 10, item 8): open to everyone at /help and /public/help, it says how each role uses the
// platform, defines the plan's terms and answers frequent questions; the API docs stay, as a developers' link.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

describe('the help centre', () => {
  it('is open without signing in: roles, terms, FAQ and the developer API docs', async () => {
    const page = await session.page(1366, 900);
    await page.goto(`${session.url}/help`);
    await page.getByRole('heading', { name: '常见用语' }).waitFor({ timeout: 20_000 });
    const roles = await page.locator('#help-roles h3').allInnerTexts();
    expect(roles).toEqual([
      '区“满天星”行动计划办公室（计划办）',
      '区级部门',
      '镇街',
      '楼宇运营机构',
      '企业',
      '社会公众',
    ]);
    const terms = await page.locator('#help-terms dt').allInnerTexts();
    for (const term of ['上星企业', '瞪羚企业', '差一点', '免申即享', '公示']) expect(terms).toContain(term);
    const shangxing = page.locator('.mtx-help-term', { hasText: '上星企业' });
    expect(await shangxing.locator('dd').innerText()).toContain(
      '从业人员超过 100 人，或近 12 个月营业收入超过 1 亿元',
    );
    const api = page.getByRole('link', { name: '开发者 API 文档' });
    expect(await api.getAttribute('href')).toBe('/api/docs');
    // a question opens its answer
    await page.getByText('忘记密码怎么办？').click();
    await page.getByText(/联系本单位或区“满天星”行动计划办公室的管理员重置密码/).waitFor();
    await page.getByRole('heading', { name: '各角色怎么用' }).scrollIntoViewIfNeeded();
    await shot(page, 'help');

    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('heading', { name: 'Terms' }).waitFor();
    expect(await page.getByRole('link', { name: 'Developer API docs' }).getAttribute('href')).toBe(
      '/api/docs',
    );
    await page.context().close();
  });

  it('sits in the public frame at /public/help, fits a phone, and is in every signed-in user’s menu', async () => {
    const phone = await session.page(390, 844);
    await phone.goto(`${session.url}/public/help`);
    await phone.getByRole('heading', { name: '常见问题' }).waitFor({ timeout: 20_000 });
    expect(await phone.locator('.mtx-pub-nav a.active').innerText()).toBe('帮助');
    expect(
      await phone.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ),
    ).toBe(0);
    await phone.context().close();

    const page = await session.page(1366, 900);
    await session.logIn(page, 'firm', DEMO_PASSWORD);
    await page.getByRole('link', { name: '帮助中心' }).first().click();
    await page.waitForURL(/\/help$/);
    await page.getByRole('heading', { name: '常见用语' }).waitFor();
    await page.context().close();
  });
});

// In Chromium: a zh-CN page shows no English widget text — antd's own texts (pagination, date picker, empty tables)
// follow the UI language on the office pages and the public site alike.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

/** antd's and dayjs's English texts, as they would appear if the zh_CN locale were not applied. */
const englishWidgetText = [
  /\/ page/,
  /\bSu\s+Mo\s+Tu\b/,
  /\bNo data\b/,
  /\bToday\b/,
  /\bItems per page\b/,
  /\bOK\b/,
];

const englishIn = (text: string) => englishWidgetText.filter((re) => re.test(text)).map(String);

async function openFirstDatePicker(page: Page): Promise<string> {
  await page.locator('.ant-picker').first().click();
  const dropdown = page.locator('.ant-picker-dropdown:visible').first();
  await dropdown.waitFor();
  return dropdown.innerText();
}

describe('a zh-CN page', () => {
  it("shows the registry's pagination and its date picker in Chinese", async () => {
    const page = await session.page();
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${session.url}/enterprises`);
    const pager = page.locator('.ant-pagination').first();
    await pager.waitFor();
    expect(await pager.innerText()).toMatch(/条\/页/);
    await page.getByText('展开', { exact: true }).click();
    const picker = await openFirstDatePicker(page);
    expect(picker).toMatch(/一\s+二\s+三/);
    expect(englishIn(picker)).toEqual([]);
    expect(englishIn(await page.locator('body').innerText())).toEqual([]);
    await shot(page, 'locale-enterprises-picker');
    await page.context().close();
  });

  it('shows the public site without English widget text', async () => {
    const page = await session.page();
    const ready = {
      '/public': '.mtx-mon-card',
      '/public/notices': '.ant-table, .ant-list, .ant-empty, .ant-card',
    };
    for (const [path, selector] of Object.entries(ready)) {
      await page.goto(`${session.url}${path}`);
      await page.locator(selector).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(englishIn(await page.locator('body').innerText()), path).toEqual([]);
    }
    await page.context().close();
  });
});

// In Chromium: the administrator's 数据备份 page takes a backup, lists it with its size and contents, and verifies it
// (restored into a scratch database, every table matching); other roles have no such menu item.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

describe('the backups page', () => {
  it('takes a backup, lists it and verifies it table by table', async () => {
    const page = await session.page();
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: '数据备份' }).click();
    await page.waitForURL((u) => u.pathname === '/backups');
    await page.getByText('每天 01:00').waitFor();
    // A fresh server started within 6 hours after 01:00 (Shanghai) takes the day's missed backup itself, so the list
    // may hold one already: wait for the list (empty or not), then for one more row after 立即备份.
    const rows = page.locator('tr', { hasText: /mantianxing-.*\.tar\.gz/ });
    await page.getByText('暂无备份').or(rows.first()).waitFor();
    await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
    const before = await rows.count();
    await page.getByRole('button', { name: /立即备份/ }).click();
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(before);
    const row = rows.first();
    await expect(row.textContent()).resolves.toMatch(/PGlite.*\d+ 张表，\d+ 行/);
    await row.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByText(/校验通过：\d+ 张表的行数与校验和均与备份一致/).waitFor({ timeout: 60_000 });
    const mismatches = await page.locator('.ant-modal .ant-tag', { hasText: '不一致' }).count();
    expect(mismatches).toBe(0);
    expect(await page.locator('.ant-modal .ant-tag', { hasText: '一致' }).count()).toBeGreaterThan(30);
    await shot(page, 'backups-verified');
  });

  it('is not offered to other roles', async () => {
    const page = await session.page();
    await session.logIn(page, 'dept', DEMO_PASSWORD);
    await page.getByRole('menuitem').first().waitFor();
    expect(await page.getByRole('menuitem', { name: '数据备份' }).count()).toBe(0);
  });
});

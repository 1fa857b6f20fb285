// In Chromium, the supervision loop (issue 11): a unit's 我的待办 → it reports on an item → the plan office returns
// the report with a reason → the unit sees it returned and resubmits → both versions are kept, the first with its
// reason. On the demo ledger a first start makes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

interface TodoItem {
  id: string;
  number: number;
  title: string;
  kind: string;
  why: string[];
}
const todo = (page: Page) =>
  page.evaluate(async () => (await fetch('/api/supervision/todo')).json()) as Promise<{
    period: string;
    items: TodoItem[];
  }>;

// 我的待办 lists the item itself and any 督办单 on it with the same text; the item's row is the one to report on.
const itemRow = (page: Page, item: TodoItem) =>
  page.locator('.ant-list-item').filter({
    hasText: `${item.number}. ${item.title}`,
    has: page.getByRole('button', { name: '报送进展' }),
  });

async function report(page: Page, item: TodoItem, text: string, percent: string) {
  await itemRow(page, item).getByRole('button', { name: '报送进展' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('进展情况').fill(text);
  await dialog.getByLabel('完成比例').fill(percent);
  await dialog.getByRole('button', { name: /报\s*送/ }).click();
  await expect.poll(() => page.locator('.ant-message').innerText(), { timeout: 15_000 }).toContain('已');
  await dialog.waitFor({ state: 'hidden' });
}

describe('我的待办 → report → returned → resubmitted', () => {
  it('keeps every version, the returned one with its reason', async () => {
    const unit = await session.page();
    await session.logIn(unit, 'dept', DEMO_PASSWORD);
    await unit.goto(`${session.url}/supervision/todo`);
    await unit.getByText('我的待办').first().waitFor();
    const list = await todo(unit);
    const item = list.items.find((i) => i.kind !== 'quantity' && i.why.includes('due'))!;
    expect(item).toBeDefined();
    await itemRow(unit, item).waitFor();
    await shot(unit, 'supervision-todo');
    await report(unit, item, '第一次报送：方案已报区政府审定。', '90');

    const office = await session.page();
    await session.logIn(office, 'admin', ADMIN_PASSWORD);
    await office.goto(`${session.url}/supervision`);
    await office.getByRole('link', { name: item.title }).or(office.getByText(item.title)).first().click();
    const drawer = office.locator('.ant-drawer-content');
    await drawer.getByText('第一次报送：方案已报区政府审定。').waitFor({ timeout: 15_000 });
    await drawer
      .getByRole('button', { name: /退\s*回/ })
      .first()
      .click();
    const modal = office.getByRole('dialog', { name: '退回进展报告' });
    await modal.locator('textarea').fill('请附上区政府审定意见');
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await drawer.getByText('退回原因：请附上区政府审定意见').waitFor({ timeout: 15_000 });
    await shot(office, 'supervision-returned');

    await unit.reload();
    await itemRow(unit, item).getByText('被退回').waitFor({ timeout: 15_000 });
    await report(unit, item, '补充报送：已附区政府审定意见。', '95');

    const detail = (await office.evaluate(
      async (id) => (await fetch(`/api/supervision/items/${id}`)).json(),
      item.id,
    )) as {
      reports: {
        period: string;
        version: number;
        state: string;
        progress: string;
        returnReason: string | null;
      }[];
    };
    const mine = detail.reports.filter((r) => r.period === list.period);
    expect(mine.map((r) => [r.version, r.state, r.progress, r.returnReason]).sort()).toEqual([
      [1, 'returned', '第一次报送：方案已报区政府审定。', '请附上区政府审定意见'],
      [2, 'submitted', '补充报送：已附区政府审定意见。', null],
    ]);
    await unit.context().close();
    await office.context().close();
  });
});

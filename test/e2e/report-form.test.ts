// In Chromium, the monthly report form refuses rather than fixes (issue 10, item 14): −3 employees stays −3 and
// is refused with its reason; a figure that jumps makes the note required in the same step, and the report is
// filed once the reason is given.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

describe('the monthly report form', () => {
  it('keeps −3 and refuses it; asks for the reason of a jump before filing it', async () => {
    const page = await session.page();
    await session.logIn(page, 'firm', DEMO_PASSWORD);
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
      user: { enterpriseId: string };
    };
    await page.goto(`${session.url}/enterprises/${me.user.enterpriseId}/reports/new`);
    const employees = page.getByRole('spinbutton', { name: /^从业人员/ });
    await employees.waitFor({ timeout: 20_000 });
    const submit = page.locator('.mtx-report-submit button[type="button"], .mtx-report-submit button').last();

    await employees.fill('-3');
    await employees.blur();
    await submit.click();
    await expect.poll(() => page.locator('body').innerText()).toContain('不能为负数');
    expect(await employees.inputValue()).toBe('-3');

    await employees.fill('99999');
    await employees.blur();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('请核实');
    await expect.poll(() => page.locator('body').innerText()).toContain('变化原因');
    await submit.click();
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts())
      .toContain('数据变化较大，请写明变化原因');
    await shot(page, 'report-form-reason');

    await page.getByLabel('变化原因').fill('并购两家企业，人员并入');
    await submit.click();
    await expect
      .poll(() => page.locator('[role="status"]').allInnerTexts(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/第\d+版/)]));
    const filed = (await page.evaluate(
      async (id) => (await fetch(`/api/enterprises/${id}/reports`)).json(),
      me.user.enterpriseId,
    )) as { items: { employees: number; note: string | null }[] };
    expect(filed.items[0]).toMatchObject({ employees: 99999, note: '并购两家企业，人员并入' });
    await page.context().close();
  });
});

// In Chromium: an official opens a policy, reads why an enterprise qualifies and opens a grant batch; the public files
// an objection on a notice; an enterprise sees for every policy whether it qualifies; the tiers page draws its cards.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, apiCookie, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

async function api<T>(path: string, cookie: string, body?: unknown): Promise<T> {
  const res = await fetch(`${session.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const bodyText = (page: Page) => page.locator('body').innerText();

describe('policies', () => {
  it('lists the example policies, explains a qualifying enterprise, and opens a grant batch', async () => {
    const page = await session.page(1440, 900);
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${session.url}/policies`);
    await page.getByText('规上软信企业租金优惠').first().waitFor();
    expect(await bodyText(page)).toContain('示例');
    await shot(page, 'policies-list');

    await page.getByText('规上软信企业租金优惠').first().click();
    await page.waitForURL(/\/policies\/[0-9a-f-]{36}$/);
    await page.getByText('查看原因').first().waitFor({ timeout: 20_000 });
    await page.getByText('查看原因').first().click();
    await expect
      .poll(async () => (await bodyText(page)).includes('是规上企业，要求是规上企业，满足'), {
        timeout: 20_000,
      })
      .toBe(true);
    await shot(page, 'policy-explanation');
    await page.locator('.ant-drawer .ant-drawer-close').click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /发起免申即享批次/ }).click();
    // the confirmation dialog (with a note field) starts it
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /发起免申即享批次/ })
      .click();
    await page.waitForURL(/\/grants\/batches\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await expect
      .poll(async () => (await bodyText(page)).includes('免申即享〔'), { timeout: 20_000 })
      .toBe(true);
    expect(await bodyText(page)).toContain('审核');
    await shot(page, 'grant-batch-review');
    await page.context().close();
  });

  it('shows the tiers with members, entrants and a chart each', async () => {
    const page = await session.page(1440, 900);
    await session.logIn(page, 'dept', DEMO_PASSWORD);
    await page.goto(`${session.url}/tiers`);
    await expect
      .poll(async () => (await bodyText(page)).includes('上星企业'), { timeout: 20_000 })
      .toBe(true);
    const text = await bodyText(page);
    for (const name of ['瞪羚企业', '规上企业', '专精特新“小巨人”企业', '启明星企业', '北斗星企业'])
      expect(text).toContain(name);
    await expect.poll(() => page.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    await shot(page, 'tiers');
    await page.context().close();
  });
});

describe('a grant under public notice', () => {
  it('is on the public site, where anyone can file an objection', async () => {
    const cookie = await apiCookie(session.url, 'admin', ADMIN_PASSWORD);
    const policies = await api<{ id: string; code: string }[]>('/api/policies', cookie);
    const rent = policies.find((x) => x.code === 'aboveScaleRent')!;
    const batch = await api<{ batch: { id: string } }>(`/api/policies/${rent.id}/batches`, cookie, {});
    await api(`/api/grant-batches/${batch.batch.id}/publish`, cookie, { noticeDays: 7 });

    const page = await session.page(1366, 900);
    await page.goto(`${session.url}/public/notices`);
    await page.getByText('规上软信企业租金优惠').first().waitFor({ timeout: 20_000 });
    await page.getByText('规上软信企业租金优惠').first().click();
    await page.waitForURL(/\/public\/notices\/[0-9a-f-]{36}$/);
    await page.getByText('有限公司').first().waitFor();
    await page.getByLabel(/姓名或单位/).fill('张三');
    await page.getByLabel(/联系电话或邮箱/).fill('13800000000');
    await page.getByLabel(/异议内容/).fill('请公开测算所用的租金标准和面积数据。');
    const objectTo = page.getByLabel(/异议对象/);
    await objectTo.click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByRole('button', { name: /提交异议/ }).click();
    await expect
      .poll(async () => (await bodyText(page)).match(/已收到|已提交|受理/) !== null, { timeout: 20_000 })
      .toBe(true);
    await shot(page, 'public-notice-objection');
    const detail = await api<{ objections: { filerName: string }[] }>(
      `/api/grant-batches/${batch.batch.id}`,
      cookie,
    );
    expect(detail.objections.map((o) => o.filerName)).toContain('张三');
    await page.context().close();
  });
});

describe('an enterprise', () => {
  it('sees for every active policy whether it qualifies, and why', async () => {
    const page = await session.page(1440, 900);
    await session.logIn(page, 'firm', DEMO_PASSWORD);
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as {
      user: { enterpriseId: string };
    };
    await page.goto(`${session.url}/enterprises/${me.user.enterpriseId}/policies`);
    await expect
      .poll(async () => (await bodyText(page)).includes('初创和小微软信企业免租'), { timeout: 20_000 })
      .toBe(true);
    const text = await bodyText(page);
    expect(text.match(/符合「|暂不符合「/g)?.length).toBe(4);
    await shot(page, 'my-policies');
    await page.context().close();
  });
});

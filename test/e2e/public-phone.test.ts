// The public pages on a phone, 390×844 (issue 10, item 18): no horizontal scroll on the dashboard, the notices list
// or a notice; the header's links stay one line each; a notice's list is cards with the amount in view. On a desktop
// the same list is still a table with its amount column.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiCookie, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

/** An API call for set-up; a 503 from the admission gate (a busy machine) is retried after its Retry-After. */
async function call<T>(path: string, cookie: string, body?: unknown): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${session.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 503 && attempt < 20) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** A published notice of the demo's rent policy, made through the API (set-up, not what is tested). */
async function publishNotice(): Promise<string> {
  const cookie = await apiCookie(session.url, 'admin', ADMIN_PASSWORD);
  const policies = await call<{ id: string; code: string }[]>('/api/policies', cookie);
  const rent = policies.find((p) => p.code === 'aboveScaleRent')!;
  const batch = await call<{ batch: { id: string } }>(`/api/policies/${rent.id}/batches`, cookie, {});
  await call(`/api/grant-batches/${batch.batch.id}/publish`, cookie, { noticeDays: 7 });
  return batch.batch.id;
}

/** How far the page scrolls sideways (0 when its content fits the viewport). Evaluated in the page. */
const sideways = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** Each header link's text and the number of lines it takes. Evaluated in the page. */
const linkLines = (page: Page) =>
  page.evaluate<[string, number][]>(`[...document.querySelectorAll('.mtx-pub-nav a')].map((a) => {
    const range = document.createRange();
    range.selectNodeContents(a);
    return [a.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
  })`);

describe('the public pages at 390×844', () => {
  it('show the dashboard without horizontal scroll, the header links on one line each', async () => {
    const page = await session.page(390, 844);
    await page.goto(`${session.url}/public`);
    await expect.poll(() => page.locator('.mtx-mon-card').count(), { timeout: 20_000 }).toBe(9);
    expect(await sideways(page)).toBe(0);
    expect(await linkLines(page)).toEqual([
      ['目标进展', 1],
      ['行动计划', 1],
      ['公示公告', 1],
      ['企业诉求', 1],
      ['帮助', 1],
    ]);
    // the rings and sparklines are drawn (SVG), each labelled for screen readers
    expect(await page.locator('.mtx-mon-card .mtx-ring[role="img"] svg').count()).toBe(9);
    await shot(page, 'public-phone');
    await page.context().close();
  });

  it('show a notice as cards, each with its amount in view, and no horizontal scroll', async () => {
    const id = await publishNotice();
    const page = await session.page(390, 844);
    await page.goto(`${session.url}/public/notices`);
    const listCard = page.locator('.mtx-rcard').first();
    await listCard.waitFor({ timeout: 20_000 });
    expect(await sideways(page)).toBe(0);
    expect(await listCard.innerText()).toMatch(/金额合计\s*[\d,.]+万元/);

    await page.goto(`${session.url}/public/notices/${id}`);
    const card = page.locator('.mtx-notice-list .mtx-rcard').first();
    await card.waitFor({ timeout: 20_000 });
    expect(await page.locator('.mtx-notice-list .ant-table').count()).toBe(0);
    expect(await sideways(page)).toBe(0);
    const amount = card.locator('.mtx-rcard-line', { hasText: '金额' }).locator('dd');
    expect(await amount.innerText()).toMatch(/^[\d,]+元$/); // a notice states exact 元 (docs/indicators.md)
    await amount.scrollIntoViewIfNeeded();
    const box = (await amount.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await card.locator('.mtx-rcard-title').innerText()).toMatch(/有限公司|公司/);
    await shot(page, 'public-notice-phone');
    await page.context().close();

    // on a desktop the list stays a table, amount column included
    const wide = await session.page(1366, 900);
    await wide.goto(`${session.url}/public/notices/${id}`);
    await wide.locator('.mtx-notice-list .ant-table-row').first().waitFor({ timeout: 20_000 });
    expect(await wide.locator('.mtx-notice-list th').allInnerTexts()).toContain('金额');
    expect(await wide.locator('.mtx-rcard').count()).toBe(0);
    await wide.context().close();
  });
});

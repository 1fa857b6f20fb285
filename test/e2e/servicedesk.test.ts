// In Chromium, the service desk's loop (issue 12): an enterprise files a 政策咨询 on a phone-size page (the demo
// routing sends it to 区经济信息委, the 'dept' user's unit) → the unit sees it on its workbench, accepts it (签收),
// adds an internal note and answers it → the enterprise sees the answer but not the note, and rates it 满意 →
// the request is closed and, as the enterprise consented, its anonymised answer is in the public knowledge base.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

const title = '软件企业研发费用加计扣除政策咨询';
const description = '我司为软件企业，想了解今年研发费用加计扣除的比例和申报时间，需要准备哪些材料？';
const internalNote = '内部备注：已电话联系企业财务负责人';
const answer =
  '研发费用按实际发生额的100%在税前加计扣除，可在预缴申报时享受，请准备研发项目立项文件和辅助账。';

/** How far the page scrolls sideways (0 when its content fits the viewport). Evaluated in the page. */
const sideways = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** Clicks a step's button on the request page and confirms its dialog after `fill`. */
async function step(
  page: Page,
  name: RegExp,
  fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.locator('.mtx-sd-actions').getByRole('button', { name }).click();
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByRole('button', { name }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 }).catch(async (e: unknown) => {
    await shot(page, 'servicedesk-step-failed');
    throw e;
  });
}

/** Picks `option` in the antd Select of the form item labelled `label`: opens it, types to search, clicks it. */
async function choose(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, option: string) {
  // the box, not the input: a chosen value's label lies over the search input
  await dialog.locator('.ant-form-item', { hasText: label }).locator('.ant-select').click();
  await page.keyboard.type(option);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: option,
    })
    .first()
    .click();
}

describe('an enterprise files a request, the unit answers it, the enterprise rates it', () => {
  it('shows each what it should see', async () => {
    // ── the enterprise, on a phone ──
    const firm = await session.page(390, 844);
    await session.logIn(firm, 'firm', DEMO_PASSWORD);
    await firm.goto(`${session.url}/service-desk/new`);
    await firm.getByLabel('诉求分类').click();
    await firm.locator('.ant-select-tree-title', { hasText: /^政策咨询$/ }).click();
    await firm.getByLabel('诉求标题').fill(title);
    await firm.getByLabel('诉求内容').fill(description);
    await firm.getByLabel('联系人').fill('王会计');
    await firm.getByLabel('联系电话').fill('13800001234');
    await firm.getByText('同意在隐去企业信息后公开本诉求及答复').click();
    expect(await sideways(firm)).toBe(0);
    await shot(firm, 'servicedesk-file-phone');
    await firm.getByRole('button', { name: /提\s*交/ }).click();
    await firm.waitForURL(/\/service-desk\/requests\/[0-9a-f-]+$/, { timeout: 20_000 });
    const requestUrl = firm.url();
    await firm.getByRole('heading', { name: title }).waitFor();
    await firm.getByText('已派单（待签收）').first().waitFor();
    await expect.poll(() => firm.locator('.ant-descriptions').first().innerText()).toContain('区经济信息委');
    expect(await sideways(firm)).toBe(0);
    await shot(firm, 'servicedesk-filed-phone');

    // 我的诉求 lists it as a card
    await firm.goto(`${session.url}/service-desk/mine`);
    const card = firm.locator('.mtx-rcard', { hasText: title });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain('已派单（待签收）');
    expect(await sideways(firm)).toBe(0);
    await shot(firm, 'servicedesk-mine-phone');

    // ── the handling unit, on a desktop ──
    const unit = await session.page();
    await session.logIn(unit, 'dept', DEMO_PASSWORD);
    await unit.goto(`${session.url}/service-desk`);
    await unit.getByRole('link', { name: title }).waitFor({ timeout: 15_000 });
    await shot(unit, 'servicedesk-workbench');
    await unit.getByRole('link', { name: title }).click();
    await unit.waitForURL(requestUrl);
    await unit.getByRole('heading', { name: title }).waitFor();
    // staff see the phone masked
    await expect.poll(() => unit.locator('.ant-descriptions').first().innerText()).toContain('138****1234');
    await step(unit, /签\s*收/, async () => {});
    await unit.getByText('已签收').first().waitFor({ timeout: 15_000 });
    await step(unit, /备\s*注/, async (d) => {
      await d.getByLabel('内容').fill(internalNote);
    });
    await unit.getByText(internalNote).waitFor({ timeout: 15_000 });
    await step(unit, /答\s*复/, async (d) => {
      await d.getByLabel('答复内容').fill(answer);
    });
    await unit.getByText('已答复（待回访）').first().waitFor({ timeout: 15_000 });
    await unit.getByText(answer).first().waitFor();
    await shot(unit, 'servicedesk-answered-desk');

    // ── the enterprise sees the answer (not the internal note) and rates it ──
    await firm.goto(requestUrl);
    await firm.getByText(answer).first().waitFor({ timeout: 15_000 });
    expect(await firm.locator('body').innerText()).not.toContain(internalNote);
    expect(await firm.locator('body').innerText()).toContain('13800001234');
    const rating = firm.locator('.mtx-sd-rating');
    await rating.getByText('满意', { exact: true }).click();
    await rating.getByLabel('评价意见（选填）').fill('答复及时清楚');
    await expect.poll(() => rating.getByRole('button', { name: /提交评价/ }).isEnabled()).toBe(true);
    await shot(firm, 'servicedesk-rate-phone');
    await rating.getByRole('button', { name: /提交评价/ }).click();
    await firm.getByText('已办结').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => firm.locator('.mtx-sd-rating').count()).toBe(0);
    expect(await firm.locator('body').innerText()).toContain('答复及时清楚');
    expect(await sideways(firm)).toBe(0);
    await shot(firm, 'servicedesk-closed-phone');

    // the unit sees it closed with the rating
    await unit.goto(requestUrl);
    await unit.getByText('已办结').first().waitFor({ timeout: 15_000 });
    expect(await unit.locator('body').innerText()).toContain('满意');

    // ── the public knowledge base has the anonymised answer ──
    const visitor = await session.page(390, 844);
    await visitor.goto(`${session.url}/public/service-desk`);
    await visitor.getByRole('link', { name: title }).waitFor({ timeout: 20_000 });
    expect(await sideways(visitor)).toBe(0);
    await shot(visitor, 'servicedesk-public-phone');
    await visitor.getByRole('link', { name: title }).click();
    await visitor.getByText(answer).waitFor({ timeout: 15_000 });
    expect(await visitor.locator('body').innerText()).not.toContain('13800001234');
    await shot(visitor, 'servicedesk-public-answer-phone');

    await firm.context().close();
    await unit.context().close();
    await visitor.context().close();
  });

  it('lets the plan office save the configuration as it is, and puts its refusals on the fields', async () => {
    const office = await session.page();
    await session.logIn(office, 'admin', ADMIN_PASSWORD);
    await office.goto(`${session.url}/service-desk/config`);
    const codes = office.locator('input[id^="categories_"][id$="_code"]');
    await expect.poll(() => codes.count(), { timeout: 20_000 }).toBe(13);
    expect(await codes.nth(1).inputValue()).toBe('policy.subsidy');
    await shot(office, 'servicedesk-config');
    await office.getByRole('button', { name: '保存为新版本' }).click();
    await expect
      .poll(() => office.locator('.ant-message').innerText(), { timeout: 15_000 })
      .toContain('已保存第 1 版');
    // a second category coded like the first: the server refuses it, on that field
    await codes.nth(1).fill('policy');
    await office.getByRole('button', { name: '保存为新版本' }).click();
    const item = office.locator('.ant-form-item').filter({ has: office.locator('#categories_1_code') });
    await expect.poll(() => item.innerText(), { timeout: 15_000 }).toContain('分类代码重复');
    await office.getByRole('tab', { name: '派单规则' }).click();
    await office.getByText('按顺序匹配').waitFor();
    await shot(office, 'servicedesk-config-rules');

    // the figures: the answered, rated request counts for 区经济信息委
    await office.goto(`${session.url}/service-desk/figures`);
    const row = office.locator('.ant-table-row', { hasText: '区经济信息委' }).first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('1/1 (100%)');
    await shot(office, 'servicedesk-figures');
    // and in English
    await office.getByText('English', { exact: true }).click();
    await office.getByRole('heading', { name: 'Desk figures' }).waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('1/1 (100%)');
    await shot(office, 'servicedesk-figures-en');
    await office.context().close();
  });

  it('routes a registered (代录) request by hand, through a return and its 审定, and pauses it for material', async () => {
    const firm = await session.page(390, 844);
    await session.logIn(firm, 'firm', DEMO_PASSWORD);
    const uscc = await firm.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { user: { enterpriseId: string } };
      const e = (await (await fetch(`/api/enterprises/${me.user.enterpriseId}`)).json()) as {
        enterprise?: { uscc: string };
        uscc?: string;
      };
      return e.enterprise?.uscc ?? e.uscc ?? '';
    });
    expect(uscc).toHaveLength(18);

    // the subdistrict registers it for its enterprise, by USCC; 其他 has no routing rule: it waits for dispatch
    const street = await session.page();
    await session.logIn(street, 'street', DEMO_PASSWORD);
    await street.goto(`${session.url}/service-desk/new`);
    await street.getByLabel('统一社会信用代码').fill(uscc);
    await street.getByLabel('诉求分类').click();
    await street.getByLabel('诉求分类').fill('其他');
    await street.locator('.ant-select-tree-title', { hasText: /^其他$/ }).click();
    await street.getByLabel('诉求标题').fill('走访中企业反映园区道路照明不足');
    await street.getByLabel('诉求内容').fill('企业夜间加班员工较多，园区内道路照明不足，希望协调增设路灯。');
    await street.getByRole('button', { name: /提\s*交/ }).click();
    await street
      .waitForURL(/\/service-desk\/requests\/[0-9a-f-]+$/, { timeout: 20_000 })
      .catch(async (e: unknown) => {
        await shot(street, 'servicedesk-register-failed');
        throw e;
      });
    const url = street.url();
    await street.getByText('待派单').first().waitFor();

    // the plan office dispatches it to 区经济信息委
    const office = await session.page();
    await session.logIn(office, 'admin', ADMIN_PASSWORD);
    await office.goto(url);
    await step(office, /派\s*单/, async (d) => {
      await choose(office, d, '承办单位', '区经济信息委');
    });
    await office.getByText('已派单（待签收）').first().waitFor({ timeout: 15_000 });

    // the unit returns it, naming 区住房城乡建委; the office decides it stays with the unit
    const unit = await session.page();
    await session.logIn(unit, 'dept', DEMO_PASSWORD);
    await unit.goto(url);
    await step(unit, /退\s*单/, async (d) => {
      await choose(unit, d, '应由哪个单位承办', '区住房城乡建委');
      await d.getByLabel('退单理由').fill('园区道路照明属市政设施管理');
    });
    await unit.getByText('已退单（待审定）').first().waitFor({ timeout: 15_000 });
    await office.reload();
    await step(office, /审\s*定/, async (d) => {
      await d.getByText('退单单位认为应由 区住房城乡建委 承办。').waitFor();
      await choose(office, d, '审定由哪个单位承办', '区经济信息委');
      await d.getByLabel('审定意见').fill('由区经济信息委牵头协调园区管理方');
    });
    await office.getByText('由区经济信息委牵头协调园区管理方').waitFor({ timeout: 15_000 });
    await shot(office, 'servicedesk-decided');

    // the unit accepts and asks the enterprise for material: the clock pauses
    await unit.reload();
    await step(unit, /签\s*收/, async () => {});
    await step(unit, /请企业补充材料/, async (d) => {
      await d.getByLabel('需补充的材料').fill('请提供需增设路灯的位置示意图');
    });
    await unit.getByText('待补充材料').first().waitFor({ timeout: 15_000 });

    // the enterprise sees the ask (not the return or the decision) and supplies the material
    await firm.goto(url);
    await firm.getByText('承办单位请您补充材料：请提供需增设路灯的位置示意图').waitFor({ timeout: 15_000 });
    const body = await firm.locator('body').innerText();
    expect(body).not.toContain('园区道路照明属市政设施管理');
    expect(body).not.toContain('由区经济信息委牵头协调园区管理方');
    expect(body).toContain('暂停计时');
    await shot(firm, 'servicedesk-supplement-phone');
    await step(firm, /补充材料/, async (d) => {
      await d.getByLabel('补充内容').fill('路灯位置：园区2号楼至3号楼之间的道路。');
    });
    await firm.getByText('办理中').first().waitFor({ timeout: 15_000 });
    expect(await sideways(firm)).toBe(0);

    await unit.reload();
    await unit.getByText('路灯位置：园区2号楼至3号楼之间的道路。').waitFor({ timeout: 15_000 });
    expect(await unit.locator('.mtx-sd-actions').innerText()).toMatch(/答\s*复/);
    for (const p of [firm, street, office, unit]) await p.context().close();
  });
});

// In Chromium: an account an administrator created must change its password at first login (every page sends it to
// the change form until then); 忘记密码 files a request the administrator sees; the audit log shows the login history.
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiCookie, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

async function adminApi(method: string, path: string, body?: unknown) {
  const cookie = await apiCookie(session.url, 'admin', ADMIN_PASSWORD);
  const res = await fetch(`${session.url}/api${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('accounts in the browser', () => {
  it('sends a new account to the password change form until it has changed its initial password', async () => {
    const created = await adminApi('POST', '/users', {
      username: 'e2e-newcomer',
      displayName: '新来的同事',
      password: 'initial-e2e-4471',
      role: 'admin',
    });
    expect(created.status).toBe(201);

    const page = await session.page();
    await page.goto(`${session.url}/login`);
    await page.locator('input[autocomplete="username"]').fill('e2e-newcomer');
    await page.locator('input[autocomplete="current-password"]').fill('initial-e2e-4471');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname === '/change-password');
    await page.getByText('这是管理员为您设置的初始密码').waitFor();
    // Any other page leads back to the form.
    await page.goto(`${session.url}/enterprises`);
    await page.waitForURL((u) => u.pathname === '/change-password');
    await page.getByText('这是管理员为您设置的初始密码').waitFor();
    await shot(page, 'first-login-change');

    const inputs = page.locator('input[type=password]');
    await inputs.nth(0).fill('initial-e2e-4471');
    await inputs.nth(1).fill('chosen-by-me-8263');
    await inputs.nth(2).fill('chosen-by-me-8263');
    await page.getByRole('button', { name: /修改密码/ }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`${session.url}/enterprises`);
    await page.waitForURL((u) => u.pathname === '/enterprises');
    const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as unknown);
    expect(me).toMatchObject({ user: { username: 'e2e-newcomer', mustChangePassword: false } });
    await page.context().close();
  });

  it('files a 忘记密码 request from the login page, which the administrator sees', async () => {
    const page = await session.page();
    await page.goto(`${session.url}/login`);
    await page.getByRole('button', { name: '忘记密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input').fill('firm');
    await dialog.getByRole('button', { name: /提交申请/ }).click();
    await dialog.getByText('申请已提交').waitFor();
    await shot(page, 'forgot-password');
    await page.context().close();

    const admin = await session.page(1366, 900);
    await session.logIn(admin, 'admin', ADMIN_PASSWORD);
    await admin.goto(`${session.url}/users`);
    await admin.getByText('待处理的密码重置申请（1）').waitFor();
    expect(await admin.getByRole('button', { name: /批准 firm/ }).isEnabled()).toBe(true);
    await shot(admin, 'users-reset-requests');

    await admin.goto(`${session.url}/audit`);
    await admin.getByRole('tab', { name: '登录记录' }).click();
    await admin.getByText('登录成功').first().waitFor();
    const text = await admin.locator('body').innerText();
    expect(text).toContain('新来的同事 (e2e-newcomer)');
    expect(text).toMatch(/127\.0\.0\.\*/);
    await shot(admin, 'audit-log');
    await admin.context().close();
  });
});

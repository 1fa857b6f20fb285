// In Chromium: the administrator uploads an edit of the registry, sees what it would change and clear before
// anything is written, confirms, and the registry holds exactly that.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, apiCookie, shot, useServerAndBrowser } from './server.ts';

const session = useServerAndBrowser();

describe('an enterprise import', () => {
  it('shows a preview of what it changes and clears, and writes only after confirming', async () => {
    const cookie = await apiCookie(session.url, 'admin', ADMIN_PASSWORD);
    const api = async (path: string) =>
      (await fetch(`${session.url}/api${path}`, { headers: { cookie } })).json() as Promise<
        Record<string, unknown>
      >;
    const list = (await api('/enterprises?pageSize=20')) as { items: { id: string }[] };
    let target:
      { id: string; uscc: string; name: string; address: string; contactPerson: string } | undefined;
    for (const e of list.items) {
      const full = (await api(`/enterprises/${e.id}`)) as typeof target & { address: string };
      if (full?.address) {
        target = full;
        break;
      }
    }
    expect(target).toBeDefined();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名录');
    ws.addRow(['统一社会信用代码*', '企业名称*', '注册日期*', '所属镇街*', '详细地址', '联系人']);
    ws.addRow([target!.uscc, '', '', '', '清空', '王五']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const page = await session.page(1366, 900);
    await session.logIn(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`${session.url}/enterprises/import`);
    await page.locator('input[type=file]').setInputFiles({
      name: '名录修改.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.getByText('以下字段将被清空').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('详细地址（1）');
    expect(text).toContain('王五');
    await page.locator('#import-result').scrollIntoViewIfNeeded();
    await shot(page, 'import-preview');
    // Nothing written yet.
    expect(((await api(`/enterprises/${target!.id}`)) as { address: string }).address).toBe(target!.address);

    await page.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText('导入成功').first().waitFor();
    const after = (await api(`/enterprises/${target!.id}`)) as { address: string; contactPerson: string };
    expect(after).toMatchObject({ address: '', contactPerson: '王五' });
    await page.context().close();
  });
});

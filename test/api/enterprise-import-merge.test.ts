// Importing over the registry never blanks what the file did not give: an empty cell keeps the registered value, 清空
// clears it, an exported file imports back changing nothing, and a preview says what would change and writes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  upload,
  type Client,
  type Platform,
} from '../harness.ts';
import type { Enterprise, EnterpriseListItem } from '../../src/modules/enterprises/enterprises.contract.ts';
import { makeOrgCode, makeUscc } from '../../src/modules/enterprises/uscc.ts';

/** A valid USCC no demo enterprise has. */
const newUscc = makeUscc(`91500107${makeOrgCode('MA600001')}`);

let p: Platform;
let admin: Client;
let target: Enterprise;

const header = [
  '统一社会信用代码*',
  '企业名称*',
  '注册日期*',
  '所属镇街*',
  '所在楼宇',
  '详细地址',
  '重点领域',
  '联系人',
  '联系电话',
];

async function sheet(rows: string[][], head = header): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// The record with its contact in full (staff are shown the phone masked), so a wiped or changed number shows.
const get = async (id: string): Promise<Enterprise> => ({
  ...(await admin.get(`/api/enterprises/${id}`)).json<Enterprise>(),
  ...(await admin.get(`/api/enterprises/${id}/contact`)).json<Pick<Enterprise, 'contactPhone'>>(),
});

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 60 });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const list = (await admin.get('/api/enterprises?pageSize=60')).json<{ items: EnterpriseListItem[] }>()
    .items;
  // One with a building, an address, fields and contacts: everything a blank cell could wipe.
  for (const e of list) {
    const full = await get(e.id);
    if (full.building && full.address && full.contactPhone && full.fields.length) {
      target = full;
      break;
    }
  }
  expect(target).toBeDefined();
});
afterAll(() => p?.close());

describe('an import row over a registered enterprise', () => {
  it('keeps every registered value whose cell is empty, even the required ones', async () => {
    const file = await sheet([[target.uscc, '', '', '', '', '', '', '', '']]);
    const res = await upload(p.app, admin, '/api/enterprises/import', 'blank.xlsx', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, rows: 1 });
    expect(await get(target.id)).toEqual(target);
  });

  it('changes only the cells it gives, and 清空 clears an optional one', async () => {
    const file = await sheet([[target.uscc, '', '', '', '', '清空', '', '李四', '']]);
    const preview = await upload(p.app, admin, '/api/enterprises/import?preview=true', 'edit.xlsx', file);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      preview: true,
      created: 0,
      updated: 1,
      columns: expect.arrayContaining([
        { column: '详细地址', changed: 0, cleared: 1 },
        { column: '联系人', changed: 1, cleared: 0 },
      ]),
      rowChanges: [
        {
          uscc: target.uscc,
          created: false,
          changes: [
            { column: '详细地址', before: target.address, after: '' },
            { column: '联系人', before: target.contactPerson, after: '李四' },
          ],
        },
      ],
    });
    // The preview wrote nothing.
    expect(await get(target.id)).toEqual(target);

    const res = await upload(p.app, admin, '/api/enterprises/import', 'edit.xlsx', file);
    expect(res.json()).toMatchObject({ preview: false, updated: 1 });
    const after = await get(target.id);
    expect(after).toEqual({ ...target, address: '', contactPerson: '李四', updatedAt: after.updatedAt });
  });

  it('refuses to clear a required cell', async () => {
    const file = await sheet([[target.uscc, '清空', '', '', '', '', '', '', '']]);
    const res = await upload(p.app, admin, '/api/enterprises/import', 'clear-name.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ row: 2, column: '企业名称', reason: '必填项不能清空' }]);
  });

  it('still requires the required cells of a new enterprise', async () => {
    const file = await sheet([[newUscc, '', '', '', '', '', '', '', '']].map((r) => r));
    const res = await upload(p.app, admin, '/api/enterprises/import', 'new.xlsx', file);
    expect(res.statusCode).toBe(422);
    const columns = res.json().errors.map((e: { column: string }) => e.column);
    expect(columns).toEqual(expect.arrayContaining(['企业名称', '注册日期', '所属镇街']));
  });

  it("answers a subdistrict user's row for another subdistrict's enterprise as unknown, whatever its cells", async () => {
    const street = await signedIn(p.app, 'street', DEMO_PASSWORD);
    const me = (await street.get('/api/auth/me')).json().user;
    const list = (await admin.get('/api/enterprises?pageSize=60')).json<{ items: EnterpriseListItem[] }>()
      .items;
    const other = list.find((e) => e.subdistrict.id !== me.unitId)!;
    const file = await sheet([[other.uscc, '', '', '', '', '清空', '', '', '']]);
    const res = await upload(p.app, street, '/api/enterprises/import?preview=true', 'other.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { row: 2, column: '统一社会信用代码', reason: '无权修改该企业或企业不存在' },
    ]);
  });
});

describe('the template', () => {
  it('imports as downloaded without adding its example row, and refuses a phone number like 1234', async () => {
    const template = await admin.get('/api/enterprises/import/template?format=xlsx');
    const res = await upload(
      p.app,
      admin,
      '/api/enterprises/import?preview=true',
      'template.xlsx',
      template.rawPayload,
    );
    // Only the example row: skipped, so there is nothing to import.
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('文件中没有数据行');

    const file = await sheet([
      [newUscc, '重庆电话测试科技有限公司', '2024-01-02', '石桥铺街道', '', '', '', '', '1234'],
    ]);
    const bad = await upload(p.app, admin, '/api/enterprises/import', 'phone.xlsx', file);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { row: 2, column: '联系电话', reason: '电话号码格式不正确：手机号11位，固话如 023-68000000' },
    ]);
  });
});

describe('an exported registry', () => {
  it('has the template columns and imports back changing nothing', async () => {
    const before = (await admin.get('/api/enterprises?pageSize=100')).json<{ items: EnterpriseListItem[] }>();
    const exported = await admin.get('/api/enterprises/export');
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(1).values as string[]).filter(Boolean);
    const template = await admin.get('/api/enterprises/import/template?format=csv');
    const templateHeaders = template.body
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0]!
      .split(',');
    expect(headers.slice(0, templateHeaders.length).map((h) => h.replace('*', ''))).toEqual(
      templateHeaders.map((h) => h.replace('*', '')),
    );

    const details = await Promise.all(before.items.map((e) => get(e.id)));
    const res = await upload(p.app, admin, '/api/enterprises/import', '企业名录.xlsx', exported.rawPayload);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: before.items.length });
    const again = await Promise.all(before.items.map((e) => get(e.id)));
    expect(again).toEqual(details);
  });
});

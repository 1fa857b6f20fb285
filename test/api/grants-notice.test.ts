// Issue 10, items 3, 14 (notice), 15 and 16 (grants): a notice states the parameters and formula of the version its
// batch was computed under (never the policy's free text); a notice shorter than the district's minimum (5 working
// days by default) is refused; objections get receipt numbers, a status lookup for their filer, bulk handling, and the
// decision lists how they were handled; a batch's items export as .xlsx in exact 元, the notice as .docx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ADMIN_PASSWORD, Client, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { sql } from '../../src/platform/db/db.ts';
import type { Policy, PolicySummary } from '../../src/modules/policies/policies.contract.ts';
import type {
  GrantBatchDetail,
  GrantItem,
  ObjectionStatus,
  PublicNotice,
} from '../../src/modules/grants/grants.contract.ts';

let clock = new Date('2026-11-20T02:00:00Z'); // Friday
let p: Platform;
let admin: Client;
let dept: Client;
let street: Client;
let firm: Client;
let publicClient: Client;
let policy: PolicySummary;
let before: GrantBatchDetail;
let batch: GrantBatchDetail;
let items: GrantItem[];

const itemsOf = async (c: Client, id: string) =>
  (await c.get(`/api/grant-batches/${id}/items?pageSize=200`)).json<{ items: GrantItem[] }>().items;

async function documentXml(res: { rawPayload: Buffer }): Promise<string> {
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file('word/document.xml')!.async('string');
  // The text only: runs joined, tags dropped.
  return xml
    .replace(/<w:p[ >][^]*?<\/w:p>/g, (para) => `${para.replace(/<[^>]+>/g, '')}\n`)
    .replace(/<[^>]+>/g, '')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
}

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 200, examplePolicies: true, now: () => clock });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  publicClient = new Client(p.app);
  expect((await admin.request('POST', '/api/policies/evaluate')).statusCode).toBe(200);
  policy = (await admin.get('/api/policies'))
    .json<PolicySummary[]>()
    .find((x) => x.code === 'aboveScaleRent')!;
  // A batch at the shipped rate (15 元/m²/月), kept only to compare amounts with.
  before = (await admin.request('POST', `/api/policies/${policy.id}/batches`, {})).json<GrantBatchDetail>();
  await admin.request('POST', `/api/grant-batches/${before.batch.id}/cancel`, { reason: '对照' });
}, 120_000);
afterAll(() => p?.close());

describe('a notice after the rate parameter changed from 15 to 20 元/m²/月', () => {
  it('is computed at 20, and its basis states 20 and the formula, never the free text’s 15', async () => {
    const current = (await admin.get(`/api/policies/${policy.id}`)).json<Policy>();
    expect(current.definition.summary).toContain('每平方米每月15元');
    const edited = structuredClone(current.definition);
    edited.parameters.rate!.values.push({ from: '2026-06-01', value: 20 });
    expect(
      (await admin.request('PUT', `/api/policies/${policy.id}`, { definition: edited })).statusCode,
    ).toBe(200);
    batch = (await admin.request('POST', `/api/policies/${policy.id}/batches`, {})).json<GrantBatchDetail>();
    expect(batch.batch.policyVersion).toBe(2);
    expect(batch.batch.parameters.rate!.value).toBe(20);
    // Below the 50 万元 cap, every amount is area × rate × 12: the same enterprises get 20/15 of the earlier amount
    // (to the 元: the area has decimals and each amount is rounded half away from zero).
    items = await itemsOf(admin, batch.batch.id);
    const earlier = new Map((await itemsOf(admin, before.batch.id)).map((i) => [i.enterpriseId, i.amount]));
    const uncapped = items.filter((i) => i.amount < 500_000 && earlier.has(i.enterpriseId));
    expect(uncapped.length).toBeGreaterThan(2);
    for (const i of uncapped)
      expect(Math.abs(i.amount - (earlier.get(i.enterpriseId)! * 20) / 15)).toBeLessThanOrEqual(1);

    expect(batch.basis).toEqual({
      policyVersion: 2,
      period: '2026-10',
      // As the stored version orders them (jsonb: shorter keys first).
      parameters: [
        { name: 'cap', label: '年度补贴上限', value: 50, unit: '万元', text: '50 万元' },
        { name: 'rate', label: '租金补贴标准', value: 20, unit: '元/m²/月', text: '20 元/m²/月' },
      ],
      conditions: ['同时满足：', '　是规上企业', '　位于登记载体楼宇', '　使用面积（最新月报） > 0 m²'],
      formula: '取小(使用面积（最新月报） × 租金补贴标准（20 元/m²/月） × 12 月, 年度补贴上限（50 万元）)',
    });
  });

  it('is published for 5 working days and says so publicly, with the basis and without the free text', async () => {
    const r = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/publish`, { noticeDays: 5 });
    expect(r.statusCode).toBe(200);
    expect(r.json<GrantBatchDetail>().batch.noticeEndsOn).toBe('2026-11-26');
    const res = await publicClient.get(`/api/public/notices/${batch.batch.id}`);
    const notice = res.json<PublicNotice>();
    expect(notice.basis.formula).toContain('租金补贴标准（20 元/m²/月）');
    expect(notice.noticeDays).toBe(5);
    expect(res.body).not.toContain('15元');
    expect(res.body).not.toContain('15 元');
    expect(res.body).not.toContain('policySummary');
  });

  it('downloads as a .docx stating 20 元/m²/月, the list in exact 元 and the notice period', async () => {
    const res = await publicClient.get(`/api/public/notices/${batch.batch.id}/document`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('公示.docx'));
    const text = await documentXml(res);
    expect(text).toContain('关于“规上软信企业租金优惠”免申即享拟兑现名单的公示');
    expect(text).toContain(batch.batch.number);
    expect(text).toContain('租金补贴标准：20 元/m²/月。');
    expect(text).not.toMatch(/15 ?元/);
    expect(text).toContain('公示期为 2026-11-20 至 2026-11-26，共 5 个工作日。');
    const first = items.find((i) => i.included)!;
    expect(text).toContain(`${first.name}\n${first.uscc}\n${first.amount.toLocaleString('en-US')}\n`);
    const total = items.reduce((s, i) => s + i.amount, 0);
    expect(text).toContain(`合计 ${items.length} 家\n\n${total.toLocaleString('en-US')}\n`);
    expect(text).toContain('2026年11月20日');
  });
});

describe('the minimum notice period', () => {
  let second: string;
  beforeAll(async () => {
    second = (await admin.request('POST', `/api/policies/${policy.id}/batches`, {})).json<GrantBatchDetail>()
      .batch.id;
  });

  it('refuses a 0-, 1- or 4-day notice with the field named instead of raising it (default 5 working days)', async () => {
    expect((await admin.get('/api/grant-settings')).json()).toEqual({ minNoticeWorkingDays: 5 });
    for (const noticeDays of [0, 1, 4]) {
      const r = await admin.request('POST', `/api/grant-batches/${second}/publish`, { noticeDays });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({
        code: 'VALIDATION',
        fields: [{ path: 'noticeDays', message: '公示期不得少于 5 个工作日' }],
      });
    }
    const half = await admin.request('POST', `/api/grant-batches/${second}/publish`, { noticeDays: 5.5 });
    expect(half.statusCode).toBe(400);
    expect(half.json().fields[0].path).toBe('noticeDays');
    const still = (await admin.get(`/api/grant-batches/${second}`)).json<GrantBatchDetail>();
    expect(still.batch.status).toBe('review');
  });

  it('is the district’s setting, the plan office’s to change, and audited', async () => {
    expect((await dept.request('PUT', '/api/grant-settings', { minNoticeWorkingDays: 3 })).statusCode).toBe(
      403,
    );
    const bad = await admin.request('PUT', '/api/grant-settings', { minNoticeWorkingDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('minNoticeWorkingDays');
    const set = await admin.request('PUT', '/api/grant-settings', { minNoticeWorkingDays: 10 });
    expect(set.json()).toEqual({ minNoticeWorkingDays: 10 });
    const r = await admin.request('POST', `/api/grant-batches/${second}/publish`, { noticeDays: 7 });
    expect(r.json().fields[0].message).toBe('公示期不得少于 10 个工作日');
    await admin.request('PUT', '/api/grant-settings', { minNoticeWorkingDays: 5 });
    const trail = (await admin.get(`/api/audit?entity=grantSettings&entityId=${p.districtId}`)).json<{
      items: { after: { minNoticeWorkingDays: number } }[];
    }>();
    expect(trail.items.map((x) => x.after.minNoticeWorkingDays)).toEqual([10, 5]);
    await admin.request('POST', `/api/grant-batches/${second}/cancel`, { reason: '测试' });
  });
});

describe('objections', () => {
  const filed: { id: string; receipt: string }[] = [];

  it('get a receipt number YY-NNNN, running per district and year', async () => {
    const bodies = [
      {
        enterpriseId: items[0]!.enterpriseId,
        filerName: '张三',
        filerContact: '138-0000-0001',
        text: '该企业已迁出本区',
      },
      {
        enterpriseId: items[1]!.enterpriseId,
        filerName: '李四',
        filerContact: 'lisi@example.com',
        text: '面积与实际不符',
      },
      { enterpriseId: null, filerName: '王五', filerContact: '13900000003', text: '建议公开测算依据' },
    ];
    for (const b of bodies) {
      const r = await publicClient.request('POST', `/api/public/notices/${batch.batch.id}/objections`, b);
      expect(r.statusCode).toBe(200);
      filed.push(r.json());
    }
    const mine = await firm.request('POST', `/api/public/notices/${batch.batch.id}/objections`, {
      enterpriseId: null,
      filerName: '企业经办人',
      filerContact: '13900000004',
      text: '本企业的面积填报有误',
    });
    filed.push(mine.json());
    expect(filed.map((f) => f.receipt)).toEqual(['26-0001', '26-0002', '26-0003', '26-0004']);
    const detail = (await admin.get(`/api/grant-batches/${batch.batch.id}`)).json<GrantBatchDetail>();
    expect(detail.objections.map((o) => o.receipt)).toEqual(['26-0001', '26-0002', '26-0003', '26-0004']);
  });

  it('are followed by their filer with the receipt and the contact given, and by a signed-in enterprise as its own', async () => {
    const ok = await publicClient.request('POST', '/api/public/objections/status', {
      receipt: '26-0001',
      contact: '13800000001',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<ObjectionStatus>()).toMatchObject({
      receipt: '26-0001',
      batchNumber: batch.batch.number,
      policyName: '规上软信企业租金优惠',
      enterpriseName: items[0]!.name,
      status: 'open',
      response: null,
      batchStatus: 'notice',
    });
    expect(ok.body).not.toContain('张三');
    const wrong = await publicClient.request('POST', '/api/public/objections/status', {
      receipt: '26-0001',
      contact: '13800000002',
    });
    expect(wrong.statusCode).toBe(404);
    const none = await publicClient.request('POST', '/api/public/objections/status', {
      receipt: '26-0099',
      contact: '13800000001',
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toBe(wrong.json().message);
    const malformed = await publicClient.request('POST', '/api/public/objections/status', {
      receipt: '0001',
      contact: 'x',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().fields[0].path).toBe('receipt');

    const own = (await firm.get('/api/objections/mine')).json<ObjectionStatus[]>();
    expect(own.map((o) => o.receipt)).toEqual(['26-0004']);
    expect((await admin.get('/api/objections/mine')).statusCode).toBe(403);
    expect((await publicClient.get('/api/objections/mine')).statusCode).toBe(401);
  });

  it('are resolved several at once with one answer, all or none', async () => {
    const [a, b, c, d] = filed;
    const r = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/objections/resolve`, {
      objectionIds: [b!.id, c!.id, d!.id],
      outcome: 'dismissed',
      response: '经核实，面积以月度填报为准，测算依据已随公示公开',
    });
    expect(r.statusCode).toBe(200);
    const after = r.json<GrantBatchDetail>();
    expect(after.batch.openObjections).toBe(1);
    expect(after.objections.filter((o) => o.status === 'dismissed').map((o) => o.receipt)).toEqual([
      '26-0002',
      '26-0003',
      '26-0004',
    ]);
    // One already handled: nothing changes, and the refusal names it.
    const again = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/objections/resolve`, {
      objectionIds: [a!.id, b!.id],
      outcome: 'upheld',
      response: 'x',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('26-0002');
    expect(
      (await admin.get(`/api/grant-batches/${batch.batch.id}`)).json<GrantBatchDetail>().batch.openObjections,
    ).toBe(1);
    expect(
      (
        await dept.request('POST', `/api/grant-batches/${batch.batch.id}/objections/resolve`, {
          objectionIds: [a!.id],
          outcome: 'upheld',
          response: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const up = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/objections/resolve`, {
      objectionIds: [a!.id],
      outcome: 'upheld',
      response: '经核实已迁出',
    });
    expect(up.json<GrantBatchDetail>().batch.openObjections).toBe(0);
    const status = (
      await publicClient.request('POST', '/api/public/objections/status', {
        receipt: '26-0002',
        contact: 'LiSi@example.com',
      })
    ).json<ObjectionStatus>();
    expect(status).toMatchObject({
      status: 'dismissed',
      response: '经核实，面积以月度填报为准，测算依据已随公示公开',
    });
  });

  it('are listed in the decision, which states the basis and the amounts in exact 元', async () => {
    clock = new Date('2026-11-27T02:00:00Z');
    const r = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/decide`, { note: '' });
    expect(r.statusCode).toBe(200);
    const notice = (await publicClient.get(`/api/public/notices/${batch.batch.id}`)).json<PublicNotice>();
    expect(notice.decidedOn).toBe('2026-11-27');
    expect(notice.objections).toEqual([
      { receipt: '26-0001', enterpriseName: items[0]!.name, status: 'upheld', response: '经核实已迁出' },
      {
        receipt: '26-0002',
        enterpriseName: items[1]!.name,
        status: 'dismissed',
        response: '经核实，面积以月度填报为准，测算依据已随公示公开',
      },
      expect.objectContaining({ receipt: '26-0003', enterpriseName: null, status: 'dismissed' }),
      expect.objectContaining({ receipt: '26-0004', enterpriseName: null, status: 'dismissed' }),
    ]);
    expect(JSON.stringify(notice)).not.toContain('13800000001');
    expect(notice.items.map((i) => i.enterpriseId)).not.toContain(items[0]!.enterpriseId);

    const text = await documentXml(await publicClient.get(`/api/public/notices/${batch.batch.id}/document`));
    expect(text).toContain('关于“规上软信企业租金优惠”免申即享兑现结果的决定');
    expect(text).toContain('经 5 个工作日公示（2026-11-20 至 2026-11-26）');
    expect(text).toContain('公示期间共收到异议 4 件，经核实，成立 1 件、不成立 3 件：');
    expect(text).toContain(
      `受理编号 26-0001（关于${items[0]!.name}）：异议成立，该企业不予兑现。答复：经核实已迁出`,
    );
    expect(text).toContain('受理编号 26-0003（关于名单整体）：异议不成立。');
    expect(text).toContain('2026年11月27日');

    const granted = items[2]!;
    const note = await p.db.execute(
      sql`SELECT body FROM notifications WHERE district_id = ${p.districtId} AND recipient_kind = 'enterprise'
          AND recipient_id = ${granted.enterpriseId} AND dedupe_key = ${`grant:${batch.batch.id}`}`,
    );
    const body = (note as unknown as { rows: { body: string }[] }).rows[0]!.body;
    expect(body).toContain(`核定兑现 ${granted.amount.toLocaleString('en-US')} 元`);
    expect(body).toContain('参数取值：年度补贴上限 50 万元；租金补贴标准 20 元/m²/月');
    expect(body).not.toMatch(/15 ?元/);
  });
});

describe('the items export', () => {
  const sheetOf = async (c: Client) => {
    const res = await c.get(`/api/grant-batches/${batch.batch.id}/items/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb.getWorksheet('名单')!;
  };

  it('lists every item with its amount as a whole number of 元, and the total of those listed', async () => {
    const sheet = await sheetOf(admin);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号',
      '企业名称',
      '统一社会信用代码',
      '所属镇街',
      '测算金额（元）',
      '是否列入',
      '排除理由',
      '是否兑现',
      '未处理异议',
    ]);
    const now = await itemsOf(admin, batch.batch.id);
    expect(sheet.rowCount).toBe(now.length + 2);
    for (let r = 2; r <= now.length + 1; r++) {
      const i = now[r - 2]!;
      expect(sheet.getCell(r, 2).value).toBe(i.name);
      expect(sheet.getCell(r, 5).value).toBe(i.amount);
      expect(Number.isInteger(sheet.getCell(r, 5).value)).toBe(true);
      expect(sheet.getCell(r, 8).value).toBe(i.granted ? '是' : '否');
    }
    expect(sheet.getCell(now.length + 2, 5).value).toBe(
      now.filter((i) => i.included).reduce((s, i) => s + i.amount, 0),
    );
    const excluded = now.findIndex((i) => i.enterpriseId === items[0]!.enterpriseId);
    expect(sheet.getCell(excluded + 2, 7).value).toBe('异议成立：经核实已迁出');
  });

  it('gives a subdistrict its own enterprises only, refuses enterprises, and is audited', async () => {
    const own = await itemsOf(street, batch.batch.id);
    expect(own.length).toBeLessThan(items.length);
    expect((await sheetOf(street)).rowCount).toBe(own.length + 2);
    expect((await firm.get(`/api/grant-batches/${batch.batch.id}/items/export`)).statusCode).toBe(403);
    const trail = (await admin.get('/api/audit?entity=export&entityId=grantItems')).json<{
      items: { after: { rows: number } }[];
    }>();
    expect(trail.items.map((x) => x.after.rows).sort((a, b) => a - b)).toEqual(
      [own.length, items.length].sort((a, b) => a - b),
    );
  });
});

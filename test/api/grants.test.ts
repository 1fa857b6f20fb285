// No-application grants (免申即享) end to end: batch from a policy → review → public notice and objections →
// decision → inbox with the explanation; the version recorded; a decided batch immutable, in the API and the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { sql } from '../../src/platform/db/db.ts';
import type { Policy, PolicySummary } from '../../src/modules/policies/policies.contract.ts';
import type { GrantBatchDetail, GrantItem, PublicNotice } from '../../src/modules/grants/grants.contract.ts';

let clock = new Date('2026-11-20T02:00:00Z');
let p: Platform;
let admin: Client;
let dept: Client;
let street: Client;
let streetName: string;
let publicClient: Client;
let policy: PolicySummary;
let batch: GrantBatchDetail;
let items: GrantItem[];

const days = (n: number) => new Date(clock.getTime() + n * 86400_000);

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 300, examplePolicies: true, now: () => clock });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  streetName = (await street.get('/api/auth/me')).json().user.unitName;
  publicClient = new Client(p.app);
  expect((await admin.request('POST', '/api/policies/evaluate')).statusCode).toBe(200);
  const list = (await admin.get('/api/policies')).json<PolicySummary[]>();
  policy = list.find((x) => x.code === 'aboveScaleRent')!;
  expect(policy.evaluation!.eligible).toBeGreaterThan(2);
}, 120_000);
afterAll(() => p?.close());

describe('a grant batch', () => {
  it('is opened from a policy with every eligible enterprise and its computed amount, under the policy’s version', async () => {
    const r = await admin.request('POST', `/api/policies/${policy.id}/batches`, { note: '2026年第一批' });
    expect(r.statusCode).toBe(200);
    batch = r.json<GrantBatchDetail>();
    expect(batch.batch.status).toBe('review');
    expect(batch.batch.number).toBe('免申即享〔2026〕1号');
    expect(batch.batch.policyVersion).toBe(1);
    expect(batch.batch.period).toBe('2026-10');
    expect(batch.batch.parameters.rate).toEqual({ label: '租金补贴标准', value: 15, unit: '元/m²/月' });
    expect(batch.batch.parameters.cap).toEqual({ label: '年度补贴上限', value: 50, unit: '万元' });
    expect(batch.batch.items).toBe(policy.evaluation!.eligible);
    expect(batch.batch.totalAmount).toBe(policy.evaluation!.totalAmount);
    expect(batch.events.map((e) => e.step)).toEqual(['created']);
    items = (await admin.get(`/api/grant-batches/${batch.batch.id}/items?pageSize=200`)).json<{
      items: GrantItem[];
    }>().items;
    expect(items).toHaveLength(batch.batch.items);
    expect(items.every((i) => i.included && i.amount > 0)).toBe(true);
  });

  it('is the plan office’s alone while in review: departments and subdistricts find no such batch', async () => {
    for (const other of [dept, street]) {
      expect((await other.get(`/api/grant-batches/${batch.batch.id}`)).statusCode).toBe(404);
      expect((await other.get(`/api/grant-batches/${batch.batch.id}/items`)).statusCode).toBe(404);
      const list = (await other.get('/api/grant-batches')).json<{ items: { id: string }[]; total: number }>();
      expect(list.items.map((b) => b.id)).not.toContain(batch.batch.id);
      const asked = (await other.get('/api/grant-batches?status=review')).json<{ total: number }>();
      expect(asked.total).toBe(0);
    }
    expect((await admin.get('/api/grant-batches?status=review')).json<{ total: number }>().total).toBe(1);
    // Nor does an enterprise's policy page show a grant still in review to anyone but the office.
    const mine = items.find((i) => i.subdistrictName === streetName)!;
    const grantsSeen = async (c: Client) =>
      (await c.get(`/api/enterprises/${mine.enterpriseId}/policies`))
        .json<{ grants: { batchId: string }[] }[]>()
        .flatMap((x) => x.grants.map((g) => g.batchId));
    expect(await grantsSeen(admin)).toContain(batch.batch.id);
    expect(await grantsSeen(street)).not.toContain(batch.batch.id);
    expect(await grantsSeen(dept)).not.toContain(batch.batch.id);
  });

  it('keeps the version it was opened under when the policy is edited afterwards', async () => {
    const current = (await admin.get(`/api/policies/${policy.id}`)).json<Policy>();
    const edited = structuredClone(current.definition);
    edited.parameters.rate!.values.push({ from: '2026-06-01', value: 20 });
    const r = await admin.request('PUT', `/api/policies/${policy.id}`, {
      definition: edited,
      note: '提高标准',
    });
    expect(r.json<Policy>().version).toBe(2);
    const again = (await admin.get(`/api/grant-batches/${batch.batch.id}`)).json<GrantBatchDetail>();
    expect(again.batch.policyVersion).toBe(1);
    expect(again.batch.parameters.rate!.value).toBe(15);
  });

  it('requires a reason to exclude an enterprise during review, and records the step', async () => {
    const target = items[0]!;
    const noReason = await admin.request(
      'PUT',
      `/api/grant-batches/${batch.batch.id}/items/${target.enterpriseId}`,
      {
        included: false,
      },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].path).toBe('reason');
    const ok = await admin.request(
      'PUT',
      `/api/grant-batches/${batch.batch.id}/items/${target.enterpriseId}`,
      {
        included: false,
        reason: '已享受同类政策',
      },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json<GrantItem>()).toEqual(
      expect.objectContaining({ included: false, exclusionReason: '已享受同类政策' }),
    );
    expect(
      (
        await dept.request('PUT', `/api/grant-batches/${batch.batch.id}/items/${target.enterpriseId}`, {
          included: true,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('cannot be decided before its public notice', async () => {
    const r = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/decide`, { note: '' });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('审核中');
  });

  it('is published for public notice and appears on the public site without contacts', async () => {
    const r = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/publish`, { noticeDays: 5 });
    expect(r.statusCode).toBe(200);
    expect(r.json<GrantBatchDetail>().batch).toEqual(
      expect.objectContaining({
        status: 'notice',
        noticeStartsOn: '2026-11-20',
        // 5 working days from Friday 20 November: 20, 23, 24, 25, 26.
        noticeEndsOn: '2026-11-26',
        noticeDays: 5,
      }),
    );
    const list = (await publicClient.get('/api/public/notices')).json<
      { id: string; open: boolean; items: number }[]
    >();
    expect(list).toContainEqual(
      expect.objectContaining({ id: batch.batch.id, open: true, items: items.length - 1 }),
    );
    const notice = (await publicClient.get(`/api/public/notices/${batch.batch.id}`)).json<PublicNotice>();
    expect(notice.items.map((i) => i.enterpriseId).sort()).toEqual(
      items
        .slice(1)
        .map((i) => i.enterpriseId)
        .sort(),
    );
    expect(JSON.stringify(notice)).not.toContain('contact');
    // Review is over: the list can no longer change through review.
    const late = await admin.request(
      'PUT',
      `/api/grant-batches/${batch.batch.id}/items/${items[1]!.enterpriseId}`,
      {
        included: false,
        reason: 'x',
      },
    );
    expect(late.statusCode).toBe(409);
  });

  it('is readable by departments once published, and by a subdistrict for its own enterprises', async () => {
    expect((await dept.get(`/api/grant-batches/${batch.batch.id}`)).statusCode).toBe(200);
    const all = (await dept.get(`/api/grant-batches/${batch.batch.id}/items?pageSize=200`)).json<{
      items: GrantItem[];
    }>();
    expect(all.items).toHaveLength(items.length);
    expect((await street.get(`/api/grant-batches/${batch.batch.id}`)).statusCode).toBe(200);
    const own = (await street.get(`/api/grant-batches/${batch.batch.id}/items?pageSize=200`)).json<{
      items: GrantItem[];
      total: number;
    }>();
    const expected = items.filter((i) => i.subdistrictName === streetName);
    expect(expected.length).toBeLessThan(items.length);
    expect(own.items.map((i) => i.enterpriseId).sort()).toEqual(expected.map((i) => i.enterpriseId).sort());
    expect(own.total).toBe(expected.length);
  });

  it('takes objections from anyone during the notice and tells the plan office', async () => {
    const target = items[1]!;
    const bad = await publicClient.request('POST', `/api/public/notices/${batch.batch.id}/objections`, {
      enterpriseId: target.enterpriseId,
      filerName: '',
      filerContact: '13800000000',
      text: '该企业实际已迁出本区',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('filerName');
    const r = await publicClient.request('POST', `/api/public/notices/${batch.batch.id}/objections`, {
      enterpriseId: target.enterpriseId,
      filerName: '张三',
      filerContact: '13800000000',
      text: '该企业实际已迁出本区',
    });
    expect(r.statusCode).toBe(200);
    const r2 = await publicClient.request('POST', `/api/public/notices/${batch.batch.id}/objections`, {
      enterpriseId: null,
      filerName: '李四',
      filerContact: 'lisi@example.com',
      text: '建议公开测算依据',
    });
    expect(r2.statusCode).toBe(200);
    const inbox = (await admin.get('/api/inbox')).json<{ items: { title: string }[] }>();
    expect(inbox.items.filter((n) => n.title.startsWith('公示异议'))).toHaveLength(2);
    const detail = (await admin.get(`/api/grant-batches/${batch.batch.id}`)).json<GrantBatchDetail>();
    expect(detail.batch.openObjections).toBe(2);
    expect(detail.objections[0]!.filerContact).toBe('13800000000');
    expect(detail.objections[0]!.filerName).toBe('张三');
    // Objectors' names and contacts are the office's only.
    for (const other of [dept, street]) {
      const seen = (await other.get(`/api/grant-batches/${batch.batch.id}`)).json<GrantBatchDetail>();
      expect(seen.objections).toHaveLength(2);
      expect(seen.objections.map((o) => [o.filerName, o.filerContact])).toEqual([
        [null, null],
        [null, null],
      ]);
      expect(JSON.stringify(seen)).not.toContain('13800000000');
      expect(JSON.stringify(seen)).not.toContain('lisi@example.com');
    }
  });

  it('cannot be decided while the notice runs or objections are open', async () => {
    clock = days(2);
    const during = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/decide`, { note: '' });
    expect(during.statusCode).toBe(409);
    expect(during.json().message).toContain('期满后');
    clock = days(7); // 2026-11-27, the day after the notice ended
    const open = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/decide`, { note: '' });
    expect(open.statusCode).toBe(409);
    expect(open.json().message).toContain('2 条异议未处理');
    const late = await publicClient.request('POST', `/api/public/notices/${batch.batch.id}/objections`, {
      enterpriseId: null,
      filerName: '王五',
      filerContact: '13900000000',
      text: '公示期后的异议',
    });
    expect(late.statusCode).toBe(409);
  });

  it('excludes an enterprise when an objection about it is upheld', async () => {
    const detail = (await admin.get(`/api/grant-batches/${batch.batch.id}`)).json<GrantBatchDetail>();
    const [aboutOne, general] = detail.objections;
    const up = await admin.request(
      'POST',
      `/api/grant-batches/${batch.batch.id}/objections/${aboutOne!.id}/resolve`,
      {
        outcome: 'upheld',
        response: '经核实已迁出',
      },
    );
    expect(up.statusCode).toBe(200);
    const down = await admin.request(
      'POST',
      `/api/grant-batches/${batch.batch.id}/objections/${general!.id}/resolve`,
      {
        outcome: 'dismissed',
        response: '测算依据已随决定告知企业',
      },
    );
    expect(down.json<GrantBatchDetail>().batch.openObjections).toBe(0);
    const item = (
      await admin.get(`/api/grant-batches/${batch.batch.id}/items?included=false&pageSize=200`)
    ).json<{ items: GrantItem[] }>();
    expect(item.items.map((i) => i.exclusionReason).sort()).toEqual(
      ['已享受同类政策', '异议成立：经核实已迁出'].sort(),
    );
  });

  it('is decided after the notice: included enterprises are granted and told why in their inbox, the excluded why not', async () => {
    const r = await admin.request('POST', `/api/grant-batches/${batch.batch.id}/decide`, {
      note: '区经济信息委决定',
    });
    expect(r.statusCode).toBe(200);
    const d = r.json<GrantBatchDetail>();
    expect(d.batch.status).toBe('decided');
    expect(d.events.map((e) => e.step)).toEqual([
      'created',
      'itemExcluded',
      'published',
      'objectionFiled',
      'objectionFiled',
      'objectionUpheld',
      'objectionDismissed',
      'decided',
    ]);
    const granted = items[2]!;
    const note = await p.db.execute(
      sql`SELECT title, body FROM notifications WHERE district_id = ${p.districtId} AND recipient_kind = 'enterprise'
          AND recipient_id = ${granted.enterpriseId} AND dedupe_key = ${`grant:${batch.batch.id}`}`,
    );
    const row = (note as unknown as { rows: { title: string; body: string }[] }).rows[0]!;
    expect(row.title).toBe('免申即享：规上软信企业租金优惠 已核定');
    expect(row.body).toContain('是规上企业，要求是规上企业，满足');
    expect(row.body).toContain(
      `${(granted.amount / 1e4).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`,
    );
    const excluded = await p.db.execute(
      sql`SELECT title, body FROM notifications WHERE recipient_id = ${items[0]!.enterpriseId} AND dedupe_key = ${`grant:${batch.batch.id}`}`,
    );
    expect((excluded as unknown as { rows: { body: string }[] }).rows[0]!.body).toContain('已享受同类政策');
  });

  it('is immutable once decided, in the API and in the database itself', async () => {
    const again = await admin.request(
      'PUT',
      `/api/grant-batches/${batch.batch.id}/items/${items[3]!.enterpriseId}`,
      {
        included: false,
        reason: 'x',
      },
    );
    expect(again.statusCode).toBe(409);
    expect(
      (await admin.request('POST', `/api/grant-batches/${batch.batch.id}/cancel`, { reason: 'x' }))
        .statusCode,
    ).toBe(409);
    await expect(
      p.db.execute(sql`UPDATE grant_items SET amount = amount + 1 WHERE batch_id = ${batch.batch.id}`),
    ).rejects.toThrow();
    await expect(
      p.db.execute(sql`UPDATE grant_batches SET status = 'review' WHERE id = ${batch.batch.id}`),
    ).rejects.toThrow();
    await expect(
      p.db.execute(sql`DELETE FROM grant_items WHERE batch_id = ${batch.batch.id}`),
    ).rejects.toThrow();
  });

  it('shows the enterprise its grant beside its explanation', async () => {
    const granted = items[2]!;
    const mine = (await admin.get(`/api/enterprises/${granted.enterpriseId}/policies`)).json<
      {
        policy: { id: string };
        grants: { batchId: string; included: boolean; amount: number; status: string }[];
      }[]
    >();
    const rent = mine.find((x) => x.policy.id === policy.id)!;
    expect(rent.grants).toEqual([
      expect.objectContaining({
        batchId: batch.batch.id,
        included: true,
        amount: granted.amount,
        status: 'decided',
      }),
    ]);
  });

  it('is audited at every step', async () => {
    const trail = (await admin.get(`/api/audit?entity=grantBatch&entityId=${batch.batch.id}`)).json<{
      items: { action: string; after: { status?: string } }[];
    }>();
    expect(trail.items.map((x) => x.after.status ?? x.action)).toEqual(['create', 'notice', 'decided']);
    // A grant item is named batch:enterprise (73 characters), and its trail reads back.
    const itemId = `${batch.batch.id}:${items[0]!.enterpriseId}`;
    expect(itemId).toHaveLength(73);
    const item = await admin.get(`/api/audit?entity=grantItem&entityId=${itemId}`);
    expect(item.statusCode).toBe(200);
    expect(item.json<{ items: { action: string; after: unknown }[] }>().items).toEqual([
      expect.objectContaining({ after: expect.objectContaining({ included: false }) }),
    ]);
  });

  it('can be cancelled with a reason while in review, and numbers batches per year', async () => {
    const second = (
      await admin.request('POST', `/api/policies/${policy.id}/batches`, {})
    ).json<GrantBatchDetail>();
    expect(second.batch.number).toBe('免申即享〔2026〕2号');
    expect(second.batch.policyVersion).toBe(2);
    const noReason = await admin.request('POST', `/api/grant-batches/${second.batch.id}/cancel`, {
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    const r = await admin.request('POST', `/api/grant-batches/${second.batch.id}/cancel`, {
      reason: '重复发起',
    });
    expect(r.json<GrantBatchDetail>().batch.status).toBe('cancelled');
    expect((await publicClient.get(`/api/public/notices/${second.batch.id}`)).statusCode).toBe(404);
  });
});

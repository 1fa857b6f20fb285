// The service desk through the API on a pinned clock: filing (and its bad input), the handling path (签收, notes,
// 补充材料 across a weekend, 延期, 答复, 回访), a return and its 审定, a dissatisfied reopening, the overdue check
// raising a 督办单 in the supervision workflow, 需协调 on the dispatch meeting's agenda, the rating window, 代录,
// duplicates, attachments, the flood limit, the figures and the public knowledge base.
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
import { drain } from '../../src/platform/events/dispatcher.ts';
import { dailyCheck } from '../../src/modules/servicedesk/servicedesk.jobs.ts';
import { serviceDeskSubscriptions } from '../../src/modules/supervision/supervision.serviceDesk.ts';
import type { RequestDetail } from '../../src/modules/servicedesk/servicedesk.contract.ts';

let p: Platform;
let admin: Client;
let firm: Client;
let dept: Client;
let street: Client;
let bigData: Client;
let otherFirm: Client;
/** Monday 2026-03-02, 09:00 in Chongqing. */
let clock = new Date('2026-03-02T01:00:00Z');
const at = (iso: string) => (clock = new Date(iso));
const units = new Map<string, string>();

const filing = {
  category: 'policy.subsidy',
  title: '研发费用补贴申报咨询',
  description: '我司2025年研发投入1200万元，想了解区级研发补贴的申报条件和时间。',
  publishConsent: true,
};

async function file(c: Client, body: object = filing): Promise<RequestDetail> {
  const res = await c.request('POST', '/api/service-desk/requests', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<RequestDetail>();
}
async function act(c: Client, id: string, path: string, body: object = {}, status = 200) {
  const res = await c.request('POST', `/api/service-desk/requests/${id}/${path}`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json<RequestDetail & { code: string; reason: string }>();
}
const get = async (c: Client, id: string) =>
  (await c.get(`/api/service-desk/requests/${id}`)).json<RequestDetail>();
/** The supervision module's reaction to the desk's events (as the job runner would deliver it). */
const deliverSupervision = () => drain(p.db, serviceDeskSubscriptions(), { now: () => clock });

async function unitUser(username: string, unitName: string): Promise<Client> {
  const res = await admin.request('POST', '/api/users', {
    username,
    displayName: `${unitName} 测试`,
    password: 'service-desk-password',
    role: 'department',
    unitId: units.get(unitName),
  });
  expect(res.statusCode, res.body).toBe(201);
  return signedIn(p.app, username, 'service-desk-password');
}

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 60, examplePolicies: true, now: () => clock });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  for (const u of (await admin.get('/api/units')).json<{ items: { id: string; name: string }[] }>().items)
    units.set(u.name, u.id);
  bigData = await unitUser('bigdata-desk', '区大数据发展局');
  const me = (await firm.get('/api/auth/me')).json<{ user: { enterpriseId: string } }>().user;
  const other = (await admin.get('/api/enterprises?pageSize=100'))
    .json<{ items: { id: string }[] }>()
    .items.find((e) => e.id !== me.enterpriseId)!;
  const created = await admin.request('POST', '/api/users', {
    username: 'other-firm',
    displayName: '另一企业',
    password: 'service-desk-password',
    role: 'enterprise',
    enterpriseId: other.id,
  });
  expect(created.statusCode, created.body).toBe(201);
  otherFirm = await signedIn(p.app, 'other-firm', 'service-desk-password');
});
afterAll(() => p?.close());

describe('filing', () => {
  it('refuses a request without category or text, naming the field', async () => {
    for (const [body, path] of [
      [{ ...filing, category: '' }, 'category'],
      [{ ...filing, description: '   ' }, 'description'],
      [{ ...filing, title: undefined }, 'title'],
      [{ ...filing, category: 'nothing' }, 'category'],
    ] as const) {
      const res = await firm.request('POST', '/api/service-desk/requests', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().fields.map((f: { path: string }) => f.path)).toContain(path);
    }
  });

  it('stores HTML as text and masks the contact phone for staff', async () => {
    const r = await file(firm, {
      ...filing,
      title: '<script>alert(1)</script>',
      contactPhone: '13912345678',
    });
    expect(r.title).toBe('<script>alert(1)</script>');
    expect(r.contactPhone).toBe('13912345678');
    expect((await get(admin, r.id)).contactPhone).toBe('139****5678');
    // in full on asking, and the read is in the audit trail (the number itself never is)
    const full = await admin.get(`/api/service-desk/requests/${r.id}/contact`);
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json()).toMatchObject({ contactPhone: '13912345678' });
    const trail = (await admin.get(`/api/audit?entity=serviceRequestContact&entityId=${r.id}`)).json<{
      items: { action: string; note: string | null }[];
    }>().items;
    expect(trail.map((e) => e.action)).toEqual(['read']);
    expect(JSON.stringify(trail)).not.toContain('13912345678');
  });
});

describe('the handling path', () => {
  let id: string;

  it('routes by rule, refuses an answer before 签收, and accepts', async () => {
    const r = await file(firm);
    id = r.id;
    expect(r).toMatchObject({ state: 'dispatched', unit: { name: '区经济信息委' } });
    // Filed Monday 03-02: accept within 1 working day, answer within 5 (惠企政策兑现).
    expect(r.clock).toMatchObject({ acceptDueOn: '2026-03-03', answerDueOn: '2026-03-09' });
    const early = await act(dept, id, 'answer', { text: '可以申报' }, 409);
    expect([early.code, early.reason]).toEqual(['CONFLICT', 'NOT_ACCEPTED']);
    await act(bigData, id, 'accept', {}, 404); // not routed to it: absent
    expect((await act(dept, id, 'accept')).state).toBe('accepted');
    const inbox = (await firm.get('/api/inbox')).json<{ items: { title: string }[] }>().items;
    expect(inbox.map((n) => n.title)).toContain(`企业诉求 ${r.number} 已签收：研发费用补贴申报咨询`);
  });

  it('keeps internal notes from the enterprise', async () => {
    await act(dept, id, 'notes', { text: '需核对研发加计扣除数据', internal: true });
    await act(dept, id, 'notes', { text: '已转科室办理' });
    const seen = (await get(firm, id)).events.map((e) => e.text);
    expect(seen).toContain('已转科室办理');
    expect(seen).not.toContain('需核对研发加计扣除数据');
    expect((await get(admin, id)).events.map((e) => e.text)).toContain('需核对研发加计扣除数据');
  });

  it('pauses for 补充材料 across a weekend and takes one working day out', async () => {
    at('2026-03-06T02:00:00Z'); // Friday
    const paused = await act(dept, id, 'supplement-request', { text: '请补充2025年研发费用专项审计报告' });
    expect(paused).toMatchObject({ state: 'supplement', clock: { paused: true, answerDueOn: null } });
    await act(firm, id, 'answer', { text: 'x' }, 403);
    at('2026-03-09T02:00:00Z'); // Monday
    const back = await act(firm, id, 'supplement', { text: '审计报告已上传' });
    expect(back.state).toBe('handling');
    expect(back.clock).toMatchObject({ answerDueOn: '2026-03-10', pausedWorkingDays: 1 });
    expect(back.clock.pauses).toEqual([
      { from: '2026-03-06', to: '2026-03-09', reason: '请补充2025年研发费用专项审计报告' },
    ]);
  });

  it('extends by approval, answers, is rated once', async () => {
    await act(dept, id, 'extension', { days: 2, reason: '需会同财政局审核' });
    await act(dept, id, 'extension', { days: 1, reason: '再延' }, 409);
    await act(dept, id, 'extension/decision', { approve: true }, 403);
    const approved = await act(admin, id, 'extension/decision', { approve: true });
    expect(approved.clock).toMatchObject({ extensionDays: 2, answerDueOn: '2026-03-12' });
    at('2026-03-11T02:00:00Z');
    const answered = await act(dept, id, 'answer', { text: '符合条件，请于3月底前通过平台申报。' });
    expect(answered.state).toBe('answered');
    await act(otherFirm, id, 'rating', { rating: 'satisfied' }, 404);
    const rated = await act(firm, id, 'rating', { rating: 'satisfied', comment: '答复及时' });
    expect(rated).toMatchObject({ state: 'closed', rating: 'satisfied', published: true });
    const again = await act(firm, id, 'rating', { rating: 'dissatisfied' }, 409);
    expect(again.reason).toBe('ALREADY_RATED');
  });

  it('publishes the answer anonymised in the knowledge base', async () => {
    const kb = (
      await new (firm.constructor as typeof Client)(p.app).get('/api/public/service-desk/knowledge')
    ).json<{
      groups: { category: string; entries: { id: string; answer: string }[] }[];
    }>();
    const entry = kb.groups.flatMap((g) => g.entries).find((e) => e.id === id);
    expect(entry?.answer).toBe('符合条件，请于3月底前通过平台申报。');
    expect((await admin.get(`/api/public/service-desk/knowledge/${id}`)).statusCode).toBe(200);
  });

  it('links the answer to the policies it explains, for each policy page’s 相关问答', async () => {
    const policies = (await admin.get('/api/policies')).json<{ id: string }[]>();
    expect(policies.length).toBeGreaterThan(0);
    const policyId = policies[0]!.id;
    const url = `/api/service-desk/requests/${id}/publication`;
    const unknown = await admin.request('PUT', url, {
      withheld: false,
      policyIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual([{ path: 'policyIds.0', message: '政策不存在' }]);
    expect((await admin.request('PUT', url, { withheld: false, policyIds: [policyId] })).statusCode).toBe(
      200,
    );
    // withholding it again without naming policies keeps the link
    expect((await admin.request('PUT', url, { withheld: false })).statusCode).toBe(200);
    const anon = new (firm.constructor as typeof Client)(p.app);
    const linked = (await anon.get(`/api/public/service-desk/knowledge?policyId=${policyId}`)).json<{
      groups: { entries: { id: string; policyIds: string[] }[] }[];
      total: number;
    }>();
    expect(linked.groups.flatMap((g) => g.entries).map((e) => [e.id, e.policyIds])).toEqual([
      [id, [policyId]],
    ]);
    const other = policies[1]?.id ?? '00000000-0000-4000-8000-000000000001';
    expect((await anon.get(`/api/public/service-desk/knowledge?policyId=${other}`)).json().total).toBe(0);
  });
});

describe('a return and its 审定', () => {
  it('goes to the unit the plan office decides on; the returning unit keeps read access', async () => {
    at('2026-03-12T02:00:00Z');
    const r = await file(firm, {
      ...filing,
      category: 'policy',
      title: '数据资产入表政策',
      description: '数据资产入表有无区级配套政策？',
    });
    expect(r.unit?.name).toBe('区大数据发展局');
    await act(bigData, r.id, 'return', { reason: '属产业政策', suggestedUnitId: units.get('区经济信息委') });
    await act(bigData, r.id, 'decide', { unitId: units.get('区经济信息委'), text: 'x' }, 403);
    const decided = await act(admin, r.id, 'decide', {
      unitId: units.get('区经济信息委'),
      text: '由区经济信息委牵头答复',
    });
    expect(decided).toMatchObject({
      state: 'dispatched',
      unit: { name: '区经济信息委' },
      clock: { acceptDueOn: '2026-03-13' },
    });
    expect(decided.events.map((e) => e.kind)).toEqual(['filed', 'dispatched', 'returned', 'decided']);
    expect(
      (await firm.get(`/api/service-desk/requests/${r.id}`)).json<RequestDetail>().events.map((e) => e.kind),
    ).toEqual(['filed', 'dispatched']);
    expect((await bigData.get(`/api/service-desk/requests/${r.id}`)).statusCode).toBe(200);
    await act(bigData, r.id, 'accept', {}, 403);
    await act(dept, r.id, 'accept');
  });
});

describe('dissatisfied, overdue and 需协调', () => {
  it('reopens once to the same unit on 不满意 and raises a 督办单', async () => {
    at('2026-03-16T02:00:00Z');
    const r = await file(firm, {
      ...filing,
      category: 'talent',
      title: '人才公寓申请',
      description: '核心骨干申请人才公寓',
    });
    await act(dept, r.id, 'accept', {}, 404); // routed to 人力社保局: not the department's to see
    await act(admin, r.id, 'dispatch', { unitId: units.get('区经济信息委') });
    await act(dept, r.id, 'accept');
    await act(dept, r.id, 'answer', { text: '请向人力社保局咨询' });
    const reopened = await act(firm, r.id, 'rating', { rating: 'dissatisfied', comment: '没有解决' });
    expect(reopened).toMatchObject({ state: 'handling', reopenCount: 1, unit: { name: '区经济信息委' } });
    expect(reopened.clock).toMatchObject({ answerDueOn: '2026-03-23' });
    const office = (await admin.get('/api/inbox')).json<{ items: { title: string }[] }>().items;
    expect(office.some((n) => n.title.startsWith(`企业诉求 ${r.number} （抄送）不满意重办`))).toBe(true);
    await deliverSupervision();
    const notices = (await admin.get('/api/supervision/notices')).json<{
      items: { item: { title: string }; level: string; unit: { name: string }; reason: string }[];
    }>().items;
    expect(notices.find((n) => n.item.title.startsWith(`企业诉求 ${r.number}`))).toMatchObject({
      level: 'blue',
      unit: { name: '区经济信息委' },
      reason: `企业诉求 ${r.number} 企业评价不满意：没有解决`,
    });
    await act(dept, r.id, 'answer', { text: '已协调人才公寓一套' });
    const closed = await act(firm, r.id, 'rating', { rating: 'dissatisfied', comment: '面积太小' });
    expect(closed).toMatchObject({ state: 'closed', reopenCount: 1, published: true });
  });

  it('sends an overdue request to supervision: a 督办单 on a work item standing for it, done once answered', async () => {
    at('2026-03-17T02:00:00Z'); // Tuesday
    const r = await file(firm, {
      ...filing,
      title: '高企认定奖励兑现',
      description: '高企认定奖励何时兑现？',
    });
    await act(dept, r.id, 'accept');
    expect(r.clock.answerDueOn).toBe('2026-03-24');
    at('2026-03-25T00:00:00Z'); // Wednesday 08:00
    const summary = await dailyCheck(p.db, p.districtId, clock);
    // Past their answer deadline on 03-25: this one (03-24), the 代录-free HTML one never accepted (03-09) and the
    // returned one (policy, 3 days from 03-12: 03-17).
    expect(summary).toMatchObject({ acceptOverdue: 1, answerOverdue: 3, supervised: 3 });
    expect((await dailyCheck(p.db, p.districtId, clock)).answerOverdue).toBe(0); // once per round
    expect((await get(dept, r.id)).overdue).toBe(true);
    await deliverSupervision();
    const items = (await admin.get('/api/supervision/items?pageSize=200')).json<{
      items: { id: string; title: string; source: string; state: string; owner: { name: string } }[];
    }>().items;
    const item = items.find((i) => i.title === `企业诉求 ${r.number}：高企认定奖励兑现`)!;
    expect(item).toMatchObject({ source: 'serviceRequest', state: 'open', owner: { name: '区经济信息委' } });
    const notices = (await admin.get(`/api/supervision/notices?itemId=${item.id}`)).json<{
      items: { level: string; reason: string }[];
    }>().items;
    expect(notices).toEqual([
      expect.objectContaining({
        level: 'blue',
        reason: `企业诉求 ${r.number} 超过答复时限（2026-03-24）1 个工作日未答复`,
      }),
    ]);
    await act(dept, r.id, 'answer', { text: '已列入4月兑现批次' });
    await drain(p.db, serviceDeskSubscriptions(), { now: () => clock });
    const after = (await admin.get('/api/supervision/items?pageSize=200'))
      .json<{ items: { id: string; state: string }[] }>()
      .items.find((i) => i.id === item.id);
    expect(after?.state).toBe('done');
  });

  it('puts a 需协调 request on the next dispatch meeting’s agenda', async () => {
    const r = await file(firm, {
      ...filing,
      category: 'venue',
      title: '扩租办公场地',
      description: '需新增2000平方米办公场地',
    });
    expect(r.unit?.name).toBe('石桥铺街道');
    await act(street, r.id, 'accept');
    await act(street, r.id, 'coordination', { text: '需区招商投资局协调载体' });
    const meeting = (
      await admin.request('POST', '/api/meetings', {
        title: '三月调度会',
        scheduledAt: '2026-03-27T01:30:00Z',
      })
    ).json<{
      meeting: { id: string };
    }>().meeting.id;
    const preview = (await admin.request('POST', `/api/meetings/${meeting}/agenda/generate`)).json<{
      entries: { text: string; sources: string[]; reasons: string[]; itemId: string | null }[];
    }>();
    expect(preview.entries).toContainEqual(
      expect.objectContaining({
        text: `企业诉求 ${r.number}：扩租办公场地（石桥铺街道）`,
        sources: ['coordination'],
        reasons: ['需协调事项（企业诉求）：需区招商投资局协调载体'],
        itemId: null,
      }),
    );
  });

  it('counts an answer not rated within the window as 满意', async () => {
    at('2026-03-25T02:00:00Z');
    const r = await file(firm, { ...filing, title: '专精特新申报', description: '专精特新申报材料清单' });
    await act(dept, r.id, 'accept');
    await act(dept, r.id, 'answer', { text: '见附件清单' });
    at('2026-04-01T00:00:00Z'); // five working days after 03-25 end on 04-01
    expect((await dailyCheck(p.db, p.districtId, clock)).autoRated).toBe(0);
    at('2026-04-02T00:00:00Z');
    // This one and the overdue one, also answered on 03-25.
    expect((await dailyCheck(p.db, p.districtId, clock)).autoRated).toBe(2);
    expect(await get(firm, r.id)).toMatchObject({ state: 'closed', rating: 'satisfied', ratingAuto: true });
  });
});

describe('代录, duplicates, attachments, the flood limit', () => {
  it('registers a request for an enterprise named by USCC, and refuses one outside a subdistrict', async () => {
    at('2026-04-02T02:00:00Z');
    const ents = (await admin.get('/api/enterprises?pageSize=100')).json<{
      items: { id: string; uscc: string; subdistrict: { id: string } }[];
    }>().items;
    const me = (await street.get('/api/auth/me')).json<{ user: { unitId: string } }>().user;
    const elsewhere = ents.find((e) => e.subdistrict.id !== me.unitId)!;
    const r = await file(admin, { ...filing, enterprise: { uscc: elsewhere.uscc } });
    expect(r).toMatchObject({ channel: 'phone', enterprise: { id: elsewhere.id } });
    const refused = await street.request('POST', '/api/service-desk/requests', {
      ...filing,
      enterprise: { uscc: elsewhere.uscc },
    });
    expect(refused.statusCode).toBe(404);
    expect(
      (
        await firm.request('POST', '/api/service-desk/requests', {
          ...filing,
          enterprise: { uscc: elsewhere.uscc },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('flags a similar earlier request of the same enterprise to staff only', async () => {
    const first = await file(otherFirm, {
      ...filing,
      category: 'housing',
      title: '申请人才公寓入住',
      description: '核心技术人员申请人才公寓入住',
    });
    const second = await file(otherFirm, {
      ...filing,
      category: 'housing',
      title: '申请人才公寓入住资格',
      description: '核心技术人员申请人才公寓入住资格',
    });
    expect(second.possibleDuplicate).toBeNull();
    const seen = await get(admin, second.id);
    expect(seen.possibleDuplicate).toMatchObject({ id: first.id, number: first.number });
    // 14 and 16 bigrams, 13 shared: 13 / 17.
    expect(seen.possibleDuplicate!.score).toBe(0.76);
  });

  it('takes attachments of allowed types only', async () => {
    const r = await file(otherFirm, {
      ...filing,
      category: 'ip',
      title: '专利质押融资',
      description: '专利质押融资贴息',
    });
    const ok = await upload(
      p.app,
      otherFirm,
      `/api/service-desk/requests/${r.id}/attachments`,
      'a.pdf',
      '%PDF-1.4\n',
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const exe = await upload(
      p.app,
      otherFirm,
      `/api/service-desk/requests/${r.id}/attachments`,
      'a.exe',
      'MZ\x90\x00',
    );
    expect(exe.statusCode).toBe(415);
    const empty = await upload(
      p.app,
      otherFirm,
      `/api/service-desk/requests/${r.id}/attachments`,
      'a.pdf',
      '',
    );
    expect(empty.statusCode).toBe(400);
    const theirs = await upload(
      p.app,
      firm,
      `/api/service-desk/requests/${r.id}/attachments`,
      'a.pdf',
      '%PDF-1.4\n',
    );
    expect(theirs.statusCode).toBe(404);
    const file1 = (await get(otherFirm, r.id)).attachments[0]!;
    expect((await otherFirm.get(`/api/service-desk/attachments/${file1.id}`)).statusCode).toBe(200);
    expect((await firm.get(`/api/service-desk/attachments/${file1.id}`)).statusCode).toBe(404);
  });

  it('limits filing per account (429 RATE_LIMITED), stored in PostgreSQL', async () => {
    at('2026-04-03T02:00:00Z');
    let limited = 0;
    let filed = 0;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await otherFirm.request('POST', '/api/service-desk/requests', {
        ...filing,
        title: `批量${i}`,
      });
      if (res.statusCode === 429) limited = i;
      else filed++;
    }
    expect(filed).toBe(10);
    expect(limited).toBe(10);
    at('2026-04-03T03:01:00Z'); // the hour is over
    await file(otherFirm, { ...filing, title: '新的一小时' });
  });
});

describe('figures', () => {
  it('gives the 三率 per unit and category, and the public figures with small cells withheld', async () => {
    const res = await admin.get('/api/service-desk/figures?from=2026-03&to=2026-03&category=talent');
    expect(res.statusCode, res.body).toBe(200);
    const cells = res.json<{
      cells: { unit: { name: string }; filed: number; satisfaction: { value: number }; reopened: number }[];
    }>().cells;
    expect(cells).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ name: '区经济信息委' }),
        filed: 1,
        reopened: 1,
        satisfaction: { hits: 0, due: 1, value: 0 },
      }),
    ]);
    expect((await firm.get('/api/service-desk/figures?from=2026-03&to=2026-03')).statusCode).toBe(403);
    const pub = (await admin.get('/api/public/service-desk/figures?from=2026-03&to=2026-03')).json<{
      months: {
        filed: number;
        categories: { category: string; filed: number | null; suppressed: boolean }[];
      }[];
    }>();
    const march = pub.months[0]!;
    expect(march.categories.find((c) => c.category === 'policy')).toMatchObject({ suppressed: false });
    expect(march.categories.find((c) => c.category === 'talent')).toMatchObject({
      filed: null,
      suppressed: true,
    });
    // complementary suppression: the month's total less the cells shown never gives one withheld cell
    for (const m of pub.months) {
      const hidden = m.categories.filter((c) => c.suppressed);
      expect(hidden.length).not.toBe(1);
      if (hidden.length === 0) expect(m.categories.reduce((s, c) => s + (c.filed ?? 0), 0)).toBe(m.filed);
    }
  });
});

// 督查督办 through the API: items, reports returned and resubmitted, colours as the clock moves, 我的待办, bad input,
// someone else's item, attachments, and the ledger's import (preview, errors, commit) and export round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  upload,
  type Client,
  type Platform,
} from '../harness.ts';
import { xlsxOf } from '../xlsx-build.ts';
import type { ItemView, ReportView } from '../../src/modules/supervision/supervision.contract.ts';

let p: Platform;
let admin: Client;
let dept: Client;
let street: Client;
const clock = { now: new Date('2026-03-10T02:00:00Z') };
const setDate = (date: string) => (clock.now = new Date(`${date}T02:00:00Z`));
const units = new Map<string, string>();
let deptUnit: string;
let streetUnit: string;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 20, now: () => clock.now });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  deptUnit = (await dept.get('/api/auth/me')).json().user.unitId;
  streetUnit = (await street.get('/api/auth/me')).json().user.unitId;
  const list = (await admin.get('/api/units')).json<{ items: { id: string; name: string }[] }>();
  for (const u of list.items) units.set(u.name, u.id);
});
afterAll(() => p?.close());

type Detail = { item: ItemView; reports: ReportView[] };
const body = (over: Record<string, unknown> = {}) => ({
  taskNumber: 3,
  title: '举办创新沙龙 12 场',
  ownerUnitId: deptUnit,
  startDate: '2026-01-01',
  dueDate: '2026-12-31',
  kind: 'quantity',
  goalQuantity: 12,
  goalUnit: '场',
  ...over,
});
const create = async (c: Client, over: Record<string, unknown> = {}) => {
  const res = await c.request('POST', '/api/supervision/items', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>().item;
};

let salons: ItemView;
let milestone: ItemView;
let bigData: ItemView;

describe('work items', () => {
  it('the plan office creates items for any unit of the task, a unit for its own', async () => {
    salons = await create(admin);
    expect(salons).toMatchObject({
      number: 1,
      task: { number: 3 },
      owner: { id: deptUnit, name: '区经济信息委' },
      leadUnits: [{ name: '区经济信息委' }],
      kind: 'quantity',
      goalQuantity: 12,
      source: 'task',
      cadenceMonths: 1,
      weight: 1,
      state: 'open',
    });
    // 2026-03-10 is day 68 of 364: 19% expected, nothing reported.
    expect(salons.status).toMatchObject({
      colour: 'yellow',
      expected: 19,
      reported: null,
      reason: '应完成 19%，尚未报送',
    });
    milestone = await create(dept, {
      title: '出台智能体产业扶持细则',
      kind: 'milestone',
      goalQuantity: null,
      goalUnit: null,
      startDate: '2026-03-01',
      dueDate: '2026-04-30',
      source: 'instruction',
      sourceRef: '区政府主要领导批示（2026年3月2日）',
      targetCodes: ['newEnterprises'],
    });
    expect(milestone).toMatchObject({
      source: 'instruction',
      targetCodes: ['newEnterprises'],
      editable: true,
    });
    bigData = await create(admin, {
      taskNumber: 1,
      title: '开放城市治理场景清单',
      ownerUnitId: units.get('区大数据发展局'),
      kind: 'milestone',
      goalQuantity: null,
    });
    // A subdistrict owns items of a task that names 各镇街 (task 11).
    const own = await create(street, {
      taskNumber: 11,
      title: '走访辖区软信企业',
      ownerUnitId: streetUnit,
      kind: 'recurring',
      goalQuantity: null,
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
    });
    expect(own.owner.id).toBe(streetUnit);
  });

  it('refuses bad input with the field: no owner, due before start, an owner the task does not name', async () => {
    const noOwner = await admin.request('POST', '/api/supervision/items', {
      ...body(),
      ownerUnitId: undefined,
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().fields.map((f: { path: string }) => f.path)).toContain('ownerUnitId');
    const backwards = await admin.request(
      'POST',
      '/api/supervision/items',
      body({ startDate: '2026-05-01', dueDate: '2026-04-30' }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields).toEqual([{ path: 'dueDate', message: '完成时限不能早于开始日期' }]);
    const stranger = await admin.request(
      'POST',
      '/api/supervision/items',
      body({ taskNumber: 1, ownerUnitId: streetUnit }),
    );
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().fields[0].path).toBe('ownerUnitId');
    const noGoal = await admin.request('POST', '/api/supervision/items', body({ goalQuantity: null }));
    expect(noGoal.json().fields[0].path).toBe('goalQuantity');
    const badTarget = await admin.request('POST', '/api/supervision/items', body({ targetCodes: ['nope'] }));
    expect(badTarget.json().fields[0].path).toBe('targetCodes.0');
  });

  it("a unit may not create or edit another unit's items; a subdistrict does not see them", async () => {
    const other = await dept.request(
      'POST',
      '/api/supervision/items',
      body({ taskNumber: 1, ownerUnitId: units.get('区大数据发展局') }),
    );
    expect(other.statusCode).toBe(403);
    const edit = await dept.request(
      'PUT',
      `/api/supervision/items/${bigData.id}`,
      body({ taskNumber: 1, ownerUnitId: units.get('区大数据发展局') }),
    );
    expect(edit.statusCode).toBe(404);
    // Departments read everything; the street only its own.
    expect((await dept.get(`/api/supervision/items/${bigData.id}`)).statusCode).toBe(200);
    expect((await street.get(`/api/supervision/items/${bigData.id}`)).statusCode).toBe(404);
    const streetList = (await street.get('/api/supervision/items')).json<{
      items: ItemView[];
      total: number;
    }>();
    expect(streetList.items.map((i) => i.owner.id)).toEqual([streetUnit]);
    // Handing one's item to another unit is refused.
    const handOff = await dept.request(
      'PUT',
      `/api/supervision/items/${salons.id}`,
      body({ ownerUnitId: units.get('区大数据发展局') }),
    );
    expect(handOff.statusCode).toBe(403);
  });

  it('filters the ledger by unit, task, colour and state, with paging', async () => {
    const byUnit = (await admin.get(`/api/supervision/items?unitId=${deptUnit}`)).json<{ total: number }>();
    expect(byUnit.total).toBe(2);
    const byTask = (await admin.get('/api/supervision/items?taskNumber=1')).json<{ items: ItemView[] }>();
    expect(byTask.items.map((i) => i.id)).toEqual([bigData.id]);
    // On 03-10 every item is 15–19 points behind: yellow, none red yet.
    const yellow = (await admin.get('/api/supervision/items?colour=yellow')).json<{
      items: ItemView[];
      total: number;
    }>();
    expect(yellow.items.every((i) => i.status.colour === 'yellow')).toBe(true);
    expect(yellow.total).toBe(4);
    expect((await admin.get('/api/supervision/items?colour=red')).json().total).toBe(0);
    const page = (await admin.get('/api/supervision/items?pageSize=2&page=2')).json<{
      items: ItemView[];
      total: number;
    }>();
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    expect((await admin.get('/api/supervision/items?state=done')).json().total).toBe(0);
    expect((await admin.get('/api/supervision/items?colour=blue')).statusCode).toBe(400);
  });
});

describe('reports', () => {
  it('我的待办 lists the unit’s items wanting a report this period', async () => {
    const t = (await dept.get('/api/supervision/todo')).json<{
      period: string;
      items: (ItemView & { why: string[] })[];
    }>();
    expect(t.period).toBe('2026-03');
    expect(t.items.map((i) => [i.id, i.why])).toEqual([
      [milestone.id, ['due']],
      [salons.id, ['due']],
    ]);
  });

  it("a unit reports on its own item; on someone else's it is told the item does not exist", async () => {
    const res = await dept.request('POST', `/api/supervision/items/${salons.id}/reports`, {
      period: '2026-03',
      progress: '已举办 2 场创新沙龙',
      quantityDone: 2,
      problems: '场地紧张',
      nextSteps: '4 月再办 2 场',
      declaredStatus: 'onTrack',
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<Detail>();
    // 2 of 12 is 17% against 19% expected: green.
    expect(d.item.status).toMatchObject({ colour: 'green', expected: 19, reported: 17 });
    expect(d.reports).toHaveLength(1);
    const other = await dept.request('POST', `/api/supervision/items/${bigData.id}/reports`, {
      period: '2026-03',
      progress: 'x',
    });
    expect(other.statusCode).toBe(404);
    const noQuantity = await dept.request('POST', `/api/supervision/items/${salons.id}/reports`, {
      period: '2026-03',
      progress: 'x',
    });
    expect(noQuantity.statusCode).toBe(400);
    expect(noQuantity.json().fields[0].path).toBe('quantityDone');
    const future = await dept.request('POST', `/api/supervision/items/${salons.id}/reports`, {
      period: '2026-05',
      progress: 'x',
      quantityDone: 3,
    });
    expect(future.statusCode).toBe(400);
    const badPercent = await dept.request('POST', `/api/supervision/items/${milestone.id}/reports`, {
      period: '2026-03',
      progress: 'x',
      percent: 120,
    });
    expect(badPercent.statusCode).toBe(400);
  });

  it('the office returns a report with a reason; the unit resubmits; both versions are kept', async () => {
    const first = (await admin.get(`/api/supervision/items/${salons.id}`)).json<Detail>().reports[0]!;
    expect(
      (await dept.request('POST', `/api/supervision/reports/${first.id}/return`, { reason: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await admin.request('POST', `/api/supervision/reports/${first.id}/return`, { reason: '' })).statusCode,
    ).toBe(400);
    const returned = await admin.request('POST', `/api/supervision/reports/${first.id}/return`, {
      reason: '请附活动照片和签到表',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json<Detail>().reports[0]).toMatchObject({
      state: 'returned',
      returnReason: '请附活动照片和签到表',
    });
    // Returned: nothing stands, so the colour falls back to "not reported" and the todo says so.
    expect(returned.json<Detail>().item.status.reported).toBeNull();
    // The unit hears of it in its inbox.
    const inbox = (await dept.get('/api/inbox')).json<{
      items: { title: string; body: string; link: string }[];
    }>();
    expect(inbox.items).toContainEqual(
      expect.objectContaining({
        title: '进展报告被退回：1. 举办创新沙龙 12 场（2026-03）',
        body: '退回原因：请附活动照片和签到表。请补充后重新报送。',
        link: '/supervision/todo',
      }),
    );
    const t = (await dept.get('/api/supervision/todo')).json<{ items: (ItemView & { why: string[] })[] }>();
    expect(t.items.find((i) => i.id === salons.id)).toMatchObject({
      why: ['due', 'returned'],
      returnedPeriod: '2026-03',
    });

    const again = await dept.request('POST', `/api/supervision/items/${salons.id}/reports`, {
      period: '2026-03',
      progress: '已举办 2 场创新沙龙，附照片和签到表',
      quantityDone: 2,
    });
    expect(again.statusCode).toBe(201);
    const d = again.json<Detail>();
    expect(d.reports.map((r) => [r.version, r.state, r.progress])).toEqual([
      [2, 'submitted', '已举办 2 场创新沙龙，附照片和签到表'],
      [1, 'returned', '已举办 2 场创新沙龙'],
    ]);
    expect(d.reports[1]!.problems).toBe('场地紧张');
    // The returned version can no longer be accepted; the new one can.
    expect((await admin.request('POST', `/api/supervision/reports/${first.id}/accept`)).statusCode).toBe(409);
    const accepted = await admin.request('POST', `/api/supervision/reports/${d.reports[0]!.id}/accept`);
    expect(accepted.json<Detail>().reports[0]!.state).toBe('accepted');
    const t2 = (await dept.get('/api/supervision/todo')).json<{ items: ItemView[] }>();
    expect(t2.items.map((i) => i.id)).toEqual([milestone.id]);
    // Audited.
    const trail = (await admin.get(`/api/audit?entity=supervisionReport&entityId=${first.id}`)).json<{
      items: { action: string }[];
    }>();
    expect(trail.items.map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('attachments: PDF kept with its hash, wrong type 415, too large 413, another unit 404', async () => {
    const report = (await dept.get(`/api/supervision/items/${salons.id}`)).json<Detail>().reports[0]!;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res = await upload(
      p.app,
      dept,
      `/api/supervision/reports/${report.id}/attachments`,
      '签到表.pdf',
      pdf,
    );
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json<{ id: string; sha256: string; mime: string; size: number }>();
    expect(file).toMatchObject({ mime: 'application/pdf', size: pdf.length });
    const down = await admin.get(`/api/supervision/attachments/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['x-sha256']).toBe(file.sha256);
    expect((await street.get(`/api/supervision/attachments/${file.id}`)).statusCode).toBe(404);
    const exe = await upload(
      p.app,
      dept,
      `/api/supervision/reports/${report.id}/attachments`,
      'x.pdf',
      Buffer.from('MZ\x90\x00rest'),
    );
    expect(exe.statusCode).toBe(415);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4');
    expect(
      (await upload(p.app, dept, `/api/supervision/reports/${report.id}/attachments`, 'big.pdf', big))
        .statusCode,
    ).toBe(413);
    expect(
      (await upload(p.app, street, `/api/supervision/reports/${report.id}/attachments`, 'a.pdf', pdf))
        .statusCode,
    ).toBe(404);
    const detail = (await dept.get(`/api/supervision/items/${salons.id}`)).json<Detail>();
    expect(detail.reports[0]!.attachments.map((a) => a.fileName)).toEqual(['签到表.pdf']);
  });
});

describe('colours as time passes', () => {
  it('turns an unfinished milestone red once past due, counting working days over 劳动节', async () => {
    const r = await dept.request('POST', `/api/supervision/items/${milestone.id}/reports`, {
      period: '2026-03',
      progress: '细则初稿已形成',
      percent: 50,
      declaredStatus: 'onTrack',
    });
    expect(r.json<Detail>().item.status.colour).toBe('green');
    // 2026-04-24: 54 of 60 days (90%) against 50% reported: red, and due in 4 working days (04-27…04-30).
    setDate('2026-04-24');
    const soon = (await dept.get(`/api/supervision/items/${milestone.id}`)).json<Detail>().item.status;
    expect(soon).toMatchObject({
      colour: 'red',
      expected: 90,
      reported: 50,
      dueInWorkingDays: 4,
      dueSoon: true,
    });
    expect(soon.reason).toBe('应完成 90%，已报 50%，距完成时限还有 4 个工作日');
    expect(soon.contradiction?.text).toBe(
      '自报“正常推进”，按数据为红灯（应完成 90%，已报 50%，距完成时限还有 4 个工作日）',
    );
    // 05-01…05-05 are the Labour Day holiday: on Wed 05-06 the item is 1 working day overdue.
    setDate('2026-05-06');
    const late = (await dept.get(`/api/supervision/items/${milestone.id}`)).json<Detail>().item.status;
    expect(late).toMatchObject({ colour: 'red', overdueWorkingDays: 1 });
    expect(late.reason).toBe('已超期 1 个工作日，应完成 100%，已报 50%');
    // Sat 05-09 is a make-up workday: by Mon 05-11 it is 05-06, 05-07, 05-08, 05-09 and 05-11 = 5.
    setDate('2026-05-11');
    expect(
      (await dept.get(`/api/supervision/items/${milestone.id}`)).json<Detail>().item.status
        .overdueWorkingDays,
    ).toBe(5);
    const t = (await dept.get('/api/supervision/todo')).json<{
      period: string;
      items: (ItemView & { why: string[] })[];
    }>();
    expect(t.period).toBe('2026-05');
    expect(t.items.find((i) => i.id === milestone.id)?.why).toEqual(['due', 'overdue']);
    // The quantity item: 2 of 12 on 05-11 (130 of 364 days, 36%) is 19 points behind: yellow.
    expect((await dept.get(`/api/supervision/items/${salons.id}`)).json<Detail>().item.status).toMatchObject({
      colour: 'yellow',
      expected: 36,
      reported: 17,
    });
  });

  it('rolls items up into the 22 tasks, weighted', async () => {
    const r = (await street.get('/api/supervision/rollup')).json<{
      tasks: { number: number; colour: string | null; items: number; reason: string }[];
    }>();
    expect(r.tasks).toHaveLength(22);
    const t3 = r.tasks.find((t) => t.number === 3)!;
    // (36 + 100) / 2 = 68 expected; (17 + 50) / 2 = 34 reported (rounded): red.
    expect(t3).toMatchObject({
      items: 2,
      colour: 'red',
      reason: '加权应完成 68%，已报 34%，红灯 1 项，黄灯 1 项',
    });
    expect(r.tasks.find((t) => t.number === 22)).toMatchObject({ items: 0, colour: null });
    expect((await dept.get('/api/supervision/rollup')).statusCode).toBe(200);
  });

  it('the office closes an item (销号): green and off the todo list; the unit itself may not', async () => {
    const d = (await dept.get(`/api/supervision/items/${milestone.id}`)).json<Detail>().item;
    const close = (c: Client) =>
      c.request('PUT', `/api/supervision/items/${milestone.id}`, {
        taskNumber: d.task!.number,
        title: d.title,
        ownerUnitId: d.owner.id,
        startDate: d.startDate,
        dueDate: d.dueDate,
        kind: d.kind,
        source: d.source,
        sourceRef: d.sourceRef,
        targetCodes: d.targetCodes,
        state: 'done',
      });
    const refused = await close(dept);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].path).toBe('state');
    const res = await close(admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Detail>().item.status).toMatchObject({ colour: 'green', reason: '已完成' });
    const t = (await dept.get('/api/supervision/todo')).json<{ items: ItemView[] }>();
    expect(t.items.map((i) => i.id)).not.toContain(milestone.id);
  });
});

const header = [
  '序号',
  '任务',
  '举措',
  '牵头单位',
  '责任单位',
  '完成时限',
  '进展情况',
  '存在问题',
  '下步计划',
];
const importUrl = '/api/supervision/ledger/import';

describe('ledger import and export', () => {
  const ledger = async () =>
    (await admin.get('/api/supervision/items?pageSize=200')).json<{ items: ItemView[] }>().items.map((i) => ({
      ...i,
      status: undefined,
      editable: undefined,
    }));

  it('exports the template and imports it back without changing anything', async () => {
    const res = await admin.get('/api/supervision/ledger/export');
    expect(res.statusCode).toBe(200);
    expect((await dept.get('/api/supervision/ledger/export')).statusCode).toBe(403);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 8)).toEqual([
      1,
      '3、推动产业融合智能体开发',
      '举办创新沙龙 12 场',
      '区经济信息委',
      '区经济信息委',
      '2026-12-31',
      '已举办 2 场创新沙龙，附照片和签到表',
    ]);
    const before = await ledger();
    const preview = await upload(p.app, admin, `${importUrl}?preview=true`, '工作台账.xlsx', res.rawPayload);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      preview: true,
      rows: 4,
      created: 0,
      updated: 0,
      unchanged: 4,
      reports: 0,
    });
    const commit = await upload(p.app, admin, importUrl, '工作台账.xlsx', res.rawPayload);
    expect(commit.json()).toMatchObject({ preview: false, created: 0, updated: 0, unchanged: 4, reports: 0 });
    expect(await ledger()).toEqual(before);
  });

  it('lists every bad row with column and reason and writes nothing', async () => {
    const before = await ledger();
    const file = await xlsxOf([
      header,
      ['1', '', '', '', '', '2026年13月1日', '', '', ''],
      ['', '99、不存在的任务', '新举措', '', '区不存在局', '2026-06-30', '', '', ''],
      ['', '3', '', '区经济信息委、区外星局', '', '', '', '', ''],
      ['77', '', '', '', '', '', '', '', ''],
      ['4', '1', '', '', '', '', '', '', ''],
    ]);
    const res = await upload(p.app, admin, importUrl, 'bad.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { row: 2, column: '完成时限', reason: '日期有误“2026年13月1日”，应为 YYYY-MM-DD' },
      { row: 3, column: '任务', reason: '未知的任务“99、不存在的任务”' },
      { row: 3, column: '责任单位', reason: '未知的单位“区不存在局”' },
      { row: 4, column: '牵头单位', reason: '未知的单位“区外星局”' },
      { row: 4, column: '举措', reason: '新增举措必填' },
      { row: 4, column: '责任单位', reason: '新增举措必填' },
      { row: 4, column: '完成时限', reason: '新增举措必填' },
      { row: 5, column: '序号', reason: '序号不存在（新增举措请留空序号）' },
      { row: 6, column: '责任单位', reason: '责任单位须为该任务的牵头单位或责任单位' },
    ]);
    expect(await ledger()).toEqual(before);
  });

  it('creates, updates and reports from the file; an empty cell leaves the field alone', async () => {
    const file = await xlsxOf([
      header,
      ['1', '', '', '', '', '2026-11-30', '已举办 4 场创新沙龙', '', ''],
      [
        '',
        '2、加速制造领域智能体开发',
        '遴选工业智能体示范项目',
        '区大数据发展局',
        '区大数据发展局',
        '2026/9/30',
        '',
        '',
        '',
      ],
    ]);
    const preview = await upload(p.app, admin, `${importUrl}?preview=true`, 'a.xlsx', file);
    expect(preview.json()).toMatchObject({ rows: 2, created: 1, updated: 1, unchanged: 0, reports: 1 });
    expect((await admin.get('/api/supervision/items')).json().total).toBe(4);
    const res = await upload(p.app, admin, importUrl, 'a.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    const d = (await admin.get(`/api/supervision/items/${salons.id}`)).json<Detail>();
    expect(d.item).toMatchObject({
      title: '举办创新沙龙 12 场',
      dueDate: '2026-11-30',
      owner: { id: deptUnit },
    });
    // The new report carries what the file left empty from the last one.
    expect(d.reports[0]).toMatchObject({
      origin: 'import',
      state: 'accepted',
      progress: '已举办 4 场创新沙龙',
      quantityDone: 2,
    });
    const created = (await admin.get('/api/supervision/items?taskNumber=2')).json<{ items: ItemView[] }>()
      .items[0]!;
    expect(created).toMatchObject({
      number: 5,
      title: '遴选工业智能体示范项目',
      dueDate: '2026-09-30',
      startDate: '2026-05-11',
    });
  });
});

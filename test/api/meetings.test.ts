// 调度会 · 会商 through the API: red, newly yellow and flagged items make the agenda; the office edits it, records
// the minutes and publishes them; decisions become work items linked back to the meeting and their owners hear of
// it; who may do what; bad input; the minutes as .docx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  type Client,
  type Platform,
} from '../harness.ts';
import type { ItemView } from '../../src/modules/supervision/supervision.contract.ts';
import type { MeetingDetail } from '../../src/modules/meetings/meetings.contract.ts';

let p: Platform;
let admin: Client;
let dept: Client;
let street: Client;
let firm: Client;
const clock = { now: new Date('2026-03-10T02:00:00Z') };
let deptUnit: string;
let streetUnit: string;
let bigData: string;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 20, now: () => clock.now });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  firm = await signedIn(p.app, 'firm', DEMO_PASSWORD);
  deptUnit = (await dept.get('/api/auth/me')).json().user.unitId;
  streetUnit = (await street.get('/api/auth/me')).json().user.unitId;
  const list = (await admin.get('/api/units')).json<{ items: { id: string; name: string }[] }>();
  bigData = list.items.find((u) => u.name === '区大数据发展局')!.id;
});
afterAll(() => p?.close());

const item = async (over: Record<string, unknown>) => {
  const res = await admin.request('POST', '/api/supervision/items', {
    taskNumber: 3,
    ownerUnitId: deptUnit,
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    kind: 'milestone',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ item: ItemView }>().item;
};
const report = async (c: Client, id: string, over: Record<string, unknown>) => {
  const res = await c.request('POST', `/api/supervision/items/${id}/reports`, {
    period: '2026-03',
    progress: '推进中',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
};

const meetingBody = {
  kind: 'dispatch',
  title: '满天星行动计划一季度调度会',
  scheduledAt: '2026-03-12T01:30:00Z',
  place: '区政府第一会议室',
  chair: '区政府分管副区长',
};

let red: ItemView;
let yellow: ItemView;
let flagged: ItemView;
let meeting: MeetingDetail;
let published: MeetingDetail;

describe('the agenda', () => {
  it('is generated from red items, newly yellow items and reports flagged 需协调事项, each once, by task', async () => {
    // Overdue since 2026-03-01: red.
    red = await item({
      taskNumber: 1,
      ownerUnitId: bigData,
      title: '开放城市治理场景清单',
      dueDate: '2026-03-01',
    });
    // 19% expected on 03-10 (10% on 02-08, 30 days before), 5% reported: 14 points behind, yellow; green a month ago.
    yellow = await item({ title: '出台智能体产业扶持细则' });
    await report(dept, yellow.id, { percent: 5 });
    // Yellow a month ago already (37% expected then, 40% now, 25% reported): not newly yellow, not on the agenda.
    const stillYellow = await item({
      title: '建设软件园二期',
      startDate: '2025-01-01',
      dueDate: '2027-12-31',
    });
    await report(dept, stillYellow.id, { percent: 25 });
    // Green, but the unit asks for coordination.
    flagged = await item({ title: '举办创新沙龙' });
    await report(dept, flagged.id, { percent: 20, needsCoordination: true, problems: '活动场地未落实' });
    const green = await item({ title: '走访重点企业' });
    await report(dept, green.id, { percent: 30 });

    const created = await admin.request('POST', '/api/meetings', {
      ...meetingBody,
      attendeeUnitIds: [deptUnit, bigData],
    });
    expect(created.statusCode, created.body).toBe(201);
    meeting = created.json<MeetingDetail>();
    expect(meeting.meeting).toMatchObject({
      state: 'planned',
      attendees: [{ name: '区经济信息委' }, { name: '区大数据发展局' }],
      editable: true,
    });

    const res = await admin.request('POST', `/api/meetings/${meeting.meeting.id}/agenda/generate`);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<{
      previousMeetingId: string | null;
      since: string;
      entries: MeetingDetail['agenda'];
    }>();
    expect(preview.previousMeetingId).toBeNull();
    expect(preview.since).toBe('2026-02-08T02:00:00.000Z');
    expect(preview.entries.map((e) => [e.itemNumber, e.taskNumber, e.sources])).toEqual([
      [red.number, 1, ['red']],
      [flagged.number, 3, ['coordination']],
      [yellow.number, 3, ['newlyYellow']],
    ]);
    expect(preview.entries[0]).toMatchObject({
      text: `【任务1】${red.number}. 开放城市治理场景清单（区大数据发展局）`,
      reasons: [expect.stringMatching(/^亮红灯：已超期 \d+ 个工作日/)],
      units: [{ id: bigData, name: '区大数据发展局' }],
    });
    expect(preview.entries[1]!.reasons).toEqual(['需协调事项（2026-03 进展）：活动场地未落实']);
    expect(preview.entries[2]!.reasons).toEqual(['近 30 日转为黄灯：应完成 19%，已报 5%']);
    // A preview writes nothing.
    const again = (await admin.get(`/api/meetings/${meeting.meeting.id}`)).json<MeetingDetail>();
    expect(again.agenda).toEqual([]);
  });

  it('is saved as edited: an entry removed, the order changed, a matter added by hand', async () => {
    const preview = (
      await admin.request('POST', `/api/meetings/${meeting.meeting.id}/agenda/generate`)
    ).json<{ entries: MeetingDetail['agenda'] }>();
    const [r, f] = preview.entries;
    const toInput = (e: MeetingDetail['agenda'][number]) => ({
      sources: e.sources,
      itemId: e.itemId,
      text: e.text,
      reasons: e.reasons,
      unitIds: e.units.map((u) => u.id),
    });
    const res = await admin.request('PUT', `/api/meetings/${meeting.meeting.id}/agenda`, {
      entries: [
        toInput(f!),
        toInput(r!),
        { text: '研究软信产业人才公寓配套政策', unitIds: [deptUnit, streetUnit] },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    meeting = res.json<MeetingDetail>();
    expect(meeting.agenda.map((e) => [e.position, e.itemNumber, e.sources])).toEqual([
      [0, flagged.number, ['coordination']],
      [1, red.number, ['red']],
      [2, null, ['manual']],
    ]);
    expect(meeting.agenda[2]!.units.map((u) => u.id)).toEqual([deptUnit, streetUnit]);
    // Reordered again, keeping the entries by id, the manual one first.
    const ids = meeting.agenda.map((e) => e.id);
    const again = await admin.request('PUT', `/api/meetings/${meeting.meeting.id}/agenda`, {
      entries: [meeting.agenda[2]!, meeting.agenda[0]!, meeting.agenda[1]!].map((e) => ({
        id: e.id,
        sources: e.sources,
        itemId: e.itemId,
        text: e.text,
        reasons: e.reasons,
        unitIds: e.units.map((u) => u.id),
      })),
    });
    expect(again.statusCode, again.body).toBe(200);
    meeting = again.json<MeetingDetail>();
    expect(meeting.agenda.map((e) => e.id)).toEqual([ids[2], ids[0], ids[1]]);
  });

  it('changes the meeting itself while it is open', async () => {
    const res = await admin.request('PUT', `/api/meetings/${meeting.meeting.id}`, {
      ...meetingBody,
      place: '区政府第二会议室',
      attendeeUnitIds: [deptUnit, bigData],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MeetingDetail>().meeting.place).toBe('区政府第二会议室');
    const bad = await admin.request('PUT', `/api/meetings/${meeting.meeting.id}`, {
      ...meetingBody,
      attendeeUnitIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('attendeeUnitIds.0');
  });

  it('refuses an unknown item on the agenda with the field', async () => {
    const res = await admin.request('PUT', `/api/meetings/${meeting.meeting.id}/agenda`, {
      entries: [{ text: '不存在的举措', itemId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('entries.0.itemId');
  });
});

describe('access', () => {
  it('only the plan office schedules meetings and edits agendas', async () => {
    for (const c of [dept, street, firm]) {
      expect((await c.request('POST', '/api/meetings', meetingBody)).statusCode).toBe(403);
      expect(
        (await c.request('PUT', `/api/meetings/${meeting.meeting.id}/agenda`, { entries: [] })).statusCode,
      ).toBe(403);
    }
  });

  it('a department reads every meeting, a subdistrict only those it attends or owns a decision of', async () => {
    expect((await dept.get(`/api/meetings/${meeting.meeting.id}`)).statusCode).toBe(200);
    expect((await street.get(`/api/meetings/${meeting.meeting.id}`)).statusCode).toBe(404);
    expect((await street.get('/api/meetings')).json().items).toEqual([]);
    expect((await firm.get('/api/meetings')).statusCode).toBe(403);
  });
});

describe('the minutes', () => {
  const manual = () => meeting.agenda.find((e) => e.sources.includes('manual'))!;
  const onFlagged = () => meeting.agenda.find((e) => e.itemId === flagged.id)!;

  it('refuses a decision without an owner or due before the meeting, with the field', async () => {
    const url = `/api/meetings/${meeting.meeting.id}/minutes`;
    const noOwner = await admin.request('PUT', url, {
      decisions: [{ text: '落实沙龙场地', dueDate: '2026-04-30' }],
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().fields.map((f: { path: string }) => f.path)).toContain('decisions.0.ownerUnitId');
    const early = await admin.request('PUT', url, {
      decisions: [{ text: '落实沙龙场地', ownerUnitId: deptUnit, dueDate: '2026-03-11' }],
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields).toEqual([
      { path: 'decisions.0.dueDate', message: '完成时限不能早于会议日期' },
    ]);
    // Publishing before the minutes are recorded.
    expect((await admin.request('POST', `/api/meetings/${meeting.meeting.id}/publish`)).statusCode).toBe(409);
  });

  it('records the decisions and what was said; publishing makes each a work item linked back, owners notified', async () => {
    clock.now = new Date('2026-03-12T06:00:00Z');
    const res = await admin.request('PUT', `/api/meetings/${meeting.meeting.id}/minutes`, {
      summary: '会议听取了各牵头单位重点任务推进情况汇报。',
      discussions: { [onFlagged().id!]: '会议同意由区经济信息委协调软件园展厅作为活动场地。' },
      decisions: [
        {
          agendaEntryId: onFlagged().id,
          text: '落实创新沙龙活动场地',
          ownerUnitId: deptUnit,
          dueDate: '2026-04-30',
        },
        {
          agendaEntryId: manual().id,
          text: '制定软信产业人才公寓配套方案',
          ownerUnitId: streetUnit,
          dueDate: '2026-06-30',
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    meeting = res.json<MeetingDetail>();
    expect(meeting.meeting.state).toBe('held');
    expect(meeting.decisions.map((d) => [d.text, d.owner.name, d.workItemId])).toEqual([
      ['落实创新沙龙活动场地', '区经济信息委', null],
      ['制定软信产业人才公寓配套方案', expect.any(String), null],
    ]);
    // The subdistrict owns a decision: it now reads the meeting.
    expect((await street.get(`/api/meetings/${meeting.meeting.id}`)).statusCode).toBe(200);

    const pub = await admin.request('POST', `/api/meetings/${meeting.meeting.id}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    published = pub.json<MeetingDetail>();
    expect(published.meeting).toMatchObject({ state: 'published', editable: false });
    const [first, second] = published.decisions;
    expect(first!.workItemId).toEqual(expect.any(String));
    const made = (await admin.get(`/api/supervision/items/${first!.workItemId}`)).json<{ item: ItemView }>()
      .item;
    expect(made).toMatchObject({
      number: first!.workItemNumber,
      title: '落实创新沙龙活动场地',
      owner: { id: deptUnit },
      source: 'meeting',
      sourceRef: '2026年3月12日调度会《满天星行动计划一季度调度会》议定事项',
      // linked back to the meeting
      meetingId: meeting.meeting.id,
      startDate: '2026-03-12',
      dueDate: '2026-04-30',
      // The agenda entry's item was of task 3, which its owner leads.
      task: { number: 3 },
      state: 'open',
    });
    const other = (await admin.get(`/api/supervision/items/${second!.workItemId}`)).json<{ item: ItemView }>()
      .item;
    expect(other).toMatchObject({
      source: 'meeting',
      meetingId: meeting.meeting.id,
      owner: { id: streetUnit },
      task: null,
      dueDate: '2026-06-30',
    });
    // The owning units hear of it.
    const inbox = (await dept.get('/api/inbox')).json<{
      items: { title: string; body: string; link: string }[];
    }>();
    expect(inbox.items).toContainEqual(
      expect.objectContaining({
        title: '调度会议定事项：落实创新沙龙活动场地',
        link: `/meetings/${meeting.meeting.id}`,
      }),
    );
    const streetInbox = (await street.get('/api/inbox')).json<{ items: { title: string }[] }>();
    expect(streetInbox.items.map((i) => i.title)).toContain('调度会议定事项：制定软信产业人才公寓配套方案');
    // Published minutes are final.
    expect(
      (await admin.request('PUT', `/api/meetings/${meeting.meeting.id}/minutes`, { decisions: [] }))
        .statusCode,
    ).toBe(409);
    expect((await admin.request('POST', `/api/meetings/${meeting.meeting.id}/publish`)).statusCode).toBe(409);
  });

  it('downloads as a .docx with the attendees, the matters discussed and the decisions', async () => {
    const res = await dept.get(`/api/meetings/${meeting.meeting.id}/minutes/document`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const words of [
      '满天星行动计划一季度调度会会议纪要',
      '区经济信息委、区大数据发展局',
      '研究软信产业人才公寓配套政策',
      '会议同意由区经济信息委协调软件园展厅作为活动场地。',
      '落实创新沙龙活动场地',
      '2026年4月30日',
      '完成时限',
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('草稿');
    expect((await firm.get(`/api/meetings/${meeting.meeting.id}/minutes/document`)).statusCode).toBe(403);
  });

  it("the next meeting's agenda looks back to this one", async () => {
    clock.now = new Date('2026-04-08T02:00:00Z');
    const next = (
      await admin.request('POST', '/api/meetings', {
        ...meetingBody,
        title: '四月调度会',
        scheduledAt: '2026-04-09T01:30:00Z',
      })
    ).json<MeetingDetail>();
    const preview = (await admin.request('POST', `/api/meetings/${next.meeting.id}/agenda/generate`)).json<{
      previousMeetingId: string;
      since: string;
      entries: MeetingDetail['agenda'];
    }>();
    expect(preview.previousMeetingId).toBe(meeting.meeting.id);
    expect(preview.since).toBe('2026-03-12T01:30:00.000Z');
    // The flag was raised before the last meeting: not again.
    expect(preview.entries.map((e) => e.itemId)).not.toContain(flagged.id);
    expect(preview.entries.map((e) => e.itemId)).toContain(red.id);
  });

  it('records every change in the audit log', async () => {
    const trail = async (entity: string) =>
      (await admin.get(`/api/audit?entity=${entity}&entityId=${meeting.meeting.id}`)).json<{
        items: { action: string; note: string | null }[];
      }>().items;
    expect((await trail('meeting')).map((e) => e.action).sort()).toEqual(['create', 'update', 'update']);
    expect((await trail('meetingAgenda')).length).toBe(2);
    expect((await trail('meetingMinutes')).map((e) => e.action).sort()).toEqual(['export', 'update']);
  });
});

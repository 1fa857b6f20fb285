// A year of 督查督办 run through the API with a movable clock: the office puts items on the ledger, the unit reports
// every month, one item runs overdue and climbs blue → yellow → red on working days (Labour Day in between), a
// dispatch meeting's decision becomes an item linked back to it and is done, and the closed year's scores are frozen
// with the notices deducted — each step read back as the people involved see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  signedIn,
  startPlatform,
  type Client,
  type Platform,
} from '../harness.ts';
import { escalationRunner } from './supervision-clock.ts';
import type { ItemView, NoticeView } from '../../src/modules/supervision/supervision.contract.ts';
import type { ScorecardView } from '../../src/modules/assessment/assessment.contract.ts';
import { isWorkingDay, workingDaysBetween } from '../../src/platform/time/calendar.ts';
import { addDays, type CivilDate } from '../../src/platform/time/date.ts';

let p: Platform;
let admin: Client;
let dept: Client;
let deptUnit: string;
const clock = { now: new Date('2026-01-05T02:00:00Z') };
const setDate = (date: string) => (clock.now = new Date(`${date}T02:00:00Z`));

const ok = async <R extends { statusCode: number; body: string }>(res: Promise<R>, status = 200) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
};
const runJob = escalationRunner(() => p, clock);
const itemOf = async (c: Client, id: string) =>
  (await ok(c.get(`/api/supervision/items/${id}`))).json<{ item: ItemView }>().item;

/** The unit's reports for months `from`…`to`, each filed on the 3rd of the next month. */
async function monthlyReports(from: number, to: number) {
  for (let m = from; m <= to; m++) {
    const month = String(m).padStart(2, '0');
    setDate(m === 12 ? '2027-01-04' : `2026-${String(m + 1).padStart(2, '0')}-03`);
    await ok(
      dept.request('POST', `/api/supervision/items/${salons.id}/reports`, {
        period: `2026-${month}`,
        progress: `本月举办创新沙龙 1 场，累计 ${m} 场`,
        quantityDone: m,
      }),
      201,
    );
    if (m <= 4)
      await ok(
        dept.request('POST', `/api/supervision/items/${rules.id}/reports`, {
          period: `2026-${month}`,
          progress: '细则正在征求意见',
          // within 25 points of the expected progress until the due date, then short of done
          percent: [30, 55, 80, 80][m - 1],
        }),
        201,
      );
  }
}

let rules: ItemView;
let salons: ItemView;

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 10, now: () => clock.now });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  deptUnit = (await dept.get('/api/auth/me')).json().user.unitId;
});
afterAll(() => p?.close());

describe('a year of supervision', () => {
  it('January: the office puts two items of task 3 on the ledger, owned by 区经济信息委', async () => {
    const make = async (body: Record<string, unknown>) =>
      (
        await ok(
          admin.request('POST', '/api/supervision/items', {
            taskNumber: 3,
            ownerUnitId: deptUnit,
            startDate: '2026-01-05',
            ...body,
          }),
          201,
        )
      ).json<{ item: ItemView }>().item;
    rules = await make({ title: '出台软信产业扶持细则', dueDate: '2026-04-30', kind: 'milestone' });
    salons = await make({
      title: '举办创新沙龙',
      dueDate: '2026-12-31',
      kind: 'quantity',
      goalQuantity: 12,
      goalUnit: '场',
    });
    await ok(
      admin.request('PUT', '/api/assessment/schemes/2026', {
        title: '2026年度考核方案（测试）',
        example: false,
        reportDeadlineDay: 5,
        indicators: [
          {
            code: 'task.3',
            name: '重点任务3推进情况',
            points: 10,
            method: { kind: 'targetScoring', below: 'proportional' },
            feed: { kind: 'itemCompletion', taskNumber: 3 },
            appliesTo: 'lead',
          },
          {
            code: 'deduct.notices',
            name: '督办单',
            points: 0,
            method: { kind: 'deduction', per: 1, cap: 5 },
            feed: { kind: 'supervisionNotices' },
            appliesTo: 'all',
          },
        ],
      }),
    );
  });

  it('every month the unit reports: a salon a month, the rules stuck at 80 %', async () => {
    await monthlyReports(1, 5);
    setDate('2026-06-15');
    const s = await itemOf(dept, salons.id);
    expect(s.latestReport).toMatchObject({ period: '2026-05', version: 1 });
    expect(s.status.colour).toBe('green');
    const r = await itemOf(dept, rules.id);
    expect(r.latestReport).toMatchObject({ period: '2026-04' });
    expect(r.status.reported).toBe(80);
  });

  it('the rules run overdue and climb blue → yellow → red, 5 working days a step', async () => {
    // The daily job, every day from the due date to mid-June.
    const seen: { date: CivilDate; level: string }[] = [];
    for (let d = '2026-04-30' as CivilDate; d <= '2026-06-15'; d = addDays(d, 1)) {
      await runJob(d);
      const open = (await ok(admin.get(`/api/supervision/notices?itemId=${rules.id}&state=open`))).json<{
        items: NoticeView[];
      }>().items;
      const level = open[0]?.level;
      if (level && seen.at(-1)?.level !== level) seen.push({ date: d, level });
    }
    expect(seen.map((s) => s.level)).toEqual(['blue', 'yellow', 'red']);
    const [blue, yellow, red] = seen.map((s) => s.date);
    // blue on the first working day after the due date: Labour Day (05-01 … 05-05) lies between
    expect(blue).toBe('2026-05-06');
    expect(isWorkingDay(yellow!) && isWorkingDay(red!)).toBe(true);
    expect(workingDaysBetween(blue!, yellow!)).toBe(5);
    expect(workingDaysBetween(yellow!, red!)).toBe(5);
    const all = (await ok(dept.get(`/api/supervision/notices?itemId=${rules.id}`))).json<{ total: number }>();
    expect(all.total).toBe(3);
    expect((await itemOf(admin, rules.id)).status.colour).toBe('red');
  });

  it('a dispatch meeting in June decides a new item; it is linked back, reported done and closed', async () => {
    setDate('2026-06-16');
    const meeting = (
      await ok(
        admin.request('POST', '/api/meetings', {
          kind: 'dispatch',
          title: '满天星行动计划二季度调度会',
          scheduledAt: '2026-06-18T01:30:00Z',
          place: '区政府第一会议室',
          chair: '区政府分管副区长',
          attendeeUnitIds: [deptUnit],
        }),
        201,
      )
    ).json<{ meeting: { id: string } }>().meeting;
    await ok(admin.request('POST', `/api/meetings/${meeting.id}/agenda/generate`));
    setDate('2026-06-18');
    await ok(
      admin.request('PUT', `/api/meetings/${meeting.id}/minutes`, {
        summary: '会议研究了扶持细则逾期问题。',
        decisions: [{ text: '细则提交区政府常务会审议', ownerUnitId: deptUnit, dueDate: '2026-07-31' }],
      }),
    );
    const published = (await ok(admin.request('POST', `/api/meetings/${meeting.id}/publish`))).json<{
      decisions: { workItemId: string }[];
    }>();
    const decided = await itemOf(dept, published.decisions[0]!.workItemId);
    expect(decided).toMatchObject({ source: 'meeting', meetingId: meeting.id, dueDate: '2026-07-31' });
    setDate('2026-07-20');
    await ok(
      dept.request('POST', `/api/supervision/items/${decided.id}/reports`, {
        period: '2026-07',
        progress: '已提交常务会审议通过',
        percent: 100,
        declaredStatus: 'done',
      }),
      201,
    );
    const body = {
      ...decided,
      taskNumber: decided.task?.number ?? null,
      ownerUnitId: deptUnit,
      state: 'done',
    };
    await ok(admin.request('PUT', `/api/supervision/items/${decided.id}`, body));
    expect((await itemOf(admin, decided.id)).state).toBe('done');
    // the rest of the year's reports
    await monthlyReports(6, 12);
    expect((await itemOf(admin, salons.id)).status).toMatchObject({ colour: 'green', reported: 100 });
  });

  it('the closed year freezes the scores, the three notices deducted and named', async () => {
    setDate('2027-01-10');
    await ok(admin.request('POST', '/api/assessment/years/2026/close'));
    const answer = (await ok(dept.get(`/api/assessment/scorecards/${deptUnit}?period=2026`))).json<{
      state: string;
      card: ScorecardView;
    }>();
    expect(answer.state).toBe('frozen');
    const notices = answer.card.lines.find((l) => l.code === 'deduct.notices')!;
    expect(notices.centi).toBe(-300);
    expect(notices.records.map((r) => r.label.slice(0, 5))).toEqual([
      '蓝色督办单',
      '黄色督办单',
      '红色督办单',
    ]);
    // a later report changes nothing frozen
    await ok(
      dept.request('POST', `/api/supervision/items/${rules.id}/reports`, {
        period: '2026-12',
        progress: '细则已印发',
        percent: 100,
      }),
      201,
    );
    const again = (await ok(dept.get(`/api/assessment/scorecards/${deptUnit}?period=2026`))).json<{
      card: ScorecardView;
    }>();
    expect(again.card.totalCenti).toBe(answer.card.totalCenti);
  });
});

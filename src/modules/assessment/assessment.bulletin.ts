// The plan office's monthly bulletin (讲评通报) as a 公文 after GB/T 9704 (platform/files/official-document.ts): the
// targets from the month's stored monitoring snapshots, the 22 key tasks' colours from supervision's roll-up, what is
// behind and who owns it, 督办 (overdue items and returned reports until 督办单 exist), the month's ranking, and the
// next steps. Everything is read as of the month's end, so regenerating a past month gives the same document.
import type { Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import {
  chineseDate,
  officialDocx,
  TYPE_AREA_WIDTH,
  type Block,
} from '../../platform/files/official-document.ts';
import { nextWorkingDay } from '../../platform/time/calendar.ts';
import { civilDate } from '../../platform/time/date.ts';
import { nextPeriod, periodMonth, periodYear, type Period } from '../../platform/time/period.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import { snapshotsOf } from '../monitoring/monitoring.store.ts';
import { allItems } from '../supervision/supervision.store.ts';
import { taskRollup } from '../supervision/supervision.views.ts';
import { reportVersions } from '../supervision/supervision.reports.store.ts';
import { findScheme, periodSpan, scorePeriod } from './assessment.store.ts';
import type { ScorecardView } from './assessment.contract.ts';

const statusText: Record<string, string> = {
  achieved: '已完成',
  ahead: '快于序时',
  onTrack: '符合序时',
  behind: '滞后序时',
  seriouslyBehind: '严重滞后',
  noData: '暂无数据',
};
const colourText = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;
const cols = (...spec: [string, number, ('left' | 'center' | 'right')?][]) => {
  const total = spec.reduce((s, [, w]) => s + w, 0);
  return spec.map(([header, w, align]) => ({
    header,
    width: Math.floor((TYPE_AREA_WIDTH * w) / total),
    align: align ?? 'center',
  }));
};
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));

export interface BulletinFigures {
  title: string;
  blocks: Block[];
  date: string;
  office: string;
}

/** The bulletin's text and tables (what the .docx shows), built from the records as of the month's end. */
export async function bulletinFigures(
  db: Queryable,
  districtId: string,
  month: Period,
  now: Date,
): Promise<BulletinFigures> {
  const view = await loadPlanView(db, districtId);
  if (!view) throw notFound('规划');
  const y = periodYear(month);
  const m = periodMonth(month);
  const span = periodSpan(month, now);
  const office = view.index.units.find((u) => u.kind === 'office')?.name ?? '“满天星”行动计划办公室';
  const blocks: Block[] = [];
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });
  const h = (level: 1 | 2 | 3 | 4, text: string) => blocks.push({ kind: 'heading', level, text });

  blocks.push({ kind: 'paragraph', text: '各有关单位、各镇街：', indent: false });
  p(
    `现将${y}年${m}月“满天星”行动计划推进情况通报如下。本通报的指标数据取自${y}年${m}月监测快照，任务与举措情况截至${chineseDate(span.asOfDate)}。`,
  );

  // 一、主要指标完成情况
  h(1, '一、主要指标完成情况');
  const rows: string[][] = [];
  const behind: string[] = [];
  for (const t of view.targets) {
    const snaps = (await snapshotsOf(db, districtId, t.code)).filter((s) => s.month.slice(0, 7) === month);
    const s = snaps.sort((a, b) => b.revision - a.revision)[0];
    const ev = (s?.evaluation ?? {}) as { progress?: number | null };
    const value = s?.value === null || s?.value === undefined ? '—' : fmt(Number(s.value));
    const progress = typeof ev.progress === 'number' ? `${Math.round(ev.progress * 1000) / 10}%` : '—';
    const status = s ? (statusText[s.status] ?? s.status) : '暂无快照';
    rows.push([String(rows.length + 1), t.name, `${fmt(Number(t.goal))}${t.unit}`, value, progress, status]);
    if (s && (s.status === 'behind' || s.status === 'seriouslyBehind'))
      behind.push(`“${t.name}”（${status}）`);
  }
  p(
    `${view.targets.length}项主要指标中，` +
      (behind.length
        ? `${behind.length}项滞后序时进度：${behind.join('、')}，请牵头单位抓紧推进。`
        : '无滞后序时进度的指标。'),
  );
  blocks.push({
    kind: 'table',
    columns: cols(
      ['序号', 1.8],
      ['指标', 5, 'left'],
      ['目标', 2],
      ['本月值', 2],
      ['完成进度', 2],
      ['状态', 2],
    ),
    rows,
  });

  // 二、重点任务推进情况
  h(1, '二、重点任务推进情况');
  const roll = await taskRollup(db, districtId, span.asOf);
  const count = (c: 'green' | 'yellow' | 'red') => roll.tasks.filter((t) => t.colour === c).length;
  const none = roll.tasks.filter((t) => t.colour === null).length;
  p(
    `${roll.tasks.length}项重点任务中，绿灯${count('green')}项、黄灯${count('yellow')}项、红灯${count('red')}项` +
      (none ? `，尚未分解工作举措${none}项` : '') +
      '。',
  );
  blocks.push({
    kind: 'table',
    columns: cols(
      ['序号', 2],
      ['重点任务', 6, 'left'],
      ['牵头单位', 4.2, 'left'],
      ['举措', 2],
      ['灯色', 2],
      ['说明', 4.4, 'left'],
    ),
    rows: roll.tasks.map((t) => [
      String(t.number),
      t.title,
      t.leadUnits.map((u) => u.name).join('、'),
      String(t.items),
      t.colour ? colourText[t.colour] : '—',
      t.reason,
    ]),
  });
  const items = (await allItems(db, districtId, { all: true }, span.asOf)).map((v) => v.view);
  const late = items
    .filter((i) => i.status.colour === 'red' || i.status.colour === 'yellow')
    .sort((a, b) =>
      a.status.colour === b.status.colour ? a.number - b.number : a.status.colour === 'red' ? -1 : 1,
    );
  h(2, '（一）滞后事项');
  if (!late.length) p('本月无亮黄灯、红灯的工作举措。');
  late.forEach((i, k) =>
    p(
      `${k + 1}. ${i.title}（${i.task ? `任务${i.task.number}，` : ''}责任单位：${i.owner.name}，完成时限${chineseDate(i.dueDate)}）：${colourText[i.status.colour!]}，${i.status.reason}。`,
    ),
  );

  // 三、督办情况
  h(1, '三、督办情况');
  const overdue = items.filter((i) => i.state === 'open' && i.status.overdueWorkingDays !== null);
  const returned = (await reportVersions(db, districtId, month, month)).filter((v) => v.state === 'returned');
  p(
    `截至${chineseDate(span.asOfDate)}，逾期未完成的工作举措${overdue.length}项` +
      (overdue.length ? `（${overdue.map((i) => `${i.owner.name}“${i.title}”`).join('；')}）` : '') +
      `；本月进展报告被退回${returned.length}份。督办单功能启用后，本节将列出当月签发、办结（销号）的督办单。`,
  );

  // 四、考核排名
  h(1, '四、考核排名');
  const scheme = await findScheme(db, districtId, y);
  if (!scheme) p(`${y}年度考核方案尚未制定，本月不作排名。`);
  else {
    const scores = await scorePeriod(db, districtId, scheme, month, now);
    p(
      `按《${scheme.title}》计算${m}月得分${scheme.example ? '（示例方案，仅供参考）' : ''}，排名如下（并列者名次相同）。`,
    );
    const rankTable = (cards: ScorecardView[]): Block => ({
      kind: 'table',
      columns: cols(['名次', 1.8], ['单位', 5, 'left'], ['得分', 2], ['满分', 2]),
      rows: cards.map((c) => [String(c.place), c.unit.name, c.total, (c.maxCenti / 100).toFixed(2)]),
    });
    h(2, '（一）区级部门和国有企业');
    blocks.push(
      scores.units.length ? rankTable(scores.units) : { kind: 'paragraph', text: '无参与排名的单位。' },
    );
    h(2, '（二）镇街赛马比拼');
    blocks.push(
      scores.subdistricts.length
        ? rankTable(scores.subdistricts)
        : { kind: 'paragraph', text: '无参与排名的镇街。' },
    );
  }

  // 五、下步工作
  h(1, '五、下步工作');
  p(
    '各牵头单位要紧盯相应板块关键指标，对亮黄灯、红灯的任务和举措逐项分析原因、制定措施，确保按序时进度推进；各责任单位要按时报送进展，如实反映存在问题；计划办将持续开展调度和督办，推进情况纳入年度考核。',
  );

  const next = nextPeriod(month);
  const date = chineseDate(nextWorkingDay(civilDate(periodYear(next), periodMonth(next), 10)));
  return {
    title: `关于${y}年${m}月“满天星”行动计划推进情况的通报`,
    blocks,
    date,
    office,
  };
}

export async function bulletinDocx(
  db: Queryable,
  districtId: string,
  month: Period,
  now: Date,
): Promise<Buffer> {
  const f = await bulletinFigures(db, districtId, month, now);
  return officialDocx({ office: f.office, title: f.title, date: f.date, blocks: f.blocks });
}

// 会议纪要 as a .docx in the form of a government document (GB/T 9704, platform/files/official-document.ts):
// the meeting (time, place, chair, attendees), the matters discussed with why they were on the agenda, and the
// decisions as a table (事项 / 责任单位 / 完成时限).
import {
  chineseDate,
  officialDocx,
  TYPE_AREA_WIDTH,
  type Block,
} from '../../platform/files/official-document.ts';
import { meetingKindLabel } from './meetings.kinds.ts';
import type { MeetingDetail } from './meetings.contract.ts';

const NUMERALS = '一二三四五六七八九十';
const chineseNumber = (n: number): string =>
  n <= 10
    ? NUMERALS[n - 1]!
    : n < 20
      ? `十${n === 10 ? '' : NUMERALS[n - 11]!}`
      : `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;

/** The time in China as 公文 write it: 2026年3月20日 9:30. */
function chineseTime(iso: string): { day: string; time: string } {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const day = shifted.toISOString().slice(0, 10);
  return { day, time: shifted.toISOString().slice(11, 16) };
}

export function minutesBlocks(d: MeetingDetail): { title: string; date: string; blocks: Block[] } {
  const m = d.meeting;
  const kind = meetingKindLabel[m.kind];
  const { day, time } = chineseTime(m.scheduledAt);
  const attendees = m.attendees.map((a) => a.name).join('、') || '无';
  const lead = `${chineseDate(day)} ${time}，${m.chair ? `${m.chair}主持召开` : '召开'}${kind}${
    m.place ? `（${m.place}）` : ''
  }，研究满天星行动计划重点任务推进中的问题。现将会议议定事项纪要如下。`;
  const blocks: Block[] = [{ kind: 'paragraph', text: lead }];
  if (m.summary) blocks.push({ kind: 'paragraph', text: m.summary });
  let h = 0;
  blocks.push({ kind: 'heading', level: 1, text: `${chineseNumber(++h)}、参会单位` });
  blocks.push({ kind: 'paragraph', text: `${attendees}。` });
  blocks.push({ kind: 'heading', level: 1, text: `${chineseNumber(++h)}、研究事项` });
  if (!d.agenda.length) blocks.push({ kind: 'paragraph', text: '本次会议无列入议程的事项。' });
  d.agenda.forEach((e, i) => {
    blocks.push({ kind: 'heading', level: 2, text: `（${chineseNumber(i + 1)}）${e.text}` });
    if (e.reasons.length) blocks.push({ kind: 'paragraph', text: `列入原因：${e.reasons.join('；')}。` });
    if (e.discussion) blocks.push({ kind: 'paragraph', text: e.discussion });
  });
  blocks.push({ kind: 'heading', level: 1, text: `${chineseNumber(++h)}、议定事项` });
  if (!d.decisions.length) blocks.push({ kind: 'paragraph', text: '本次会议无议定事项。' });
  else {
    blocks.push({
      kind: 'paragraph',
      text: '以下事项由责任单位按期办理，已列入工作台账，办理进展按月报送，纳入督查督办。',
    });
    // In twips, filling the 156 mm type area: 序号 on one line, 2026年12月31日 on one line.
    const widths = [800, TYPE_AREA_WIDTH - 800 - 2100 - 2300, 2100];
    blocks.push({
      kind: 'table',
      columns: [
        { header: '序号', width: widths[0]!, align: 'center' },
        { header: '事项', width: widths[1]!, align: 'left' },
        { header: '责任单位', width: widths[2]!, align: 'center' },
        { header: '完成时限', width: 2300, align: 'center' },
      ],
      rows: d.decisions.map((x, i) => [String(i + 1), x.text, x.owner.name, chineseDate(x.dueDate)]),
    });
  }
  const draft = m.state === 'published' ? '' : '（草稿）';
  return { title: `${m.title}会议纪要${draft}`, date: chineseDate(day), blocks };
}

export async function minutesDocx(d: MeetingDetail, office: string): Promise<Buffer> {
  const t = minutesBlocks(d);
  return officialDocx({ office, title: t.title, date: t.date, blocks: t.blocks });
}

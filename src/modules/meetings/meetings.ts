// The pure part of 调度会 · 会商: the agenda generated from the ledger, and the wording of its reasons.
// An agenda lists every item computed red, every item that turned yellow since the previous meeting (it was not
// yellow or red then), and every item a unit flagged 需协调事项 in a report since then; each item once, with all its
// reasons; ordered by task number (items of no task last), then severity (red, coordination, newly yellow), then 序号.
// Service-desk requests flagged 需协调 since then follow as entries of their own (requestEntries).
import type { AgendaSource } from './meetings.kinds.ts';

export type Colour = 'green' | 'yellow' | 'red';

/** An item of the ledger as the agenda reads it: its colour now and its colour at the window's start. */
export interface LedgerItem {
  id: string;
  number: number;
  taskNumber: number | null;
  title: string;
  ownerUnitId: string;
  ownerName: string;
  colour: Colour | null;
  /** The computed colour when the window began; undefined when the item did not exist yet. */
  colourBefore: Colour | null | undefined;
  /** The status reason in words ("应完成 58%，已报 30%"). */
  reason: string;
  state: 'open' | 'done' | 'cancelled';
}

/** A report that asks for coordination (需协调事项), submitted within the window. */
export interface FlaggedReport {
  itemId: string;
  period: string;
  problems: string;
}

export interface AgendaDraft {
  sources: AgendaSource[];
  itemId: string | null;
  itemNumber: number | null;
  taskNumber: number | null;
  text: string;
  reasons: string[];
  unitIds: string[];
}

const severity: Record<AgendaSource, number> = { red: 0, coordination: 1, newlyYellow: 2, manual: 3 };

/** The window's start in words, for the reasons ("上次调度会以来" / "近 30 日"). */
export interface AgendaWindow {
  /** 'previous': since the previous meeting · 'days': the last N days (no previous meeting). */
  kind: 'previous' | 'days';
  days: number;
}

const sinceWords = (w: AgendaWindow) => (w.kind === 'previous' ? '上次会议以来' : `近 ${w.days} 日`);

/** The entry's text: 【任务3】12. 举办创新沙龙 12 场（区经济信息委）. */
export const entryText = (item: Pick<LedgerItem, 'number' | 'taskNumber' | 'title' | 'ownerName'>) =>
  `${item.taskNumber === null ? '' : `【任务${item.taskNumber}】`}${item.number}. ${item.title}（${item.ownerName}）`;

export function generateAgenda(
  items: readonly LedgerItem[],
  flagged: readonly FlaggedReport[],
  window: AgendaWindow,
): AgendaDraft[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const drafts = new Map<string, AgendaDraft>();
  const add = (item: LedgerItem, source: AgendaSource, reason: string) => {
    let d = drafts.get(item.id);
    if (!d) {
      d = {
        sources: [],
        itemId: item.id,
        itemNumber: item.number,
        taskNumber: item.taskNumber,
        text: entryText(item),
        reasons: [],
        unitIds: [item.ownerUnitId],
      };
      drafts.set(item.id, d);
    }
    if (!d.sources.includes(source)) d.sources.push(source);
    if (!d.reasons.includes(reason)) d.reasons.push(reason);
  };
  for (const item of items) {
    if (item.state !== 'open') continue;
    if (item.colour === 'red') add(item, 'red', `亮红灯：${item.reason}`);
    else if (item.colour === 'yellow' && item.colourBefore !== 'yellow' && item.colourBefore !== 'red')
      add(item, 'newlyYellow', `${sinceWords(window)}转为黄灯：${item.reason}`);
  }
  for (const r of flagged) {
    const item = byId.get(r.itemId);
    if (!item || item.state === 'cancelled') continue;
    const problems = r.problems.trim();
    add(item, 'coordination', `需协调事项（${r.period} 进展）${problems ? `：${problems}` : ''}`);
  }
  for (const d of drafts.values()) d.sources.sort((a, b) => severity[a] - severity[b]);
  return [...drafts.values()].sort(compareEntries);
}

/** A service-desk request its unit (or the plan office) flagged 需协调 within the window. */
export interface FlaggedRequest {
  id: string;
  number: string;
  title: string;
  unitId: string | null;
  unitName: string;
  note: string;
}

/**
 * The flagged requests as agenda entries of their own (no work item): source 'coordination', after the items
 * (no task number), in the order they were flagged.
 */
export function requestEntries(flagged: readonly FlaggedRequest[]): AgendaDraft[] {
  return flagged.map((r) => ({
    sources: ['coordination'],
    itemId: null,
    itemNumber: null,
    taskNumber: null,
    text: `企业诉求 ${r.number}：${r.title}${r.unitName ? `（${r.unitName}）` : ''}`,
    reasons: [`需协调事项（企业诉求）${r.note ? `：${r.note}` : ''}`],
    unitIds: r.unitId ? [r.unitId] : [],
  }));
}

/** By task number (none last), then the most severe reason, then 序号. */
export function compareEntries(a: AgendaDraft, b: AgendaDraft): number {
  const task = (d: AgendaDraft) => d.taskNumber ?? Number.MAX_SAFE_INTEGER;
  const worst = (d: AgendaDraft) => Math.min(...d.sources.map((s) => severity[s]));
  return (
    task(a) - task(b) ||
    worst(a) - worst(b) ||
    (a.itemNumber ?? Number.MAX_SAFE_INTEGER) - (b.itemNumber ?? Number.MAX_SAFE_INTEGER)
  );
}

/** The problems of a decision before it is saved: a due date before the meeting's day. */
export function decisionDueProblem(meetingDay: string, dueDate: string): string | null {
  return dueDate < meetingDay ? '完成时限不能早于会议日期' : null;
}

/** The reference a decision's work item keeps back to its meeting: 2026年3月20日调度会《…》. */
export const meetingSourceRef = (kindLabel: string, title: string, chineseDay: string) =>
  `${chineseDay}${kindLabel}《${title}》议定事项`;

// How grant batches read: status tags, money in 元/万元 (or yuan), notice dates and whether a notice is over.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { objectionStatuses } from '@contracts/modules/grants/grants.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { formatDateTime, formatMoney, formatYuanExact } from '../../components/format.ts';
import type { BatchStatus } from './grants.api.ts';
import { daysBetween, isCivilDate, today } from '@contracts/platform/time/date.ts';

export type ObjectionStatus = (typeof objectionStatuses)[number];

export const batchStatusColours: Record<BatchStatus, string> = {
  review: 'processing',
  notice: 'orange',
  decided: 'success',
  cancelled: 'default',
};

const objectionColours: Record<ObjectionStatus, string> = {
  open: 'red',
  upheld: 'orange',
  dismissed: 'default',
};

/** 审核中 / 公示中 / 已决定 / 已撤销; an unknown status shows as it is. */
export function BatchStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const colour = (batchStatusColours as Record<string, string>)[status] ?? 'default';
  return (
    <Tag color={colour} style={{ marginInlineEnd: 0 }}>
      {t(`grants.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={objectionColours[status]} style={{ marginInlineEnd: 0 }}>
      {t(`grants.objectionStatus.${status}`)}
    </Tag>
  );
}

/**
 * Money in the current language, one way everywhere (format.ts): 万元 to two decimals on screens; `exact` gives exact
 * 元, for the public notice (the amounts a decision pays) — use it for every amount of that page, never beside 万元.
 */
export function useMoney(): (yuan: number, exact?: boolean) => string {
  const { lang } = useLanguage();
  return (yuan, exact = false) => (exact ? formatYuanExact(yuan, lang) : formatMoney(yuan, { lang }));
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A date as YYYY-MM-DD: a date is shown as it is, a timestamp as its day in Asia/Shanghai. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—';
  if (dateOnly.test(value)) return value;
  return formatDateTime(value).slice(0, 10);
}

/** “2026-04-01 ~ 2026-04-07”, or '—' before publication. */
export function noticeWindow(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${formatDay(start)} ~ ${formatDay(end)}`;
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now: Date = new Date()): string {
  return today(now);
}

/**
 * Whether a notice has ended: a date is the notice's last day (objections allowed all that day), so it is over from
 * the next day; a timestamp is over once passed.
 */
export function noticeOver(end: string | null, now: Date = new Date()): boolean {
  if (!end) return false;
  if (dateOnly.test(end)) return todayInShanghai(now) > end;
  const at = Date.parse(end);
  return Number.isFinite(at) && now.getTime() >= at;
}

/** Whole days left in a notice, counting today (0 once over); null without an end. */
export function noticeDaysLeft(end: string | null, now: Date = new Date()): number | null {
  if (!end) return null;
  const last = formatDay(end);
  if (!isCivilDate(last)) return null;
  return Math.max(0, daysBetween(today(now), last) + 1);
}

// Feedback (反馈优化): alerts to a target's owner units when its status worsens or reporting drops, reminders to
// enterprises that have not reported, and the jobs that run recompute and reminders on schedule.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import type { JobHandler } from '../../platform/jobs/runner.ts';
import type { Schedule } from '../../platform/jobs/schedule.ts';
import { publish } from '../../platform/events/events.store.ts';
import { notificationsRequested } from '../notifications/notifications.events.ts';
import { alreadyNotifiedSql } from '../notifications/notifications.store.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import type { PlanIndex } from '../plan/plan.ts';
import { enterprisesPresentIn } from '../enterprises/enterprises.sql.ts';
import { coverage, reportFiledSql } from '../reports/reports.store.ts';
import { endOfDay, today } from '../../platform/time/date.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Scope } from '../../platform/auth/scope.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import type { UrgeResult } from './monitoring.contract.ts';
import { reportDeadline } from '../../platform/time/deadline.ts';
import { previousPeriod, type Period } from '../../platform/time/period.ts';
import {
  lastClosedMonth,
  lastComputedAt,
  monitoringContext,
  recompute,
  type RecomputeSummary,
  type TargetDef,
} from './monitoring.store.ts';

export const statusZh: Record<string, string> = {
  ahead: '超前',
  onTrack: '正常',
  behind: '滞后',
  seriouslyBehind: '严重滞后',
  achieved: '已达标',
  noData: '无数据',
};

/** The units that own a target: named directly, else the lead units of the key task it belongs to. */
export function ownerUnitIds(index: PlanIndex, t: Pick<TargetDef, 'ownerUnitCodes' | 'ownerTask'>): string[] {
  if (t.ownerUnitCodes?.length)
    return index.units.filter((u) => t.ownerUnitCodes!.includes(u.code)).map((u) => u.id);
  const task = index.tasks.find((x) => x.number === t.ownerTask);
  return task ? index.leadUnits(task.id).map((u) => u.id) : [];
}

export interface FeedbackReport {
  alerts: number;
  reminders: number;
}

/**
 * Alerts after a recompute: each worsened target to its owner units and the plan office; reporting-rate drops.
 * Asked of the notifications module through `notifications.requested` (inbox and delivery, once per dedupe key);
 * returns how many were asked for.
 */
export async function sendAlerts(
  db: Db,
  districtId: string,
  summary: RecomputeSummary,
  now: Date,
): Promise<number> {
  const ctx = await monitoringContext(db, districtId);
  const view = await loadPlanView(db, districtId);
  if (!ctx || !view) return 0;
  const office = view.index.units.find((u) => u.kind === 'office');
  const out: NotificationInput[] = [];
  for (const w of summary.worsened) {
    const t = ctx.targets.find((x) => x.code === w.code);
    if (!t) continue;
    const owners = new Set(ownerUnitIds(view.index, t));
    if (office) owners.add(office.id);
    for (const unitId of owners) {
      out.push({
        recipient: { kind: 'unit', id: unitId },
        category: 'alert',
        title: `预警：“${t.name}”${w.month} 状态由${statusZh[w.from]}变为${statusZh[w.to]}`,
        body: `指标“${t.name}”（目标 ${t.goal}${t.unit}）在 ${w.month} 的评估状态由“${statusZh[w.from]}”变为“${statusZh[w.to]}”，请关注并研究推进措施。`,
        link: `/monitoring/targets/${t.code}`,
        data: w,
        dedupeKey: `alert:${t.code}:${w.month}:${w.to}`,
      });
    }
  }
  // Reporting rate: a subdistrict whose share of reporting enterprises fell by the threshold or more — judged only
  // once the month's (moved) deadline has ended: before it, firms still filing are not missing.
  const month = summary.to as Period;
  const prev = previousPeriod(month);
  const day = ctx.settings.reportDeadlineDay;
  if (!deadlineEnded(month, day, now)) {
    await request(db, districtId, out);
    return out.length;
  }
  const [current, before] = await Promise.all([
    coverage(db, districtId, month, day, { all: true }),
    coverage(db, districtId, prev, day, { all: true }),
  ]);
  const rate = (x: { expected: number; reported: number }) =>
    x.expected ? (x.reported / x.expected) * 100 : null;
  for (const s of current.subdistricts) {
    const b = before.subdistricts.find((x) => x.subdistrict.id === s.subdistrict.id);
    const r1 = rate(s);
    const r0 = b ? rate(b) : null;
    if (r1 === null || r0 === null || r0 - r1 < ctx.settings.reportingRateDropAlert) continue;
    for (const unitId of [s.subdistrict.id, ...(office ? [office.id] : [])]) {
      out.push({
        recipient: { kind: 'unit', id: unitId },
        category: 'alert',
        title: `预警：${s.subdistrict.name} ${month} 填报率降至 ${r1.toFixed(0)}%`,
        body: `${s.subdistrict.name} ${month} 应报 ${s.expected} 家、已报 ${s.reported} 家，填报率 ${r1.toFixed(1)}%，较上月（${r0.toFixed(1)}%）下降 ${(r0 - r1).toFixed(1)} 个百分点。`,
        link: `/monitoring/reporting?period=${month}`,
        data: { subdistrictId: s.subdistrict.id, month, rate: r1, previous: r0 },
        dedupeKey: `rate:${s.subdistrict.id}:${month}`,
      });
    }
  }
  await request(db, districtId, out);
  return out.length;
}

/** Whether the report deadline of `month` (moved off weekends and holidays) has ended by `now`. */
export const deadlineEnded = (month: Period, day: number, now: Date): boolean =>
  now.getTime() > endOfDay(reportDeadline(month, day).date).getTime();

/** Asks the notifications module for `notifications`, delivered too (e-mail, SMS), in one event. */
async function request(db: Db, districtId: string, notifications: NotificationInput[]): Promise<void> {
  if (!notifications.length) return;
  await db.transaction((tx) =>
    publish(tx, notificationsRequested.of(districtId, { notifications, deliver: true })),
  );
}

/**
 * Reminds every enterprise that has not reported the last closed month, once the deadline has passed and once per
 * month (those already reminded are left out); returns how many reminders it asked for.
 */
export async function sendReminders(db: Db, districtId: string, now: Date): Promise<number> {
  const ctx = await monitoringContext(db, districtId);
  if (!ctx) return 0;
  const month = lastClosedMonth(now);
  // The deadline moves off weekends and holidays, so the first day after it varies: the job runs daily and sends
  // once the (moved) deadline has ended; the dedupe key keeps it to one reminder per enterprise and month.
  const deadline = reportDeadline(month, ctx.settings.reportDeadlineDay).date;
  if (!deadlineEnded(month, ctx.settings.reportDeadlineDay, now)) return 0;
  const missing = await enterprisesPresentIn(
    db,
    districtId,
    month,
    (id) =>
      sql`NOT ${reportFiledSql(districtId, id, month)}
          AND NOT ${alreadyNotifiedSql(districtId, { kind: 'enterprise', id }, `remind:${month}`)}`,
  );
  await request(
    db,
    districtId,
    missing.map((e) => ({
      recipient: { kind: 'enterprise', id: e.id },
      category: 'reminder',
      title: `请填报 ${month} 月度数据`,
      body: `${e.name}：${month} 的月度数据应于 ${deadline} 前填报，目前尚未收到。请登录平台“月度填报”完成填报。`,
      link: `/enterprises/${e.id}/reports/${month}`,
      dedupeKey: `remind:${month}`,
    })),
  );
  return missing.length;
}

/**
 * 催报: reminds every enterprise within `scope` that has not reported `period`, by inbox and delivery (SMS, e-mail),
 * at most once per enterprise and day — the dedupe key carries the date, so a repeated press (or two staff pressing
 * together) sends nothing twice. The request and its count are audited in the transaction that publishes them.
 */
export async function urgeMissing(
  db: Db,
  actor: Actor,
  period: Period,
  scope: Scope,
  from: string,
  now: Date,
): Promise<UrgeResult> {
  const districtId = actor.districtId;
  const settings = await monitoringSettings(db, districtId);
  const deadline = reportDeadline(period, settings.reportDeadlineDay).date;
  const dedupeKey = `urge:${period}:${today(now)}`;
  const notFiled = (id: ReturnType<typeof sql>) => sql`NOT ${reportFiledSql(districtId, id, period)}`;
  const missing = await enterprisesPresentIn(db, districtId, period, notFiled, scope);
  const due = await enterprisesPresentIn(
    db,
    districtId,
    period,
    (id) =>
      sql`${notFiled(id)} AND NOT ${alreadyNotifiedSql(districtId, { kind: 'enterprise', id }, dedupeKey)}`,
    scope,
  );
  const overdue = deadlineEnded(period, settings.reportDeadlineDay, now);
  await db.transaction(async (tx) => {
    if (due.length) {
      await publish(
        tx,
        notificationsRequested.of(districtId, {
          deliver: true,
          notifications: due.map((e) => ({
            recipient: { kind: 'enterprise', id: e.id },
            category: 'reminder',
            title: `催报：请填报 ${period} 月度数据`,
            body: `${e.name}：${period} 的月度数据应于 ${deadline} 前填报，${overdue ? '已逾期，' : ''}目前尚未收到。${from}提醒您尽快登录平台“月度填报”完成填报。`,
            link: `/enterprises/${e.id}/reports/${period}`,
            dedupeKey,
          })),
        }),
      );
    }
    await audit(tx, actor, {
      action: 'remind',
      entity: 'reporting',
      entityId: period,
      after: {
        period,
        scope,
        missing: missing.length,
        reminded: due.length,
        enterpriseIds: due.map((e) => e.id),
      },
    });
  });
  return { period, missing: missing.length, reminded: due.length, alreadyToday: missing.length - due.length };
}

export const RECOMPUTE_JOB = 'monitoring.recompute';
export const REMIND_JOB = 'monitoring.remind';

/**
 * Recompute every night (late reports and corrections show by morning). Remind every morning: sendReminders acts
 * only after the month's deadline, which moves off holidays, so the first morning after it is not a fixed day.
 */
export function monitoringSchedules(): Schedule[] {
  return [
    { kind: RECOMPUTE_JOB, every: 'day', hour: 2 },
    { kind: REMIND_JOB, every: 'day', hour: 9 },
  ];
}

export function monitoringJobHandlers(): Record<string, JobHandler> {
  return {
    // Alerts and policy evaluation follow through the `monitoring.recomputed` event the run publishes (the
    // subscriptions in monitoring.module.ts and policies.module.ts), delivered by the job runner.
    // An occurrence is done when a recompute finished after its scheduled instant: the first start's own
    // recompute (bootstrap) is not repeated by the day's caught-up 02:00 occurrence a minute later.
    [RECOMPUTE_JOB]: async (job, ctx) => {
      const scheduledAt = (job.payload as { scheduledAt?: string } | null)?.scheduledAt;
      const last = await lastComputedAt(ctx.db, job.districtId);
      if (scheduledAt && last && new Date(last) >= new Date(scheduledAt))
        return { skipped: 'computed since the scheduled time', computedAt: last };
      return (await recompute(ctx.db, job.districtId, ctx.now())) ?? { skipped: 'no plan' };
    },
    [REMIND_JOB]: async (job, ctx) => ({
      reminders: await sendReminders(ctx.db, job.districtId, ctx.now()),
    }),
  };
}

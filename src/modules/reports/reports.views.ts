// What the report pages show (one month with its versions, the check before saving) and the steps of filing one;
// the routes only parse, authorise, call these and respond.
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import { currentPeriod, lastDayOf, type Period } from '../../platform/time/period.ts';
import { reportDeadline } from '../../platform/time/deadline.ts';
import type { ReportBody } from './reports.contract.ts';
import { figuresOf, reportVersions, reportsBefore, saveReport, toReport } from './reports.store.ts';
import { jumpWarnings } from './reports.ts';

/** A report may be filed for a finished month in which the enterprise was in the district. */
function checkPeriod(period: Period, e: { settledOn: string; leftOn: string | null }, now: Date) {
  if (period >= currentPeriod(now)) {
    throw new AppError('VALIDATION', '只能填报已结束的月份', [
      { path: 'period', message: '只能填报已结束的月份' },
    ]);
  }
  if (lastDayOf(period) < e.settledOn || (e.leftOn && `${period}-01` > e.leftOn)) {
    throw new AppError('VALIDATION', '该月企业不在本区', [{ path: 'period', message: '该月企业不在本区' }]);
  }
}

/** One month of an enterprise's reports: the current version, every earlier one, and the month before's. */
export async function reportMonth(db: Queryable, districtId: string, enterpriseId: string, period: Period) {
  const { reportDeadlineDay: day } = await monitoringSettings(db, districtId);
  const versions = await reportVersions(db, districtId, enterpriseId, period);
  const first = versions.at(-1)?.submittedAt;
  const [previous] = await reportsBefore(db, districtId, enterpriseId, period, 1);
  return {
    period,
    deadline: reportDeadline(period, day).date,
    current: versions[0] ? toReport(versions[0], day, first ? new Date(first) : undefined) : null,
    versions: versions.map((v) => toReport(v, day, first ? new Date(first) : undefined)),
    previous: previous ? toReport(previous, day) : null,
  };
}

/** Warnings for implausible jumps against the last three reports before the month (nothing is saved). */
export async function checkReport(db: Queryable, districtId: string, enterpriseId: string, body: ReportBody) {
  const history = await reportsBefore(db, districtId, enterpriseId, body.period, 3);
  return { warnings: jumpWarnings(body, history.map(figuresOf)) };
}

/**
 * A figure that moved implausibly is filed only with a reason: the form asks for it in the same step (the note
 * becomes required beside the flagged figures), and the API refuses a bare save so no client can skip it.
 */
export function requireReason(body: ReportBody, warnings: { path: string; message: string }[]) {
  if (!warnings.length || body.note?.trim()) return;
  const message = `以下数字变化较大，请在“说明”中写明原因：${warnings.map((w) => w.message).join('；')}`;
  throw new AppError('VALIDATION', message, [{ path: 'note', message: '数字变化较大，请写明原因' }]);
}

/** Files or corrects a month's figures from the form, once the month and the enterprise's presence are checked. */
export async function fileReport(
  db: Db,
  actor: Actor,
  e: { id: string; settledOn: string; leftOn: string | null },
  body: ReportBody,
  now: Date,
) {
  checkPeriod(body.period, e, now);
  const { reportDeadlineDay: day } = await monitoringSettings(db, actor.districtId);
  const history = await reportsBefore(db, actor.districtId, e.id, body.period, 3);
  const warnings = jumpWarnings(body, history.map(figuresOf));
  requireReason(body, warnings);
  const { row, outcome } = await saveReport(db, actor, e.id, body, 'form', now);
  const versions = await reportVersions(db, actor.districtId, e.id, body.period);
  const first = versions.at(-1)!.submittedAt;
  return {
    report: toReport(row, day, new Date(first)),
    outcome,
    warnings,
  };
}

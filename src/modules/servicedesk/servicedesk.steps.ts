// The work of each step on a request (派单, 签收, 退单, 审定, notes, 补充材料, 延期, 答复, 回访, 需协调), pure given
// the locked row and the desk's context: the columns it sets, its event rows, the notifications, what it publishes.
// servicedesk.actions.ts runs a step in its transaction.
import { invalid } from '../../platform/http/errors.ts';
import { type Actor } from '../../platform/audit/audit.ts';
import { today, type CivilDate } from '../../platform/time/date.ts';
import type { NotificationInput } from '../notifications/notifications.ts';
import {
  limitsOf,
  noticeTitle,
  ratingLabels,
  requestLink,
  stateLabels,
  type Rating,
  type RequestAction,
  type RequestState,
} from './servicedesk.ts';
import { dueDate, elapsedWorkingDays, type Pause } from './servicedesk.clock.ts';
import {
  answerDueOf,
  conflict,
  numberOf,
  officeUnits,
  pausesOf,
  type DeskContext,
  type RequestRow,
} from './servicedesk.store.ts';
import { superviseEnded, superviseRequested } from './servicedesk.events.ts';
import type { StepResult } from './servicedesk.actions.ts';

export const unitNote = (
  unitId: string,
  r: RequestRow,
  what: string,
  body: string,
  key: string,
): NotificationInput => ({
  recipient: { kind: 'unit', id: unitId },
  category: 'system',
  title: noticeTitle(numberOf(r), what, r.title),
  body,
  link: requestLink(r.id),
  dedupeKey: `service-desk:${r.id}:${key}:${unitId}`,
});
export const enterpriseNote = (
  r: RequestRow,
  what: string,
  body: string,
  key: string,
): NotificationInput => ({
  recipient: { kind: 'enterprise', id: r.enterpriseId },
  category: 'system',
  title: noticeTitle(numberOf(r), what, r.title),
  body,
  link: requestLink(r.id),
  dedupeKey: `service-desk:${r.id}:${key}:enterprise`,
});
export const officeNotes = (ctx: DeskContext, r: RequestRow, what: string, body: string, key: string) =>
  officeUnits(ctx).map((u) => unitNote(u.id, r, what, body, key));

export function unitOr400(ctx: DeskContext, id: string, path: string) {
  const u = ctx.units.get(id);
  if (!u || u.kind === 'collective') throw invalid(path, '未知的承办单位');
  return u;
}

/** Dispatching to `unitId` (派单, 改派, 审定): the acceptance clock starts again for that unit. */
export function dispatchTo(
  r: RequestRow,
  ctx: DeskContext,
  unitId: string,
  asOf: CivilDate,
): Partial<RequestRow> {
  const { acceptDays } = limitsOf(ctx.config, r.category, r.urgency as 'normal' | 'urgent');
  return {
    state: 'dispatched',
    unitId,
    handledUnitIds: [...new Set([...r.handledUnitIds, unitId])],
    dispatchedOn: asOf,
    acceptDueOn: dueDate(asOf, acceptDays),
    acceptedAt: null,
    acceptedOn: null,
    acceptOverdueFlaggedOn: null,
    returnSuggestedUnitId: null,
  };
}

// ── The steps ──────────────────────────────────────────────────────────────────────────────────────────────

type Body = Record<string, unknown>;

/** The work of each step, given the locked request; the route has checked who may take it. */
export function stepWork(action: RequestAction, body: Body, actor: Actor, now: Date) {
  const asOf = today(now);
  const t = (k: string) => String(body[k] ?? '');
  return (r: RequestRow, ctx: DeskContext): StepResult => {
    const n = (k: string) => `${k}:${now.getTime()}`;
    switch (action) {
      case 'dispatch': {
        const unit = unitOr400(ctx, t('unitId'), 'unitId');
        const set = dispatchTo(r, ctx, unit.id, asOf);
        const notify = [
          unitNote(
            unit.id,
            r,
            '待签收',
            `${t('text') || '计划办派单'}。请于 ${set.acceptDueOn} 前签收或退单。`,
            n('dispatched'),
          ),
        ];
        if (r.unitId && r.unitId !== unit.id)
          notify.push(unitNote(r.unitId, r, '已改派', `已改派至${unit.name}。`, n('reassigned')));
        return {
          set,
          events: [{ kind: 'dispatched', text: t('text') || `派至${unit.name}`, unitId: unit.id }],
          notify,
        };
      }
      case 'accept':
        return {
          set: { state: 'accepted', acceptedAt: now, acceptedOn: asOf },
          events: [{ kind: 'accepted', unitId: r.unitId }],
          notify: [
            enterpriseNote(
              r,
              '已签收',
              `${ctx.units.get(r.unitId!)?.name ?? '承办单位'}已签收，答复时限 ${r.answerDueOn}。`,
              'accepted',
            ),
          ],
        };
      case 'return': {
        const suggested = unitOr400(ctx, t('suggestedUnitId'), 'suggestedUnitId');
        return {
          set: { state: 'returned', returnSuggestedUnitId: suggested.id },
          events: [
            {
              kind: 'returned',
              text: `${t('reason')}（建议由${suggested.name}承办）`,
              internal: true,
              unitId: suggested.id,
            },
          ],
          notify: officeNotes(
            ctx,
            r,
            '退单待审定',
            `${ctx.units.get(r.unitId!)?.name ?? ''}退单：${t('reason')}；建议由${suggested.name}承办。`,
            n('returned'),
          ),
        };
      }
      case 'decide': {
        const unit = unitOr400(ctx, t('unitId'), 'unitId');
        const returning = r.unitId;
        const set = dispatchTo(r, ctx, unit.id, asOf);
        const notify = [
          unitNote(
            unit.id,
            r,
            '待签收（审定）',
            `计划办审定：${t('text')}。请于 ${set.acceptDueOn} 前签收。`,
            n('decided'),
          ),
        ];
        if (returning && returning !== unit.id)
          notify.push(
            unitNote(returning, r, '退单已审定', `计划办审定由${unit.name}承办：${t('text')}`, n('decided')),
          );
        return {
          set,
          events: [
            {
              kind: 'decided',
              text: `审定由${unit.name}承办：${t('text')}`,
              internal: true,
              unitId: unit.id,
              data: { returning },
            },
          ],
          notify,
        };
      }
      case 'note': {
        const internal = body.internal === true;
        return {
          set: r.state === 'accepted' ? { state: 'handling' } : {},
          events: [{ kind: internal ? 'internalNote' : 'note', text: t('text'), internal }],
          notify: internal ? [] : [enterpriseNote(r, '有新进展', t('text'), n('note'))],
        };
      }
      case 'requestSupplement': {
        const pauses: Pause[] = [...pausesOf(r), { from: asOf, to: null, reason: t('text') }];
        return {
          set: { state: 'supplement', pauses },
          events: [{ kind: 'supplementRequested', text: t('text') }],
          notify: [
            enterpriseNote(r, '请补充材料', `${t('text')}。补充材料期间办理时限暂停计算。`, n('supplement')),
          ],
        };
      }
      case 'supplement': {
        const pauses = pausesOf(r).map((p) => (p.to === null ? { ...p, to: asOf } : p));
        return {
          set: { state: 'handling', pauses },
          events: [{ kind: 'supplemented', text: t('text') }],
          notify: r.unitId ? [unitNote(r.unitId, r, '企业已补充材料', t('text'), n('supplemented'))] : [],
        };
      }
      case 'requestExtension': {
        if (r.pendingExtension) throw conflict('EXTENSION_PENDING', '已有待审批的延期申请');
        const days = Number(body.days);
        return {
          set: {
            pendingExtension: { days, reason: t('reason'), byLabel: actor.label, at: now.toISOString() },
          },
          events: [
            {
              kind: 'extensionRequested',
              text: `申请延期 ${days} 个工作日：${t('reason')}`,
              internal: true,
              data: { days },
            },
          ],
          notify: officeNotes(
            ctx,
            r,
            '延期待审批',
            `申请延期 ${days} 个工作日：${t('reason')}`,
            n('extension'),
          ),
        };
      }
      case 'decideExtension': {
        const pending = r.pendingExtension as { days: number; reason: string } | null;
        if (!pending) throw conflict('NO_EXTENSION_PENDING', '没有待审批的延期申请');
        const approve = body.approve === true;
        const set: Partial<RequestRow> = {
          pendingExtension: null,
          ...(approve ? { extensionDays: r.extensionDays + pending.days } : {}),
        };
        const due = approve ? answerDueOf({ ...r, ...set }) : r.answerDueOn;
        const words = approve ? `同意延期 ${pending.days} 个工作日，答复时限调整为 ${due}` : '不同意延期';
        const notify = r.unitId
          ? [
              unitNote(
                r.unitId,
                r,
                approve ? '延期已批准' : '延期未批准',
                `${words}。${t('text')}`,
                n('extension-decided'),
              ),
            ]
          : [];
        if (approve)
          notify.push(enterpriseNote(r, '办理时限延长', `${words}。理由：${pending.reason}`, n('extended')));
        return {
          set,
          events: [
            {
              kind: approve ? 'extensionApproved' : 'extensionRejected',
              text: `${words}${t('text') ? `：${t('text')}` : ''}`,
              internal: !approve,
              data: { days: pending.days },
            },
          ],
          notify,
        };
      }
      case 'answer': {
        const pauses = pausesOf(r).map((p) => (p.to === null ? { ...p, to: asOf } : p));
        const first = r.firstAnsweredOn === null;
        const dueNow = answerDueOf({ ...r, pauses });
        const set: Partial<RequestRow> = {
          state: 'answered',
          pauses,
          answer: t('text'),
          answeredAt: now,
          answeredOn: asOf,
          pendingExtension: null,
          ...(first
            ? {
                firstAnsweredOn: asOf,
                firstAnswerDueOn: dueNow,
                firstAnswerWorkingDays: elapsedWorkingDays(r.filedOn as CivilDate, asOf, pauses),
              }
            : {}),
          ...(r.supervised ? { supervised: false } : {}),
        };
        const rateBy = dueDate(asOf, ctx.config.rateWithinWorkingDays);
        return {
          set,
          events: [{ kind: 'answered', text: t('text') }],
          notify: [
            enterpriseNote(
              r,
              '已答复',
              `${t('text').slice(0, 200)}。请于 ${rateBy} 前评价（逾期视为满意）。`,
              n('answered'),
            ),
          ],
          publish: r.supervised
            ? [superviseEnded.of(actor.districtId, { requestId: r.id, answeredOn: asOf })]
            : [],
        };
      }
      case 'rate':
        return rate(r, ctx, body.rating as Rating, t('comment'), actor, now);
      case 'coordinate':
        return {
          set: { needsCoordination: true, coordinationNote: t('text'), coordinationFlaggedAt: now },
          events: [{ kind: 'coordination', text: t('text'), internal: true }],
          notify: officeNotes(ctx, r, '需协调', `${t('text')}（将列入下次调度会议程）`, n('coordination')),
        };
    }
  };
}

/** What a supervision request says of `r`. */
export function superviseOf(
  r: RequestRow,
  kind: 'overdue' | 'dissatisfied',
  reason: string,
  districtId: string,
) {
  return superviseRequested.of(districtId, {
    requestId: r.id,
    number: numberOf(r),
    title: r.title,
    unitId: r.unitId!,
    filedOn: r.filedOn,
    dueOn: r.answerDueOn ?? r.firstAnswerDueOn ?? r.filedOn,
    kind,
    reason,
    evidence: `企业诉求 ${numberOf(r)}，${r.filedOn} 受理，答复时限 ${r.answerDueOn ?? r.firstAnswerDueOn ?? '—'}，当前${stateLabels[r.state as RequestState]}`,
  });
}

/** 回访: the rating closes the request, or — the first 不满意 — reopens it to the same unit, the office copied. */
function rate(
  r: RequestRow,
  ctx: DeskContext,
  rating: Rating,
  comment: string,
  actor: Actor,
  now: Date,
): StepResult {
  const asOf = today(now);
  const words = `${ratingLabels[rating]}${comment ? `：${comment}` : ''}`;
  const base: Partial<RequestRow> = { rating, ratingComment: comment, ratedAt: now, ratingAuto: false };
  const unitName = ctx.units.get(r.unitId!)?.name ?? '';
  if (rating === 'dissatisfied' && r.reopenCount === 0) {
    const { answerDays } = limitsOf(ctx.config, r.category, r.urgency as 'normal' | 'urgent');
    const set: Partial<RequestRow> = {
      ...base,
      state: 'handling',
      reopenCount: 1,
      roundStartedOn: asOf,
      answerDays,
      extensionDays: 0,
      overdueFlaggedOn: null,
      supervised: true,
    };
    const due = answerDueOf({ ...r, ...set });
    return {
      set,
      events: [
        { kind: 'rated', text: words },
        {
          kind: 'reopened',
          text: `企业不满意，重新交${unitName}办理，答复时限 ${due}（抄送计划办）`,
          unitId: r.unitId,
        },
      ],
      notify: [
        unitNote(r.unitId!, r, '不满意，重新办理', `${words}。请于 ${due} 前重新答复。`, 'reopened'),
        ...officeNotes(ctx, r, '（抄送）不满意重办', `${unitName}：${words}`, 'reopened'),
        enterpriseNote(r, '已重新办理', `已重新交${unitName}办理，答复时限 ${due}。`, 'reopened'),
      ],
      publish: [
        superviseOf(
          { ...r, ...set, answerDueOn: due },
          'dissatisfied',
          `企业诉求 ${numberOf(r)} 企业评价不满意：${comment || '未说明'}`,
          actor.districtId,
        ),
      ],
    };
  }
  return {
    set: { ...base, state: 'closed', closedAt: now },
    events: [
      { kind: 'rated', text: words },
      { kind: 'closed', text: '办结' },
    ],
    notify: r.unitId
      ? [unitNote(r.unitId, r, `评价${ratingLabels[rating]}`, words, `rated:${now.getTime()}`)]
      : [],
    publish:
      rating === 'dissatisfied'
        ? [
            superviseOf(
              r,
              'dissatisfied',
              `企业诉求 ${numberOf(r)} 重办后企业仍不满意：${comment || '未说明'}`,
              actor.districtId,
            ),
          ]
        : [],
  };
}

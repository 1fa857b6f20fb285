// Synthesized service-desk history for the benchmark: requests filed over three years, each taken through its steps
// by the module's own step logic (stepWork, the same `set` and events a route's transaction applies, the answer
// deadline recomputed after each as step() does) and by what the daily job would have done each morning (overdue
// flags, the rating window closing answers as 满意). Rows are written as COPY text in chunks, so a 200,000-request
// history loads in seconds on either store. Requests chosen to be open at the cut stop at a step that keeps them
// open (waiting for the dispatcher, for 签收, for 审定, for material, for an extension decision, or simply late).
import crypto from 'node:crypto';
import { getTableColumns } from 'drizzle-orm';
import type { Actor } from '../src/platform/audit/audit.ts';
import { addWorkingDays, nextWorkingDay } from '../src/platform/time/calendar.ts';
import { addDays, dayNumber, startOfDay, today, type CivilDate } from '../src/platform/time/date.ts';
import { serviceRequestEvents, serviceRequests } from '../src/modules/servicedesk/servicedesk.schema.ts';
import {
  limitsOf,
  refusal,
  route,
  type RequestAction,
  type RequestState,
} from '../src/modules/servicedesk/servicedesk.ts';
import { dueDate } from '../src/modules/servicedesk/servicedesk.clock.ts';
import {
  answerDueOf,
  type DeskContext,
  type RequestRow,
} from '../src/modules/servicedesk/servicedesk.store.ts';
import { stepWork } from '../src/modules/servicedesk/servicedesk.steps.ts';
import type { StepEvent } from '../src/modules/servicedesk/servicedesk.actions.ts';

export interface Firm {
  id: string;
  subdistrictId: string;
  fields: string[];
  contactPerson: string;
  contactPhone: string;
}

export interface GenOptions {
  districtId: string;
  ctx: DeskContext;
  firms: Firm[];
  requests: number;
  open: number;
  /** First filing day, and the cut: the instant the benchmark stands at (nothing at or after it happened). */
  from: CivilDate;
  cut: Date;
  seed: number;
}

export interface GenCounts {
  requests: number;
  events: number;
  open: number;
  byState: Record<string, number>;
  reopened: number;
  paused: number;
  extended: number;
  returned: number;
  rated: number;
  autoRated: number;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Category weights (the share of requests a desk like this sees), titles and a sentence of description each. */
const topics: { category: string; weight: number; titles: string[] }[] = [
  {
    category: 'policy',
    weight: 14,
    titles: ['咨询软件企业认定政策', '咨询数据要素相关扶持政策', '咨询研发费用加计扣除'],
  },
  {
    category: 'policy.subsidy',
    weight: 12,
    titles: ['惠企政策资金兑现进度', '申报软件产业扶持资金', '首版次软件奖励申请'],
  },
  { category: 'policy.tax', weight: 6, titles: ['软件产品增值税即征即退', '高新技术企业所得税优惠'] },
  { category: 'financing', weight: 10, titles: ['申请知识产权质押贷款', '融资担保费用补贴', '对接投资机构'] },
  { category: 'talent', weight: 9, titles: ['核心技术人员申请人才补贴', '招聘高校毕业生见习补贴'] },
  { category: 'talent.settle', weight: 4, titles: ['外地引进人才落户办理', '人才落户材料咨询'] },
  { category: 'housing', weight: 9, titles: ['申请人才公寓入住', '人才公寓续租', '人才公寓配套设施报修'] },
  {
    category: 'elderlyChild',
    weight: 6,
    titles: ['员工子女入学咨询', '园区幼儿园托育名额', '员工父母养老服务'],
  },
  { category: 'venue', weight: 10, titles: ['扩租办公场地', '园区停车位不足', '办公楼宇网络接入'] },
  { category: 'approval', weight: 8, titles: ['项目备案办理时限', '消防验收咨询', '施工许可办理'] },
  { category: 'ip', weight: 5, titles: ['软件著作权登记加急', '专利侵权维权咨询'] },
  { category: 'dataExport', weight: 3, titles: ['数据出境安全评估申报', '个人信息出境标准合同备案'] },
  { category: 'other', weight: 4, titles: ['企业开办其他事项', '周边道路交通组织建议'] },
];
const topicWeight = topics.reduce((s, t) => s + t.weight, 0);
const bodies = [
  '我司为区内软件企业，现有员工一百余人，希望了解具体办理流程、所需材料和时限，请相关部门予以指导。',
  '前期已通过线上渠道咨询但未获明确答复，恳请承办单位协调解决，并告知办理进度。',
  '公司业务快速增长，相关事项已影响正常经营，希望尽快得到答复和支持。',
  '请明确受理条件和申报时间，我司已准备好营业执照、财务报表等材料。',
];
const stuckKinds = [
  'dispatched',
  'returned',
  'accepted',
  'handling',
  'supplement',
  'extension',
  'late',
] as const;

const escape = (s: string) =>
  s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** One row as a COPY text line, in the table's column order (from Drizzle's column list). */
function copyLine(columns: [string, { columnType: string }][], row: Record<string, unknown>): string {
  return columns
    .map(([key, col]) => {
      const v = row[key];
      if (v === null || v === undefined) return '\\N';
      if (v instanceof Date) return v.toISOString();
      if (col.columnType === 'PgJsonb') return escape(JSON.stringify(v));
      if (Array.isArray(v)) return `{${v.join(',')}}`;
      if (typeof v === 'boolean') return v ? 't' : 'f';
      return escape(String(v));
    })
    .join('\t');
}

export const requestColumns = Object.entries(getTableColumns(serviceRequests)) as [
  string,
  { name: string; columnType: string },
][];
export const eventColumns = Object.entries(getTableColumns(serviceRequestEvents)) as [
  string,
  { name: string; columnType: string },
][];
export const copyColumns = (cols: [string, { name: string }][]) => cols.map(([, c]) => c.name).join(', ');

const at = (day: CivilDate, hour: number) => new Date(startOfDay(day).getTime() + hour * 3_600_000);
const laterThan = (t: Date, min: Date) =>
  t.getTime() > min.getTime() ? t : new Date(min.getTime() + 60_000);

/**
 * Generates the history, calling `flush` with COPY lines (requests, events) every `chunk` requests.
 * Filing days weigh working days 1 and days off 0.15, growing by half over the three years.
 */
export async function generate(
  o: GenOptions,
  flush: (requests: string[], events: string[]) => Promise<void>,
  chunk = 20_000,
): Promise<GenCounts> {
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const { ctx } = o;
  const asOfCut = today(o.cut);
  const days: CivilDate[] = [];
  for (let d = o.from; d < asOfCut; d = addDays(d, 1)) days.push(d);
  const weights = days.map((d, i) => (nextWorkingDay(d) === d ? 1 : 0.15) * (1 + (0.5 * i) / days.length));
  const total = weights.reduce((a, b) => a + b, 0);
  const perDay = weights.map((w) => Math.floor((o.requests * w) / total));
  for (let left = o.requests - perDay.reduce((a, b) => a + b, 0), i = days.length - 1; left > 0; left--, i--)
    perDay[i]!++;
  // Open at the cut: every request of the last 7 days, and the rest drawn from the 30,000 before them (long-running
  // ones: waiting for material, an extension, 审定, or simply late).
  const openSet = new Set<number>();
  const newest = Math.min(
    o.open,
    perDay.slice(-7).reduce((a, b) => a + b, 0),
  );
  for (let i = 0; i < newest; i++) openSet.add(o.requests - 1 - i);
  const pool = Math.min(30_000, o.requests - newest);
  while (openSet.size < o.open) openSet.add(o.requests - 1 - newest - Math.floor(rnd() * pool));
  const departments = [...ctx.units.values()].filter((u) => u.kind === 'department');
  const officeActor: Actor = { districtId: o.districtId, userId: null, label: '计划办管理员' };
  const system: Actor = { districtId: o.districtId, userId: null, label: 'system' };
  const unitActor = (unitId: string | null): Actor => ({
    districtId: o.districtId,
    userId: null,
    label: `${ctx.units.get(unitId ?? '')?.name ?? ''} 经办人`,
  });
  const lastOf = new Map<string, string>();
  const counts: GenCounts = {
    requests: 0,
    events: 0,
    open: 0,
    byState: {},
    reopened: 0,
    paused: 0,
    extended: 0,
    returned: 0,
    rated: 0,
    autoRated: 0,
  };
  let reqLines: string[] = [];
  let evLines: string[] = [];
  let seq = 0;

  for (const [di, day] of days.entries()) {
    const n = perDay[di]!;
    const hours = Array.from({ length: n }, () => 8 + rnd() * 12).sort((a, b) => a - b);
    for (const hour of hours) {
      const index = seq++;
      const stuck = openSet.has(index) ? pick(stuckKinds) : null;
      // Requests not meant to be open but filed late enough that a long story would run past the cut go quickly.
      const quick = !stuck && dayNumber(asOfCut) - dayNumber(day) < 150;
      const firm = pick(o.firms);
      let w = rnd() * topicWeight;
      const topic = topics.find((t) => (w -= t.weight) < 0) ?? topics[0]!;
      const title = pick(topic.titles);
      const description = pick(bodies);
      const urgency = rnd() < 0.08 ? 'urgent' : 'normal';
      const filedAt = at(day, hour);
      const routed = route(ctx.config, {
        category: topic.category,
        subdistrict: ctx.units.get(firm.subdistrictId)?.code ?? null,
        fields: firm.fields,
        text: `${title}\n${description}`,
      });
      const unit = routed ? ctx.unitByCode.get(routed.unit) : undefined;
      const { acceptDays, answerDays } = limitsOf(ctx.config, topic.category, urgency);
      const id = crypto.randomUUID();
      const dupKey = `${firm.id}|${topic.category}`;
      const dupOf = lastOf.get(dupKey);
      lastOf.set(dupKey, id);
      const duplicate = dupOf && rnd() < 0.05 ? { id: dupOf, score: 0.62 } : null;
      let r: RequestRow = {
        districtId: o.districtId,
        id,
        seq: index + 1,
        enterpriseId: firm.id,
        subdistrictId: firm.subdistrictId,
        category: topic.category,
        urgency,
        title,
        description,
        contactName: firm.contactPerson,
        contactPhone: firm.contactPhone,
        publishConsent: rnd() < 0.3,
        publicationWithheld: false,
        policyIds: [],
        channel: rnd() < 0.85 ? 'online' : rnd() < 0.66 ? 'phone' : 'visit',
        state: unit ? 'dispatched' : 'filed',
        unitId: unit?.id ?? null,
        handledUnitIds: unit ? [unit.id] : [],
        returnSuggestedUnitId: null,
        filedAt,
        filedOn: day,
        filedByLabel: firm.contactPerson,
        dispatchedOn: unit ? day : null,
        acceptDueOn: unit ? dueDate(day, acceptDays) : null,
        acceptedAt: null,
        acceptedOn: null,
        roundStartedOn: day,
        answerDays,
        extensionDays: 0,
        pendingExtension: null,
        pauses: [],
        answerDueOn: dueDate(day, answerDays),
        firstAnswerDueOn: null,
        answer: null,
        answeredAt: null,
        answeredOn: null,
        firstAnsweredOn: null,
        firstAnswerWorkingDays: null,
        rating: null,
        ratingComment: null,
        ratedAt: null,
        ratingAuto: false,
        reopenCount: 0,
        closedAt: null,
        needsCoordination: false,
        coordinationNote: null,
        coordinationFlaggedAt: null,
        overdueFlaggedOn: null,
        acceptOverdueFlaggedOn: null,
        supervised: false,
        duplicateOfId: duplicate?.id ?? null,
        duplicateScore: duplicate ? String(duplicate.score) : null,
        createdAt: filedAt,
        updatedAt: filedAt,
      };
      let lastAt = filedAt;
      const events: Record<string, unknown>[] = [];
      const write = (actor: Actor, now: Date, list: StepEvent[]) => {
        const start = Math.max(now.getTime(), lastAt.getTime() + 1);
        list.forEach((e, i) =>
          events.push({
            districtId: o.districtId,
            id: crypto.randomUUID(),
            requestId: id,
            kind: e.kind,
            at: new Date(start + i),
            actorId: actor.userId,
            actorLabel: actor.label,
            text: e.text ?? '',
            internal: e.internal ?? false,
            unitId: e.unitId ?? null,
            data: e.data ?? null,
          }),
        );
        lastAt = new Date(start + list.length - 1);
      };
      write({ ...officeActor, label: firm.contactPerson }, filedAt, [
        { kind: 'filed', text: r.channel === 'online' ? '企业提交诉求' : '工作人员代录' },
        unit
          ? {
              kind: 'dispatched',
              text: `按派单规则第 ${routed!.rule + 1} 条派至${unit.name}`,
              unitId: unit.id,
            }
          : { kind: 'note', text: '无匹配的派单规则，待计划办派单', internal: true },
        ...(duplicate
          ? [
              {
                kind: 'internalNote' as const,
                internal: true,
                text: '疑似重复诉求（相似度 0.62）',
                data: duplicate,
              },
            ]
          : []),
      ]);
      const apply = (action: RequestAction, actor: Actor, when: Date, body: Record<string, unknown> = {}) => {
        const now = laterThan(when, lastAt);
        if (now.getTime() >= o.cut.getTime()) return false;
        // The route's transaction refuses a step out of order; so does the generator (a bug in it, not data).
        const refused = refusal(action, r.state as RequestState, r.rating !== null);
        if (refused) throw new Error(`generator: ${action} refused in ${r.state} (${refused.reason})`);
        const result = stepWork(action, body, actor, now)(r, ctx);
        const merged = { ...r, ...result.set };
        r = { ...merged, answerDueOn: answerDueOf(merged), updatedAt: now };
        write(actor, now, result.events);
        return true;
      };
      // What the 07:00 job did on `day` (the day after a deadline), if the request still stood so.
      // A morning already behind the story's last step: the next morning's run is the one that saw it.
      const job = (planned: CivilDate) => {
        const jobDay = at(planned, 7).getTime() > lastAt.getTime() ? planned : addDays(today(lastAt), 1);
        const now = at(jobDay, 7);
        if (now.getTime() >= o.cut.getTime()) return;
        if (
          r.state === 'dispatched' &&
          r.acceptDueOn &&
          r.acceptDueOn < jobDay &&
          !r.acceptOverdueFlaggedOn
        ) {
          r = { ...r, acceptOverdueFlaggedOn: jobDay, updatedAt: now };
          write(system, now, [
            { kind: 'overdue', text: `超过签收时限（${r.acceptDueOn}）未签收`, internal: true },
          ]);
        }
        if (
          ['filed', 'dispatched', 'returned', 'accepted', 'handling'].includes(r.state) &&
          r.answerDueOn &&
          r.answerDueOn < jobDay &&
          !r.overdueFlaggedOn
        ) {
          r = { ...r, overdueFlaggedOn: jobDay, supervised: r.unitId ? true : r.supervised, updatedAt: now };
          write(system, now, [
            { kind: 'overdue', text: `超过答复时限（${r.answerDueOn}）未答复`, internal: true },
          ]);
        }
      };
      const workHour = () => 9 + rnd() * 8;
      // An open request: the mornings after its deadlines (acceptance, answer) as the job saw them.
      const standing = () => {
        if (r.state === 'dispatched' && r.acceptDueOn) job(addDays(r.acceptDueOn as CivilDate, 1));
        if (r.answerDueOn) job(addDays(r.answerDueOn as CivilDate, 1));
      };

      story: {
        if (!unit) {
          // The plan office dispatches by hand, the next working day.
          const d = nextWorkingDay(addDays(day, 1));
          if (
            !apply('dispatch', officeActor, at(d, 9.5), { unitId: pick(departments).id, text: '计划办派单' })
          )
            break story;
        }
        if (stuck === 'dispatched') {
          standing();
          break story;
        }
        if (stuck === 'returned' || (!quick && rnd() < 0.03)) {
          counts.returned++;
          const other = pick(departments.filter((u) => u.id !== r.unitId));
          if (
            !apply(
              'return',
              unitActor(r.unitId),
              at(nextWorkingDay(r.dispatchedOn as CivilDate), workHour()),
              { suggestedUnitId: other.id, reason: '不属于本单位职责' },
            )
          )
            break story;
          if (stuck === 'returned') {
            standing();
            break story;
          }
          const decided = rnd() < 0.8 ? other : ctx.units.get(r.unitId!)!;
          if (
            !apply('decide', officeActor, at(addWorkingDays(today(lastAt), 1), 10), {
              unitId: decided.id,
              text: `由${decided.name}承办`,
            })
          )
            break story;
        }
        // 签收: the day of dispatch, by the deadline, or (8 %) a day or two late after the job's reminder.
        const d0 = nextWorkingDay(r.dispatchedOn as CivilDate);
        const lateAccept = !quick && rnd() < 0.08;
        if (lateAccept) job(addDays(r.acceptDueOn as CivilDate, 1));
        const acceptDay = lateAccept
          ? addWorkingDays(r.acceptDueOn as CivilDate, 1 + Math.floor(rnd() * 2))
          : rnd() < 0.6
            ? d0
            : (r.acceptDueOn as CivilDate);
        if (!apply('accept', unitActor(r.unitId), at(acceptDay < d0 ? d0 : acceptDay, workHour())))
          break story;
        if (stuck === 'accepted') {
          standing();
          break story;
        }
        if (stuck === 'handling' || stuck === 'late' || rnd() < 0.6)
          if (
            !apply('note', unitActor(r.unitId), at(addWorkingDays(today(lastAt), 1), workHour()), {
              text: '正在办理，已联系企业了解情况',
            })
          )
            break story;
        if (!quick && rnd() < 0.01)
          if (
            !apply('coordinate', unitActor(r.unitId), at(today(lastAt), 17), {
              text: '涉及多个部门，需调度会协调',
            })
          )
            break story;
        if (stuck === 'supplement' || (!quick && rnd() < 0.12)) {
          counts.paused++;
          if (
            !apply(
              'requestSupplement',
              unitActor(r.unitId),
              at(addWorkingDays(today(lastAt), 1), workHour()),
              { text: '请补充营业执照及近一年财务报表' },
            )
          )
            break story;
          if (stuck === 'supplement') break story;
          if (
            !apply(
              'supplement',
              { ...officeActor, label: firm.contactPerson },
              at(addDays(today(lastAt), 1 + Math.floor(rnd() * 6)), 14),
              { text: '已上传补充材料' },
            )
          )
            break story;
        }
        if (stuck === 'extension' || (!quick && rnd() < 0.05)) {
          counts.extended++;
          const days = 3 + Math.floor(rnd() * 8);
          if (
            !apply('requestExtension', unitActor(r.unitId), at(today(lastAt), 16), {
              days,
              reason: '需会同相关部门研究',
            })
          )
            break story;
          if (stuck === 'extension') {
            standing();
            break story;
          }
          if (
            !apply('decideExtension', officeActor, at(addWorkingDays(today(lastAt), 1), 10), {
              approve: rnd() < 0.85,
              text: '',
            })
          )
            break story;
        }
        if (stuck) {
          standing();
          break story;
        }
        // Rounds: answer (10 % late, after the job's overdue flag), then the rating or the window running out.
        for (let round = 0; round < 2; round++) {
          const due = r.answerDueOn as CivilDate;
          const from = today(lastAt);
          const late = !quick && rnd() < 0.1;
          let answerDay: CivilDate;
          if (late) answerDay = addWorkingDays(due, 1 + Math.floor(rnd() * 4));
          else if (quick) answerDay = nextWorkingDay(addDays(from, 1));
          else {
            const span = Math.max(0, dayNumber(due) - dayNumber(from));
            answerDay = addDays(from, Math.floor(rnd() * (span + 1)));
          }
          if (answerDay > due) job(addDays(due, 1));
          if (
            !apply('answer', unitActor(r.unitId), at(answerDay, workHour()), {
              text: '经研究，答复如下：已按政策规定办理，具体事项请与经办人联系。',
            })
          )
            break story;
          const rateBy = dueDate(r.answeredOn as CivilDate, ctx.config.rateWithinWorkingDays)!;
          if (rnd() < 0.6) {
            const ratedDay = addWorkingDays(
              r.answeredOn as CivilDate,
              Math.floor(rnd() * ctx.config.rateWithinWorkingDays),
            );
            const x = rnd();
            let rating =
              round === 0
                ? x < 0.8
                  ? 'satisfied'
                  : x < 0.94
                    ? 'basicallySatisfied'
                    : 'dissatisfied'
                : x < 0.5
                  ? 'satisfied'
                  : x < 0.75
                    ? 'basicallySatisfied'
                    : 'dissatisfied';
            if (quick && rating === 'dissatisfied' && round === 0) rating = 'basicallySatisfied';
            const reopening = rating === 'dissatisfied' && round === 0;
            if (
              !apply(
                'rate',
                { ...officeActor, label: firm.contactPerson },
                at(ratedDay < r.answeredOn! ? (r.answeredOn as CivilDate) : ratedDay, 20),
                { rating, comment: reopening ? '问题未解决' : '' },
              )
            )
              break story;
            counts.rated++;
            if (!reopening) break;
            counts.reopened++;
          } else {
            const now = at(addDays(rateBy, 1), 7);
            if (now.getTime() < o.cut.getTime()) {
              r = {
                ...r,
                state: 'closed',
                rating: 'satisfied',
                ratingAuto: true,
                ratedAt: now,
                closedAt: now,
                updatedAt: now,
              };
              write(system, now, [
                { kind: 'rated', text: `${ctx.config.rateWithinWorkingDays} 个工作日内未评价，视为满意` },
                { kind: 'closed', text: '办结' },
              ]);
              counts.autoRated++;
            }
            break;
          }
        }
      }
      if (['filed', 'dispatched', 'returned', 'accepted', 'handling', 'supplement'].includes(r.state))
        counts.open++;
      counts.byState[r.state] = (counts.byState[r.state] ?? 0) + 1;
      counts.requests++;
      counts.events += events.length;
      reqLines.push(copyLine(requestColumns, r as unknown as Record<string, unknown>));
      for (const e of events) evLines.push(copyLine(eventColumns, e));
      if (reqLines.length >= chunk) {
        await flush(reqLines, evLines);
        reqLines = [];
        evLines = [];
      }
    }
  }
  if (reqLines.length) await flush(reqLines, evLines);
  return counts;
}

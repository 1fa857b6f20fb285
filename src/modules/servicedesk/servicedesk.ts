// The service desk (企业码上服务 · 企业诉求), pure: the request's states and which action may follow which, the
// category tree and routing rules as data (with the demo district's default), routing one request, time limits by
// category and urgency, ratings, and the wording of notifications. No database, no calendar (servicedesk.clock.ts
// holds the working-day clock), so the web app may import it. The rules and worked examples: docs/service-desk.md.

/**
 * filed (待派单: no routing rule matched, the plan office dispatches) → dispatched (已派单, awaiting 签收) →
 * accepted (已签收) → handling (办理中) ⇄ supplement (待补充材料, the clock paused) → answered (已答复, awaiting 回访)
 * → closed (已办结). dispatched → returned (已退单, awaiting the plan office's 审定) → dispatched again.
 * answered → handling once more when the enterprise is dissatisfied the first time (reopened to the same unit).
 */
export const requestStates = [
  'filed',
  'dispatched',
  'returned',
  'accepted',
  'handling',
  'supplement',
  'answered',
  'closed',
] as const;
export type RequestState = (typeof requestStates)[number];

export const stateLabels: Record<RequestState, string> = {
  filed: '待派单',
  dispatched: '已派单（待签收）',
  returned: '已退单（待审定）',
  accepted: '已签收',
  handling: '办理中',
  supplement: '待补充材料',
  answered: '已答复（待回访）',
  closed: '已办结',
};

/** States in which the request is still with the government (not answered, not closed). */
export const openStates: readonly RequestState[] = [
  'filed',
  'dispatched',
  'returned',
  'accepted',
  'handling',
  'supplement',
];

export const urgencies = ['normal', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

/** 满意 · 基本满意 · 不满意. 满意率 counts the first two (docs/service-desk.md). */
export const ratings = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export type Rating = (typeof ratings)[number];
export const ratingLabels: Record<Rating, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
};
export const countsAsSatisfied = (r: Rating) => r !== 'dissatisfied';

/** How a request came in: the enterprise itself (web or phone app), or staff registering it (代录). */
export const channels = ['online', 'phone', 'visit'] as const;
export type Channel = (typeof channels)[number];

/** Every step is one of these, with who, when and text. */
export const eventKinds = [
  'filed',
  'dispatched',
  'accepted',
  'returned',
  'decided',
  'note',
  'internalNote',
  'supplementRequested',
  'supplemented',
  'extensionRequested',
  'extensionApproved',
  'extensionRejected',
  'answered',
  'rated',
  'reopened',
  'closed',
  'coordination',
  'overdue',
  'attachment',
  'publication',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** The actions on a request (each a route), and the states each may be taken from. */
export const actionStates = {
  dispatch: ['filed', 'dispatched', 'accepted', 'handling'],
  accept: ['dispatched'],
  return: ['dispatched'],
  decide: ['returned'],
  note: ['accepted', 'handling', 'supplement'],
  requestSupplement: ['accepted', 'handling'],
  supplement: ['supplement'],
  requestExtension: ['accepted', 'handling', 'supplement'],
  decideExtension: ['accepted', 'handling', 'supplement'],
  answer: ['accepted', 'handling', 'supplement'],
  rate: ['answered'],
  coordinate: ['accepted', 'handling', 'supplement'],
} as const satisfies Record<string, readonly RequestState[]>;
export type RequestAction = keyof typeof actionStates;

/** The stable reason of a refused step (409), beside the platform's CONFLICT code. */
export type RefusalReason =
  | 'NOT_ACCEPTED'
  | 'NOT_DISPATCHED'
  | 'NOT_RETURNED'
  | 'NOT_ANSWERED'
  | 'ALREADY_RATED'
  | 'ALREADY_ANSWERED'
  | 'NOT_PAUSED'
  | 'CLOSED'
  | 'EXTENSION_PENDING'
  | 'NO_EXTENSION_PENDING'
  | 'TOO_MANY_ATTACHMENTS'
  | 'WRONG_STATE';

/** Whether `action` may be taken in `state`; if not, why (the reason a client reads) and the words for it. */
export function refusal(
  action: RequestAction,
  state: RequestState,
  rated: boolean,
): { reason: RefusalReason; message: string } | null {
  if ((actionStates[action] as readonly RequestState[]).includes(state)) return null;
  if (state === 'closed' && action === 'rate' && rated)
    return { reason: 'ALREADY_RATED', message: '该诉求已评价，不能重复评价' };
  if (action === 'rate') return { reason: 'NOT_ANSWERED', message: '诉求尚未答复，不能评价' };
  if (state === 'closed') return { reason: 'CLOSED', message: '该诉求已办结' };
  if ((action === 'answer' || action === 'note' || action === 'requestSupplement') && state === 'answered')
    return { reason: 'ALREADY_ANSWERED', message: '该诉求已答复' };
  if (
    ['answer', 'note', 'requestSupplement', 'requestExtension', 'coordinate'].includes(action) &&
    (state === 'filed' || state === 'dispatched' || state === 'returned')
  )
    return { reason: 'NOT_ACCEPTED', message: '承办单位尚未签收该诉求' };
  if (action === 'accept' || action === 'return')
    return { reason: 'NOT_DISPATCHED', message: '该诉求不在待签收状态' };
  if (action === 'decide') return { reason: 'NOT_RETURNED', message: '该诉求没有待审定的退单' };
  if (action === 'supplement') return { reason: 'NOT_PAUSED', message: '该诉求没有待补充的材料' };
  return { reason: 'WRONG_STATE', message: `该诉求当前为“${stateLabels[state]}”，不能执行此操作` };
}

// ── Categories, limits and routing: the desk's configuration ─────────────────────────────────────────────────

export interface CategoryConfig {
  /** Dotted: a child's code starts with its parent's ('talent.housing' under 'talent'). */
  code: string;
  name: string;
  /** Working days to 签收 and to 答复, normal and urgent. */
  acceptDays: number;
  answerDays: number;
  urgentAcceptDays: number;
  urgentAnswerDays: number;
}

/** A routing rule: the first rule (in order) whose conditions all hold names the handling unit. */
export interface RoutingRule {
  /** The category, or an ancestor of it. */
  category: string;
  /** The enterprise's subdistrict (unit code), if the rule is for one. */
  subdistrict?: string | undefined;
  /** One of the enterprise's fields, if the rule is for one. */
  field?: string | undefined;
  /** Text that must occur in the title or description, if any. */
  keyword?: string | undefined;
  /** The handling unit (unit code). */
  unit: string;
}

export interface DeskConfig {
  categories: CategoryConfig[];
  rules: RoutingRule[];
  /** The default dispatcher (the plan office's unit code): requests no rule routes wait for it. */
  dispatcher: string;
  /** The enterprise rates within this many working days of the answer, after which it counts as satisfied. */
  rateWithinWorkingDays: number;
}

const limits = (accept: number, answer: number, urgentAnswer: number) => ({
  acceptDays: accept,
  answerDays: answer,
  urgentAcceptDays: 1,
  urgentAnswerDays: urgentAnswer,
});

/** The demo district's category tree (the issue's list, with 一老一小 from safeguard (三)). */
export const defaultCategories: CategoryConfig[] = [
  { code: 'policy', name: '政策咨询', ...limits(1, 3, 2) },
  { code: 'policy.subsidy', name: '惠企政策兑现', ...limits(1, 5, 3) },
  { code: 'policy.tax', name: '税费政策', ...limits(1, 3, 2) },
  { code: 'financing', name: '融资', ...limits(1, 5, 3) },
  { code: 'talent', name: '人才', ...limits(1, 5, 3) },
  { code: 'talent.settle', name: '人才落户', ...limits(1, 5, 3) },
  { code: 'housing', name: '住房（人才公寓）', ...limits(1, 5, 3) },
  { code: 'elderlyChild', name: '一老一小（入学、托育、养老）', ...limits(1, 5, 3) },
  { code: 'venue', name: '场地', ...limits(1, 5, 3) },
  { code: 'approval', name: '审批', ...limits(1, 5, 3) },
  { code: 'ip', name: '知识产权', ...limits(1, 5, 3) },
  { code: 'dataExport', name: '数据出境', ...limits(1, 10, 5) },
  { code: 'other', name: '其他', ...limits(1, 5, 3) },
];

/** The demo district's routing (unit codes of plans/jiulongpo-2027.yaml); rules naming absent units are dropped. */
export const defaultRules: RoutingRule[] = [
  { category: 'policy.tax', unit: 'tax-bureau' },
  { category: 'policy', keyword: '数据', unit: 'big-data-bureau' },
  { category: 'policy', unit: 'economy-information-commission' },
  { category: 'financing', unit: 'financial-services-center' },
  { category: 'talent.settle', unit: 'public-security-bureau' },
  { category: 'talent', unit: 'human-resources-social-security-bureau' },
  { category: 'housing', unit: 'housing-urban-rural-development-commission' },
  { category: 'elderlyChild', keyword: '入学', unit: 'education-commission' },
  { category: 'elderlyChild', keyword: '幼儿园', unit: 'education-commission' },
  { category: 'elderlyChild', unit: 'health-commission' },
  { category: 'venue', subdistrict: 'shiqiaopu-street', unit: 'shiqiaopu-street' },
  { category: 'venue', unit: 'investment-promotion-bureau' },
  { category: 'approval', unit: 'development-reform-commission' },
  { category: 'ip', unit: 'science-technology-bureau' },
  { category: 'dataExport', unit: 'cyberspace-affairs-office' },
  // 其他 has no rule: the plan office dispatches it by hand.
];

/** The default configuration for a district whose units have these codes. */
export function defaultConfig(unitCodes: ReadonlySet<string>): DeskConfig {
  return {
    categories: defaultCategories,
    rules: defaultRules.filter(
      (r) => unitCodes.has(r.unit) && (!r.subdistrict || unitCodes.has(r.subdistrict)),
    ),
    dispatcher: unitCodes.has('plan-office') ? 'plan-office' : '',
    rateWithinWorkingDays: 5,
  };
}

/** Whether `code` is `ancestor` or lies under it. */
export const under = (code: string, ancestor: string) => code === ancestor || code.startsWith(`${ancestor}.`);

export const parentCode = (code: string): string | null =>
  code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;

/** The problems of a configuration beyond its shape, as field paths: codes, parents, rules' categories and units. */
export function configProblems(
  config: DeskConfig,
  units: ReadonlyMap<string, { kind: string }>,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const codes = new Set<string>();
  config.categories.forEach((c, i) => {
    if (codes.has(c.code)) out.push({ path: `categories.${i}.code`, message: '分类代码重复' });
    const parent = parentCode(c.code);
    if (parent && !codes.has(parent))
      out.push({ path: `categories.${i}.code`, message: `上级分类 ${parent} 须列在它之前` });
    codes.add(c.code);
  });
  config.rules.forEach((r, i) => {
    if (!codes.has(r.category))
      out.push({ path: `rules.${i}.category`, message: `未知的分类：${r.category}` });
    const unit = units.get(r.unit);
    if (!unit || unit.kind === 'collective')
      out.push({ path: `rules.${i}.unit`, message: `未知的承办单位：${r.unit}` });
    if (r.subdistrict && units.get(r.subdistrict)?.kind !== 'subdistrict')
      out.push({ path: `rules.${i}.subdistrict`, message: `未知的镇街：${r.subdistrict}` });
  });
  if (config.dispatcher && !units.has(config.dispatcher))
    out.push({ path: 'dispatcher', message: `未知的单位：${config.dispatcher}` });
  return out;
}

/** What routing reads of a request. */
export interface RoutingFacts {
  category: string;
  /** The enterprise's subdistrict (unit code) and fields. */
  subdistrict: string | null;
  fields: readonly string[];
  text: string;
}

/** The first rule that holds for the request (its index and unit code), or null: the dispatcher decides. */
export function route(config: DeskConfig, facts: RoutingFacts): { rule: number; unit: string } | null {
  for (const [i, r] of config.rules.entries()) {
    if (!under(facts.category, r.category)) continue;
    if (r.subdistrict && r.subdistrict !== facts.subdistrict) continue;
    if (r.field && !facts.fields.includes(r.field)) continue;
    if (r.keyword && !facts.text.includes(r.keyword)) continue;
    return { rule: i, unit: r.unit };
  }
  return null;
}

/** The time limits of a category (its own) and urgency, in working days. */
export function limitsOf(
  config: DeskConfig,
  category: string,
  urgency: Urgency,
): { acceptDays: number; answerDays: number } {
  const c = config.categories.find((x) => x.code === category);
  if (!c) return { acceptDays: 1, answerDays: 5 };
  return urgency === 'urgent'
    ? { acceptDays: c.urgentAcceptDays, answerDays: c.urgentAnswerDays }
    : { acceptDays: c.acceptDays, answerDays: c.answerDays };
}

/** A category's name with its ancestors' (融资 / 人才 › 人才落户). */
export function categoryPath(config: DeskConfig, code: string): string {
  const names: string[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) {
    const found = config.categories.find((x) => x.code === c);
    names.unshift(found?.name ?? c);
  }
  return names.join(' › ');
}

// ── Limits of filing ─────────────────────────────────────────────────────────────────────────────────────────

/** The most attachments one request carries, and what one may weigh (like a progress report's). */
export const MAX_ATTACHMENTS = 10;
/** Requests one account may file in an hour (counted in PostgreSQL, shared by every instance). */
export const fileLimit = { bucket: 'serviceDesk.file', max: 10, windowSeconds: 3600 };

/** The request's number as people say it: 诉求 2026-000123. */
export const requestNumber = (year: number, seq: number) => `${year}-${String(seq).padStart(6, '0')}`;

// ── Notification wording ─────────────────────────────────────────────────────────────────────────────────────

export const requestLink = (id: string) => `/service-desk/requests/${id}`;

/** The title of a notification about request `number` ("企业诉求 2026-000123 已签收：…"). */
export const noticeTitle = (number: string, what: string, title: string) =>
  `企业诉求 ${number} ${what}：${title.length > 30 ? `${title.slice(0, 30)}…` : title}`;

// The only SQL on the assessment's tables (schemes, frozen scores and their revisions, bonus items), and the scoring
// of a month or a year: each unit's inputs gathered from the other modules' records through their exported store
// functions (plan targets and units, monitoring snapshots, work items and report versions), scored with the pure
// rules of assessment.ts, each line naming the records behind it.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { endOfDay, today, type CivilDate } from '../../platform/time/date.ts';
import { currentPeriod, lastDayOf, previousPeriod, type Period } from '../../platform/time/period.ts';
import { deadlineEnd } from '../../platform/time/deadline.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import { snapshotsOf } from '../monitoring/monitoring.store.ts';
import { allItems } from '../supervision/supervision.store.ts';
import { reportVersions } from '../supervision/supervision.reports.store.ts';
import { rollup } from '../supervision/supervision.ts';
import { noticeRecords } from '../supervision/supervision.notices.views.ts';
import { noticeLevelLabels, type NoticeLevel } from '../supervision/supervision.ladder.ts';
import type { ItemView } from '../supervision/supervision.contract.ts';
import { assessmentBonuses, assessmentSchemes } from './assessment.schema.ts';
import { placeOf, pointsText, ranking, scorecard, type IndicatorInput } from './assessment.ts';
import type { Indicator, RecordRef, Scheme, SchemeInput, ScorecardView } from './assessment.contract.ts';
import { defaultScheme } from './assessment.scheme.ts';
import { factsBetween, type FactRow } from '../servicedesk/servicedesk.store.ts';
import { figuresOf } from '../servicedesk/servicedesk.figures.ts';

export type RankGroup = 'units' | 'subdistricts';
/** Which ranking a unit of this kind is placed in: departments and state groups, or subdistricts; others none. */
export const groupOf = (kind: string): RankGroup | null =>
  kind === 'subdistrict' ? 'subdistricts' : kind === 'department' || kind === 'stateGroup' ? 'units' : null;

// ── The scheme ────────────────────────────────────────────────────────────────────────────────────────────────

type SchemeRow = typeof assessmentSchemes.$inferSelect;

const toScheme = (r: SchemeRow): Scheme => ({
  year: r.year,
  title: r.title,
  example: r.example,
  reportDeadlineDay: r.reportDeadlineDay,
  indicators: r.indicators as Indicator[],
  closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
  closedBy: r.closedBy,
  updatedAt: new Date(r.updatedAt).toISOString(),
  updatedBy: r.updatedBy,
});

export async function findScheme(
  db: Queryable,
  districtId: string,
  year: number,
): Promise<Scheme | undefined> {
  const [r] = await db
    .select()
    .from(assessmentSchemes)
    .where(and(eq(assessmentSchemes.districtId, districtId), eq(assessmentSchemes.year, year)));
  return r ? toScheme(r) : undefined;
}

export async function schemeOr404(db: Queryable, districtId: string, year: number): Promise<Scheme> {
  const s = await findScheme(db, districtId, year);
  if (!s) throw notFound(`${year}年度考核方案`);
  return s;
}

/** Field errors a scheme has against the plan: a target or task it names that the plan does not have. */
async function planProblems(db: Queryable, districtId: string, input: SchemeInput) {
  const view = await loadPlanView(db, districtId);
  if (!view) throw notFound('规划');
  const targets = new Set(view.targets.map((t) => t.code));
  const tasks = new Set(view.index.tasks.map((t) => t.number));
  const fields: { path: string; message: string }[] = [];
  input.indicators.forEach((ind, i) => {
    if (ind.feed.kind === 'targetResult' && !targets.has(ind.feed.targetCode))
      fields.push({
        path: `indicators.${i}.feed.targetCode`,
        message: `规划中没有指标 ${ind.feed.targetCode}`,
      });
    if (
      ind.feed.kind === 'itemCompletion' &&
      ind.feed.taskNumber !== undefined &&
      !tasks.has(ind.feed.taskNumber)
    )
      fields.push({
        path: `indicators.${i}.feed.taskNumber`,
        message: `规划中没有第 ${ind.feed.taskNumber} 项任务`,
      });
  });
  if (fields.length) throw new AppError('VALIDATION', '考核方案有误', fields);
}

/** Creates or replaces the scheme of a year (audited, before and after). */
export async function saveScheme(
  db: Db,
  actor: Actor,
  year: number,
  input: SchemeInput,
  now: Date,
): Promise<Scheme> {
  await planProblems(db, actor.districtId, input);
  return db.transaction(async (tx) => {
    const before = await findScheme(tx, actor.districtId, year);
    const values = {
      title: input.title,
      example: input.example,
      reportDeadlineDay: input.reportDeadlineDay,
      indicators: input.indicators,
      updatedBy: actor.label,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(assessmentSchemes)
      .values({ districtId: actor.districtId, year, ...values })
      .onConflictDoUpdate({ target: [assessmentSchemes.districtId, assessmentSchemes.year], set: values })
      .returning();
    const after = toScheme(row!);
    await audit(tx, actor, {
      action: before ? 'update' : 'create',
      entity: 'assessmentScheme',
      entityId: String(year),
      before,
      after,
    });
    return after;
  });
}

/** The example scheme (示例方案) derived from the plan's targets and tasks; refused when the year has one. */
export async function generateDefaultScheme(db: Db, actor: Actor, year: number, now: Date): Promise<Scheme> {
  if (await findScheme(db, actor.districtId, year))
    throw new AppError('CONFLICT', `${year}年度已有考核方案；如需示例方案，请先在方案中修改`);
  const view = await loadPlanView(db, actor.districtId);
  if (!view) throw notFound('规划');
  const input = defaultScheme(year, {
    targets: view.targets.map((t) => ({ code: t.code, name: t.name })),
    tasks: view.index.tasks.map((t) => ({ number: t.number, title: t.title })),
  });
  return saveScheme(db, actor, year, input, now);
}

// ── Bonus items ───────────────────────────────────────────────────────────────────────────────────────────────

export async function addBonus(
  db: Db,
  actor: Actor,
  input: { unitId: string; indicatorCode: string; month: string; title: string },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assessmentBonuses)
      .values({ districtId: actor.districtId, ...input, enteredBy: actor.label })
      .returning();
    await audit(tx, actor, { action: 'create', entity: 'assessmentBonus', entityId: row!.id, after: row });
    return row!;
  });
}

async function bonusesBetween(db: Queryable, districtId: string, from: string, to: string) {
  return db
    .select()
    .from(assessmentBonuses)
    .where(
      and(
        eq(assessmentBonuses.districtId, districtId),
        sql`${assessmentBonuses.month} BETWEEN ${from} AND ${to}`,
      ),
    )
    .orderBy(asc(assessmentBonuses.month), asc(assessmentBonuses.createdAt));
}

// ── 督办单 ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Per owning unit, the 督办单 issued in the period up to its as-of day, each level a record (an item that escalated
 * blue → yellow counts twice): what the supervisionNotices feed deducts for.
 */
async function noticesByUnit(
  db: Queryable,
  districtId: string,
  span: { first: Period; asOfDate: CivilDate },
  items: ItemView[],
): Promise<Map<string, RecordRef[]>> {
  const byId = new Map(items.map((v) => [v.id, v]));
  const out = new Map<string, RecordRef[]>();
  const notices = await noticeRecords(db, districtId, {
    from: `${span.first}-01` as CivilDate,
    to: span.asOfDate,
  });
  for (const n of notices) {
    const item = byId.get(n.itemId);
    if (!item) continue;
    const list = out.get(item.owner.id) ?? [];
    list.push({
      kind: 'notice',
      id: n.id,
      label: `${noticeLevelLabels[n.level as NoticeLevel]} · ${item.number}. ${item.title}`,
      value: n.issuedOn,
    });
    out.set(item.owner.id, list);
  }
  return out;
}

// ── Scoring ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface UnitInfo {
  id: string;
  name: string;
  kind: string;
}

/** The months a period covers and the instant it is scored as of (its end, or now while it runs). */
export function periodSpan(period: string, now: Date) {
  const year = Number(period.slice(0, 4));
  const first = (period.length === 4 ? `${year}-01` : period) as Period;
  const last = (period.length === 4 ? `${year}-12` : period) as Period;
  const end = endOfDay(lastDayOf(last) as CivilDate);
  const asOf = end.getTime() < now.getTime() ? end : now;
  const current = currentPeriod(now);
  const to = (last < current ? last : current) as Period;
  return { year, first, last, to: to < first ? first : to, asOf, asOfDate: today(asOf) };
}

interface Raw {
  input: IndicatorInput | null;
  /** The rank value, before peers are known. */
  rankValue?: number;
  records: RecordRef[];
  /** Why there is no input ("本期尚无监测快照"). */
  missing?: string;
}

const pctText = (n: number) => `${Math.round(n * 10) / 10}%`;

/** Everything a period's scoring reads, gathered once. */
async function gather(db: Queryable, districtId: string, scheme: Scheme, period: string, now: Date) {
  const view = await loadPlanView(db, districtId);
  if (!view) throw notFound('规划');
  const span = periodSpan(period, now);
  const items = (await allItems(db, districtId, { all: true }, span.asOf)).map((v) => v.view);
  // A period's reports are due in the month after it: their punctuality counts in the month of the deadline.
  const versions = await reportVersions(db, districtId, previousPeriod(span.first), previousPeriod(span.to));
  const bonuses = await bonusesBetween(db, districtId, span.first, span.last);
  const notices = await noticesByUnit(db, districtId, span, items);
  const snapshots = new Map<
    string,
    { month: string; revision: number; value: string | null; status: string }
  >();
  const codes = new Set(
    scheme.indicators.flatMap((i) => (i.feed.kind === 'targetResult' ? [i.feed.targetCode] : [])),
  );
  for (const code of codes) {
    const rows = (await snapshotsOf(db, districtId, code)).filter((s) => {
      const m = s.month.slice(0, 7);
      return m >= span.first && m <= span.last;
    });
    // The month's (or the year's latest month's) snapshot, its latest revision.
    const latest = rows.sort((a, b) =>
      a.month === b.month ? b.revision - a.revision : b.month < a.month ? -1 : 1,
    )[0];
    if (latest)
      snapshots.set(code, {
        month: latest.month.slice(0, 7),
        revision: latest.revision,
        value: latest.value,
        status: latest.status,
      });
  }
  // The service desk's requests filed in the period (read through its store), when an indicator is fed by them.
  const desk = scheme.indicators.some((i) => i.feed.kind === 'serviceDesk')
    ? await factsBetween(db, districtId, { from: `${span.first}-01` as CivilDate, to: span.asOfDate })
    : [];
  return { view, span, items, versions, bonuses, notices, snapshots, desk };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

const itemRef = (v: ItemView): RecordRef => ({
  kind: 'item',
  id: v.id,
  label: `${v.number}. ${v.title}`,
  value: v.status.reason,
});

/** The units an indicator applies to (collectives expanded; the plan office and collectives themselves never). */
function applicable(g: Gathered, ind: Indicator): UnitInfo[] {
  const { index } = g.view;
  const units = index.units.filter((u) => groupOf(u.kind));
  const byId = new Map(units.map((u) => [u.id, u]));
  const ids = new Set<string>();
  const addTaskUnits = (taskNumber: number) => {
    const task = index.tasks.find((t) => t.number === taskNumber);
    if (!task) return;
    for (const u of index.leadUnits(task.id)) ids.add(u.id);
    if (ind.appliesTo !== 'responsible') return;
    for (const u of index.responsibleUnits(task.id)) {
      if (u.kind !== 'collective') {
        ids.add(u.id);
        continue;
      }
      const { members, relevantOnly } = index.membersOf(u.id);
      for (const m of members)
        // 有关镇街: those that own an item of the task.
        if (!relevantOnly || g.items.some((i) => i.owner.id === m.id && i.task?.number === taskNumber))
          ids.add(m.id);
    }
  };
  switch (ind.appliesTo) {
    case 'departments':
      return units.filter((u) => groupOf(u.kind) === 'units');
    case 'subdistricts':
      return units.filter((u) => groupOf(u.kind) === 'subdistricts');
    case 'all':
      return units;
    case 'lead':
    case 'responsible': {
      const f = ind.feed;
      if (f.kind === 'targetResult') {
        const t = g.view.targets.find((x) => x.code === f.targetCode);
        if (t?.ownerUnitCodes?.length) {
          for (const u of index.units) if (t.ownerUnitCodes.includes(u.code)) ids.add(u.id);
        } else if (t?.ownerTask) addTaskUnits(t.ownerTask);
      } else if (f.kind === 'itemCompletion' && f.taskNumber !== undefined) addTaskUnits(f.taskNumber);
      else for (const t of index.tasks) addTaskUnits(t.number);
      return [...ids].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    }
  }
}

/** One unit's raw input for one indicator, with the records behind it. */
function rawInput(g: Gathered, scheme: Scheme, ind: Indicator, unit: UnitInfo): Raw {
  const f = ind.feed;
  const mine = g.items.filter((i) => i.owner.id === unit.id);
  switch (f.kind) {
    case 'targetResult': {
      const t = g.view.targets.find((x) => x.code === f.targetCode)!;
      const s = g.snapshots.get(f.targetCode);
      if (!s || s.value === null)
        return { input: null, records: [], missing: `指标“${t.name}”本期尚无监测快照，不计分` };
      // As published: two decimals in the target's unit (亿元, %, 家).
      const actual = Math.round(Number(s.value) * 100) / 100;
      const goal = Number(t.goal);
      return {
        input: { kind: 'target', actual, goal },
        rankValue: goal > 0 ? actual / goal : actual,
        records: [
          {
            kind: 'target',
            id: t.code,
            label: t.name,
            value: `${s.month} 快照（第 ${s.revision} 版）：${s.value}${t.unit}，目标 ${t.goal}${t.unit}`,
          },
        ],
      };
    }
    case 'itemCompletion': {
      const live = mine.filter(
        (i) =>
          i.status.colour !== null &&
          i.startDate <= g.span.asOfDate &&
          (f.taskNumber === undefined || i.task?.number === f.taskNumber),
      );
      if (!live.length) return { input: null, records: [], missing: '本期尚无应推进的工作举措，不计分' };
      const r = rollup(live.map((i) => ({ weight: i.weight, status: i.status })));
      const expected = r.expected ?? 0;
      const reported = r.reported ?? 0;
      return {
        input: { kind: 'target', actual: reported, goal: expected },
        rankValue: expected > 0 ? reported / expected : 1,
        records: live.map(itemRef),
      };
    }
    case 'overdueItems': {
      const overdue = mine.filter((i) => i.state === 'open' && i.status.overdueWorkingDays !== null);
      return { input: { kind: 'count', count: overdue.length }, records: overdue.map(itemRef) };
    }
    case 'lateReports': {
      const byId = new Map(mine.map((i) => [i.id, i]));
      const records: RecordRef[] = [];
      for (const v of g.versions) {
        const item = byId.get(v.itemId);
        if (!item) continue;
        const label = `${item.number}. ${item.title}（${v.period} 第 ${v.version} 版）`;
        const at = new Date(v.submittedAt);
        if (v.version === 1) {
          const due = deadlineEnd(v.period as Period, scheme.reportDeadlineDay);
          if (at.getTime() > due.getTime())
            records.push({
              kind: 'report',
              id: v.id,
              label,
              value: `迟报：${today(at)} 报送，截止 ${today(due)}`,
            });
        }
        if (v.state === 'returned') records.push({ kind: 'report', id: v.id, label, value: '被计划办退回' });
      }
      return { input: { kind: 'count', count: records.length }, records };
    }
    case 'supervisionNotices': {
      const records = g.notices.get(unit.id) ?? [];
      return { input: { kind: 'count', count: records.length }, records };
    }
    case 'serviceDesk':
      return deskInput(
        g.desk.filter((r) => r.unitId === unit.id),
        f.measure,
        g.span.asOfDate,
      );
    case 'bonusItems': {
      const records = g.bonuses
        .filter((b) => b.unitId === unit.id && b.indicatorCode === ind.code)
        .map((b): RecordRef => ({
          kind: 'bonus',
          id: b.id,
          label: b.title,
          value: `${b.month}，${b.enteredBy}录入`,
        }));
      return { input: { kind: 'count', count: records.length }, records };
    }
  }
}

const deskRef = (r: FactRow, value: string): RecordRef => ({
  kind: 'serviceRequest',
  id: r.id,
  label: `企业诉求 ${r.number}：${r.title}`,
  value,
});

/**
 * A unit's service-desk input: a rate scored like a target (hits against those due, e.g. 18 answered on time of
 * 20 due), the records being the requests that missed; or the count of reopened requests. No request due: no input.
 */
function deskInput(
  facts: FactRow[],
  measure: 'acceptedOnTime' | 'answeredOnTime' | 'satisfaction' | 'reopened',
  asOf: CivilDate,
): Raw {
  if (measure === 'reopened') {
    const reopened = facts.filter((r) => r.reopened);
    return {
      input: { kind: 'count', count: reopened.length },
      records: reopened.map((r) => deskRef(r, '不满意后重办')),
    };
  }
  const f = figuresOf(facts, asOf)[measure];
  if (!f.due) return { input: null, records: [], missing: '本期没有应计入的企业诉求，不计分' };
  const missed = facts.filter((r) => {
    const one = figuresOf([r], asOf)[measure];
    return one.due === 1 && one.hits === 0;
  });
  const words = { acceptedOnTime: '未按时签收', answeredOnTime: '未按时答复', satisfaction: '不满意' }[
    measure
  ];
  return {
    input: { kind: 'target', actual: f.hits, goal: f.due },
    rankValue: f.hits / f.due,
    records: missed.map((r) => deskRef(r, words)),
  };
}

/** Every unit's scorecard of a period, in its ranking group with its place, best first. */
export async function scorePeriod(
  db: Queryable,
  districtId: string,
  scheme: Scheme,
  period: string,
  now: Date,
): Promise<Record<RankGroup, ScorecardView[]>> {
  const g = await gather(db, districtId, scheme, period, now);
  const raws = new Map<string, Map<string, Raw>>(); // unit → indicator code → raw
  const units = new Map<string, UnitInfo>();
  for (const ind of scheme.indicators) {
    const applies = applicable(g, ind);
    const perUnit = applies.map((u) => [u, rawInput(g, scheme, ind, u)] as const);
    if (ind.method.kind === 'rankScoring') {
      const peers = perUnit.flatMap(([, r]) => (r.rankValue === undefined ? [] : [r.rankValue]));
      for (const [, r] of perUnit)
        if (r.rankValue !== undefined) {
          r.input = { kind: 'rank', value: r.rankValue, peers };
          r.records = [
            ...r.records,
            {
              kind: 'note',
              id: 'rank',
              label: `推进率 ${pctText(r.rankValue * 100)}，在 ${peers.length} 个单位中排第 ${placeOf(r.rankValue, peers, ind.method.higherIsBetter ?? true)} 名`,
            },
          ];
        }
    }
    for (const [u, r] of perUnit) {
      units.set(u.id, { id: u.id, name: u.name, kind: u.kind });
      (raws.get(u.id) ?? raws.set(u.id, new Map()).get(u.id)!).set(ind.code, r);
    }
  }
  const cards: (ScorecardView & { group: RankGroup })[] = [];
  for (const [unitId, byCode] of raws) {
    const unit = units.get(unitId)!;
    const inds = scheme.indicators.filter((i) => byCode.has(i.code));
    const inputs = Object.fromEntries(inds.map((i) => [i.code, byCode.get(i.code)!.input ?? undefined]));
    const card = scorecard(unitId, inds, inputs);
    const lines = inds.map((ind) => {
      const raw = byCode.get(ind.code)!;
      const line = card.lines.find((l) => l.code === ind.code);
      if (line) return { ...line, points: pointsText(line.centi), records: raw.records };
      return {
        code: ind.code,
        name: ind.name,
        centi: 0,
        maxCenti: Math.round(ind.points * 100),
        points: pointsText(0),
        reason: raw.missing ?? '无数据，不计分',
        records: raw.records,
      };
    });
    cards.push({
      group: groupOf(unit.kind)!,
      unit,
      period,
      lines,
      totalCenti: card.totalCenti,
      total: pointsText(card.totalCenti),
      maxCenti: lines.reduce((s, l) => s + l.maxCenti, 0),
      place: 0,
      of: 0,
    });
  }
  const out: Record<RankGroup, ScorecardView[]> = { units: [], subdistricts: [] };
  for (const group of ['units', 'subdistricts'] as const) {
    const mine = cards.filter((c) => c.group === group);
    const byId = new Map(mine.map((c) => [c.unit.id, c]));
    const ranked = ranking(mine.map((c) => ({ unitId: c.unit.id, lines: [], totalCenti: c.totalCenti })));
    out[group] = ranked
      .map((r) => {
        const { group: _g, ...c } = byId.get(r.unitId)!;
        return { ...c, place: r.place, of: mine.length };
      })
      .sort((a, b) => a.place - b.place || a.unit.name.localeCompare(b.unit.name, 'zh-CN'));
  }
  return out;
}

// ── Closing a year: frozen scores and revisions ───────────────────────────────────────────────────────────────

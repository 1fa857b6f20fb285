// What the monitoring pages show (overview, target page, drill-down, manual values), built from stored results and
// memoised per recompute run; the routes only parse, authorise, call these and respond.
import type { Db } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { UnitRef } from '../units/units.contract.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import { fields } from '../enterprises/fields.ts';
import { parsePeriod, type Period } from '../../platform/time/period.ts';
import { lastDuePeriod, reportDeadline } from '../../platform/time/deadline.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import { chooseEvaluationMonth } from './evaluation-month.ts';
import { withheldCells } from './disclosure.ts';
import { sizeBands, unknownBand } from './indicators.sql.ts';
import type { EntrantChange, Overview, TargetDetail } from './monitoring.contract.ts';
import {
  addManualValue,
  changeDimensions,
  contributors,
  evaluateTarget,
  isEntrantsTarget,
  isMilestone,
  latestRun,
  manualValuesOf,
  storedReportingRates,
  monitoringContext,
  readResults,
  snapshotsOf,
  type MonitoringContext,
  type TargetDef,
} from './monitoring.store.ts';

const sizeBandLabels: Record<string, { zh: string; en: string }> = {
  micro: { zh: '10人以下', en: 'Under 10' },
  small: { zh: '10–99人', en: '10–99' },
  medium: { zh: '100–299人', en: '100–299' },
  large: { zh: '300人及以上', en: '300 and more' },
  [unknownBand]: { zh: '未知（月末无数据）', en: 'Unknown (no data at month end)' },
};

type PlanView = NonNullable<Awaited<ReturnType<typeof loadPlanView>>>;
type Dimension = 'subdistrict' | 'field' | 'sizeBand';

/** Every group a dimension has in the district's plan, whether or not any firm is in it this month. */
const groupsOf = (dimension: Dimension, view: PlanView) =>
  dimension === 'subdistrict'
    ? view.index.units.filter((u) => u.kind === 'subdistrict').map((u) => u.id)
    : dimension === 'field'
      ? fields.map((f) => f.code)
      : [...sizeBands];

const info = (t: TargetDef, owners: UnitRef[]) => ({
  code: t.code,
  name: t.name,
  nameEn: t.nameEn,
  goal: t.goal,
  unit: t.unit,
  aim: t.aim,
  strive: t.strive,
  deadline: t.deadline,
  formulaKind: t.formula.kind,
  milestone: isMilestone(t),
  owners,
});

/** A stored manual value as the API shows it. */
const manualValueView = (v: Awaited<ReturnType<typeof manualValuesOf>>[number]) => ({
  id: v.id,
  targetCode: v.targetCode,
  asOf: v.asOf,
  value: Number(v.value),
  source: v.source,
  note: v.note,
  enteredAt: new Date(v.enteredAt).toISOString(),
});

type StoredResult = Awaited<ReturnType<typeof readResults>>[number];

/**
 * An entrants target's changes per month, from its stored results ('total' = entries, and the change dimensions);
 * null for any other target.
 */
function changesOf(t: TargetDef, rows: StoredResult[]): Map<string, EntrantChange> | null {
  if (!isEntrantsTarget(t)) return null;
  const out = new Map<string, EntrantChange>();
  const at = (month: string) => {
    const m = month.slice(0, 7);
    let c = out.get(m);
    if (!c) out.set(m, (c = { month: m, entries: 0, exits: 0, net: 0, stock: 0 }));
    return c;
  };
  for (const r of rows) {
    const v = Number(r.value ?? 0);
    if (r.dimension === 'total') at(r.month).entries = v;
    else if (r.dimension === changeDimensions.exits) at(r.month).exits = v;
    else if (r.dimension === changeDimensions.net) at(r.month).net = v;
    else if (r.dimension === changeDimensions.stock) at(r.month).stock = v;
  }
  return out;
}

/** The district's latest run, as far as the pages care: the key of every memoised page and of its ETag. */
export interface RunKey {
  id: string;
  finishedAt: string | null;
}

export type MonitoringViews = ReturnType<typeof monitoringViews>;

/**
 * The monitoring views over one database. Everything on these pages changes only when a recompute runs, so answers
 * are memoised per district and run: a new run (on any instance) has a new id, and the cache simply misses. The
 * memo is bounded and private to the returned object (one per app).
 */
export function monitoringViews(db: Db) {
  const memo = new Map<string, Promise<unknown>>();
  function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    const hit = memo.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const value = make();
    memo.set(key, value);
    value.catch(() => memo.delete(key));
    if (memo.size > 500) memo.delete(memo.keys().next().value!);
    return value;
  }

  /** The district's plan and monitoring settings, with each target's owning units; 404 without a plan. */
  async function context(districtId: string) {
    const ctx = await monitoringContext(db, districtId);
    const view = await loadPlanView(db, districtId);
    if (!ctx || !view) throw notFound('计划');
    const owners = (t: TargetDef): UnitRef[] => {
      if (t.ownerUnitCodes?.length) {
        return view.index.units
          .filter((u) => t.ownerUnitCodes!.includes(u.code))
          .map((u) => ({
            id: u.id,
            code: u.code,
            name: u.name,
            nameEn: u.nameEn,
            kind: u.kind as UnitRef['kind'],
          }));
      }
      const task = view.index.tasks.find((x) => x.number === t.ownerTask);
      return task ? view.index.leadUnits(task.id) : [];
    };
    return { ctx, view, owners };
  }

  /** One target of the district's plan, or 404. */
  async function targetOf(districtId: string, code: string) {
    const { ctx } = await context(districtId);
    const t = ctx.targets.find((x) => x.code === code);
    if (!t) throw notFound('目标');
    return { ctx, t };
  }

  async function totalSeries(ctx: MonitoringContext) {
    const all = await readResults(db, ctx.districtId, { dimension: 'total' });
    const byTarget = new Map<string, { period: Period; value: number | null }[]>();
    for (const r of all) {
      const list = byTarget.get(r.targetCode) ?? [];
      list.push({
        period: parsePeriod(r.month.slice(0, 7)),
        value: r.value === null ? null : Number(r.value),
      });
      byTarget.set(r.targetCode, list);
    }
    return byTarget;
  }

  async function buildOverview(
    districtId: string,
    computedAt: string | null,
    closed: Period,
  ): Promise<Overview> {
    const { ctx, view, owners } = await context(districtId);
    const series = await totalSeries(ctx);
    const changeRows = await readResults(db, districtId, {
      dimensions: ['total', ...Object.values(changeDimensions)],
    });
    const deadlineOf = (m: Period) => reportDeadline(m, ctx.settings.reportDeadlineDay).date;
    const computed = new Set<Period>();
    for (const s of series.values()) for (const p of s) computed.add(p.period);
    const evaluationMonth = chooseEvaluationMonth([...computed], closed, deadlineOf);
    const month = evaluationMonth?.month ?? null;
    const targets = ctx.targets.map((t) => {
      const s = series.get(t.code) ?? [];
      const evals = evaluateTarget(ctx, t, s);
      const statusOf = new Map(evals.map((e) => [e.period, e.status]));
      const shown = evals.find((e) => e.period === month) ?? null;
      const changes = changesOf(
        t,
        changeRows.filter((r) => r.targetCode === t.code),
      );
      return {
        ...info(t, owners(t)),
        evaluation: shown,
        changes: (shown && changes?.get(shown.period)) ?? null,
        series: s.map((p) => ({ month: p.period, value: p.value, status: statusOf.get(p.period) ?? null })),
      };
    });
    const rates = month ? await storedReportingRates(db, districtId, month) : [];
    const district = rates.find((r) => r.subdistrictId === '');
    return {
      district: { id: view.district.id, name: view.district.name, nameEn: view.district.nameEn },
      baseline: ctx.baseline,
      deadline: ctx.deadline,
      month,
      evaluationMonth,
      computedAt,
      targets,
      reporting:
        month && district
          ? {
              period: month,
              expected: district.expected,
              reported: district.reported,
              onTime: district.onTime,
              deadline: deadlineOf(parsePeriod(month)),
            }
          : null,
    };
  }

  async function targetDetail(
    districtId: string,
    code: string,
    monthParam: Period | undefined,
    publicView: boolean,
    closed: Period,
  ): Promise<TargetDetail> {
    const { ctx, view, owners } = await context(districtId);
    const t = ctx.targets.find((x) => x.code === code);
    if (!t) throw notFound('目标');
    const rows = await readResults(db, districtId, { targetCode: code });
    const total = rows
      .filter((r) => r.dimension === 'total')
      .map((r) => ({
        period: parsePeriod(r.month.slice(0, 7)),
        value: r.value === null ? null : Number(r.value),
      }));
    const evaluations = evaluateTarget(ctx, t, total);
    const evaluationMonth = chooseEvaluationMonth(
      evaluations.map((e) => e.period),
      closed,
      (m) => reportDeadline(m, ctx.settings.reportDeadlineDay).date,
      monthParam,
    );
    const month = evaluationMonth?.month ?? monthParam ?? null;
    const evaluation = evaluations.find((e) => e.period === month) ?? null;
    const statusOf = new Map(evaluations.map((e) => [e.period, e.status]));
    const unitName = new Map(view.index.units.map((u) => [u.id, u] as const));
    const fieldOf = new Map<string, { zh: string; en: string }>(fields.map((f) => [f.code, f]));
    const labelOf = (dimension: Dimension, key: string) =>
      dimension === 'subdistrict'
        ? { zh: unitName.get(key)?.name ?? key, en: unitName.get(key)?.nameEn ?? key }
        : dimension === 'field'
          ? (fieldOf.get(key) ?? { zh: key, en: key })
          : (sizeBandLabels[key] ?? { zh: key, en: key });
    const cellsOf = (dimension: Dimension) => {
      const found = rows.filter((r) => r.dimension === dimension && r.month.slice(0, 7) === month);
      if (!publicView || month === null || t.formula.kind === 'manual') return found;
      // The public sees every group of the dimension, empty ones too: a row listed only when some firm is in it
      // would tell that a withheld group is not empty, and a lone small group beside empty ones would equal the total.
      const present = new Set(found.map((r) => r.groupKey));
      const empty = groupsOf(dimension, view)
        .filter((key) => !present.has(key))
        .map((groupKey) => ({ dimension, groupKey, value: '0', contributors: 0 }));
      return [...found, ...empty];
    };
    const cells = {
      subdistrict: cellsOf('subdistrict'),
      field: cellsOf('field'),
      sizeBand: cellsOf('sizeBand'),
    };
    const withheld = publicView
      ? withheldCells({
          subdistrict: cells.subdistrict.map((r) => ({ key: r.groupKey, contributors: r.contributors })),
          field: cells.field.map((r) => ({ key: r.groupKey, contributors: r.contributors })),
          sizeBand: cells.sizeBand.map((r) => ({ key: r.groupKey, contributors: r.contributors })),
        })
      : null;
    const breakdown = (dimension: Dimension) =>
      cells[dimension]
        .map((r) => {
          const label = labelOf(dimension, r.groupKey);
          const suppressed = withheld?.[dimension].has(r.groupKey) ?? false;
          return {
            key: r.groupKey,
            label: label.zh,
            labelEn: label.en,
            value: suppressed || r.value === null ? null : Number(r.value),
            // For a count the number of contributors is the value itself.
            contributors: suppressed ? null : r.contributors,
            suppressed,
          };
        })
        // Withheld rows last and by key: an order by their value would tell it.
        .sort((a, b) =>
          a.suppressed || b.suppressed
            ? Number(a.suppressed) - Number(b.suppressed) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
            : (b.value ?? -Infinity) - (a.value ?? -Infinity),
        );
    const snaps = await snapshotsOf(db, districtId, code);
    const byMonth = new Map<string, { first: number | null; current: number | null; revisions: number }>();
    for (const s of snaps) {
      const m = s.month.slice(0, 7);
      const v = s.value === null ? null : Number(s.value);
      const entry = byMonth.get(m);
      if (!entry) byMonth.set(m, { first: v, current: v, revisions: 1 });
      else byMonth.set(m, { ...entry, current: v, revisions: entry.revisions + 1 });
    }
    const changes = changesOf(t, rows);
    const enterpriseChanges = changes
      ? total.map((p) => changes.get(p.period) ?? { month: p.period, entries: 0, exits: 0, net: 0, stock: 0 })
      : null;
    return {
      target: info(t, owners(t)),
      month,
      evaluationMonth,
      evaluation,
      evaluations,
      enterpriseChanges,
      series: total.map((p) => ({ month: p.period, value: p.value, status: statusOf.get(p.period) ?? null })),
      breakdowns: {
        subdistrict: breakdown('subdistrict'),
        field: breakdown('field'),
        sizeBand: breakdown('sizeBand'),
      },
      revisions: [...byMonth.entries()].map(([m, v]) => ({ month: m, ...v })),
    };
  }

  return {
    /** The district's latest run: the key of every memoised page and of its ETag. */
    async runKey(districtId: string): Promise<RunKey> {
      const run = await latestRun(db, districtId);
      return { id: run?.id ?? 'none', finishedAt: run?.finishedAt ?? null };
    },

    /**
     * The newest month past its report deadline at `now` (platform/time's lastDuePeriod): the month every page
     * evaluates. Part of every memo key and ETag, since it moves when a deadline ends, with or without a new run.
     */
    async closedMonth(districtId: string, now: Date): Promise<Period> {
      const settings = await monitoringSettings(db, districtId);
      return lastDuePeriod(now, settings.reportDeadlineDay);
    },

    /** Every target with its evaluation in the month shown (evaluationMonth) and monthly series, memoised per run. */
    overview(districtId: string, run: RunKey, closed: Period): Promise<Overview> {
      return cached(`overview:${districtId}:${run.id}:${closed}`, () =>
        buildOverview(districtId, run.finishedAt, closed),
      );
    },

    /** A target page, memoised per run like the overview (its rows change only when a recompute runs). */
    targetPage(
      districtId: string,
      run: Pick<RunKey, 'id'>,
      code: string,
      month: Period | undefined,
      publicView: boolean,
      closed: Period,
    ): Promise<TargetDetail> {
      return cached(
        `target:${districtId}:${run.id}:${closed}:${code}:${month ?? ''}:${publicView ? 'public' : 'staff'}`,
        () => targetDetail(districtId, code, month, publicView, closed),
      );
    },

    /** The enterprises behind a target's value (none for a manual target), within one subdistrict when given. */
    async contributorsPage(
      districtId: string,
      code: string,
      query: Omit<Parameters<typeof contributors>[3], 'onlySubdistrictId'>,
      onlySubdistrictId: string | null,
    ) {
      const { ctx, t } = await targetOf(districtId, code);
      if (t.formula.kind === 'manual') return { items: [], total: 0, page: 1, pageSize: query.pageSize };
      return contributors(db, ctx, t, { ...query, onlySubdistrictId });
    },

    async manualValues(districtId: string, code: string) {
      const list = await manualValuesOf(db, districtId, code);
      return { items: list.map(manualValueView) };
    },

    /**
     * Stores a department's value for a target. For a computed target the value is a department's official figure
     * (e.g. the statistics bureau's), kept beside the computed one for comparison; for a manual target it is the
     * value itself; for a milestone only 0 (not reached) or 1 (reached).
     */
    async enterManualValue(
      actor: Actor,
      unitId: string | null,
      code: string,
      body: Omit<Parameters<typeof addManualValue>[2], 'targetCode' | 'unitId'>,
    ) {
      const { t } = await targetOf(actor.districtId, code);
      if (isMilestone(t) && body.value !== 0 && body.value !== 1) {
        throw invalid('value', '里程碑目标的值只能为 0（未达成）或 1（已达成）');
      }
      const row = await addManualValue(db, actor, { targetCode: t.code, ...body, unitId });
      return manualValueView(row);
    },
  };
}

// HTTP for monitoring: overview and target pages (signed-in and public), drill-down, revisions, manual values, recompute.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventDrain } from '../../platform/module.ts';
import { forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { errorBodySchema } from '../../platform/http/common.contract.ts';
import { actorOf, requireUser } from '../../platform/auth/principal.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import type { UnitRef } from '../units/units.contract.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import { fields } from '../enterprises/fields.ts';
import { parsePeriod, type Period } from './period.ts';
import { withheldCells } from './disclosure.ts';
import { sizeBands, unknownBand } from './indicators.sql.ts';
import {
  contributorsPageSchema,
  contributorsQuerySchema,
  manualValueBodySchema,
  manualValueListSchema,
  manualValueSchema,
  overviewSchema,
  recomputeResultSchema,
  targetDetailSchema,
  targetParamsSchema,
  targetQuerySchema,
  type Overview,
  type TargetDetail,
} from './monitoring.contract.ts';
import {
  addManualValue,
  changeDimensions,
  contributors,
  evaluateTarget,
  isMilestone,
  latestRun,
  manualValuesOf,
  storedReportingRates,
  monitoringContext,
  readResults,
  recompute,
  snapshotsOf,
  type MonitoringContext,
  type TargetDef,
} from './monitoring.store.ts';

export interface MonitoringRouteDeps {
  db: Db;
  now?: () => Date;
  /** Delivers pending domain events: the recompute route waits for its alerts and policy evaluation. */
  events?: EventDrain;
}

const sizeBandLabels: Record<string, { zh: string; en: string }> = {
  micro: { zh: '10人以下', en: 'Under 10' },
  small: { zh: '10–99人', en: '10–99' },
  medium: { zh: '100–299人', en: '100–299' },
  large: { zh: '300人及以上', en: '300 and more' },
  [unknownBand]: { zh: '未知（月末无数据）', en: 'Unknown (no data at month end)' },
};

export function registerMonitoringRoutes(app: TypedApp, deps: MonitoringRouteDeps): void {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

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

  type Dimension = 'subdistrict' | 'field' | 'sizeBand';
  /** Every group a dimension has in the district's plan, whether or not any firm is in it this month. */
  const groupsOf = (dimension: Dimension, view: NonNullable<Awaited<ReturnType<typeof loadPlanView>>>) =>
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

  /**
   * Everything on these pages changes only when a recompute runs, so answers are memoised per district and run:
   * a new run (on any instance) has a new id, and the cache simply misses. Bounded, and private to this app.
   */
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

  /** The district's latest run: the key of every memoised page and of its ETag. */
  async function runKey(districtId: string) {
    const run = await latestRun(db, districtId);
    return { id: run?.id ?? 'none', finishedAt: run?.finishedAt ?? null };
  }

  async function overview(districtId: string, run: { id: string; finishedAt: string | null }) {
    return cached(`overview:${districtId}:${run.id}`, () => buildOverview(districtId, run.finishedAt));
  }

  /**
   * HTTP revalidation: a page's ETag is its run, so a browser that already holds it gets 304 without the body being
   * built or sent. Public pages may be kept for a minute (the same to everyone); signed-in pages are private and
   * revalidated on every use. Returns true when 304 has been sent.
   */
  function notModified(req: FastifyRequest, reply: FastifyReply, runId: string, publicView: boolean) {
    const etag = `W/"run-${runId}"`;
    reply.header('etag', etag);
    reply.header('cache-control', publicView ? 'public, max-age=60' : 'private, no-cache');
    if (req.headers['if-none-match'] !== etag) return false;
    void reply.status(304).send();
    return true;
  }

  /** A target page, memoised per run like the overview (its rows change only when a recompute runs). */
  function targetPage(
    districtId: string,
    run: { id: string },
    code: string,
    month: Period | undefined,
    publicView: boolean,
  ): Promise<TargetDetail> {
    return cached(
      `target:${districtId}:${run.id}:${code}:${month ?? ''}:${publicView ? 'public' : 'staff'}`,
      () => targetDetail(districtId, code, month, publicView),
    );
  }

  async function buildOverview(districtId: string, computedAt: string | null): Promise<Overview> {
    const { ctx, view, owners } = await context(districtId);
    const series = await totalSeries(ctx);
    let month: string | null = null;
    const targets = ctx.targets.map((t) => {
      const s = series.get(t.code) ?? [];
      const evals = evaluateTarget(ctx, t, s);
      const statusOf = new Map(evals.map((e) => [e.period, e.status]));
      const last = evals.at(-1) ?? null;
      if (last && (!month || last.period > month)) month = last.period;
      return {
        ...info(t, owners(t)),
        evaluation: last,
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
      computedAt,
      targets,
      reporting:
        month && district
          ? {
              period: month,
              expected: district.expected,
              reported: district.reported,
              onTime: district.onTime,
            }
          : null,
    };
  }

  async function targetDetail(
    districtId: string,
    code: string,
    monthParam: Period | undefined,
    publicView: boolean,
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
    const month = monthParam ?? evaluations.at(-1)?.period ?? null;
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
    const valueIn = (dimension: string) =>
      new Map(
        rows.filter((r) => r.dimension === dimension).map((r) => [r.month.slice(0, 7), Number(r.value)]),
      );
    const exits = valueIn(changeDimensions.exits);
    const net = valueIn(changeDimensions.net);
    const enterpriseChanges =
      t.formula.kind === 'newEnterprises'
        ? total.map((p) => ({
            month: p.period,
            entries: p.value ?? 0,
            exits: exits.get(p.period) ?? 0,
            net: net.get(p.period) ?? 0,
          }))
        : null;
    return {
      target: info(t, owners(t)),
      month,
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

  const staff = (req: FastifyRequest): SessionUser => {
    const user = requireUser(req);
    if (user.role === 'enterprise') throw forbidden();
    return user;
  };

  app.get(
    '/api/monitoring/overview',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Every target: value, progress, status, projection and monthly series',
        response: { 200: overviewSchema, 401: errorBodySchema },
      },
    },
    async (req, reply) => {
      const districtId = requireUser(req).districtId;
      const run = await runKey(districtId);
      if (notModified(req, reply, run.id, false)) return reply;
      return overview(districtId, run);
    },
  );

  app.get(
    '/api/public/overview',
    {
      schema: {
        tags: ['public'],
        summary: 'The public, read-only overview: district-level figures only',
        response: { 200: overviewSchema },
      },
    },
    async (req, reply) => {
      const run = await runKey(req.districtId);
      if (notModified(req, reply, run.id, true)) return reply;
      return overview(req.districtId, run);
    },
  );

  app.get(
    '/api/monitoring/targets/:code',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "One target: every month's evaluation, breakdowns by subdistrict, field and size, and revisions",
        params: targetParamsSchema,
        querystring: targetQuerySchema,
        response: { 200: targetDetailSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => {
      const districtId = requireUser(req).districtId;
      const run = await runKey(districtId);
      if (notModified(req, reply, run.id, false)) return reply;
      return targetPage(districtId, run, req.params.code, req.query.month, false);
    },
  );

  app.get(
    '/api/public/targets/:code',
    {
      schema: {
        tags: ['public'],
        summary: 'One target for the public: small groups withheld, no drill-down',
        params: targetParamsSchema,
        querystring: targetQuerySchema,
        response: { 200: targetDetailSchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => {
      const run = await runKey(req.districtId);
      if (notModified(req, reply, run.id, true)) return reply;
      return targetPage(req.districtId, run, req.params.code, req.query.month, true);
    },
  );

  app.get(
    '/api/monitoring/targets/:code/contributors',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "The enterprises behind a target's value in a month (drill-down), largest contribution first",
        params: targetParamsSchema,
        querystring: contributorsQuerySchema,
        response: {
          200: contributorsPageSchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (req) => {
      const user = staff(req);
      const { ctx } = await context(user.districtId);
      const t = ctx.targets.find((x) => x.code === req.params.code);
      if (!t) throw notFound('目标');
      if (t.formula.kind === 'manual') return { items: [], total: 0, page: 1, pageSize: req.query.pageSize };
      return contributors(db, ctx, t, {
        ...req.query,
        onlySubdistrictId: user.role === 'subdistrict' ? user.unitId : null,
      });
    },
  );

  app.get(
    '/api/monitoring/targets/:code/manual-values',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Values departments entered for a target, with source and date',
        params: targetParamsSchema,
        response: { 200: manualValueListSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (req) => {
      const user = staff(req);
      const list = await manualValuesOf(db, user.districtId, req.params.code);
      return {
        items: list.map((v) => ({
          id: v.id,
          targetCode: v.targetCode,
          asOf: v.asOf,
          value: Number(v.value),
          source: v.source,
          note: v.note,
          enteredAt: new Date(v.enteredAt).toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/monitoring/targets/:code/manual-values',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "Enter a department's value: the value of a manual target, or an official figure beside a computed one",
        params: targetParamsSchema,
        body: manualValueBodySchema,
        response: {
          201: manualValueSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (user.role !== 'admin' && user.role !== 'department') throw forbidden();
      const { ctx } = await context(user.districtId);
      const t = ctx.targets.find((x) => x.code === req.params.code);
      if (!t) throw notFound('目标');
      if (isMilestone(t) && req.body.value !== 0 && req.body.value !== 1) {
        throw invalid('value', '里程碑目标的值只能为 0（未达成）或 1（已达成）');
      }
      // For a computed target the value is a department's official figure (e.g. the statistics bureau's), kept beside
      // the computed one for comparison; for a manual target it is the value itself.
      const row = await addManualValue(db, actorOf(user), {
        targetCode: t.code,
        ...req.body,
        unitId: user.unitId,
      });
      return reply.status(201).send({
        id: row.id,
        targetCode: row.targetCode,
        asOf: row.asOf,
        value: Number(row.value),
        source: row.source,
        note: row.note,
        enteredAt: new Date(row.enteredAt).toISOString(),
      });
    },
  );

  app.post(
    '/api/monitoring/recompute',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Recompute facts, results and snapshots now (administrators; the monthly job does this on schedule)',
        response: {
          200: recomputeResultSchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (user.role !== 'admin') throw forbidden();
      const summary = await recompute(db, user.districtId, now(), actorOf(user));
      if (!summary) throw notFound('计划');
      // The run committed with its `monitoring.recomputed` event; delivering it here, after the commit, means the
      // answer comes once alerts are sent and policies evaluated, as an administrator pressing the button expects.
      // A delivery that fails (or that a job runner holds) is retried by the runner; the answer does not wait for it.
      await deps.events?.drain({ districtId: user.districtId });
      return summary;
    },
  );
}

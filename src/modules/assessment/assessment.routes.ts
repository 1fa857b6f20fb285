// HTTP for the annual assessment: the scheme (get, save, generate the example), bonus items, scorecards with their
// breakdown, rankings, closing a year and revising it, the scorecards .xlsx and the monthly bulletin .docx. Thin:
// parse, check with the policy, call the store.
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { attachment, sendXlsx } from '../../platform/http/files.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { idSchema } from '../../platform/http/common.contract.ts';
import { actorOf, allowedBy } from '../../platform/auth/principal.ts';
import { audit, exportEvent } from '../../platform/audit/audit.ts';
import { DOCX_TYPE } from '../../platform/files/official-document.ts';
import type { Period } from '../../platform/time/period.ts';
import { can } from './assessment.policy.ts';
import {
  bonusInputSchema,
  bonusSchema,
  bulletinQuerySchema,
  closeAnswerSchema,
  periodQuerySchema,
  rankingSchema,
  schemeInputSchema,
  schemeSchema,
  scorecardAnswerSchema,
  scorecardSchema,
  yearParams,
  type ScorecardView,
} from './assessment.contract.ts';
import {
  addBonus,
  generateDefaultScheme,
  saveScheme,
  schemeOr404,
  type RankGroup,
} from './assessment.store.ts';
import { closeYear, periodScores, reviseYear } from './assessment.years.store.ts';
import { bulletinDocx } from './assessment.bulletin.ts';

export interface AssessmentRouteDeps {
  db: Db;
  now: () => Date;
}

const tags = ['assessment'];
const allowed = allowedBy(can);

export function registerAssessmentRoutes(app: TypedApp, { db, now }: AssessmentRouteDeps): void {
  app.get(
    '/api/assessment/schemes/:year',
    {
      schema: {
        tags,
        summary:
          "A year's assessment scheme (考核方案): indicators, points, methods, feeds, the units they apply to",
        params: yearParams,
        response: { 200: schemeSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'readScheme');
      return schemeOr404(db, user.districtId, req.params.year);
    },
  );

  app.put(
    '/api/assessment/schemes/:year',
    {
      schema: {
        tags,
        summary:
          "Save a year's scheme (the plan office); validated: points ≥ 0, methods valid, targets and tasks known",
        params: yearParams,
        body: schemeInputSchema,
        response: { 200: schemeSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'editScheme');
      return saveScheme(db, actorOf(user), req.params.year, req.body, now());
    },
  );

  app.post(
    '/api/assessment/schemes/:year/default',
    {
      schema: {
        tags,
        summary:
          "Create the example scheme (示例方案) derived from the plan's targets and tasks (the plan office)",
        params: yearParams,
        response: { 201: schemeSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'editScheme');
      return reply.code(201).send(await generateDefaultScheme(db, actorOf(user), req.params.year, now()));
    },
  );

  app.post(
    '/api/assessment/bonuses',
    {
      schema: {
        tags,
        summary:
          'Enter a bonus item (加分事项) for a unit, counted by a bonusItems indicator (the plan office)',
        body: bonusInputSchema,
        response: { 201: bonusSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'editScheme');
      const scheme = await schemeOr404(db, user.districtId, Number(req.body.month.slice(0, 4)));
      const ind = scheme.indicators.find((i) => i.code === req.body.indicatorCode);
      if (!ind || ind.feed.kind !== 'bonusItems') throw notFound(`加分指标 ${req.body.indicatorCode}`);
      const row = await addBonus(db, actorOf(user), req.body);
      return reply.code(201).send({
        id: row.id,
        unitId: row.unitId,
        indicatorCode: row.indicatorCode,
        month: row.month,
        title: row.title,
        enteredBy: row.enteredBy,
      });
    },
  );

  const cardsOf = (groups: Record<RankGroup, ScorecardView[]>) => [...groups.units, ...groups.subdistricts];

  app.get(
    '/api/assessment/scorecards',
    {
      schema: {
        tags,
        summary: "The scorecards of a month or a year within the user's reach (a subdistrict: its own)",
        querystring: periodQuerySchema,
        response: {
          200: z.object({
            period: z.string(),
            state: z.enum(['live', 'frozen']),
            items: z.array(scorecardSchema),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      const s = await periodScores(db, user.districtId, req.query.period, now());
      const items = (req.query.group ? s.groups[req.query.group] : cardsOf(s.groups)).filter((c) =>
        can(user, 'read', { unitId: c.unit.id }),
      );
      return { period: req.query.period, state: s.state, items };
    },
  );

  app.get(
    '/api/assessment/scorecards/:unitId',
    {
      schema: {
        tags,
        summary: "One unit's scorecard with the breakdown: every line's reason and the records behind it",
        params: z.object({ unitId: idSchema }),
        querystring: periodQuerySchema,
        response: { 200: scorecardAnswerSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      if (!can(user, 'read', { unitId: req.params.unitId })) throw notFound('考核得分');
      const s = await periodScores(db, user.districtId, req.query.period, now());
      const card = cardsOf(s.groups).find((c) => c.unit.id === req.params.unitId);
      if (!card) throw notFound('考核得分');
      return {
        scheme: {
          year: s.scheme.year,
          title: s.scheme.title,
          example: s.scheme.example,
          closed: !!s.scheme.closedAt,
        },
        period: req.query.period,
        state: s.state,
        card,
        revisions: s.revisions.flatMap((r) => {
          const c = cardsOf(r.groups).find((x) => x.unit.id === req.params.unitId);
          return c ? [{ revision: r.revision, computedAt: r.computedAt, reason: r.reason, card: c }] : [];
        }),
      };
    },
  );

  app.get(
    '/api/assessment/ranking',
    {
      schema: {
        tags,
        summary:
          'The ranking (赛马比拼) of units or of subdistricts for a month or a year; a closed year shows 修订 beside',
        querystring: periodQuerySchema,
        response: { 200: rankingSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      allowed(req, 'rank');
      const group = req.query.group ?? 'units';
      const s = await periodScores(db, req.user!.districtId, req.query.period, now());
      const latest = s.revisions.at(-1);
      return {
        period: req.query.period,
        group,
        state: s.state,
        rows: s.groups[group].map((c) => {
          const r = latest?.groups[group].find((x) => x.unit.id === c.unit.id);
          return {
            place: c.place,
            unit: c.unit,
            totalCenti: c.totalCenti,
            total: c.total,
            maxCenti: c.maxCenti,
            revised:
              latest && r && (r.totalCenti !== c.totalCenti || r.place !== c.place)
                ? { revision: latest.revision, total: r.total, place: r.place }
                : null,
          };
        }),
      };
    },
  );

  app.post(
    '/api/assessment/years/:year/close',
    {
      schema: {
        tags,
        summary: 'Close a year (the plan office): its scores are computed and frozen as revision 1',
        params: yearParams,
        response: { 200: closeAnswerSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'close');
      return closeYear(db, actorOf(user), req.params.year, now());
    },
  );

  app.post(
    '/api/assessment/years/:year/recompute',
    {
      schema: {
        tags,
        summary:
          'Recompute a closed year (the plan office): a revision beside the frozen scores when anything changed, never an overwrite',
        params: yearParams,
        body: z.object({ reason: z.string().trim().min(1, '请填写修订原因').max(300) }),
        response: { 200: closeAnswerSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'close');
      return reviseYear(db, actorOf(user), req.params.year, req.body.reason, now());
    },
  );

  app.get(
    '/api/assessment/export',
    {
      schema: {
        tags,
        summary:
          'The scorecards of a month or a year as .xlsx: a ranking sheet and every line with its reason',
        querystring: periodQuerySchema,
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'export');
      const s = await periodScores(db, user.districtId, req.query.period, now());
      const cards = cardsOf(s.groups);
      await audit(
        db,
        actorOf(user),
        exportEvent('assessmentScorecards', { period: req.query.period }, cards.length),
      );
      return sendXlsx(reply, `考核得分-${req.query.period}.xlsx`, async (wb) => {
        const rank = wb.addWorksheet('排名');
        rank.columns = [
          { header: '组别', key: 'group', width: 14 },
          { header: '名次', key: 'place', width: 8 },
          { header: '单位', key: 'unit', width: 28 },
          { header: '得分', key: 'total', width: 10 },
          { header: '满分', key: 'max', width: 10 },
        ];
        for (const g of ['units', 'subdistricts'] as const)
          for (const c of s.groups[g])
            rank
              .addRow({
                group: g === 'units' ? '区级部门' : '镇街',
                place: c.place,
                unit: c.unit.name,
                total: c.totalCenti / 100,
                max: c.maxCenti / 100,
              })
              .commit();
        rank.commit();
        const lines = wb.addWorksheet('得分明细');
        lines.columns = [
          { header: '单位', key: 'unit', width: 28 },
          { header: '指标代码', key: 'code', width: 18 },
          { header: '指标', key: 'name', width: 36 },
          { header: '得分', key: 'points', width: 10 },
          { header: '满分', key: 'max', width: 10 },
          { header: '计分说明', key: 'reason', width: 60 },
          { header: '依据记录', key: 'records', width: 80 },
        ];
        for (const c of cards)
          for (const l of c.lines)
            lines
              .addRow({
                unit: c.unit.name,
                code: l.code,
                name: l.name,
                points: l.centi / 100,
                max: l.maxCenti / 100,
                reason: l.reason,
                records: l.records.map((r) => (r.value ? `${r.label}：${r.value}` : r.label)).join('\n'),
              })
              .commit();
      });
    },
  );

  app.get(
    '/api/assessment/bulletin',
    {
      schema: {
        tags,
        summary:
          "The month's bulletin (讲评通报) as a .docx 公文 (GB/T 9704), from the month's stored snapshots",
        querystring: bulletinQuerySchema,
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'bulletin');
      const month = req.query.month as Period;
      const buffer = await bulletinDocx(db, user.districtId, month, now());
      await audit(db, actorOf(user), exportEvent('assessmentBulletin', { month }, 1));
      const [y, m] = month.split('-');
      return attachment(reply, `${y}年${Number(m)}月推进情况通报.docx`, DOCX_TYPE).send(buffer);
    },
  );
}

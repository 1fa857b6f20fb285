// HTTP for the plan: the overview (targets, sections, tasks) and one key task. Public: the plan is a public document.
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import {
  planOverviewSchema,
  taskDetailSchema,
  taskParamsSchema,
  type PlanOverview,
} from './plan.contract.ts';
import { loadPlanView } from './plan.store.ts';
import { can } from './plan.policy.ts';

export function registerPlanRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/plan',
    {
      schema: {
        tags: ['plan'],
        summary: "The district's plan: overall targets, sections and key tasks with their units",
        response: { 200: planOverviewSchema, ...errorResponses(404) },
      },
    },
    async (req): Promise<PlanOverview> => {
      if (!can(req.user, 'read')) throw forbidden();
      const view = await loadPlanView(db, req.districtId);
      if (!view) throw notFound('计划');
      const { plan, index, sections, targets, district } = view;
      const units = (ids: string[]) => ids.map((id) => index.unit(id)).filter((u) => u !== undefined);
      const ref = (u: { id: string; code: string; name: string; nameEn: string; kind: string }) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        nameEn: u.nameEn,
        kind: u.kind as 'department',
      });
      const safeguards = plan.safeguards as {
        number: number;
        title: string;
        text: string;
        leadUnits: string[];
        responsibleUnits: string[];
      }[];
      return {
        plan: {
          code: plan.code,
          title: plan.title,
          titleEn: plan.titleEn,
          status: plan.status,
          source: plan.source,
          preamble: plan.preamble,
          goalStatement: plan.goalStatement,
          baselineDate: plan.baselineDate,
          endDate: plan.endDate,
          dataVersion: plan.dataVersion,
          district: { id: district.id, name: district.name, nameEn: district.nameEn },
        },
        targets: targets.map((t) => ({
          code: t.code,
          name: t.name,
          nameEn: t.nameEn,
          goal: t.goal,
          unit: t.unit,
          deadline: t.deadline,
          aim: t.aim as 'increase' | 'level',
          strive: t.strive,
          partOf: t.partOf,
          quote: t.quote,
        })),
        sections: index.sections(sections),
        safeguards: safeguards.map((s) => ({
          number: s.number,
          title: s.title,
          text: s.text,
          leadUnits: units(s.leadUnits).map(ref),
          responsibleUnits: units(s.responsibleUnits).map(ref),
        })),
      };
    },
  );

  app.get(
    '/api/plan/tasks/:number',
    {
      schema: {
        tags: ['plan'],
        summary: 'One key task with its full text, lead units and responsible units',
        params: taskParamsSchema,
        response: { 200: taskDetailSchema, ...errorResponses(404) },
      },
    },
    async (req) => {
      if (!can(req.user, 'read')) throw forbidden();
      const view = await loadPlanView(db, req.districtId);
      const detail = view?.index.taskDetail(req.params.number, view.sections);
      if (!detail) throw notFound(`重点任务 ${req.params.number}`);
      return detail;
    },
  );
}

// Monitoring's lists as .xlsx: a drill-down's contributors and a target's breakdown tables, with the same access as
// the pages (drill-down: government users, a subdistrict user within its own subdistrict; breakdowns: signed-in
// users), audited as exports. Money is written in exact 元 (docs/indicators.md, *Money on screens and in exports*).
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { sendXlsx } from '../../platform/http/files.ts';
import { allowedBy, actorOf } from '../../platform/auth/principal.ts';
import { audit, exportEvent } from '../../platform/audit/audit.ts';
import { roundHalfAway } from '../../platform/decimal.ts';
import { breakdownDimensions, contributorsQuerySchema, targetParamsSchema } from './monitoring.contract.ts';
import { periodSchema } from '../../platform/time/period.ts';
import type { MonitoringViews } from './monitoring.views.ts';
import { can, drillDownSubdistrict, type MonitoringAction } from './monitoring.policy.ts';

const allowed = allowedBy<MonitoringAction>(can);

/** The most rows one export writes: a district's whole registry fits many times over. */
export const EXPORT_ROW_LIMIT = 100_000;

const statusZh: Record<string, string> = { active: '在营', movedOut: '迁出', closed: '注销' };
const dimensionZh: Record<(typeof breakdownDimensions)[number], string> = {
  subdistrict: '镇街',
  field: '领域',
  sizeBand: '规模',
};

/**
 * How a target's values go into a spreadsheet: a money target (亿元) and a share's drill-down (its numerator, in
 * 亿元) in exact 元, anything else in the target's own unit as the page shows it.
 */
export function exportValue(value: number | null, unit: string): { header: string; value: number | null } {
  if (unit === '亿元')
    return { header: '元', value: value === null ? null : Number(roundHalfAway(value, 0, 8)) };
  return { header: unit, value };
}

const contributorsExportQuery = contributorsQuerySchema.omit({ page: true, pageSize: true });
const breakdownsExportQuery = z.object({ month: periodSchema.optional() });

export function registerMonitoringExports(
  app: TypedApp,
  { db, views, now }: { db: Db; views: MonitoringViews; now: () => Date },
): void {
  app.get(
    '/api/monitoring/targets/:code/contributors/export',
    {
      schema: {
        tags: ['monitoring'],
        summary: "A drill-down's contributors as .xlsx (the whole list, largest contribution first)",
        params: targetParamsSchema,
        querystring: contributorsExportQuery,
        response: errorResponses(401, 403, 404),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'drillDown');
      const { code } = req.params;
      const run = await views.runKey(user.districtId);
      const closed = await views.closedMonth(user.districtId, now());
      // 404 for an unknown target before the download starts
      const detail = await views.targetPage(user.districtId, run, code, req.query.month, false, closed);
      const page = await views.contributorsPage(
        user.districtId,
        code,
        { ...req.query, page: 1, pageSize: EXPORT_ROW_LIMIT },
        drillDownSubdistrict(user),
      );
      // A share's drill-down lists each firm's numerator (software product revenue), in 亿元.
      const unit = detail.target.formulaKind === 'flowRatio' ? '亿元' : detail.target.unit;
      const header = exportValue(0, unit).header;
      await audit(
        db,
        actorOf(user),
        exportEvent('monitoringContributors', { code, ...req.query }, page.items.length),
      );
      return sendXlsx(reply, `${detail.target.name}-贡献企业-${req.query.month}.xlsx`, async (wb) => {
        const sheet = wb.addWorksheet(`${req.query.month} 贡献企业`);
        sheet.columns = [
          { header: '统一社会信用代码', key: 'uscc', width: 22 },
          { header: '企业名称', key: 'name', width: 36 },
          { header: '镇街', key: 'subdistrict', width: 14 },
          { header: `贡献值（${header}）`, key: 'value', width: 18 },
          { header: '企业状态', key: 'status', width: 10 },
        ];
        for (const r of page.items)
          sheet
            .addRow({
              uscc: r.uscc,
              name: r.name,
              subdistrict: r.subdistrict.name,
              value: exportValue(r.value, unit).value,
              status: statusZh[r.status] ?? r.status,
            })
            .commit();
      });
    },
  );

  app.get(
    '/api/monitoring/targets/:code/breakdowns/export',
    {
      schema: {
        tags: ['monitoring'],
        summary: "A target's breakdown tables (by subdistrict, field and size band) for a month as .xlsx",
        params: targetParamsSchema,
        querystring: breakdownsExportQuery,
        response: errorResponses(401, 404),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'view');
      const run = await views.runKey(user.districtId);
      const closed = await views.closedMonth(user.districtId, now());
      const d = await views.targetPage(user.districtId, run, req.params.code, req.query.month, false, closed);
      const month = d.month ?? '';
      const header = exportValue(0, d.target.unit).header;
      const rowCount = breakdownDimensions.reduce((n, dim) => n + d.breakdowns[dim].length, 0);
      await audit(
        db,
        actorOf(user),
        exportEvent('monitoringBreakdowns', { code: req.params.code, month }, rowCount),
      );
      return sendXlsx(reply, `${d.target.name}-分项构成-${month}.xlsx`, async (wb) => {
        for (const dim of breakdownDimensions) {
          const sheet = wb.addWorksheet(`按${dimensionZh[dim]}`);
          sheet.columns = [
            { header: dimensionZh[dim], key: 'label', width: 24 },
            { header: `${d.target.name}（${header}）`, key: 'value', width: 22 },
            { header: '有数据企业数', key: 'contributors', width: 14 },
          ];
          for (const r of d.breakdowns[dim])
            sheet
              .addRow({
                label: r.label,
                value: exportValue(r.value, d.target.unit).value,
                contributors: r.contributors,
              })
              .commit();
          sheet.commit();
        }
      });
    },
  );
}

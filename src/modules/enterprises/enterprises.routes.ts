// HTTP for the enterprise registry: list, read, create, edit, import, template, export, buildings, audit trail.
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { attachment, receiveUpload, sendXlsx, XLSX_TYPE } from '../../platform/http/files.ts';
import { errorBodySchema, idSchema } from '../../platform/http/common.contract.ts';
import { actorOf, requireUser } from '../../platform/auth/principal.ts';
import { audit, exportEvent } from '../../platform/audit/audit.ts';
import {
  buildingListSchema,
  enterpriseInputSchema,
  enterpriseListQuerySchema,
  enterprisePageSchema,
  enterpriseSchema,
  importFailureSchema,
  importResultSchema,
  templateQuerySchema,
  type EnterpriseValues,
} from './enterprises.contract.ts';
import { can, enterpriseScope, selfEditableKeys, writeDecision } from './enterprises.policy.ts';
import {
  createEnterprise,
  findEnterpriseRow,
  getEnterprise,
  importLookups,
  iterateEnterprises,
  listBuildings,
  listEnterprises,
  updateEnterprise,
  upsertEnterprises,
} from './enterprises.store.ts';
import {
  templateCsv,
  templateWorkbook,
  validateRows,
  MAX_IMPORT_ROWS,
  MAX_REPORTED_ERRORS,
} from './enterprises.import.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet.ts';
import { importGate } from '../../platform/files/gate.ts';
import { fields, honourKinds } from './fields.ts';

const idParams = z.object({ id: idSchema });
const statusZh = { active: '在营', movedOut: '已迁出', closed: '已注销' } as const;

export function registerEnterpriseRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Search the registry (filtered, paginated; limited to what the user may see)',
        querystring: enterpriseListQuerySchema,
        response: { 200: enterprisePageSchema, 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (!can(user, 'list')) throw forbidden();
      return listEnterprises(db, user.districtId, enterpriseScope(user), req.query);
    },
  );

  app.get(
    '/api/enterprises/export',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'The filtered registry as an .xlsx file',
        querystring: enterpriseListQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (!can(user, 'export')) throw forbidden();
      const fieldZh = new Map<string, string>(fields.map((f) => [f.code, f.zh]));
      const honourZh = new Map<string, string>(honourKinds.map((h) => [h.code, h.zh]));
      const query = { ...req.query, page: 1, pageSize: 1 };
      return sendXlsx(reply, '企业名录.xlsx', async (wb) => {
        const sheet = wb.addWorksheet('企业名录');
        sheet.columns = [
          { header: '统一社会信用代码', key: 'uscc', width: 22 },
          { header: '企业名称', key: 'name', width: 36 },
          { header: '注册日期', key: 'registrationDate', width: 12 },
          { header: '所属镇街', key: 'subdistrict', width: 14 },
          { header: '所在楼宇', key: 'building', width: 24 },
          { header: '重点领域', key: 'fields', width: 30 },
          { header: '规上企业', key: 'aboveScale', width: 8 },
          { header: '经营状态', key: 'status', width: 8 },
          { header: '荣誉', key: 'honours', width: 24 },
        ];
        let count = 0;
        let complete = false;
        try {
          for await (const e of iterateEnterprises(db, user.districtId, enterpriseScope(user), query)) {
            count++;
            sheet
              .addRow({
                uscc: e.uscc,
                name: e.name,
                registrationDate: e.registrationDate,
                subdistrict: e.subdistrict.name,
                building: e.building?.name ?? '',
                fields: e.fields.map((f) => fieldZh.get(f) ?? f).join('、'),
                aboveScale: e.aboveScale ? '是' : '否',
                status: statusZh[e.status],
                honours: e.honourKinds.map((h) => honourZh.get(h) ?? h).join('、'),
              })
              .commit();
          }
          complete = true;
        } finally {
          // Recorded before the file is closed, so a download the client received is always on record, a broken
          // one with the rows that had left.
          await audit(db, actorOf(user), {
            ...exportEvent('enterprises', req.query, count),
            ...(complete ? {} : { note: 'incomplete' }),
          });
        }
      });
    },
  );

  app.get(
    '/api/enterprises/import/template',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'The import template (.xlsx or .csv)',
        querystring: templateQuerySchema,
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (!can(user, 'import')) throw forbidden();
      // The template carries no enterprise rows, but every download is on record (filter: the format asked for).
      await audit(db, actorOf(user), exportEvent('enterpriseTemplate', req.query, 0));
      if (req.query.format === 'csv') {
        return attachment(reply, '企业导入模板.csv', 'text/csv; charset=utf-8').send(templateCsv());
      }
      const lookups = await importLookups(db, user.districtId);
      const wb = await templateWorkbook(
        lookups.subdistricts.map((s) => s.name),
        lookups.buildings.map((b) => b.name),
      );
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      return attachment(reply, '企业导入模板.xlsx', XLSX_TYPE).send(buffer);
    },
  );

  app.post(
    '/api/enterprises/import',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Import enterprises from .xlsx/.csv: all rows land, or none and a report of every bad cell',
        consumes: ['multipart/form-data'],
        response: {
          200: importResultSchema,
          422: importFailureSchema,
          400: errorBodySchema,
          413: errorBodySchema,
          415: errorBodySchema,
          503: errorBodySchema,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (!can(user, 'import')) throw forbidden();
      const upload = await receiveUpload(req);
      try {
        return await importGate.run(async () => {
          const lookups = await importLookups(db, user.districtId);
          const buildingIdByNameOrCode = new Map<string, { id: string; subdistrictId: string }>();
          for (const b of lookups.buildings) {
            buildingIdByNameOrCode.set(b.name, b);
            buildingIdByNameOrCode.set(b.code, b);
          }
          const { values, errors, errorCount } = await validateRows(
            readSpreadsheet(upload, { maxRows: MAX_IMPORT_ROWS }),
            {
              subdistrictIdByName: new Map(
                lookups.subdistricts.flatMap((s) => [
                  [s.name, s.id],
                  [s.code, s.id],
                ]),
              ),
              buildingIdByNameOrCode,
            },
          );
          if (values.length === 0 && errorCount === 0)
            throw new AppError('VALIDATION', '文件中没有数据行', [{ path: 'file', message: '没有数据行' }]);
          return await upsertEnterprises(db, actorOf(user), values, {
            // Each row is decided as a single create or edit of it would be.
            decide: (before, after) => {
              const refusal = writeDecision(user, before, {
                id: before?.id ?? '',
                subdistrictId: after.subdistrictId,
              });
              if (refusal === 'notFound')
                return { column: '统一社会信用代码', reason: '无权修改该企业或企业不存在' };
              if (refusal === 'forbidden') return { column: '统一社会信用代码', reason: '无权修改该企业' };
              if (refusal === 'outOfScope') return { column: '所属镇街', reason: '只能导入本镇街的企业' };
              return null;
            },
            priorErrors: errors,
            priorErrorCount: errorCount,
            maxListedErrors: MAX_REPORTED_ERRORS,
          });
        });
      } finally {
        await upload.cleanup();
      }
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'One enterprise with its honours',
        params: idParams,
        response: { 200: enterpriseSchema, 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await findEnterpriseRow(db, user.districtId, req.params.id);
      // Out of scope looks the same as absent: no hint that another enterprise exists.
      if (!row || !can(user, 'read', row)) throw notFound('企业');
      return (await getEnterprise(db, user.districtId, row.id))!;
    },
  );

  app.post(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Register an enterprise',
        body: enterpriseInputSchema,
        response: { 201: enterpriseSchema, 400: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (!can(user, 'create')) throw forbidden();
      if (writeDecision(user, undefined, { id: '', subdistrictId: req.body.subdistrictId })) {
        throw new AppError('FORBIDDEN', '只能登记本镇街的企业', [
          { path: 'subdistrictId', message: '只能选择本镇街' },
        ]);
      }
      const id = await createEnterprise(db, actorOf(user), req.body);
      return reply.status(201).send((await getEnterprise(db, user.districtId, id))!);
    },
  );

  app.put(
    '/api/enterprises/:id',
    {
      schema: {
        tags: ['enterprises'],
        summary:
          'Edit an enterprise (an enterprise user may change only its address, building, fields and contact)',
        params: idParams,
        body: enterpriseInputSchema,
        response: {
          200: enterpriseSchema,
          400: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await findEnterpriseRow(db, user.districtId, req.params.id);
      const body: EnterpriseValues = req.body;
      const refusal = row
        ? writeDecision(user, row, { id: row.id, subdistrictId: body.subdistrictId })
        : 'notFound';
      if (!row || refusal === 'notFound') throw notFound('企业');
      if (refusal === 'forbidden') throw forbidden();
      if (refusal === 'outOfScope') {
        throw new AppError('FORBIDDEN', '不能把企业移出本镇街', [
          { path: 'subdistrictId', message: '只能选择本镇街' },
        ]);
      }
      if (user.role === 'enterprise') {
        const current = (await getEnterprise(db, user.districtId, row.id))!;
        const locked = {
          uscc: current.uscc,
          name: current.name,
          registrationDate: current.registrationDate,
          subdistrictId: current.subdistrict.id,
          aboveScale: current.aboveScale,
          status: current.status,
          settledOn: current.settledOn,
          leftOn: current.leftOn,
          honours: current.honours,
        };
        // A null settledOn means "the registration date", as it is stored.
        const asStored = { ...body, settledOn: body.settledOn ?? body.registrationDate };
        const changed = Object.entries(locked)
          .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(asStored[k as keyof EnterpriseValues]))
          .map(([k]) => k);
        if (changed.length) {
          throw new AppError(
            'FORBIDDEN',
            `企业用户只能修改：${selfEditableKeys.join(', ')}`,
            changed.map((path) => ({ path, message: '此项由政府部门维护' })),
          );
        }
      }
      await updateEnterprise(db, actorOf(user), row.id, body);
      return (await getEnterprise(db, user.districtId, row.id))!;
    },
  );

  app.get(
    '/api/buildings',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Buildings and parks, optionally of one subdistrict',
        querystring: z.object({ subdistrictId: idSchema.optional() }),
        response: { 200: buildingListSchema, 401: errorBodySchema },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { items: await listBuildings(db, user.districtId, req.query.subdistrictId) };
    },
  );
}

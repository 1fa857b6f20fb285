// HTTP for the enterprise registry: list, read, create, edit, import, template, export, buildings, audit trail.
import { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { attachment, receiveUpload, sendXlsx, XLSX_TYPE } from '../../platform/http/files.ts';
import { idSchema } from '../../platform/http/common.contract.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { allowedBy, actorOf, requireUser } from '../../platform/auth/principal.ts';
import { loadOr404 } from '../../platform/auth/scope.ts';
import { audit, exportEvent } from '../../platform/audit/audit.ts';
import { maskPhone } from '../../platform/audit/mask.ts';
import {
  buildingListSchema,
  duplicateUsccErrorSchema,
  enterpriseImportQuerySchema,
  enterpriseInputSchema,
  enterpriseListQuerySchema,
  enterpriseContactSchema,
  enterprisePageSchema,
  enterpriseSchema,
  importFailureSchema,
  importResultSchema,
  templateQuerySchema,
  type Enterprise,
  type EnterpriseValues,
} from './enterprises.contract.ts';
import {
  can,
  editsOnlySelfEditableKeys,
  enterpriseScope,
  seesContactInFull,
  selfEditableKeys,
  writeDecision,
} from './enterprises.policy.ts';
import { lockedChanges } from './enterprises.ts';
import {
  createEnterprise,
  DuplicateUsccError,
  findEnterpriseRow,
  getEnterprise,
  iterateEnterpriseRecords,
  listBuildings,
  listEnterprises,
  updateEnterprise,
} from './enterprises.store.ts';
import {
  exportColumns,
  exportRow,
  importRegistry,
  sheetNames,
  templateCsv,
  districtTemplateWorkbook,
  MAX_IMPORT_ROWS,
} from './enterprises.import.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet.ts';
import { importGate } from '../../platform/files/gate.ts';

/**
 * A duplicate USCC answered with the existing record's id when the caller may read that record (the form links to
 * it), and without it otherwise: no hint at which enterprise outside the caller's reach holds the code.
 */
const pointToHolder =
  (user: SessionUser) =>
  (err: unknown): never => {
    if (err instanceof DuplicateUsccError && can(user, 'read', err.holder)) {
      throw new AppError('CONFLICT', err.message, err.fields, { existingId: err.holder.id });
    }
    throw err;
  };

const allowed = allowedBy(can);

/** An enterprise as `user` is shown it: staff see the contact phone masked (docs/security.md, personal data). */
const shown = (user: SessionUser, e: Enterprise): Enterprise =>
  seesContactInFull(user) ? e : { ...e, contactPhone: maskPhone(e.contactPhone) };

export function registerEnterpriseRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Search the registry (filtered, paginated; limited to what the user may see)',
        querystring: enterpriseListQuerySchema,
        response: { 200: enterprisePageSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'list');
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
      const user = allowed(req, 'export');
      const query = { ...req.query, page: 1, pageSize: 1 };
      return sendXlsx(reply, '企业名录.xlsx', async (wb) => {
        const sheet = wb.addWorksheet('企业名录');
        sheet.columns = exportColumns;
        const names = await sheetNames(db, user.districtId);
        let count = 0;
        let complete = false;
        try {
          for await (const e of iterateEnterpriseRecords(db, user.districtId, enterpriseScope(user), query)) {
            count++;
            sheet.addRow(exportRow(e, names)).commit();
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
      const user = allowed(req, 'import');
      // The template carries no enterprise rows, but every download is on record (filter: the format asked for).
      await audit(db, actorOf(user), exportEvent('enterpriseTemplate', req.query, 0));
      if (req.query.format === 'csv') {
        return attachment(reply, '企业导入模板.csv', 'text/csv; charset=utf-8').send(templateCsv());
      }
      const wb = await districtTemplateWorkbook(db, user.districtId);
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      return attachment(reply, '企业导入模板.xlsx', XLSX_TYPE).send(buffer);
    },
  );

  app.post(
    '/api/enterprises/import',
    {
      schema: {
        tags: ['enterprises'],
        summary:
          'Import enterprises from .xlsx/.csv: all rows land, or none and a report of every bad cell; an empty cell keeps the registered value; ?preview=true writes nothing and says what would change',
        consumes: ['multipart/form-data'],
        querystring: enterpriseImportQuerySchema,
        response: {
          200: importResultSchema,
          422: importFailureSchema,
          ...errorResponses(400, 413, 415, 503),
        },
      },
    },
    async (req) => {
      const user = allowed(req, 'import');
      const upload = await receiveUpload(req);
      try {
        return await importGate.run(async () => {
          const source = readSpreadsheet(upload, { maxRows: MAX_IMPORT_ROWS });
          return await importRegistry(
            db,
            actorOf(user),
            source,
            // Each row is decided as a single create or edit of it would be.
            (before, after) => {
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
            { preview: req.query.preview },
          );
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
        response: { 200: enterpriseSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      // Out of scope looks the same as absent: no hint that another enterprise exists.
      const row = await loadOr404(
        () => findEnterpriseRow(db, user.districtId, req.params.id),
        (r) => can(user, 'read', r),
        '企业',
      );
      return shown(user, (await getEnterprise(db, user.districtId, row.id))!);
    },
  );

  app.get(
    '/api/enterprises/:id/contact',
    {
      schema: {
        tags: ['enterprises'],
        summary:
          "The enterprise's contact in full (staff see the phone masked elsewhere); each read is audited",
        params: idParams,
        response: { 200: enterpriseContactSchema, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const row = await loadOr404(
        () => findEnterpriseRow(db, user.districtId, req.params.id),
        (r) => can(user, 'read', r),
        '企业',
      );
      await audit(db, actorOf(user), {
        action: 'read',
        entity: 'enterpriseContact',
        entityId: row.id,
        note: row.name,
      });
      return { contactPerson: row.contactPerson, contactPhone: row.contactPhone };
    },
  );

  app.post(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Register an enterprise',
        body: enterpriseInputSchema,
        response: { 201: enterpriseSchema, ...errorResponses(400, 403), 409: duplicateUsccErrorSchema },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'create');
      if (writeDecision(user, undefined, { id: '', subdistrictId: req.body.subdistrictId })) {
        throw new AppError('FORBIDDEN', '只能登记本镇街的企业', [
          { path: 'subdistrictId', message: '只能选择本镇街' },
        ]);
      }
      const id = await createEnterprise(db, actorOf(user), req.body).catch(pointToHolder(user));
      return reply.status(201).send(shown(user, (await getEnterprise(db, user.districtId, id))!));
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
        response: { 200: enterpriseSchema, ...errorResponses(400, 403, 404), 409: duplicateUsccErrorSchema },
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
      if (editsOnlySelfEditableKeys(user)) {
        const current = (await getEnterprise(db, user.districtId, row.id))!;
        const changed = lockedChanges(current, body);
        if (changed.length) {
          throw new AppError(
            'FORBIDDEN',
            `企业用户只能修改：${selfEditableKeys.join(', ')}`,
            changed.map((path) => ({ path, message: '此项由政府部门维护' })),
          );
        }
      }
      // A masked phone sent back (staff are shown 138****5678) fails the phone check with 400 on contactPhone: the
      // edit form reads the contact in full first (GET …/contact), so nothing masked is ever stored.
      await updateEnterprise(db, actorOf(user), row.id, body).catch(pointToHolder(user));
      return shown(user, (await getEnterprise(db, user.districtId, row.id))!);
    },
  );

  app.get(
    '/api/buildings',
    {
      schema: {
        tags: ['enterprises'],
        summary: 'Buildings and parks, optionally of one subdistrict',
        querystring: z.object({ subdistrictId: idSchema.optional() }),
        response: { 200: buildingListSchema, ...errorResponses(401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return { items: await listBuildings(db, user.districtId, req.query.subdistrictId) };
    },
  );
}

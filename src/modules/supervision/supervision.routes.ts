// HTTP for 督查督办: the ledger of work items, progress reports (submit, return, accept), attachments, 我的待办, the
// tasks' roll-up, and the ledger's .xlsx export and import. Thin: parse, check with the policy, call the store.
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventDrain } from '../../platform/module.ts';
import { AppError, forbidden, invalid } from '../../platform/http/errors.ts';
import { receiveUpload, sendXlsx } from '../../platform/http/files.ts';
import { readSpreadsheet } from '../../platform/files/spreadsheet.ts';
import { importGate } from '../../platform/files/gate.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { allowedBy, actorOf } from '../../platform/auth/principal.ts';
import { loadOr404 } from '../../platform/auth/scope.ts';
import { audit, exportEvent } from '../../platform/audit/audit.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { importFailureSchema } from '../enterprises/enterprises.contract.ts';
import { can, editScope, readScope } from './supervision.policy.ts';
import {
  attachmentSchema,
  itemDetailSchema,
  itemInputSchema,
  itemListQuerySchema,
  itemPageSchema,
  ledgerImportQuerySchema,
  ledgerImportResultSchema,
  reportBodySchema,
  returnBodySchema,
  rollupSchema,
  todoSchema,
  closeBodySchema,
  issueNoticeBodySchema,
  noticeDetailSchema,
  noticeListQuerySchema,
  noticePageSchema,
  publicTaskColoursSchema,
  respondBodySchema,
} from './supervision.contract.ts';
import { advanceNotice, findNotice, issueByHand, type NoticeRow } from './supervision.notices.ts';
import { colourHistoryOf, listNotices, noticeDetail, noticesOfItem } from './supervision.notices.views.ts';
import {
  allItems,
  createItem,
  findItem,
  itemDetail,
  listItems,
  updateItem,
  type ItemRow,
} from './supervision.store.ts';
import { taskRollup, todo } from './supervision.views.ts';
import {
  addAttachment,
  findAttachment,
  findReport,
  reviewReport,
  submitReport,
} from './supervision.reports.store.ts';
import {
  ATTACHMENT_LIMIT_MIB,
  attachmentView,
  readAttachmentUpload,
  sendAttachment,
} from '../../platform/files/attachments.ts';
import { importLedger, ledgerColumns, ledgerRow, MAX_LEDGER_ROWS } from './supervision.ledger.ts';

export interface SupervisionRouteDeps {
  db: Db;
  now: () => Date;
  /** Delivers pending domain events: returning a report answers once the unit's inbox holds the notice. */
  events?: EventDrain;
}

const tags = ['supervision'];
/** A unit reports an item done (自报已完成); closing it (销号) or cancelling it is the plan office's confirmation. */
const closeRefused = () => invalid('state', '办结（销号）或取消须由计划办确认；请在进展中自报“已完成”');
const allowed = allowedBy(can);

export function registerSupervisionRoutes(app: TypedApp, { db, now, events }: SupervisionRouteDeps): void {
  const editable = (user: SessionUser) => (row: ItemRow) => can(user, 'edit', row);
  /** An item the user may read (else 404, the same as for one that does not exist). */
  const readable = (user: SessionUser, id: string) =>
    loadOr404(
      () => findItem(db, user.districtId, id),
      (row) => can(user, 'read', row),
      '工作举措',
    );
  /** An item the user may edit and report on: someone else's reads as absent. */
  const ownItem = (user: SessionUser, id: string) =>
    loadOr404(
      () => findItem(db, user.districtId, id),
      (row) => can(user, 'edit', row),
      '工作举措',
    );
  /** A report and its item, when the user may read the item. */
  const readableReport = async (user: SessionUser, id: string) => {
    const report = await loadOr404(
      () => findReport(db, user.districtId, id),
      () => true,
      '进展报告',
    );
    const item = await readable(user, report.itemId).catch(() => {
      throw new AppError('NOT_FOUND', '进展报告不存在');
    });
    return { report, item };
  };
  /** What the user may do with a notice in force. */
  const may = (user: SessionUser) => (n: NoticeRow, i: ItemRow) => ({
    acknowledge: n.state === 'issued' && can(user, 'respond', i),
    respond: can(user, 'respond', i),
    close: n.state === 'responded' && can(user, 'notice'),
  });
  const detail = async (user: SessionUser, row: ItemRow) => ({
    ...(await itemDetail(db, user.districtId, row, now(), can(user, 'edit', row))),
    notices: await noticesOfItem(db, user.districtId, row.id, now(), may(user)),
    colourHistory: await colourHistoryOf(db, user.districtId, row.id),
  });
  /** A notice whose item the user may read (else 404). */
  const readableNotice = async (user: SessionUser, id: string) => {
    const notice = await loadOr404(
      () => findNotice(db, user.districtId, id),
      () => true,
      '督办单',
    );
    const item = await readable(user, notice.itemId).catch(() => {
      throw new AppError('NOT_FOUND', '督办单不存在');
    });
    return { notice, item };
  };
  const noticeOf = (user: SessionUser, id: string) => noticeDetail(db, user.districtId, id, now(), may(user));

  app.get(
    '/api/supervision/items',
    {
      schema: {
        tags,
        summary:
          'The ledger (工作台账): work items with their computed colour, filtered by unit, task, colour, state',
        querystring: itemListQuerySchema,
        response: { 200: itemPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      return listItems(db, user.districtId, readScope(user), req.query, now(), editable(user));
    },
  );

  app.post(
    '/api/supervision/items',
    {
      schema: {
        tags,
        summary: "Create a work item (the plan office any unit's, a unit its own)",
        body: itemInputSchema,
        response: { 201: itemDetailSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'edit');
      if (!can(user, 'edit', req.body)) throw forbidden();
      if (req.body.state !== 'open' && !can(user, 'close')) throw closeRefused();
      const id = await createItem(db, actorOf(user), req.body, now());
      const row = (await findItem(db, user.districtId, id))!;
      return reply.code(201).send(await detail(user, row));
    },
  );

  app.get(
    '/api/supervision/items/:id',
    {
      schema: {
        tags,
        summary: 'A work item with its computed status and every version of its reports',
        params: idParams,
        response: { 200: itemDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      return detail(user, await readable(user, req.params.id));
    },
  );

  app.put(
    '/api/supervision/items/:id',
    {
      schema: {
        tags,
        summary:
          'Change a work item (its state too: done, cancelled); the unit may not hand it to another unit',
        params: idParams,
        body: itemInputSchema,
        response: { 200: itemDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'edit');
      const before = await ownItem(user, req.params.id);
      if (!can(user, 'edit', req.body)) throw forbidden();
      if (req.body.state !== before.state && !can(user, 'close')) throw closeRefused();
      await updateItem(db, actorOf(user), req.params.id, req.body, now());
      return detail(user, (await findItem(db, user.districtId, req.params.id))!);
    },
  );

  app.post(
    '/api/supervision/items/:id/reports',
    {
      schema: {
        tags,
        summary:
          "Report progress on one's own item for a period; a second report of the period (or after a return) is a new version",
        params: idParams,
        body: reportBodySchema,
        response: { 201: itemDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'edit');
      const item = await ownItem(user, req.params.id);
      await submitReport(db, actorOf(user), item, req.body, now());
      return reply.code(201).send(await detail(user, (await findItem(db, user.districtId, item.id))!));
    },
  );

  app.post(
    '/api/supervision/reports/:id/return',
    {
      schema: {
        tags,
        summary: 'The plan office returns a report with a reason (退回); the unit resubmits as a new version',
        params: idParams,
        body: returnBodySchema,
        response: { 200: itemDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'review');
      const { item } = await readableReport(user, req.params.id);
      await reviewReport(db, actorOf(user), req.params.id, 'returned', req.body.reason, now());
      await events?.drain({ districtId: user.districtId });
      return detail(user, item);
    },
  );

  app.post(
    '/api/supervision/reports/:id/accept',
    {
      schema: {
        tags,
        summary: 'The plan office accepts a report (确认)',
        params: idParams,
        response: { 200: itemDetailSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'review');
      const { item } = await readableReport(user, req.params.id);
      await reviewReport(db, actorOf(user), req.params.id, 'accepted', null, now());
      return detail(user, item);
    },
  );

  app.post(
    '/api/supervision/reports/:id/attachments',
    {
      schema: {
        tags,
        summary: `Attach a file to a report of one's own item: PDF, images or Office files, at most ${ATTACHMENT_LIMIT_MIB} MiB`,
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'edit');
      const report = await loadOr404(
        () => findReport(db, user.districtId, req.params.id),
        () => true,
        '进展报告',
      );
      await ownItem(user, report.itemId).catch(() => {
        throw new AppError('NOT_FOUND', '进展报告不存在');
      });
      const file = await readAttachmentUpload(req);
      const saved = await addAttachment(db, actorOf(user), report.id, file, now());
      return reply.code(201).send(attachmentView((await findAttachment(db, user.districtId, saved.id))!));
    },
  );

  app.get(
    '/api/supervision/attachments/:id',
    {
      schema: {
        tags,
        summary: "Download a report's attachment (as stored, with its SHA-256)",
        params: idParams,
        response: errorResponses(401, 403, 404),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'read');
      const file = await loadOr404(
        () => findAttachment(db, user.districtId, req.params.id),
        () => true,
        '附件',
      );
      await readableReport(user, file.reportId).catch(() => {
        throw new AppError('NOT_FOUND', '附件不存在');
      });
      return sendAttachment(reply, file);
    },
  );

  app.get(
    '/api/supervision/todo',
    {
      schema: {
        tags,
        summary:
          "我的待办: the signed-in unit's open items due for a report this period, returned, or overdue",
        response: { 200: todoSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'todo');
      return todo(db, user.districtId, editScope(user), now());
    },
  );

  app.get(
    '/api/supervision/rollup',
    {
      schema: {
        tags,
        summary: "Each key task's progress and colour from its work items, weighted",
        response: { 200: rollupSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'rollup');
      return taskRollup(db, user.districtId, now());
    },
  );

  app.get(
    '/api/supervision/ledger/export',
    {
      schema: {
        tags,
        summary:
          "The whole ledger as .xlsx in the offices' template (序号 / 任务 / 举措 / 牵头单位 / 责任单位 / 完成时限 / 进展情况 / 存在问题 / 下步计划)",
        response: errorResponses(401, 403),
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'ledger');
      const items = await allItems(db, user.districtId, { all: true }, now());
      await audit(db, actorOf(user), exportEvent('supervisionLedger', {}, items.length));
      return sendXlsx(reply, '工作台账.xlsx', async (wb) => {
        const sheet = wb.addWorksheet('工作台账');
        sheet.columns = ledgerColumns.map((c) => ({ header: c.zh, key: c.key, width: c.width }));
        for (const { view } of items) sheet.addRow(ledgerRow(view)).commit();
      });
    },
  );

  app.post(
    '/api/supervision/ledger/import',
    {
      schema: {
        tags,
        summary:
          "Import the ledger (.xlsx/.csv in the offices' template): rows with a 序号 update that item, rows without one create items, " +
          'changed 进展情况 / 存在问题 / 下步计划 become a report; all rows land or none, with row, column and reason. ?preview=true writes nothing.',
        querystring: ledgerImportQuerySchema,
        consumes: ['multipart/form-data'],
        response: {
          200: ledgerImportResultSchema,
          ...errorResponses(400, 401, 403, 413, 415, 503),
          422: importFailureSchema,
        },
      },
    },
    async (req) => {
      const user = allowed(req, 'ledger');
      const upload = await receiveUpload(req);
      return importGate
        .run(() =>
          importLedger(db, actorOf(user), readSpreadsheet(upload, { maxRows: MAX_LEDGER_ROWS }), {
            now: now(),
            preview: req.query.preview,
          }),
        )
        .finally(() => upload.cleanup());
    },
  );

  app.get(
    '/api/supervision/notices',
    {
      schema: {
        tags,
        summary:
          '督办单 (supervision notices): filtered by level, state (open = in force), unit and item; a unit sees its own',
        querystring: noticeListQuerySchema,
        response: { 200: noticePageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      return listNotices(db, user.districtId, readScope(user), req.query, now(), may(user));
    },
  );

  app.get(
    '/api/supervision/notices/:id',
    {
      schema: {
        tags,
        summary: 'A 督办单 with every level of its case (blue → yellow → red, each its own record)',
        params: idParams,
        response: { 200: noticeDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      await readableNotice(user, req.params.id);
      return noticeOf(user, req.params.id);
    },
  );

  app.post(
    '/api/supervision/items/:id/notices',
    {
      schema: {
        tags,
        summary:
          'The plan office issues a 督办单 by hand: blue for an item without one in force, else the next level',
        params: idParams,
        body: issueNoticeBodySchema,
        response: { 201: noticeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'notice');
      const item = await readable(user, req.params.id);
      const id = await issueByHand(db, actorOf(user), item, req.body, now());
      await events?.drain({ districtId: user.districtId });
      return reply.code(201).send(await noticeOf(user, id));
    },
  );

  /** 签收 / 整改情况: the owning unit's users, on a notice of their own item (someone else's reads as absent). */
  const unitStep = async (user: SessionUser, id: string) => {
    const { notice, item } = await readableNotice(user, id);
    if (!can(user, 'respond', item)) throw new AppError('NOT_FOUND', '督办单不存在');
    return notice;
  };

  app.post(
    '/api/supervision/notices/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'The owning unit acknowledges a 督办单 (签收)',
        params: idParams,
        response: { 200: noticeDetailSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'respond');
      await unitStep(user, req.params.id);
      await advanceNotice(db, actorOf(user), req.params.id, 'acknowledge', null, now());
      return noticeOf(user, req.params.id);
    },
  );

  app.post(
    '/api/supervision/notices/:id/respond',
    {
      schema: {
        tags,
        summary:
          'The owning unit answers a 督办单 with its remediation (整改情况); the plan office hears of it',
        params: idParams,
        body: respondBodySchema,
        response: { 200: noticeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'respond');
      await unitStep(user, req.params.id);
      await advanceNotice(db, actorOf(user), req.params.id, 'respond', req.body.remediation, now());
      await events?.drain({ districtId: user.districtId });
      return noticeOf(user, req.params.id);
    },
  );

  app.post(
    '/api/supervision/notices/:id/close',
    {
      schema: {
        tags,
        summary: "The plan office closes a 督办单 out (销号) once the unit's remediation is in",
        params: idParams,
        body: closeBodySchema,
        response: { 200: noticeDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'notice');
      await readableNotice(user, req.params.id);
      await advanceNotice(db, actorOf(user), req.params.id, 'close', req.body.note, now());
      await events?.drain({ districtId: user.districtId });
      return noticeOf(user, req.params.id);
    },
  );

  app.get(
    '/api/public/supervision/tasks',
    {
      schema: {
        tags: ['public'],
        summary:
          "The public's view of the key tasks: each task's and section's colour and progress, nothing below task level",
        response: { 200: publicTaskColoursSchema },
      },
    },
    async (req) => {
      const r = await taskRollup(db, req.districtId, now());
      return {
        asOf: r.asOf,
        sections: r.sections,
        tasks: r.tasks.map((t) => ({
          number: t.number,
          section: t.section,
          title: t.title,
          colour: t.colour,
          expected: t.expected,
          reported: t.reported,
        })),
      };
    },
  );
}

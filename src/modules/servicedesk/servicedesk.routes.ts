// HTTP for the service desk (企业诉求): filing, the list and one request, each step, attachments, the configuration,
// the figures (三率) and the public knowledge base. Thin: parse, check with the policy, call the store.
import type { z } from 'zod';
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventDrain } from '../../platform/module.ts';
import { forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { hit, rateLimited } from '../../platform/http/throttle.ts';
import { allowedBy, actorOf, requireUser } from '../../platform/auth/principal.ts';
import { loadOr404 } from '../../platform/auth/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { today } from '../../platform/time/date.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import {
  ATTACHMENT_LIMIT_MIB,
  attachmentView,
  readAttachmentUpload,
  sendAttachment,
} from '../../platform/files/attachments.ts';
import { can, mayFileForSubdistrict } from './servicedesk.policy.ts';
import {
  answerBodySchema,
  categoryListSchema,
  configViewSchema,
  coordinationBodySchema,
  decideBodySchema,
  deskConfigSchema,
  deskErrorSchema,
  dispatchBodySchema,
  extensionBodySchema,
  extensionDecisionBodySchema,
  figuresQuerySchema,
  figuresSchema,
  filingSchema,
  knowledgeEntrySchema,
  knowledgeQuerySchema,
  knowledgeSchema,
  noteBodySchema,
  publicationBodySchema,
  publicFiguresQuerySchema,
  publicFiguresSchema,
  ratingBodySchema,
  requestAttachmentSchema,
  requestDetailSchema,
  requestListQuerySchema,
  requestPageSchema,
  returnBodySchema,
  supplementBodySchema,
  supplementRequestBodySchema,
  requestContactSchema,
} from './servicedesk.contract.ts';
import { categoryPath, fileLimit, type RequestAction } from './servicedesk.ts';
import { figureCells } from './servicedesk.figures.ts';
import {
  actionPolicy,
  deskContext,
  factsBetween,
  findAttachment,
  findRequest,
  listRequests,
  loadConfig,
  monthRange,
  requestDetail,
  saveConfig,
  type RequestRow,
} from './servicedesk.store.ts';
import { addAttachment, enterpriseNamed, fileRequest, setPublication, step } from './servicedesk.actions.ts';
import { stepWork } from './servicedesk.steps.ts';
import { knowledgeBase, knowledgeEntry, publicFigures } from './servicedesk.public.ts';

export interface ServiceDeskRouteDeps {
  db: Db;
  now: () => Date;
  /** Delivers pending domain events: a step answers once the inboxes hold its notifications. */
  events?: EventDrain;
}

const tags = ['serviceDesk'];
const allowed = allowedBy(can);

/** The steps, each a POST on the request: path, body, what it does. */
const steps: { path: string; action: RequestAction; body: z.ZodType; summary: string }[] = [
  {
    path: 'dispatch',
    action: 'dispatch',
    body: dispatchBodySchema,
    summary: '派单 or reassign to a unit (the plan office)',
  },
  {
    path: 'accept',
    action: 'accept',
    body: noteBodySchema.partial(),
    summary: '签收 (the unit the request is dispatched to)',
  },
  {
    path: 'return',
    action: 'return',
    body: returnBodySchema,
    summary: '退单 with a reason naming the unit believed responsible',
  },
  {
    path: 'decide',
    action: 'decide',
    body: decideBodySchema,
    summary: "审定 of a return: the plan office's decision, recorded",
  },
  {
    path: 'notes',
    action: 'note',
    body: noteBodySchema,
    summary: 'A progress note (shown to the enterprise) or an internal note',
  },
  {
    path: 'supplement-request',
    action: 'requestSupplement',
    body: supplementRequestBodySchema,
    summary: '补充材料: ask the enterprise for material; the clock pauses',
  },
  {
    path: 'supplement',
    action: 'supplement',
    body: supplementBodySchema,
    summary: 'The enterprise supplies the material; the clock runs again',
  },
  {
    path: 'extension',
    action: 'requestExtension',
    body: extensionBodySchema,
    summary: '延期: the unit asks for more working days, with a reason',
  },
  {
    path: 'extension/decision',
    action: 'decideExtension',
    body: extensionDecisionBodySchema,
    summary: 'The plan office approves or refuses the pending 延期',
  },
  {
    path: 'answer',
    action: 'answer',
    body: answerBodySchema,
    summary: '答复: the unit answers; the enterprise is asked to rate it',
  },
  {
    path: 'rating',
    action: 'rate',
    body: ratingBodySchema,
    summary: '回访: 满意 / 基本满意 / 不满意 (the first 不满意 reopens it once)',
  },
  {
    path: 'coordination',
    action: 'coordinate',
    body: coordinationBodySchema,
    summary: '需协调: put the request on the next dispatch meeting’s agenda',
  },
];

export function registerServiceDeskRoutes(app: TypedApp, { db, now, events }: ServiceDeskRouteDeps): void {
  /** A request the user may read (else 404, the same as one that does not exist). */
  const readable = (user: SessionUser, id: string) =>
    loadOr404(
      () => findRequest(db, user.districtId, id),
      (r) => can(user, 'read', r),
      '诉求',
    );
  const answer = async (user: SessionUser, id: string) => {
    await events?.drain({ districtId: user.districtId });
    return requestDetail(db, user, (await findRequest(db, user.districtId, id))!, now());
  };

  app.get(
    '/api/service-desk/requests',
    {
      schema: {
        tags,
        summary:
          'Requests the user may see (an enterprise its own; a unit those routed to it), filtered, newest first',
        querystring: requestListQuerySchema,
        response: { 200: requestPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      return listRequests(db, user, req.query, now());
    },
  );

  app.post(
    '/api/service-desk/requests',
    {
      schema: {
        tags,
        summary:
          'File a request (an enterprise for itself; staff 代录 naming the enterprise by USCC or name)',
        body: filingSchema,
        response: { 201: requestDetailSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const body = req.body;
      let enterpriseId: string;
      if (body.enterprise) {
        if (!can(user, 'fileFor')) throw forbidden();
        const ent = await enterpriseNamed(db, user.districtId, body.enterprise);
        if (!ent || !mayFileForSubdistrict(user, ent.subdistrictId)) throw notFound('企业');
        enterpriseId = ent.id;
      } else if (can(user, 'file')) enterpriseId = user.enterpriseId!;
      else if (can(user, 'fileFor'))
        throw invalid('enterprise.uscc', '代录须填写企业的统一社会信用代码或名称');
      else throw forbidden();
      const limited = await hit(db, user.districtId, fileLimit, user.id, now());
      if (!limited.ok) throw rateLimited(reply, limited.retryAfterSeconds);
      const channel = body.enterprise ? (body.channel === 'online' ? 'phone' : body.channel) : 'online';
      const id = await fileRequest(db, actorOf(user), enterpriseId, { ...body, channel }, now());
      return reply.code(201).send(await answer(user, id));
    },
  );

  app.get(
    '/api/service-desk/requests/:id',
    {
      schema: {
        tags,
        summary: 'One request with its steps (internal notes for staff only), attachments and clock',
        params: idParams,
        response: { 200: requestDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return requestDetail(db, user, await readable(user, req.params.id), now());
    },
  );

  app.get(
    '/api/service-desk/requests/:id/contact',
    {
      schema: {
        tags,
        summary: "The request's contact in full (staff see the phone masked elsewhere); each read is audited",
        params: idParams,
        response: {
          200: requestContactSchema,
          ...errorResponses(401, 404),
        },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const r = await readable(user, req.params.id);
      await audit(db, actorOf(user), {
        action: 'read',
        entity: 'serviceRequestContact',
        entityId: r.id,
        note: r.title.slice(0, 60),
      });
      return { contactName: r.contactName, contactPhone: r.contactPhone };
    },
  );

  for (const s of steps)
    app.post(
      `/api/service-desk/requests/:id/${s.path}`,
      {
        schema: {
          tags,
          summary: s.summary,
          params: idParams,
          body: s.body,
          response: { 200: requestDetailSchema, 409: deskErrorSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const user = requireUser(req);
        const r: RequestRow = await readable(user, req.params.id);
        const may =
          can(user, actionPolicy[s.action], r) || (s.action === 'coordinate' && can(user, 'dispatch', r));
        if (!may) throw forbidden();
        const body = (req.body ?? {}) as Record<string, unknown>;
        const actor = actorOf(user);
        await step(db, actor, r.id, s.action, now(), stepWork(s.action, body, actor, now()));
        return answer(user, r.id);
      },
    );

  app.put(
    '/api/service-desk/requests/:id/publication',
    {
      schema: {
        tags,
        summary:
          'Withhold a consented request from the public knowledge base, or publish it again (the plan office)',
        params: idParams,
        body: publicationBodySchema,
        response: { 200: requestDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'dispatch');
      const r = await readable(user, req.params.id);
      await setPublication(db, actorOf(user), r.id, req.body, now());
      return answer(user, r.id);
    },
  );

  app.post(
    '/api/service-desk/requests/:id/attachments',
    {
      schema: {
        tags,
        summary: `Attach a file to a request: PDF, images or Office files, at most ${ATTACHMENT_LIMIT_MIB} MiB`,
        params: idParams,
        consumes: ['multipart/form-data'],
        response: {
          201: requestAttachmentSchema,
          409: deskErrorSchema,
          ...errorResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const r = await readable(user, req.params.id);
      if (!can(user, 'attach', r)) throw forbidden();
      const file = await readAttachmentUpload(req);
      const id = await addAttachment(db, actorOf(user), r, file, now());
      return reply.code(201).send(attachmentView((await findAttachment(db, user.districtId, id))!));
    },
  );

  app.get(
    '/api/service-desk/attachments/:id',
    {
      schema: {
        tags,
        summary: "Download a request's attachment (as stored, with its SHA-256)",
        params: idParams,
        response: errorResponses(401, 403, 404),
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const file = await loadOr404(
        () => findAttachment(db, user.districtId, req.params.id),
        () => true,
        '附件',
      );
      await readable(user, file.requestId).catch(() => {
        throw notFound('附件');
      });
      return sendAttachment(reply, file);
    },
  );

  app.get(
    '/api/service-desk/categories',
    {
      schema: {
        tags,
        summary: 'The category tree a request is filed under, with each answer limit',
        response: { 200: categoryListSchema, ...errorResponses(401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { config } = await loadConfig(db, user.districtId);
      return {
        items: config.categories.map((c) => ({
          code: c.code,
          name: c.name,
          path: categoryPath(config, c.code),
          answerDays: c.answerDays,
        })),
      };
    },
  );

  app.get(
    '/api/service-desk/config',
    {
      schema: {
        tags,
        summary:
          'The configuration in force: categories and time limits, routing rules, dispatcher, rating window',
        response: { 200: configViewSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'list');
      const c = await loadConfig(db, user.districtId);
      return { ...c.config, version: c.version, savedByLabel: c.savedByLabel, savedAt: c.savedAt };
    },
  );

  app.put(
    '/api/service-desk/config',
    {
      schema: {
        tags,
        summary:
          'Save a new version of the configuration (the plan office); unit and category codes are checked',
        body: deskConfigSchema,
        response: { 200: configViewSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'configure');
      await saveConfig(db, actorOf(user), req.body, now());
      const c = await loadConfig(db, user.districtId);
      return { ...c.config, version: c.version, savedByLabel: c.savedByLabel, savedAt: c.savedAt };
    },
  );

  app.get(
    '/api/service-desk/figures',
    {
      schema: {
        tags,
        summary:
          '三率 per unit and category by month filed: accepted and answered on time, satisfaction, median days',
        querystring: figuresQuerySchema,
        response: { 200: figuresSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'list');
      const { from, to, unitId, category } = req.query;
      if (to < from) throw invalid('to', '结束月份不能早于开始月份');
      const ctx = await deskContext(db, user.districtId);
      const facts = await factsBetween(db, user.districtId, monthRange(from, to), { unitId, category });
      const asOf = today(now());
      return {
        asOf,
        cells: figureCells(facts, asOf).map((c) => ({
          ...c,
          unit: c.unitId ? { id: c.unitId, name: ctx.units.get(c.unitId)?.name ?? '' } : null,
        })),
      };
    },
  );

  app.get(
    '/api/public/service-desk/figures',
    {
      schema: {
        tags: ['public'],
        summary:
          "The service desk's monthly figures per category, anonymised (cells under 3 requests withheld)",
        querystring: publicFiguresQuerySchema,
        response: { 200: publicFiguresSchema, ...errorResponses(400) },
      },
    },
    async (req) => {
      const { from, to } = req.query;
      if (to < from) throw invalid('to', '结束月份不能早于开始月份');
      return publicFigures(db, req.districtId, from, to, now());
    },
  );

  app.get(
    '/api/public/service-desk/knowledge',
    {
      schema: {
        tags: ['public'],
        summary:
          'Published requests with their answers (only those the enterprise allowed), grouped by category',
        querystring: knowledgeQuerySchema,
        response: { 200: knowledgeSchema, ...errorResponses(400) },
      },
    },
    async (req) => knowledgeBase(db, req.districtId, req.query),
  );

  app.get(
    '/api/public/service-desk/knowledge/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'One published request and its answer (what a policy page links to)',
        params: idParams,
        response: { 200: knowledgeEntrySchema, ...errorResponses(404) },
      },
    },
    async (req) => knowledgeEntry(db, req.districtId, req.params.id),
  );
}

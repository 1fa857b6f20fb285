// HTTP for 调度会 · 会商: meetings, the agenda (generate a preview, save the edited list), the minutes (decisions),
// publishing them (decisions become work items, owners are notified) and the minutes as .docx. Thin: parse, check
// with the policy, call the store.
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventDrain } from '../../platform/module.ts';
import { errorResponses, idParams } from '../../platform/http/routes.ts';
import { allowedBy, actorOf } from '../../platform/auth/principal.ts';
import { loadOr404 } from '../../platform/auth/scope.ts';
import { audit } from '../../platform/audit/audit.ts';
import { attachment } from '../../platform/http/files.ts';
import { DOCX_TYPE } from '../../platform/files/official-document.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';
import { allUnits } from '../units/units.store.ts';
import { can } from './meetings.policy.ts';
import {
  agendaInputSchema,
  agendaPreviewQuerySchema,
  agendaPreviewSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingListSchema,
  minutesInputSchema,
} from './meetings.contract.ts';
import {
  createMeeting,
  findMeeting,
  listMeetings,
  listView,
  meetingDay,
  meetingDetail,
  meetingLike,
  previewAgenda,
  publishMinutes,
  saveAgenda,
  saveMinutes,
  updateMeeting,
} from './meetings.store.ts';
import { minutesDocx } from './meetings.document.ts';

export interface MeetingRouteDeps {
  db: Db;
  now: () => Date;
  /** Delivers pending domain events: publishing answers once the owners' inboxes hold the notices. */
  events?: EventDrain;
}

const tags = ['meetings'];
const allowed = allowedBy(can);

export function registerMeetingRoutes(app: TypedApp, { db, now, events }: MeetingRouteDeps): void {
  /** A meeting the user may read (else 404, the same as one that does not exist). */
  const readable = async (user: SessionUser, id: string) =>
    loadOr404(
      async () => {
        const row = await findMeeting(db, user.districtId, id);
        return row ? meetingLike(db, row) : undefined;
      },
      (row) => can(user, 'read', row),
      '会议',
    );
  const detail = async (user: SessionUser, id: string) => {
    const row = await readable(user, id);
    return meetingDetail(db, user.districtId, row, can(user, 'manage'));
  };

  app.get(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: 'Dispatch meetings (调度会 · 会商) the user may read, newest first',
        response: { 200: meetingListSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'read');
      const { names, rows } = await listMeetings(db, user.districtId);
      return {
        items: rows
          .filter((r) => can(user, 'read', r.row))
          .map((r) => listView(names, r, can(user, 'manage'))),
      };
    },
  );

  app.post(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a meeting (the plan office)',
        body: meetingInputSchema,
        response: { 201: meetingDetailSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'manage');
      const id = await createMeeting(db, actorOf(user), req.body, now());
      return reply.code(201).send(await detail(user, id));
    },
  );

  app.get(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: 'A meeting with its agenda and decisions',
        params: idParams,
        response: { 200: meetingDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => detail(allowed(req, 'read'), req.params.id),
  );

  app.put(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary:
          "Change a meeting's kind, title, time, place, chair or attendees (until its minutes are published)",
        params: idParams,
        body: meetingInputSchema,
        response: { 200: meetingDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      await updateMeeting(db, actorOf(user), req.params.id, req.body, now());
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/agenda/generate',
    {
      schema: {
        tags,
        summary:
          'Generate the agenda from the ledger (red, newly yellow since the previous meeting, 需协调事项) — a preview, not saved',
        params: idParams,
        querystring: agendaPreviewQuerySchema,
        response: { 200: agendaPreviewSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      const row = await readable(user, req.params.id);
      return previewAgenda(db, row, now(), req.query.days);
    },
  );

  app.put(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags,
        summary: 'Save the agenda as edited: the whole list in its order (entries added, removed, reordered)',
        params: idParams,
        body: agendaInputSchema,
        response: { 200: meetingDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      await readable(user, req.params.id);
      await saveAgenda(db, actorOf(user), req.params.id, req.body, now());
      return detail(user, req.params.id);
    },
  );

  app.put(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags,
        summary: 'Record the minutes: summary, what was said on each entry, the decisions (owner, due date)',
        params: idParams,
        body: minutesInputSchema,
        response: { 200: meetingDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      await readable(user, req.params.id);
      await saveMinutes(db, actorOf(user), req.params.id, req.body, now());
      return detail(user, req.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the minutes (印发): each decision becomes a work item, its owning unit is notified',
        params: idParams,
        response: { 200: meetingDetailSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = allowed(req, 'manage');
      await readable(user, req.params.id);
      await publishMinutes(db, actorOf(user), req.params.id, now());
      await events?.drain({ districtId: user.districtId });
      return detail(user, req.params.id);
    },
  );

  app.get(
    '/api/meetings/:id/minutes/document',
    {
      schema: {
        tags,
        summary: 'The minutes (会议纪要) as a .docx government document; marked 草稿 until published',
        params: idParams,
      },
    },
    async (req, reply) => {
      const user = allowed(req, 'read');
      const d = await detail(user, req.params.id);
      const office = (await allUnits(db, user.districtId)).find((u) => u.kind === 'office')?.name ?? '';
      const buffer = await minutesDocx(d, office);
      const row = await findMeeting(db, user.districtId, req.params.id);
      await audit(db, actorOf(user), {
        action: 'export',
        entity: 'meetingMinutes',
        entityId: req.params.id,
        after: { bytes: buffer.length, state: d.meeting.state },
      });
      const name = `${meetingDay(row!)}-${d.meeting.title}-会议纪要.docx`;
      return attachment(reply, name, DOCX_TYPE).send(buffer);
    },
  );
}

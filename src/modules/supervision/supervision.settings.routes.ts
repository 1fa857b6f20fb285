// HTTP for the district's status thresholds and ladder settings (亮灯阈值 · 督办时限): every supervision reader sees
// them (the colours' reasons refer to them); the plan office changes them.
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { allowedBy, actorOf } from '../../platform/auth/principal.ts';
import { can } from './supervision.policy.ts';
import { supervisionSettingsSchema, supervisionSettingsViewSchema } from './supervision.contract.ts';
import { loadSettings, saveSettings } from './supervision.settings.ts';

const tags = ['supervision'];
const allowed = allowedBy(can);

export function registerSupervisionSettingsRoutes(app: TypedApp, { db, now }: { db: Db; now: () => Date }) {
  app.get(
    '/api/supervision/settings',
    {
      schema: {
        tags,
        summary: "The district's status thresholds and ladder settings (the defaults until the office saves)",
        response: { 200: supervisionSettingsViewSchema, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'rollup');
      return loadSettings(db, user.districtId);
    },
  );

  app.put(
    '/api/supervision/settings',
    {
      schema: {
        tags,
        summary: 'Change the thresholds and ladder settings (the plan office); from the next view and run on',
        body: supervisionSettingsSchema,
        response: { 200: supervisionSettingsViewSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = allowed(req, 'settings');
      await saveSettings(db, actorOf(user), req.body, now());
      return loadSettings(db, user.districtId);
    },
  );
}

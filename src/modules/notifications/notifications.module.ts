// The notifications module's manifest: its routes (the inbox, read state) and the inbox writer behind the
// `notifications.requested` event other modules publish.
import type { Manifest } from '../deps.ts';
import { on } from '../../platform/events/events.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { notificationsRequested } from './notifications.events.ts';
import { notifyMany } from './notifications.store.ts';
import { notifyAndDeliver } from './notifications.delivery.ts';

export const notificationsModule: Manifest = {
  name: 'notifications',
  routes: (api, { db }) => registerNotificationRoutes(api, { db }),
  subscriptions: ({ delivery }) => [
    on(notificationsRequested, 'notifications.send', async (e, ctx) => {
      const { notifications, deliver } = e.payload;
      if (!deliver) return { created: (await notifyMany(ctx.db, e.districtId, notifications)).length };
      let created = 0;
      for (const n of notifications)
        if ((await notifyAndDeliver(ctx.db, e.districtId, n, delivery)).created) created++;
      return { created };
    }),
  ],
};

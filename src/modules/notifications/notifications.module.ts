// The notifications module's manifest: its routes (the inbox, read state).
import type { Manifest } from '../deps.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';

export const notificationsModule: Manifest = {
  name: 'notifications',
  routes: (api, { db }) => registerNotificationRoutes(api, { db }),
};

// The users module's manifest: its routes (accounts, bulk enterprise accounts, passwords and resets).
import type { Manifest } from '../deps.ts';
import { registerUserRoutes } from './users.routes.ts';

export const usersModule: Manifest = {
  name: 'users',
  routes: (api, { db, delivery, now }) => registerUserRoutes(api, { db, delivery, now }),
};

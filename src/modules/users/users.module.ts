// The users module's manifest: its routes (accounts, passwords).
import type { Manifest } from '../deps.ts';
import { registerUserRoutes } from './users.routes.ts';

export const usersModule: Manifest = {
  name: 'users',
  routes: (api, { db }) => registerUserRoutes(api, { db }),
};

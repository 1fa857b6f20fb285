// What every module manifest receives: the platform's deps plus what modules share (how notifications leave), and
// what the platform borrows from modules (who a session's user is).
import type { Db } from '../platform/db/db.ts';
import type { AuthOptions } from '../platform/auth/auth.routes.ts';
import type { ModuleManifest, PlatformDeps } from '../platform/module.ts';
import {
  LoggingDeliveryAdapter,
  type DeliveryLogger,
  type DeliveryOptions,
} from './notifications/notifications.delivery.ts';
import { enterpriseContacts } from './enterprises/enterprises.store.ts';
import { describeUser, sessionUserByToken } from './users/users.store.ts';

export interface ModuleDeps extends PlatformDeps {
  /** How notifications leave the platform (e-mail, SMS adapters); logged by default. */
  delivery: DeliveryOptions;
}

/** A server module's manifest: exported once from src/modules/<m>/<m>.module.ts, listed in src/modules/index.ts. */
export type Manifest = ModuleManifest<ModuleDeps>;

/** The default delivery: SMS to enterprises' contact phones, written to the log instead of sent. */
export function loggingDelivery(db: Db, logger: DeliveryLogger): DeliveryOptions {
  return {
    adapters: [new LoggingDeliveryAdapter(logger, 'sms'), new LoggingDeliveryAdapter(logger, 'email')],
    contactsOf: async (districtId, recipient) =>
      recipient.kind === 'enterprise' ? enterpriseContacts(db, districtId, recipient.id) : [],
    logger,
  };
}

/** How platform/auth describes and loads a session's user: the users module's accounts. */
export const accountLookup: Pick<AuthOptions, 'describe' | 'loadSession'> = {
  describe: describeUser,
  loadSession: sessionUserByToken,
};

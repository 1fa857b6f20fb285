// What every module manifest receives: the platform's deps plus what modules share (how notifications leave).
import type { ModuleManifest, PlatformDeps } from '../platform/module.ts';
import type { DeliveryOptions } from './notifications/notifications.delivery.ts';

export interface ModuleDeps extends PlatformDeps {
  /** How notifications leave the platform (e-mail, SMS adapters); logged by default. */
  delivery: DeliveryOptions;
}

/** A server module's manifest: exported once from src/modules/<m>/<m>.module.ts, listed in src/modules/index.ts. */
export type Manifest = ModuleManifest<ModuleDeps>;

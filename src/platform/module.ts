// The module manifest: what a module contributes (routes, jobs, schedules, event subscriptions), declared once and
// composed by server.ts and cli.ts from the one list in src/modules/index.ts.
import type { Db } from './db/db.ts';
import type { TypedApp } from './http/app.ts';
import type { JobHandler, JobLogger } from './jobs/runner.ts';
import type { Schedule } from './jobs/schedule.ts';
import { EventDispatcher } from './events/dispatcher.ts';
import type { EventLogger, Subscription } from './events/events.ts';

/** Delivering pending domain events now, from a request (see ModuleManifest.subscriptions). */
export interface EventDrain {
  /** Delivers every due event (of `districtId`, when given) to its subscribers; returns how many deliveries ran. */
  drain(opts?: { districtId?: string }): Promise<number>;
}

/** What every module is given; the modules' own deps (src/modules/deps.ts) add to it. */
export interface PlatformDeps {
  db: Db;
  /** The clock (tests pin it). */
  now: () => Date;
  logger: JobLogger & EventLogger;
  /** The deployment's default district (the public's, and the one a first start loads). */
  defaultDistrictId: string;
  events: EventDrain;
}

export interface ModuleManifest<D extends PlatformDeps = PlatformDeps> {
  /** The module's folder name, e.g. 'monitoring'. */
  name: string;
  /** Registers the module's HTTP routes. */
  routes?(api: TypedApp, deps: D): void;
  /** Job handlers by kind ('<module>.<job>'); kinds are unique across modules. */
  jobs?(deps: D): Record<string, JobHandler>;
  /** When the module's jobs run on their own (each needs a handler of its kind). */
  schedules?(deps: D): Schedule[] | Promise<Schedule[]>;
  /**
   * What the module does after events (its own or other modules'): delivered from the outbox by the job runner, at
   * least once, after the publishing transaction committed. Names are unique across modules.
   */
  subscriptions?(deps: D): Subscription[];
}

/** The composed modules: deps with a working event drain, and everything the job runner needs. */
export interface Composed<D extends PlatformDeps> {
  deps: D;
  dispatcher: EventDispatcher;
  handlers: Record<string, JobHandler>;
  schedules(): Promise<Schedule[]>;
}

/** Builds the deps every manifest receives and collects jobs and subscriptions, refusing duplicate names. */
export function composeModules<D extends PlatformDeps>(
  manifests: readonly ModuleManifest<D>[],
  base: Omit<D, 'events'>,
  opts: { workerId?: string } = {},
): Composed<D> {
  const built: { dispatcher?: EventDispatcher } = {};
  // Subscriptions are built from deps, and deps carry the drain that delivers to them: the drain resolves lazily.
  const deps = {
    ...base,
    events: { drain: (o?: { districtId?: string }) => built.dispatcher!.drain(o) },
  } as D;
  const names = new Set<string>();
  for (const m of manifests) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
  }
  const dispatcher = (built.dispatcher = new EventDispatcher({
    db: deps.db,
    subscriptions: manifests.flatMap((m) => m.subscriptions?.(deps) ?? []),
    now: deps.now,
    logger: deps.logger,
    ...(opts.workerId ? { workerId: opts.workerId } : {}),
  }));
  const handlers: Record<string, JobHandler> = {};
  for (const m of manifests)
    for (const [kind, h] of Object.entries(m.jobs?.(deps) ?? {})) {
      if (handlers[kind]) throw new Error(`job kind ${kind} is declared twice (module ${m.name})`);
      handlers[kind] = h;
    }
  return {
    deps,
    dispatcher,
    handlers,
    schedules: async () => (await Promise.all(manifests.map((m) => m.schedules?.(deps) ?? []))).flat(),
  };
}

/** Registers every module's routes, in list order. */
export function registerModuleRoutes<D extends PlatformDeps>(
  manifests: readonly ModuleManifest<D>[],
  api: TypedApp,
  deps: D,
): void {
  for (const m of manifests) m.routes?.(api, deps);
}

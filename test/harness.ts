// Starts an isolated platform for one test file: a fresh in-memory PGlite, or a fresh database on the
// PostgreSQL server named by DATABASE_URL (the test:pg suite); the plan and a small demo district loaded.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database } from '../src/platform/db/db.ts';
import { buildServer } from '../src/server.ts';
import {
  DEMO_PASSWORD,
  ensureAdmin,
  ensureDemo,
  ensureExamplePolicies,
  loadPlanFromFile,
  policyFileFor,
} from '../src/bootstrap.ts';
import { repoRoot } from '../src/platform/config.ts';
import type { App } from '../src/platform/http/app.ts';
import type { GateOptions } from '../src/platform/db/gate.ts';
import { drain } from '../src/platform/events/dispatcher.ts';
import { notificationsModule } from '../src/modules/notifications/notifications.module.ts';
import type { ModuleDeps } from '../src/modules/deps.ts';
import type { DeliveryOptions } from '../src/modules/notifications/notifications.delivery.ts';
import type { Db } from '../src/platform/db/db.ts';

export const ADMIN_PASSWORD = 'admin-test-password';
export { DEMO_PASSWORD };
export const jiulongpoPlan = path.join(repoRoot, 'plans', 'jiulongpo-2027.yaml');

export interface TestDb {
  database: Database;
  /** The URL of this test's own database on the server (pg suite only). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database for one test file. */
export async function freshDatabase(): Promise<TestDb> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `mtx_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Platform {
  app: App;
  db: Database['db'];
  districtId: string;
  testDb: TestDb;
  close(): Promise<void>;
}

export async function startPlatform(
  opts: {
    demoEnterprises?: number;
    planFile?: string;
    loginMaxFailures?: number;
    now?: () => Date;
    /** Load the plan's example policies (plans/<plan>.policies.yaml). */
    examplePolicies?: boolean;
    /** An admission gate in front of the database (none by default). */
    gate?: GateOptions;
    /** How notifications leave the platform (a test's recording adapters); logged by default. */
    delivery?: DeliveryOptions;
  } = {},
): Promise<Platform> {
  const testDb = await freshDatabase();
  const db = testDb.database.db;
  const plan = await loadPlanFromFile(db, opts.planFile ?? jiulongpoPlan);
  await ensureAdmin(db, plan.districtId, ADMIN_PASSWORD);
  if (opts.demoEnterprises) await ensureDemo(db, plan.districtId, { enterprises: opts.demoEnterprises });
  if (opts.examplePolicies)
    await ensureExamplePolicies(db, plan.districtId, policyFileFor(opts.planFile ?? jiulongpoPlan));
  const app = await buildServer({
    db,
    // MTX_TEST_LOG=error shows the server's own log of a failing test.
    config: {
      logLevel: process.env.MTX_TEST_LOG ?? 'silent',
      sessionTtlHours: 1,
      secureCookies: false,
      serveWeb: false,
    },
    defaultDistrictId: plan.districtId,
    ...(opts.loginMaxFailures ? { loginMaxFailures: opts.loginMaxFailures } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.gate ? { gate: opts.gate } : {}),
    ...(opts.delivery ? { delivery: opts.delivery } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    districtId: plan.districtId,
    testDb,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

/** A signed-in API client for one user: keeps the session cookie like a browser would. */
export class Client {
  cookie: string | undefined;
  /** The address the requests come from (light-my-request's default when unset). */
  remoteAddress: string | undefined;
  constructor(private readonly app: App) {}

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    const set = res.headers['set-cookie'];
    const first = Array.isArray(set) ? set[0] : set;
    if (res.statusCode === 200 && first) this.cookie = first.split(';')[0];
    return res;
  }

  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    // Like the web app's client: a write always sends JSON, `{}` when it has nothing to say (text/plain and other
    // types a cross-site form could send are refused with 415).
    const payload = body === undefined && method !== 'GET' ? {} : body;
    return this.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
}

/**
 * A signed-in client. An account an administrator created (or reset) must change its password first; this does the
 * change — to a temporary password and back, so the caller's password stays valid — as the user would at first login.
 */
export async function signedIn(app: App, username: string, password: string): Promise<Client> {
  const c = new Client(app);
  const res = await c.login(username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  if (res.json<{ user: { mustChangePassword?: boolean } }>().user.mustChangePassword) {
    const temporary = `${password}-first-login-change`;
    for (const [currentPassword, newPassword] of [
      [password, temporary],
      [temporary, password],
    ]) {
      const changed = await c.request('PUT', '/api/users/me/password', { currentPassword, newPassword });
      if (changed.statusCode !== 200)
        throw new Error(`first-login change of ${username} failed: ${changed.statusCode} ${changed.body}`);
    }
  }
  return c;
}

/** A multipart/form-data body with one file field, as a browser's upload would send it. */
export function multipartFile(
  filename: string,
  content: Buffer | string,
  field = 'file',
  type = 'application/octet-stream',
) {
  const boundary = `----mtx${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  app: App,
  client: Client,
  url: string,
  filename: string,
  content: Buffer | string,
) {
  const { payload, headers } = multipartFile(filename, content);
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...headers, ...(client.cookie ? { cookie: client.cookie } : {}) },
  });
}

/**
 * Delivers pending `notifications.requested` events now through `delivery` (a test's recording adapters) instead of
 * the platform's own: the inbox is written and each new notification sent, as the job runner would.
 */
export function deliverNotifications(db: Db, delivery: DeliveryOptions): Promise<number> {
  return drain(db, notificationsModule.subscriptions!({ delivery } as ModuleDeps));
}

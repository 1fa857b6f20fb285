// The audit trail: refusals and exports on record, append-only for the app, and a per-district hash chain that
// `audit verify` checks — an owner's edit or deletion of a row is reported, concurrent writers keep one chain.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, DEMO_PASSWORD, signedIn, startPlatform, type Platform } from '../harness.ts';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, openDatabase, rows, sql, type Db } from '../../src/platform/db/db.ts';
import { audit, systemActor } from '../../src/platform/audit/audit.ts';
import { verifyChain, verifyCommand } from '../../src/platform/audit/audit.verify.ts';
import { repoRoot } from '../../src/platform/config.ts';
import type { EnterpriseListItem } from '../../src/modules/enterprises/enterprises.contract.ts';

let p: Platform;
let admin: Client;
let street: Client;
let dept: Client;
let firms: EnterpriseListItem[];
let streetUnitId: string;

interface Trail {
  items: { action: string; actorLabel: string; entityId: string; after: Record<string, unknown> | null }[];
}

const trail = async (entity: string, entityId: string) =>
  (await admin.get(`/api/audit?entity=${entity}&entityId=${encodeURIComponent(entityId)}`)).json<Trail>();

/** Runs statements as the database owner would: with the append-only trigger switched off around them. */
const asOwner = async (statement: ReturnType<typeof sql>) => {
  await p.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
  try {
    await p.db.execute(statement);
  } finally {
    await p.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  }
};

const renamed = (e: EnterpriseListItem, name: string) => ({
  uscc: e.uscc,
  name,
  registrationDate: e.registrationDate,
  subdistrictId: e.subdistrict.id,
  buildingId: e.building?.id ?? null,
  fields: e.fields,
});

beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 80 });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  street = await signedIn(p.app, 'street', DEMO_PASSWORD);
  dept = await signedIn(p.app, 'dept', DEMO_PASSWORD);
  streetUnitId = (await street.get('/api/auth/me')).json().user.unitId;
  firms = (await admin.get('/api/enterprises?pageSize=200')).json<{ items: EnterpriseListItem[] }>().items;
}, 120_000);
afterAll(() => p?.close());

describe('refused access', () => {
  it('records a signed-in user asking for a record out of scope: who, the route and the id asked for', async () => {
    const other = firms.find((e) => e.subdistrict.id !== streetUnitId)!;
    expect((await street.get(`/api/enterprises/${other.id}`)).statusCode).toBe(404);
    const t = await trail('access', other.id);
    expect(t.items).toEqual([
      expect.objectContaining({
        action: 'refused',
        actorLabel: expect.stringContaining('(street)'),
        entityId: other.id,
        after: expect.objectContaining({ route: '/api/enterprises/:id', code: 'NOT_FOUND', method: 'GET' }),
      }),
    ]);
  });

  it('records a forbidden action with the record named by the route', async () => {
    const user = (await admin.get('/api/users')).json<{ items: { id: string }[] }>().items[0]!;
    const r = await dept.request('PUT', `/api/users/${user.id}`, { displayName: 'x', role: 'admin' });
    expect(r.statusCode).toBe(403);
    expect((await trail('access', user.id)).items).toEqual([
      expect.objectContaining({
        action: 'refused',
        actorLabel: expect.stringContaining('(dept)'),
        after: expect.objectContaining({ route: '/api/users/:id', code: 'FORBIDDEN', method: 'PUT' }),
      }),
    ]);
  });

  it('writes nothing for requests without a session (an anonymous flood costs no writes)', async () => {
    const count = async () =>
      (await rows<{ n: number }>(p.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    const before = await count();
    const anon = new Client(p.app);
    for (let i = 0; i < 5; i++)
      expect((await anon.get(`/api/enterprises/${firms[0]!.id}`)).statusCode).toBe(401);
    expect(await count()).toBe(before);
  });
});

describe('exports', () => {
  it('records who downloaded the registry, with the filter and the number of rows', async () => {
    const filter = `subdistrictId=${streetUnitId}`;
    const listed = (await admin.get(`/api/enterprises?${filter}&pageSize=1`)).json<{ total: number }>().total;
    expect(listed).toBeGreaterThan(0);
    const r = await admin.get(`/api/enterprises/export?${filter}`);
    expect(r.statusCode).toBe(200);
    const last = (await trail('export', 'enterprises')).items.at(-1)!;
    expect(last).toMatchObject({
      action: 'export',
      actorLabel: expect.stringContaining('(admin)'),
      after: { filter: expect.objectContaining({ subdistrictId: streetUnitId }), rows: listed },
    });
  });

  it('records a month’s report template, which lists the enterprises in scope', async () => {
    expect((await street.get('/api/reports/import/template?period=2026-09')).statusCode).toBe(200);
    const last = (await trail('export', 'reportTemplate')).items.at(-1)!;
    expect(last).toMatchObject({
      action: 'export',
      actorLabel: expect.stringContaining('(street)'),
      after: { filter: { period: '2026-09' }, rows: expect.any(Number) },
    });
    expect((last.after as { rows: number }).rows).toBeGreaterThan(0);
  });
});

describe('the audit log table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE to anyone who has not dropped its triggers', async () => {
    await expect(p.db.execute(sql`UPDATE audit_log SET note = 'x'`)).rejects.toThrow();
    await expect(p.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await expect(p.db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
  });
});

describe('the hash chain', () => {
  it('numbers every row of a district 1, 2, … and verifies over a trail written by the API', async () => {
    for (const [i, e] of firms.slice(0, 3).entries()) {
      const r = await admin.request('PUT', `/api/enterprises/${e.id}`, renamed(e, `${e.name}（更名${i}）`));
      expect(r.statusCode).toBe(200);
    }
    const seqs = await rows<{ n: number; max: number; min: number }>(
      p.db,
      sql`SELECT count(*)::int AS n, max(seq)::int AS max, min(seq)::int AS min FROM audit_log
          WHERE district_id = ${p.districtId}`,
    );
    expect(seqs[0]).toEqual({ n: seqs[0]!.max, max: seqs[0]!.max, min: 1 });
    const report = await verifyChain(p.db, p.districtId);
    expect(report.broken).toBeNull();
    expect(report.rows).toBe(seqs[0]!.n);
  });

  it('stays one chain under 20 concurrent changes', async () => {
    const batch = firms.slice(10, 30);
    const results = await Promise.all([
      ...batch.map((e) => admin.request('PUT', `/api/enterprises/${e.id}`, renamed(e, `${e.name}（并发）`))),
      ...Array.from({ length: 5 }, () => street.get(`/api/enterprises/00000000-0000-4000-8000-000000000000`)),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([...batch.map(() => 200), 404, 404, 404, 404, 404]);
    const report = await verifyChain(p.db, p.districtId);
    expect(report.broken).toBeNull();
    for (const e of batch) {
      expect((await trail('enterprise', e.id)).items.at(-1)).toMatchObject({ action: 'update' });
    }
  });

  it('reports the row whose content the owner edited, and is whole again when the edit is undone', async () => {
    const target = firms[1]!;
    const [row] = await rows<{ id: string; after: string; actor_label: string; hash: string }>(
      p.db,
      sql`SELECT id::text, after::text, actor_label, hash FROM audit_log WHERE district_id = ${p.districtId}
          AND entity = 'enterprise' AND entity_id = ${target.id} AND action = 'update' ORDER BY id DESC LIMIT 1`,
    );
    const id = row!.id;
    await asOwner(
      sql`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改"') WHERE id = ${id}::bigint`,
    );
    expect((await verifyChain(p.db, p.districtId)).broken).toMatchObject({
      id: Number(id),
      reason: 'altered',
    });
    await asOwner(sql`UPDATE audit_log SET after = ${row!.after}::jsonb WHERE id = ${id}::bigint`);
    expect((await verifyChain(p.db, p.districtId)).broken).toBeNull();
    // Re-hashing the edited row itself only moves the break to the next one.
    await asOwner(sql`UPDATE audit_log SET actor_label = '别人' WHERE id = ${id}::bigint`);
    await asOwner(
      sql`UPDATE audit_log a SET hash = encode(sha256(convert_to(coalesce((SELECT b.hash FROM audit_log b
            WHERE b.district_id = a.district_id AND b.seq = a.seq - 1), '') || audit_canonical(a), 'UTF8')), 'hex')
          WHERE id = ${id}::bigint`,
    );
    const moved = await verifyChain(p.db, p.districtId);
    expect(moved.broken?.reason).toBe('altered');
    expect(moved.broken!.seq).toBeGreaterThan(0);
    expect(moved.broken!.id).not.toBe(Number(id));
    await asOwner(
      sql`UPDATE audit_log SET actor_label = ${row!.actor_label}, hash = ${row!.hash} WHERE id = ${id}::bigint`,
    );
    expect((await verifyChain(p.db, p.districtId)).broken).toBeNull();
  });

  it('is checked by `audit verify`, which names the first broken row and exits non-zero', async () => {
    const lines: string[] = [];
    expect(await verifyCommand(p.db, p.districtId, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([expect.stringContaining('chain intact')]);
    const [first] = await rows<{ id: string; note: string | null }>(
      p.db,
      sql`SELECT id::text, note FROM audit_log WHERE district_id = ${p.districtId} AND seq = 1`,
    );
    await asOwner(
      sql`UPDATE audit_log SET note = 'rewritten' WHERE district_id = ${p.districtId} AND seq = 1`,
    );
    lines.length = 0;
    expect(await verifyCommand(p.db, undefined, (l) => lines.push(l))).toBe(1);
    expect(lines).toContainEqual(expect.stringContaining(`audit row ${first!.id} (seq 1)`));
    await asOwner(
      sql`UPDATE audit_log SET note = ${first!.note} WHERE district_id = ${p.districtId} AND seq = 1`,
    );
    expect(await verifyCommand(p.db, p.districtId, () => undefined)).toBe(0);
  });

  it('runs as `audit verify` from the command line, exiting 1 on a broken chain', async () => {
    // Its own process: on a server it reads this test's database; with PGlite, a data directory written here.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-audit-'));
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
    const [first] = await rows<{ note: string | null }>(
      p.db,
      sql`SELECT note FROM audit_log WHERE district_id = ${p.districtId} AND seq = 1`,
    );
    const tamper = sql`UPDATE audit_log SET note = 'rewritten' WHERE district_id = ${p.districtId} AND seq = 1`;
    if (p.testDb.url) {
      env.DATABASE_URL = p.testDb.url;
      await asOwner(tamper);
    } else {
      delete env.DATABASE_URL;
      const own = await openDatabase({ dataDir: dir });
      await audit(own.db, systemActor(p.districtId), { action: 'create', entity: 'cli', entityId: 'a' });
      await audit(own.db, systemActor(p.districtId), { action: 'create', entity: 'cli', entityId: 'b' });
      await own.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await own.db.execute(tamper);
      await own.close();
    }
    const out = await new Promise<{ code: number; text: string }>((resolve) => {
      execFile(
        path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
        [
          path.join(repoRoot, 'src', 'cli.ts'),
          'audit',
          'verify',
          '--district',
          p.districtId,
          '--data-dir',
          dir,
        ],
        { env, cwd: repoRoot },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, text: stdout + stderr }),
      );
    });
    if (p.testDb.url)
      await asOwner(
        sql`UPDATE audit_log SET note = ${first!.note} WHERE district_id = ${p.districtId} AND seq = 1`,
      );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.text).toContain(`district ${p.districtId}: BROKEN`);
    expect(out.text).toContain('(seq 1)');
    expect(out.code).toBe(1);
  }, 300_000);

  it('chains the rows written before the chain existed, per district in the order written (the migration)', async () => {
    // A database as it stood before the chain: the migrations up to the one that adds it, and rows in two districts.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mtx-migrations-'));
    const journal = JSON.parse(
      fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
    ) as {
      entries: { tag: string }[];
    };
    const cut = journal.entries.findIndex((e) => e.tag.endsWith('_audit_chain'));
    expect(cut).toBeGreaterThan(0);
    fs.mkdirSync(path.join(dir, 'meta'));
    fs.writeFileSync(
      path.join(dir, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }),
    );
    for (const e of journal.entries.slice(0, cut))
      fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    const client = await PGlite.create();
    try {
      const old = drizzle(client);
      await migrate(old, { migrationsFolder: dir });
      await old.execute(sql`INSERT INTO audit_log (district_id, actor_label, action, entity, entity_id, after, at)
        SELECT CASE WHEN g % 3 = 0 THEN 'a' ELSE 'b' END, 'x', 'create', 'e', g::text,
               jsonb_build_object('g', g, 'n', 1.50, 's', 'é"\\'), now() - g * interval '1 second'
        FROM generate_series(1, 30) g`);
      await migrate(old, { migrationsFolder });
      const db = old as unknown as Db;
      expect(await verifyChain(db, 'a')).toMatchObject({ rows: 10, broken: null });
      expect(await verifyChain(db, 'b')).toMatchObject({ rows: 20, broken: null });
      const order = await rows<{ ok: boolean }>(
        db,
        sql`SELECT bool_and(seq = rn) AS ok FROM (SELECT seq, row_number() OVER (PARTITION BY district_id ORDER BY id) AS rn
            FROM audit_log) x`,
      );
      expect(order[0]!.ok).toBe(true);
      await audit(db, systemActor('a'), { action: 'create', entity: 'e', entityId: 'after' });
      expect(await verifyChain(db, 'a')).toMatchObject({ rows: 11, broken: null });
    } finally {
      await client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('catches a deleted row: the next row reports the gap', async () => {
    const [row] = await rows<{ id: string; seq: number }>(
      p.db,
      sql`SELECT id::text, seq::int FROM audit_log WHERE district_id = ${p.districtId} AND seq = 5`,
    );
    await asOwner(sql`DELETE FROM audit_log WHERE id = ${row!.id}::bigint`);
    const report = await verifyChain(p.db, p.districtId);
    expect(report.broken).toMatchObject({ reason: 'missing', seq: 6 });
    expect(report.rows).toBe(4);
  });
});

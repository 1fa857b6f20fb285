// The only SQL about enterprises, buildings and honours: filtered pages, one record, create, update, bulk upsert.
import { and, asc, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { scopeWhere } from '../../platform/auth/scope.ts';
import { findUnit, subdistrictsOf, unitNameSql } from '../units/units.store.ts';
import { buildings, enterpriseHonours, enterprises } from './enterprises.schema.ts';
import type { Enterprise, EnterpriseListItem, EnterpriseValues, Honour } from './enterprises.contract.ts';
import type { EnterpriseScope } from './enterprises.policy.ts';
import type { z } from 'zod';
import type { enterpriseListQuerySchema } from './enterprises.contract.ts';

export type ListQuery = z.output<typeof enterpriseListQuerySchema>;
type EnterpriseRow = typeof enterprises.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const scopeCondition = (scope: EnterpriseScope): SQL | undefined =>
  'all' in scope
    ? undefined
    : scopeWhere(scope, { subdistrictId: enterprises.subdistrictId, enterpriseId: enterprises.id });

function listConditions(
  districtId: string,
  scope: EnterpriseScope,
  q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>,
): SQL {
  const conds: (SQL | undefined)[] = [eq(enterprises.districtId, districtId), scopeCondition(scope)];
  if (q.q) {
    const pattern = `%${escapeLike(q.q)}%`;
    conds.push(or(ilike(enterprises.name, pattern), ilike(enterprises.uscc, pattern)));
  }
  if (q.subdistrictId) conds.push(eq(enterprises.subdistrictId, q.subdistrictId));
  if (q.buildingId) conds.push(eq(enterprises.buildingId, q.buildingId));
  if (q.field) conds.push(sql`${q.field} = ANY(${enterprises.fields})`);
  if (q.aboveScale !== undefined) conds.push(eq(enterprises.aboveScale, q.aboveScale));
  if (q.status) conds.push(eq(enterprises.status, q.status));
  if (q.registeredFrom) conds.push(gte(enterprises.registrationDate, q.registeredFrom));
  if (q.registeredTo) conds.push(lte(enterprises.registrationDate, q.registeredTo));
  if (q.honour) {
    conds.push(
      sql`EXISTS (SELECT 1 FROM enterprise_honours h WHERE h.district_id = ${enterprises.districtId}
                  AND h.enterprise_id = ${enterprises.id} AND h.kind = ${q.honour})`,
    );
  }
  return and(...conds)!;
}

const orderOf = (sort: ListQuery['sort']) => {
  switch (sort) {
    case 'name':
      return [asc(enterprises.name), asc(enterprises.id)];
    case '-name':
      return [desc(enterprises.name), asc(enterprises.id)];
    case 'registrationDate':
      return [asc(enterprises.registrationDate), asc(enterprises.id)];
    case '-registrationDate':
      return [desc(enterprises.registrationDate), asc(enterprises.id)];
  }
};

const listColumns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  name: enterprises.name,
  registrationDate: enterprises.registrationDate,
  subdistrictId: enterprises.subdistrictId,
  subdistrictName: sql<string>`${unitNameSql(enterprises.districtId, enterprises.subdistrictId)}`,
  buildingId: buildings.id,
  buildingCode: buildings.code,
  buildingName: buildings.name,
  fields: enterprises.fields,
  aboveScale: enterprises.aboveScale,
  status: enterprises.status,
  honourKinds: sql<string[]>`ARRAY(SELECT DISTINCT h.kind FROM enterprise_honours h
      WHERE h.district_id = ${enterprises.districtId} AND h.enterprise_id = ${enterprises.id} ORDER BY 1)`,
};

type ListRow = {
  id: string;
  uscc: string;
  name: string;
  registrationDate: string;
  subdistrictId: string;
  subdistrictName: string;
  buildingId: string | null;
  buildingCode: string | null;
  buildingName: string | null;
  fields: string[];
  aboveScale: boolean;
  status: string;
  honourKinds: string[];
};

const toListItem = (r: ListRow): EnterpriseListItem => ({
  id: r.id,
  uscc: r.uscc,
  name: r.name,
  registrationDate: r.registrationDate,
  subdistrict: { id: r.subdistrictId, name: r.subdistrictName },
  building: r.buildingId ? { id: r.buildingId, code: r.buildingCode!, name: r.buildingName! } : null,
  fields: r.fields,
  aboveScale: r.aboveScale,
  status: r.status as EnterpriseListItem['status'],
  honourKinds: r.honourKinds ?? [],
});

function baseSelect(db: Queryable) {
  return db
    .select(listColumns)
    .from(enterprises)
    .leftJoin(
      buildings,
      and(eq(buildings.districtId, enterprises.districtId), eq(buildings.id, enterprises.buildingId)),
    );
}

export async function listEnterprises(
  db: Queryable,
  districtId: string,
  scope: EnterpriseScope,
  q: ListQuery,
) {
  const where = listConditions(districtId, scope, q);
  // The page and the pager's total on two connections at once (PostgreSQL); PGlite simply runs them in turn.
  const [items, [counted]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(...orderOf(q.sort))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM enterprises WHERE ${where}`),
  ]);
  return {
    items: (items as ListRow[]).map(toListItem),
    total: counted?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A registered enterprise with the kinds of honour it holds: what the export writes. */
export type EnterpriseExportRecord = EnterpriseRow & { honourKinds: string[] };

/** Every matching enterprise's full record, for export: in pages of 5,000 so memory stays flat. */
export async function* iterateEnterpriseRecords(
  db: Queryable,
  districtId: string,
  scope: EnterpriseScope,
  q: ListQuery,
): AsyncGenerator<EnterpriseExportRecord> {
  const where = listConditions(districtId, scope, q);
  for (let page = 0; ; page++) {
    const batch = await db
      .select({ e: enterprises, honourKinds: listColumns.honourKinds })
      .from(enterprises)
      .where(where)
      .orderBy(...orderOf(q.sort))
      .limit(5000)
      .offset(page * 5000);
    for (const r of batch) yield { ...r.e, honourKinds: r.honourKinds ?? [] };
    if (batch.length < 5000) return;
  }
}

export async function findEnterpriseRow(
  db: Queryable,
  districtId: string,
  id: string,
): Promise<EnterpriseRow | undefined> {
  const found = await db
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.districtId, districtId), eq(enterprises.id, id)))
    .limit(1);
  return found[0];
}

/** The enterprise a staff member names by its USCC (case-insensitive) or its exact name (the service desk's 代录). */
export async function findEnterpriseByKey(
  db: Queryable,
  districtId: string,
  key: { uscc?: string | undefined; name?: string | undefined },
): Promise<EnterpriseRow | undefined> {
  const found = await db
    .select()
    .from(enterprises)
    .where(
      and(
        eq(enterprises.districtId, districtId),
        key.uscc ? eq(enterprises.uscc, key.uscc.toUpperCase()) : eq(enterprises.name, key.name ?? ''),
      ),
    )
    .limit(1);
  return found[0];
}

async function honoursOf(db: Queryable, districtId: string, id: string): Promise<Honour[]> {
  const hs = await db
    .select({
      kind: enterpriseHonours.kind,
      awardedOn: enterpriseHonours.awardedOn,
      source: enterpriseHonours.source,
    })
    .from(enterpriseHonours)
    .where(and(eq(enterpriseHonours.districtId, districtId), eq(enterpriseHonours.enterpriseId, id)))
    .orderBy(asc(enterpriseHonours.awardedOn), asc(enterpriseHonours.kind));
  return hs as Honour[];
}

export async function getEnterprise(
  db: Queryable,
  districtId: string,
  id: string,
): Promise<Enterprise | undefined> {
  const found = (await baseSelect(db)
    .where(and(eq(enterprises.districtId, districtId), eq(enterprises.id, id)))
    .limit(1)) as ListRow[];
  const row = found[0];
  if (!row) return undefined;
  const full = (await findEnterpriseRow(db, districtId, id))!;
  return {
    ...toListItem(row),
    address: full.address,
    contactPerson: full.contactPerson,
    contactPhone: full.contactPhone,
    settledOn: full.settledOn,
    leftOn: full.leftOn,
    honours: await honoursOf(db, districtId, id),
    createdAt: new Date(full.createdAt).toISOString(),
    updatedAt: new Date(full.updatedAt).toISOString(),
  };
}

/** What the audit trail keeps of an enterprise: its attributes and honours, without timestamps. */
/** An enterprise as its audit events record it. */
export function snapshot(row: EnterpriseRow, honours: Honour[]) {
  const { createdAt: _c, updatedAt: _u, districtId: _d, ...rest } = row;
  return { ...rest, honours };
}

/** Checks references a form or import row makes: the subdistrict is a 镇街 and the building exists. */
export async function checkReferences(
  db: Queryable,
  districtId: string,
  v: Pick<EnterpriseValues, 'subdistrictId' | 'buildingId'>,
) {
  const sub = await findUnit(db, districtId, v.subdistrictId);
  if (!sub || sub.kind !== 'subdistrict') {
    throw new AppError('VALIDATION', '所属镇街不存在', [
      { path: 'subdistrictId', message: '所属镇街不存在' },
    ]);
  }
  if (v.buildingId) {
    const [b] = await db
      .select({ id: buildings.id })
      .from(buildings)
      .where(and(eq(buildings.districtId, districtId), eq(buildings.id, v.buildingId)))
      .limit(1);
    if (!b)
      throw new AppError('VALIDATION', '所在楼宇不存在', [{ path: 'buildingId', message: '所在楼宇不存在' }]);
  }
}

/** The enterprise already registered under `uscc` (other than `exceptId`), if any. */
async function usccHolder(
  db: Queryable,
  districtId: string,
  uscc: string,
  exceptId?: string,
): Promise<{ id: string; subdistrictId: string } | undefined> {
  const found = await db
    .select({ id: enterprises.id, subdistrictId: enterprises.subdistrictId })
    .from(enterprises)
    .where(and(eq(enterprises.districtId, districtId), eq(enterprises.uscc, uscc)))
    .limit(1);
  return found[0] && found[0].id !== exceptId ? found[0] : undefined;
}

/**
 * A USCC already registered. It carries the holder (id, subdistrict) for the route to decide whether the caller may
 * be pointed at it; the holder is not part of the error body unless the route puts it there.
 */
export class DuplicateUsccError extends AppError {
  constructor(
    uscc: string,
    readonly holder: { id: string; subdistrictId: string },
    details?: Record<string, unknown>,
  ) {
    super(
      'CONFLICT',
      `统一社会信用代码 ${uscc} 已登记`,
      [{ path: 'uscc', message: '该统一社会信用代码已登记' }],
      details,
    );
  }
}

async function refuseTakenUscc(db: Queryable, districtId: string, uscc: string, exceptId?: string) {
  const holder = await usccHolder(db, districtId, uscc, exceptId);
  if (holder) throw new DuplicateUsccError(uscc, holder);
}

/** The enterprises row of `v` (the settled date defaulting to registration, no leaving date while active). */
export const rowValues = (districtId: string, v: EnterpriseValues) => ({
  districtId,
  uscc: v.uscc,
  name: v.name,
  registrationDate: v.registrationDate,
  subdistrictId: v.subdistrictId,
  buildingId: v.buildingId,
  address: v.address,
  fields: v.fields,
  aboveScale: v.aboveScale,
  status: v.status,
  settledOn: v.settledOn ?? v.registrationDate,
  leftOn: v.status === 'active' ? null : v.leftOn,
  contactPerson: v.contactPerson,
  contactPhone: v.contactPhone,
});

async function writeHonours(db: Queryable, districtId: string, enterpriseId: string, honours: Honour[]) {
  await db
    .delete(enterpriseHonours)
    .where(
      and(eq(enterpriseHonours.districtId, districtId), eq(enterpriseHonours.enterpriseId, enterpriseId)),
    );
  if (honours.length) {
    await db.insert(enterpriseHonours).values(honours.map((h) => ({ districtId, enterpriseId, ...h })));
  }
}

export async function createEnterprise(db: Db, actor: Actor, v: EnterpriseValues): Promise<string> {
  const districtId = actor.districtId;
  return db.transaction(async (tx) => {
    await checkReferences(tx, districtId, v);
    await refuseTakenUscc(tx, districtId, v.uscc);
    const [inserted] = await tx.insert(enterprises).values(rowValues(districtId, v)).returning();
    await writeHonours(tx, districtId, inserted!.id, v.honours);
    await audit(tx, actor, {
      action: 'create',
      entity: 'enterprise',
      entityId: inserted!.id,
      after: snapshot(inserted!, v.honours),
    });
    return inserted!.id;
  });
}

export async function updateEnterprise(db: Db, actor: Actor, id: string, v: EnterpriseValues): Promise<void> {
  const districtId = actor.districtId;
  await db.transaction(async (tx) => {
    const before = await findEnterpriseRow(tx, districtId, id);
    if (!before) throw new AppError('NOT_FOUND');
    await checkReferences(tx, districtId, v);
    await refuseTakenUscc(tx, districtId, v.uscc, id);
    const beforeHonours = await honoursOf(tx, districtId, id);
    const [after] = await tx
      .update(enterprises)
      .set({ ...rowValues(districtId, v), updatedAt: sql`now()` })
      .where(and(eq(enterprises.districtId, districtId), eq(enterprises.id, id)))
      .returning();
    await writeHonours(tx, districtId, id, v.honours);
    await audit(tx, actor, {
      action: 'update',
      entity: 'enterprise',
      entityId: id,
      before: snapshot(before, beforeHonours),
      after: snapshot(after!, v.honours),
    });
  });
}

/**
 * Lands a whole import in one transaction: rows whose USCC is registered update it, the rest are created.
 * Honours are not part of an import (they come from official lists and are kept as they are).
 */
export type EnterpriseRecord = EnterpriseRow;

export async function listBuildings(db: Queryable, districtId: string, subdistrictId?: string) {
  const counted = await rows<{
    id: string;
    code: string;
    name: string;
    kind: 'building' | 'park';
    subdistrict_id: string;
    address: string;
    total_area: number;
    enterprise_count: number;
  }>(
    db,
    sql`SELECT b.id::text, b.code, b.name, b.kind, b.subdistrict_id::text, b.address, b.total_area::int,
               (SELECT count(*) FROM enterprises e WHERE e.district_id = b.district_id AND e.building_id = b.id)::int AS enterprise_count
        FROM buildings b
        WHERE b.district_id = ${districtId} ${subdistrictId ? sql`AND b.subdistrict_id = ${subdistrictId}` : sql``}
        ORDER BY b.name`,
  );
  return counted.map((b) => ({
    id: b.id,
    code: b.code,
    name: b.name,
    kind: b.kind,
    subdistrictId: b.subdistrict_id,
    address: b.address,
    totalArea: b.total_area,
    enterpriseCount: b.enterprise_count,
  }));
}

/** Every building's id, code and name (no counts): what rules and explanations need to resolve codes. */
export async function buildingRefs(db: Queryable, districtId: string) {
  return db
    .select({ id: buildings.id, code: buildings.code, name: buildings.name })
    .from(buildings)
    .where(eq(buildings.districtId, districtId));
}

/** Name and code lookups an import needs to turn spreadsheet text into ids. */
export async function importLookups(db: Queryable, districtId: string) {
  const subs = await subdistrictsOf(db, districtId);
  const bs = await db
    .select({
      id: buildings.id,
      name: buildings.name,
      code: buildings.code,
      subdistrictId: buildings.subdistrictId,
    })
    .from(buildings)
    .where(eq(buildings.districtId, districtId));
  return { subdistricts: subs, buildings: bs };
}

export interface BuildingSeed {
  code: string;
  name: string;
  kind: 'building' | 'park';
  subdistrictId: string;
  address: string;
  totalArea: number;
}

export interface EnterpriseSeed extends Omit<EnterpriseValues, 'honours'> {
  honours: Honour[];
}

/** Bulk load of a generated or migrated registry (no per-row audit: the caller records one summary event). */
export async function bulkInsertRegistry(
  db: Queryable,
  districtId: string,
  bs: BuildingSeed[],
  es: (building: Map<string, string>) => Iterable<EnterpriseSeed>,
) {
  const buildingIds = new Map<string, string>();
  for (let i = 0; i < bs.length; i += 1000) {
    const inserted = await db
      .insert(buildings)
      .values(bs.slice(i, i + 1000).map((b) => ({ districtId, ...b })))
      .returning({ id: buildings.id, code: buildings.code });
    for (const b of inserted) buildingIds.set(b.code, b.id);
  }
  let count = 0;
  let batch: EnterpriseSeed[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const inserted = await db
      .insert(enterprises)
      .values(batch.map((e) => rowValues(districtId, e)))
      .returning({ id: enterprises.id, uscc: enterprises.uscc });
    const idByUscc = new Map(inserted.map((r) => [r.uscc, r.id]));
    const honours = batch.flatMap((e) =>
      e.honours.map((h) => ({ districtId, enterpriseId: idByUscc.get(e.uscc)!, ...h })),
    );
    if (honours.length) await db.insert(enterpriseHonours).values(honours);
    count += batch.length;
    batch = [];
  };
  for (const e of es(buildingIds)) {
    batch.push(e);
    if (batch.length === 1000) await flush();
  }
  await flush();
  return { buildings: bs.length, enterprises: count };
}

export async function countEnterprises(db: Queryable, districtId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM enterprises WHERE district_id = ${districtId}`,
  );
  return r?.n ?? 0;
}

/** Where to reach an enterprise: its contact phone, when it is a mobile number (SMS). */
export async function enterpriseContacts(
  db: Queryable,
  districtId: string,
  id: string,
): Promise<{ channel: 'sms'; to: string }[]> {
  const [e] = await db
    .select({ phone: enterprises.contactPhone })
    .from(enterprises)
    .where(and(eq(enterprises.districtId, districtId), eq(enterprises.id, id)))
    .limit(1);
  const phone = e?.phone.replace(/[\s-]/g, '') ?? '';
  return /^1\d{10}$/.test(phone) ? [{ channel: 'sms', to: phone }] : [];
}

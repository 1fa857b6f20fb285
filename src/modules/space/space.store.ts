// The only SQL on the carrier-space tables: operators today (list, one, create, edit) and what other modules read
// of them (an operator's name as a scalar subquery, for accounts).
import { and, asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { scopeWhere, type Scope } from '../../platform/auth/scope.ts';
import { spaceBuildings, spaceOperators } from './space.schema.ts';
import type { OperatorBody } from './space.contract.ts';

export type OperatorRow = typeof spaceOperators.$inferSelect;

/** A scalar subquery: the name of operator `id` of district `districtId` (both may name outer columns), or NULL. */
export const operatorNameSql = (districtId: SQLWrapper, id: SQLWrapper): SQL =>
  sql`(SELECT ${spaceOperators.name} FROM ${spaceOperators} WHERE ${spaceOperators.districtId} = ${districtId} AND ${spaceOperators.id} = ${id})`;

export async function findOperator(
  db: Queryable,
  districtId: string,
  id: string,
): Promise<OperatorRow | undefined> {
  const [row] = await db
    .select()
    .from(spaceOperators)
    .where(and(eq(spaceOperators.districtId, districtId), eq(spaceOperators.id, id)))
    .limit(1);
  return row;
}

/** The operators within `scope` (the district for staff, its own for an operator), by name. */
export async function listOperators(db: Queryable, districtId: string, scope: Scope): Promise<OperatorRow[]> {
  return db
    .select()
    .from(spaceOperators)
    .where(
      and(eq(spaceOperators.districtId, districtId), scopeWhere(scope, { operatorId: spaceOperators.id })),
    )
    .orderBy(asc(spaceOperators.name));
}

const nameTaken = () =>
  new AppError('CONFLICT', '已有同名的运营机构', [{ path: 'name', message: '已有同名的运营机构' }]);

const snapshot = ({ createdAt: _c, updatedAt: _u, ...rest }: OperatorRow) => rest;

export async function createOperator(db: Db, actor: Actor, v: OperatorBody): Promise<OperatorRow> {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: spaceOperators.id })
      .from(spaceOperators)
      .where(and(eq(spaceOperators.districtId, actor.districtId), eq(spaceOperators.name, v.name)))
      .limit(1);
    if (taken) throw nameTaken();
    const [row] = await tx
      .insert(spaceOperators)
      .values({ districtId: actor.districtId, ...v })
      .returning();
    await audit(tx, actor, {
      action: 'create',
      entity: 'spaceOperator',
      entityId: row!.id,
      after: snapshot(row!),
    });
    return row!;
  });
}

export async function updateOperator(
  db: Db,
  actor: Actor,
  id: string,
  v: OperatorBody,
): Promise<OperatorRow> {
  return db.transaction(async (tx) => {
    const before = await findOperator(tx, actor.districtId, id);
    if (!before) throw new AppError('NOT_FOUND', '运营机构不存在');
    const [taken] = await tx
      .select({ id: spaceOperators.id })
      .from(spaceOperators)
      .where(
        and(
          eq(spaceOperators.districtId, actor.districtId),
          eq(spaceOperators.name, v.name),
          sql`${spaceOperators.id} <> ${id}`,
        ),
      )
      .limit(1);
    if (taken) throw nameTaken();
    const [after] = await tx
      .update(spaceOperators)
      .set({ ...v, updatedAt: sql`now()` })
      .where(and(eq(spaceOperators.districtId, actor.districtId), eq(spaceOperators.id, id)))
      .returning();
    await audit(tx, actor, {
      action: 'update',
      entity: 'spaceOperator',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after!),
    });
    return after!;
  });
}

/** An operator of that name, registered by the system when the district has none of that name (the demo). */
export async function ensureOperator(db: Db, actor: Actor, v: OperatorBody): Promise<OperatorRow> {
  const [found] = await db
    .select()
    .from(spaceOperators)
    .where(and(eq(spaceOperators.districtId, actor.districtId), eq(spaceOperators.name, v.name)))
    .limit(1);
  return found ?? createOperator(db, actor, v);
}

/** The operator that runs a building (null when the inventory names none, or the building is not in it). */
export async function operatorOfBuilding(
  db: Queryable,
  districtId: string,
  buildingId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ operatorId: spaceBuildings.operatorId })
    .from(spaceBuildings)
    .where(and(eq(spaceBuildings.districtId, districtId), eq(spaceBuildings.buildingId, buildingId)))
    .limit(1);
  return row?.operatorId ?? null;
}

/** A scalar subquery: the operator id of building `buildingId` (both may name outer columns), or NULL. */
export const buildingOperatorSql = (districtId: SQLWrapper, buildingId: SQLWrapper): SQL =>
  sql`(SELECT ${spaceBuildings.operatorId} FROM ${spaceBuildings} WHERE ${spaceBuildings.districtId} = ${districtId} AND ${spaceBuildings.buildingId} = ${buildingId})`;
